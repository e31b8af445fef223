"""The six UN languages: the message catalog through Sphinx, template titles, numbers, ids."""

from __future__ import annotations

import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from babel import localedata as babel_localedata
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_wsis import cldr_numbers, i18n, template_titles
from sphinx_wsis.template import load_template, resolve_template

from .conftest import ROOT, script_check, write_project

LOCALE = ROOT / "sphinx_wsis" / "locale"
POT = LOCALE / "sphinx_wsis.pot"
#: Sphinx's ``language`` → the catalog directory gettext finds for it.
CATALOG_DIRS = {"fr": "fr", "es": "es", "ru": "ru", "ar": "ar", "zh": "zh_CN", "zh_CN": "zh_CN"}
PLURAL = (
    "%(done)d of %(parts)d parts complete (%(not_applicable)d not applicable); "
    "%(findings)d finding."
)
PLURAL_MANY = PLURAL[:-2] + "s."

# A test-only directive in the project's own conf.py shows what ``_`` and ``ngettext`` give
# inside a real build: the catalog is found through Sphinx's own lookup for ``language``.
PROBE_CONF = '''\
extensions = ["myst_parser", "sphinx_wsis"]
myst_enable_extensions = ["colon_fence"]
project = "Probe"
exclude_patterns = ["_build"]
language = {language!r}

from docutils import nodes
from sphinx.util.docutils import SphinxDirective


class Probe(SphinxDirective):
    """``i18n-probe`` shows ``_(message)``; with ``:count:``, ``ngettext`` of the summary."""

    required_arguments = 1
    final_argument_whitespace = True
    option_spec = {{"count": int}}

    def run(self):
        from sphinx_wsis.i18n import _, ngettext

        if "count" in self.options:
            singular, plural = self.arguments[0].split(" || ")
            n = self.options["count"]
            text = ngettext(singular, plural, n) % {{
                "done": 3, "parts": 4, "not_applicable": 1, "findings": n,
            }}
        else:
            text = _(self.arguments[0])
        return [nodes.paragraph(text, text, classes=["probe"])]


def setup(app):
    app.add_directive("i18n-probe", Probe)
'''

PROBES = """\
# Probe

```{{i18n-probe}} Success stories
```

```{{i18n-probe}} Indicator code
```

```{{i18n-probe}} Stakeholder type
```

```{{i18n-probe}} {plural} || {plural_many}
:count: {count}
```
"""

EXPECTED = {
    "fr": ["Exemples de réussite", "Code de l’indicateur", "Type de partie prenante"],  # noqa: RUF001
    "es": ["Casos de éxito", "Código del indicador", "Tipo de parte interesada"],
    "ru": ["Истории успеха", "Код показателя", "Категория заинтересованной стороны"],
    "ar": ["قصص النجاح", "رمز المؤشر", "فئة صاحب المصلحة"],
    "zh": ["成功案例", "指标代码", "利益相关方类型"],
    "zh_CN": ["成功案例", "指标代码", "利益相关方类型"],
}


def _probe_project(path: Path, language: str, count: int = 2) -> Path:
    probes = PROBES.format(plural=PLURAL, plural_many=PLURAL_MANY, count=count)
    return write_project(path, {"index.md": probes}, PROBE_CONF.format(language=language))


def _probes(html: str) -> list[str]:
    from bs4 import BeautifulSoup

    return [p.get_text() for p in BeautifulSoup(html, "html.parser").select("p.probe")]


# -- the catalog, loaded by Sphinx -------------------------------------------------------------


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_catalog_translates_inside_a_real_build(tmp_path, build, language):
    built = build(_probe_project(tmp_path / language, language))
    shown = _probes(built.html())
    assert shown[:3] == EXPECTED[language]
    assert not {"Success stories", "Indicator code", "Stakeholder type"} & set(shown)
    assert "%(" not in shown[3] and "3" in shown[3] and "4" in shown[3]


def test_english_and_unknown_languages_keep_the_english_messages(tmp_path, build):
    for language in ("en", "de"):
        built = build(_probe_project(tmp_path / language, language, count=1))
        shown = _probes(built.html())
        assert shown[:3] == ["Success stories", "Indicator code", "Stakeholder type"]
        assert shown[3] == "3 of 4 parts complete (1 not applicable); 1 finding."


@pytest.mark.parametrize(
    ("count", "word"), [(1, "замечание."), (3, "замечания."), (5, "замечаний."), (21, "замечание.")]
)
def test_russian_plural_forms_follow_the_number(tmp_path, build, count, word):
    built = build(_probe_project(tmp_path / f"ru{count}", "ru", count=count))
    assert _probes(built.html())[3].endswith(f"{count} {word}")


def test_each_build_in_one_process_gets_its_own_language(tmp_path, build):
    """Sphinx adds a second catalog as a fallback of the first; ours is replaced instead."""
    french = build(_probe_project(tmp_path / "fr", "fr"))
    spanish = build(_probe_project(tmp_path / "es", "es"))
    assert _probes(french.html())[0] == "Exemples de réussite"
    assert _probes(spanish.html())[0] == "Casos de éxito"


# -- the catalog's files -----------------------------------------------------------------------


def _read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def _template_ids() -> list[str | tuple[str, ...]]:
    return [message.id for message in _read(POT) if message.id]


@pytest.mark.parametrize("directory", sorted(set(CATALOG_DIRS.values())))
def test_every_message_has_a_translation(directory):
    catalog = _read(LOCALE / directory / "LC_MESSAGES" / "sphinx_wsis.po")
    expected = _template_ids()
    assert len(expected) >= 60
    missing, empty, fuzzy, broken = [], [], [], []
    for message_id in expected:
        message = catalog.get(message_id)
        if message is None:
            missing.append(message_id)
            continue
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(text.strip() for text in texts):
            empty.append(message_id)
        if message.fuzzy:
            fuzzy.append(message_id)
        if list(message.check(catalog)):
            broken.append(message_id)
        if isinstance(message_id, tuple):
            assert len(texts) == catalog.num_plurals, message_id
        wanted = _placeholders(message_id)
        if any(_placeholders(text) - wanted for text in texts):
            broken.append(message_id)  # a placeholder the code does not fill
    assert (missing, empty, fuzzy, broken) == ([], [], [], [])


def _placeholders(text: str | tuple[str, ...]) -> set[str]:
    import re

    joined = " ".join(text) if isinstance(text, tuple) else text
    return set(re.findall(r"%\(\w+\)[sd]", joined))


@pytest.mark.parametrize(
    ("directory", "nplurals"), [("fr", 3), ("es", 3), ("ru", 3), ("ar", 6), ("zh_CN", 1)]
)
def test_catalog_headers_name_the_language_and_its_plural_rule(directory, nplurals):
    catalog = _read(LOCALE / directory / "LC_MESSAGES" / "sphinx_wsis.po")
    assert dict(catalog.mime_headers)["Language"] == directory
    assert catalog.num_plurals == nplurals
    assert f"nplurals={nplurals};" in catalog.plural_forms


def test_compiled_catalogs_match_their_sources():
    """``update-translations --check``: every .mo is compiled from its .po, nothing untranslated."""
    script_check("update-translations")


def test_the_catalog_holds_exactly_the_messages_the_code_prints(tmp_path):
    """Extraction finds no new message and none to drop, and writes nothing (--dry-run)."""
    before = {path: path.read_bytes() for path in LOCALE.rglob("*") if path.is_file()}
    script = ROOT / "scripts" / "update-translations"
    result = subprocess.run(
        [sys.executable, str(script), "--dry-run"], capture_output=True, text=True, check=False
    )
    after = {path: path.read_bytes() for path in LOCALE.rglob("*") if path.is_file()}
    assert after == before
    assert result.returncode == 0, result.stderr
    assert ", 0 new, 0 dropped" in result.stdout


# -- template titles in six languages ----------------------------------------------------------


@pytest.fixture(scope="module")
def shipped():
    path = resolve_template("wsis20-stakeholder", ROOT)
    return load_template(path), template_titles.load_titles(template_titles.titles_path(path))


def _wanted(template) -> dict[str, dict[str, str]]:
    """Every key of the shipped template, by group, with its English wording."""
    chapters = {template_titles.chapter_key(c.number, c.sections): c for c in template.chapters}
    prompts = {s.key: s.prompt for s in template.sections if s.prompt}
    prompts.update({key: c.prompt for key, c in chapters.items() if c.prompt})
    return {
        "template": {"review": template.review, "title": template.title,
                     "subtitle": template.subtitle,
                     "issuer": template.issuer, "source": template.source},
        "chapters": {key: c.title for key, c in chapters.items()},
        "sections": {s.key: s.title for s in template.sections},
        "action-lines": {line.code: line.title for line in template.action_lines},
        "aspects": {a.key: a.title for a in template.aspects},
        "stakeholders": dict(template.stakeholders),
        "prompts": prompts,
    }  # fmt: skip


def test_every_part_of_the_template_has_six_languages(shipped):
    template, titles = shipped
    wanted = _wanted(template)
    assert len(wanted["action-lines"]) == 19 and len(wanted["sections"]) == 8
    for group, keys in wanted.items():
        for key, english in keys.items():
            entry = titles.entry(group, key)
            assert entry is not None, (group, key)
            assert set(entry.texts) == set(i18n.LANGUAGES), (group, key)
            assert all(text.strip() for text in entry.texts.values()), (group, key)
            # the English column is the template's own wording, so the two cannot drift apart
            assert entry.texts["en"] == " ".join(english.split()), (group, key)
            assert "en" not in entry.unofficial and entry.unofficial <= set(i18n.LANGUAGES)


def test_translations_name_no_part_the_template_lacks(shipped):
    template, titles = shipped
    wanted = _wanted(template)
    # 'stories' is the success-story column; 'government' joins the template with issue 14
    allowed = {"aspects": {"stories"}, "stakeholders": {"government"}}
    for group in template_titles.GROUPS:
        extra = titles.keys(group) - set(wanted[group]) - allowed.get(group, set())
        assert not extra, (group, extra)


#: Every text claimed as the official UN wording, other than English: each one was read in an
#: official text (the entry's ``source`` says where). A new claim is added here on purpose.
OFFICIAL_CLAIMS = {
    ("template", "issuer", "fr"),
    ("template", "issuer", "es"),
    ("template", "issuer", "zh"),
    ("action-lines", "C1", "fr"),
    ("action-lines", "C2", "fr"),
    ("action-lines", "C3", "fr"),
    ("action-lines", "C3", "ar"),
    ("action-lines", "C6", "fr"),
    ("action-lines", "C6", "es"),
    ("action-lines", "C7.e-government", "fr"),
    ("action-lines", "C7.e-business", "fr"),
    ("stakeholders", "government", "zh"),
    ("stakeholders", "private-sector", "fr"),
    ("stakeholders", "private-sector", "es"),
    ("stakeholders", "private-sector", "zh"),
    ("stakeholders", "civil-society", "fr"),
    ("stakeholders", "civil-society", "es"),
    ("stakeholders", "civil-society", "zh"),
    ("stakeholders", "academia", "zh"),
    ("stakeholders", "technical-community", "zh"),
    ("stakeholders", "international-organization", "zh"),
}
OFFICIAL_SITES = ("https://www.itu.int/", "http://www.itu.int/", "https://itu.int/",
                  "https://www.un.org/")  # fmt: skip


def _official(titles) -> set[tuple[str, str, str]]:
    return {
        (group, key, language)
        for group in template_titles.GROUPS
        for key in titles.keys(group)
        for language in i18n.LANGUAGES
        if language != "en" and titles.entry(group, key).official(language)
    }


def test_official_wording_is_claimed_only_where_it_was_checked(shipped):
    _, titles = shipped
    assert _official(titles) == OFFICIAL_CLAIMS
    # Annex 1 exists in English only, and no official Russian text could be read
    assert not [claim for claim in OFFICIAL_CLAIMS if claim[2] == "ru"]


@pytest.mark.parametrize(("group", "key", "language"), sorted(OFFICIAL_CLAIMS))
def test_every_official_text_cites_where_it_was_read(shipped, group, key, language):
    _, titles = shipped
    entry = titles.entry(group, key)
    citation = entry.sources.get(language, "")
    assert any(site in citation for site in OFFICIAL_SITES), citation
    # the citation quotes what was read: the text (a name and its abbreviation separately)
    for part in re.split(r"\s*[(\uff08]|[)\uff09]", entry.texts[language]):
        assert part.casefold() in citation.casefold(), (part, citation)


def test_no_unofficial_text_is_cited_as_read(shipped):
    _, titles = shipped
    for group in template_titles.GROUPS:
        for key in titles.keys(group):
            entry = titles.entry(group, key)
            assert not set(entry.sources) & entry.unofficial, (group, key)


def test_titles_pick_the_language_and_fall_back_to_english(shipped):
    _, titles = shipped
    assert titles.text("action-lines", "C4", "fr", "Capacity building") == (
        "Renforcement des capacités"
    )
    assert titles.text("action-lines", "C4", "zh_CN", "?") == "能力建设"
    assert titles.text("action-lines", "C4", "de", "Capacity building") == "Capacity building"
    assert titles.text("action-lines", "C99", "fr", "Custom line") == "Custom line"


def test_a_custom_template_may_translate_any_subset(tmp_path):
    template = tmp_path / "custom.yaml"
    template.write_text("id: custom\n", encoding="utf-8")
    assert template_titles.titles_path(template) == tmp_path / "custom.i18n.yaml"
    assert template_titles.titles_for(template).keys("action-lines") == set()
    template_titles.titles_path(template).write_text(
        "action-lines:\n  C3:\n    fr: Accès au savoir\n    unofficial: [fr]\n", encoding="utf-8"
    )
    titles = template_titles.titles_for(template)
    assert titles.text("action-lines", "C3", "fr", "Access") == "Accès au savoir"
    assert titles.text("action-lines", "C3", "ru", "Access") == "Access"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("action-lines:\n  C1:\n    de: Rolle\n", "'de' is not one of the UN languages"),
        ("action-lines:\n  C1:\n    fr: ''\n", "C1.fr: expected non-empty text"),
        ("action-lines:\n  C1: Rôle\n", "C1: expected a mapping of language"),
        ("titles: {}\n", "unknown top-level key(s): titles"),
        ("a: &x [1]\nb: *x\n", "aliases are not allowed"),
        ("action-lines: [\n", "not valid YAML"),
        ("action-lines:\n  C1:\n    fr: x\n    unofficial: fr\n", "expected a list"),
        ("action-lines:\n  C1:\n    fr: x\n    source: here\n", "C1.source: expected a mapping"),
        ("action-lines:\n  C1:\n    fr: x\n    source: {es: y}\n", "without text: ['es']"),
        ("action-lines:\n  C1:\n    fr: x\n    source: {de: y}\n", "'de' is not one of the UN"),
        ("action-lines:\n  C1:\n    fr: x\n    source: {fr: ''}\n", "C1.source.fr: expected non"),
    ],
)
def test_broken_translations_name_the_file_and_entry(text, message):
    with pytest.raises(template_titles.TitlesError) as caught:
        template_titles.parse_titles(text, "custom.i18n.yaml")
    assert message in str(caught.value)
    assert str(caught.value).startswith("custom.i18n.yaml")


# -- numbers, amounts, dates -------------------------------------------------------------------

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize(
    ("language", "percent", "thousands", "billions"),
    [
        ("fr", f"99,3{NBSP}%", f"184{NNBSP}000", f"2{NNBSP}200{NNBSP}000{NNBSP}000"),
        ("es", f"99,3{NBSP}%", "184.000", "2.200.000.000"),
        ("ru", f"99,3{NBSP}%", f"184{NBSP}000", f"2{NBSP}200{NBSP}000{NBSP}000"),
        ("ar", "99.3%", "184,000", "2,200,000,000"),
        ("zh", "99.3%", "184,000", "2,200,000,000"),
        ("en", "99.3%", "184,000", "2,200,000,000"),
    ],
)
def test_numbers_follow_the_language(language, percent, thousands, billions):
    assert i18n.format_value(99.3, "percent", language) == percent
    assert i18n.format_value(184000, "number", language) == thousands
    assert i18n.format_number(2_200_000_000.0, language) == billions


def test_arabic_numbers_use_western_digits_as_un_documents_do():
    text = i18n.format_value(1234.5, "number", "ar")
    assert text == "1,234.5"
    assert not any("\u0660" <= ch <= "\u0669" for ch in text)
    assert i18n.format_value(184000, "number", "ar_EG") == "184,000"  # a region reads the same


def test_decimals_are_kept_as_written_and_not_rounded():
    assert i18n.format_value(0.25, "percent", "fr") == f"0,25{NBSP}%"
    assert i18n.format_number(3.14159, "es") == "3,14159"
    assert i18n.format_value(None, "percent", "fr") == "—"


def test_amounts_in_us_dollars_carry_the_iso_code():
    assert i18n.format_value(1_500_000, "usd", "en") == f"USD{NBSP}1,500,000"
    assert i18n.format_value(1_500_000, "usd", "fr") == f"1{NNBSP}500{NNBSP}000{NBSP}USD"


def test_number_data_file_is_what_babel_gives():
    """``data/numbers.json`` equals what ``scripts/update-numbers`` copies from the pinned
    Babel, so the entries Babel formats with are CLDR's as Babel ships them."""
    assert "is up to date" in script_check("update-numbers")


def _every_format(value: int | float | Decimal, language: str | None) -> tuple[str, ...]:
    return (
        i18n.format_number(value, language),
        i18n.format_percent(value, language),
        i18n.format_usd(value, language),
        i18n.format_value(value, "people", language, "billion"),
    )


NUMBERS = [0, 1, 2, 3, 5, 11, 21, 22, 101, -1, -3, 7.5, 0.5, 99.3, 1234, 184_000, 2.2e9, 1e21,
           1e-7, -0.001, 12_345_678.125, 10**30, Decimal("1234.5000")]  # fmt: skip


@pytest.mark.parametrize("language", [*i18n.LANGUAGES, None])
def test_numbers_from_the_shipped_data_are_babels_own(monkeypatch, language):
    """The shipped CLDR entries stand in for Babel's whole locale (no locale file is loaded),
    and every format gives what Babel's own locale gives."""
    tag = language or i18n.DEFAULT_LANGUAGE
    assert cldr_numbers.numbers_locale(tag) is not None  # the pinned Babel: the data is used
    loaded = set(babel_localedata._cache)
    shipped = [_every_format(value, language) for value in NUMBERS]
    assert set(babel_localedata._cache) == loaded  # Babel read no locale file for them
    monkeypatch.setattr(cldr_numbers, "numbers_locale", lambda tag: None)
    assert shipped == [_every_format(value, language) for value in NUMBERS]


@settings(max_examples=60, deadline=None)
@given(
    value=st.one_of(
        st.integers(-(10**25), 10**25),
        st.floats(allow_nan=False, allow_infinity=False, min_value=-1e25, max_value=1e25),
    ),
    language=st.sampled_from(i18n.LANGUAGES),
)
def test_any_number_reads_as_babel_writes_it(value, language):
    shipped = _every_format(value, language)
    locale = i18n.babel_locale(language)
    original = cldr_numbers.numbers_locale
    try:
        cldr_numbers.numbers_locale = lambda tag: None  # type: ignore[assignment]
        assert shipped == _every_format(value, language), locale
    finally:
        cldr_numbers.numbers_locale = original  # type: ignore[assignment]


def test_a_region_or_another_babel_uses_babels_own_locale(monkeypatch):
    assert cldr_numbers.numbers_locale("fr_CA") is None
    monkeypatch.setattr(cldr_numbers, "_stored", lambda: None)  # as with another Babel release
    assert cldr_numbers.numbers_locale("fr") is None
    assert i18n.format_value(184000, "number", "fr") == f"184{NNBSP}000"


def test_units_outside_the_vocabulary_are_shown_as_written():
    assert i18n.format_value(12, "km of fibre", "fr") == "12 km of fibre"
    assert i18n.format_value(48, "per-100", "en") == "48 per 100 inhabitants"


@pytest.mark.parametrize(
    ("language", "day", "month"),
    [
        ("fr", "28 mai 2025", "mai 2025"),
        ("es", "28 de mayo de 2025", "mayo de 2025"),
        ("zh", "2025年5月28日", "2025年5月"),
        ("ar", "28 مايو 2025", "مايو 2025"),
        ("en", "May 28, 2025", "May 2025"),
    ],
)
def test_dates_follow_the_language(language, day, month):
    assert i18n.format_date("2025-05-28", language) == day
    assert i18n.format_date("2025-05", language) == month
    assert i18n.format_date("2025", language) == "2025"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "fr"), ("fr_CA", "fr"), ("zh_CN", "zh"), ("zh-Hans", "zh"), ("de", "en"), (None, "en")],
)
def test_sphinx_languages_map_to_the_six(language, expected):
    assert i18n.report_language(language) == expected
    assert i18n.is_rtl(language) is False
    assert i18n.is_rtl("ar") is True


# -- ids in any script ---------------------------------------------------------------------------


def test_slugs_keep_the_letters_of_every_script():
    titles = {
        "Сельские сети связи": "сельские-сети-связи",
        "Сельские школы онлайн": "сельские-школы-онлайн",
        "社区网络": "社区网络",
        "社区学校上网": "社区学校上网",
        "شبكات المجتمع المحلي": "شبكات-المجتمع-المحلي",
        "الصحة الإلكترونية في الريف": "الصحة-الإلكترونية-في-الريف",
        "Mesh networks, 2024!": "mesh-networks-2024",
    }
    assert {title: i18n.slug(title) for title in titles} == titles
    assert len({i18n.slug(title) for title in titles}) == len(titles)


def test_slugs_are_stable_across_unicode_forms():
    full_width = "\uff37\uff33\uff29\uff33\u3000\uff12\uff10"  # WSIS 20 in full-width forms
    assert i18n.slug(full_width) == i18n.slug("WSIS 20") == "wsis-20"  # NFKC
    assert i18n.slug("Cafe\u0301") == i18n.slug("Café") == "café"  # combining accent
    assert i18n.slug("مَدرسة") == "مَدرسة"  # Arabic vowel marks are kept, not dropped
    assert i18n.slug("— ! —") == ""


@pytest.mark.parametrize("language", ["fr", "es", "ru", "ar", "zh"])
def test_a_translated_template_keeps_every_code_key_and_part(shipped, language):
    template, titles = shipped
    translated = template_titles.translate_template(template, titles, language)
    assert [p.id for p in translated.parts()] == [p.id for p in template.parts()]
    assert translated.id == template.id and translated.digest == template.digest
    for spelling, code in [("C7", "C7"), ("c7", "C7"), ("C7 E-Health", "C7.e-health"),
                           ("c7/e-health", "C7.e-health"), ("C11", "C11")]:  # fmt: skip
        assert translated.normalize_code(spelling) == code, spelling
    line = translated.action_line("C4")
    assert line is not None and line.title == titles.text("action-lines", "C4", language, "")
    assert translated.stakeholder_label("academia") == titles.text(
        "stakeholders", "academia", language, ""
    )
    assert translated.aspects[0].title != "Achievements"


def test_translated_sub_line_titles_add_aliases_in_latin_script_only(shipped):
    template, titles = shipped
    french = template_titles.translate_template(template, titles, "fr")
    assert french.normalize_code("C7 Télésanté") == "C7.e-health"
    assert french.action_line("C7.e-health").heading == "C7 Télésanté"  # type: ignore[union-attr]
    assert template_titles.translate_template(template, titles, "en") is template


def test_element_ids_keep_every_script_and_stay_unique():
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document

    document = new_document("<test>", get_default_settings(Parser))
    first = i18n.unique_id(document, "wsis-story", "社区网络")
    document.ids[first] = None
    second = i18n.unique_id(document, "wsis-story", "社区网络")
    other = i18n.unique_id(document, "wsis-story", "Сельские сети связи")
    assert (first, second, other) == (
        "wsis-story-社区网络",
        "wsis-story-社区网络-2",
        "wsis-story-сельские-сети-связи",
    )
