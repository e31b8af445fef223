"""What ``sphinx-wsis init --language`` writes besides the template's titles, in six languages.

Headings, ITU's questions and the aspect and action-line names come from the template's
translations (``<template>.i18n.yaml``); these are the scaffold's own words: the placeholder
marker and the prompts that follow it, the start page's and the annex's titles and text. The
English entries are the scaffold's original wording; the others are this project's
translations. Comments in the generated files (``%`` and ``..`` lines) stay in English: they
speak to whoever edits the sources, as the configuration does.
"""

# ruff: noqa: RUF001 - text in the six languages, punctuated as their readers write it

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import DEFAULT_LANGUAGE, PLACEHOLDER_MARKERS, report_language


@dataclass(frozen=True)
class Phrases:
    asks: str
    report_title: str  # {review} (the template's, in the language) and {entity}
    annex_title: str
    annex_intro: str  # {template}; the line break is part of the text
    annex_indicators: str
    focal_point: str
    story_title: str  # {line}
    story_text: str  # {line}


PHRASES = {
    "en": Phrases(
        asks="ITU asks: ",
        report_title="{review} Report of {entity}",
        annex_title="Annex: Completeness and indicators",
        annex_intro="This annex is generated from the report itself. The matrix shows, for "
        "every part of the\n{template}, whether this report covers it.",
        annex_indicators="All indicators in this report:",
        focal_point="name of the WSIS focal point",
        story_title="{line} success story",
        story_text="tell one story of your work on {line}: what was done, with whom, where and "
        "when, and what changed. Add :year:, :partners:, :location:, :url: and :sdgs: options "
        "when you have them.",
    ),
    "fr": Phrases(
        asks="Question de l’UIT : ",
        report_title="Rapport {review} de {entity}",
        annex_title="Annexe : état d’avancement et indicateurs",
        annex_intro="Cette annexe est produite à partir du rapport lui-même. La matrice indique,\n"
        "pour chaque partie du document « {template} », si ce rapport la traite.",
        annex_indicators="Tous les indicateurs de ce rapport :",
        focal_point="nom du point focal SMSI",
        story_title="Exemple de réussite {line}",
        story_text="racontez une réalisation de votre travail sur {line} : ce qui a été fait, "
        "avec qui, où et quand, et ce qui a changé. Ajoutez les options :year:, :partners:, "
        ":location:, :url: et :sdgs: si vous les connaissez.",
    ),
    "es": Phrases(
        asks="Pregunta de la UIT: ",
        report_title="Informe {review} de {entity}",
        annex_title="Anexo: grado de avance e indicadores",
        annex_intro="Este anexo se genera a partir del propio informe. La matriz indica, para\n"
        "cada parte del documento «{template}», si este informe la trata.",
        annex_indicators="Todos los indicadores de este informe:",
        focal_point="nombre del punto focal de la CMSI",
        story_title="Caso de éxito {line}",
        story_text="cuente un logro de su trabajo en {line}: qué se hizo, con quién, dónde y "
        "cuándo, y qué cambió. Añada las opciones :year:, :partners:, :location:, :url: y "
        ":sdgs: cuando las tenga.",
    ),
    "ru": Phrases(
        asks="Вопрос МСЭ: ",
        report_title="Доклад {review}: {entity}",
        annex_title="Приложение: полнота доклада и показатели",
        annex_intro="Это приложение формируется из самого доклада. Матрица показывает для\n"
        "каждой части документа «{template}», освещена ли она в докладе.",
        annex_indicators="Все показатели доклада:",
        focal_point="имя координатора по ВВУИО",
        story_title="История успеха {line}",
        story_text="расскажите об одном результате вашей работы по {line}: что было сделано, с "
        "кем, где и когда и что изменилось. Добавьте параметры :year:, :partners:, :location:, "
        ":url: и :sdgs:, когда они известны.",
    ),
    "ar": Phrases(
        asks="سؤال الاتحاد الدولي للاتصالات: ",
        report_title="تقرير {review} المقدم من {entity}",
        annex_title="الملحق: اكتمال التقرير والمؤشرات",
        annex_intro="يُنشأ هذا الملحق من التقرير نفسه. تبين المصفوفة، لكل جزء من\n"
        "«{template}»، ما إذا كان هذا التقرير يتناوله.",
        annex_indicators="جميع المؤشرات الواردة في هذا التقرير:",
        focal_point="اسم جهة الاتصال المعنية بالقمة العالمية لمجتمع المعلومات",
        story_title="قصة نجاح {line}",
        story_text="اروِ قصة واحدة من عملكم في {line}: ما الذي أُنجز، ومع من، وأين ومتى، "
        "وما الذي تغيّر. أضف الخيارات :year: و:partners: و:location: و:url: و:sdgs: عند توفرها.",
    ),
    "zh": Phrases(
        asks="国际电联的问题：",
        report_title="{entity}{review}报告",
        annex_title="附件：完成情况和指标",
        annex_intro="本附件由报告本身生成。矩阵显示《{template}》的每个部分是否已在本报告中涵盖。",
        annex_indicators="本报告中的所有指标：",
        focal_point="信息社会世界峰会联络人姓名",
        story_title="{line}成功案例",
        story_text="讲述您在{line}方面工作的一个案例：做了什么、与谁合作、在何时何地，"
        "以及带来了哪些变化。如有，请添加 :year:、:partners:、:location:、:url: 和 :sdgs: 选项。",
    ),
}


def phrases_for(language: str | None) -> Phrases:
    return PHRASES[report_language(language)]


def marker_for(language: str | None) -> str | None:
    """The placeholder marker of ``language``'s scaffold; None: the template's own (English)."""
    lang = report_language(language)
    return None if lang == DEFAULT_LANGUAGE else PLACEHOLDER_MARKERS[lang]
