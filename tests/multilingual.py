"""The same small, complete report written in each of the six UN languages.

One entity, every section, C1 with its three aspects, a success story and an indicator, and
the other action lines declared not applicable with a reason: every part of the template is
done, so the build has no finding and the labels of every card and table show.
"""

# ruff: noqa: RUF001 - text in the six languages, written as their readers write it

from __future__ import annotations

import gettext
from pathlib import Path

from sphinx_wsis.i18n import LOCALE_DIR
from sphinx_wsis.scaffold.phrases import phrases_for
from sphinx_wsis.template import load_template, resolve_template
from sphinx_wsis.template_titles import titles_for, translate_template

from .conftest import write_project

LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")

#: What the author writes, in each language: entity, a sentence, a reason, a story title.
TEXT = {
    "en": (
        "Open Access Networks Alliance",
        "Our network connected 120 rural schools between 2005 and 2025.",
        "This action line is outside our mandate.",
        "Rural school networks",
    ),
    "fr": (
        "Alliance des réseaux en accès ouvert",
        "Notre réseau a connecté 120 écoles rurales entre 2005 et 2025.",
        "Cette grande orientation ne relève pas de notre mandat.",
        "Réseaux des écoles rurales",
    ),
    "es": (
        "Alianza de Redes de Acceso Abierto",
        "Nuestra red conectó 120 escuelas rurales entre 2005 y 2025.",
        "Esta línea de acción no forma parte de nuestro mandato.",
        "Redes de escuelas rurales",
    ),
    "ru": (
        "Альянс сетей открытого доступа",
        "Наша сеть подключила 120 сельских школ в 2005–2025 годах.",
        "Это направление деятельности не входит в наш мандат.",
        "Сети сельских школ",
    ),
    "ar": (
        "تحالف شبكات النفاذ المفتوح",
        "ربطت شبكتنا 120 مدرسة ريفية بين عامي 2005 و2025.",
        "لا يدخل خط العمل هذا في نطاق ولايتنا.",
        "شبكات المدارس الريفية",
    ),
    "zh": (
        "开放接入网络联盟",
        "2005年至2025年间，我们的网络连接了120所农村学校。",
        "该行动方针不属于我们的职责范围。",
        "农村学校网络",
    ),
}

CONF = """\
extensions = ["myst_parser", "sphinx_wsis"]
myst_enable_extensions = ["colon_fence"]
project = {project!r}
author = {project!r}
language = {language!r}
exclude_patterns = ["_build"]
html_theme = {theme!r}
html_title = project
"""


def translation(language: str) -> gettext.NullTranslations:
    """The extension's compiled catalog for ``language`` (English: the messages themselves)."""
    code = "zh_CN" if language == "zh" else language
    return gettext.translation("sphinx_wsis", LOCALE_DIR, [code], fallback=True)


def labels(language: str, *messages: str) -> list[str]:
    return [translation(language).gettext(message) for message in messages]


def report_files(language: str, extra: str = "") -> dict[str, str]:
    """The report's pages: one page per chapter of the template, in ``language``."""
    entity, sentence, reason, story = TEXT[language]
    english = load_template(resolve_template("wsis20-stakeholder", Path.cwd()))
    template = translate_template(english, titles_for(english.origin), language)
    sections = [s for s in template.sections if s.satisfied_by != "contact"]
    lines = [line for line in template.action_lines if line.code != "C1"]
    contact = next(s.title for s in template.sections if s.satisfied_by == "contact")
    annex = phrases_for(language).annex_title
    pages = {
        "index.md": f"""\
# {entity}

:::{{wsis-report}}
:entity: {entity}
:stakeholder: civil-society
:country: KE
:period: 2005-2025
:date: 2025-05-28
:website: https://oana.example.org
:::

{sentence} {extra}

```{{toctree}}
sections
action-lines
contact
annex
```
""",
        "sections.md": f"# {entity}\n\n"
        + "\n".join(_section(section.key, section.title, sentence) for section in sections),
        "action-lines.md": f"""\
# C1

::::{{wsis-action-line}} C1
:::{{wsis-achievements}}
{sentence}
:::

:::{{wsis-challenges}}
{sentence}
:::

:::{{wsis-priorities}}
{sentence}
:::

:::{{wsis-success-story}} {story}
:year: 2019
:partners: OANA
:location: Kisumu

{sentence}
:::
::::
"""
        + "\n".join(
            f":::{{wsis-action-line}} {line.code}\n:not-applicable: {reason}\n:::\n"
            for line in lines
        ),
        "contact.md": f"""\
# {contact}

:::{{wsis-contact}}
:name: Achieng Odhiambo
:role: WSIS focal point
:email: a.odhiambo@oana.example.org
:::
""",
        "annex.md": f"""\
# {annex}

:::{{wsis-completeness}}
:::

:::{{wsis-indicators}}
:::
""",
    }
    return pages


def _section(key: str, title: str, sentence: str) -> str:
    indicator = ""
    if key == "key-indicators":
        indicator = """
:::{wsis-indicator} Internet use
:code: 17.8.1
:value: 99.3
:unit: percent
:year: 2024
:baseline: 66.4
:baseline-year: 2005
:source: ITU
:scope: national
:status: in-progress
:::
"""
    return f"## {title}\n\n::::{{wsis-section}} {key}\n{sentence}\n{indicator}::::\n"


def write_report(path: Path, language: str, *, theme: str = "alabaster", extra: str = "") -> Path:
    conf = CONF.format(project=TEXT[language][0], language=language, theme=theme)
    return write_project(path, report_files(language, extra), conf)
