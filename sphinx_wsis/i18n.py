"""The report in the six UN languages: message catalog, template titles, numbers, dates, ids.

Three sources of translated text, each where translators and readers expect it:

- **Words the extension prints** (card fields, states, matrix headings, the title page) go
  through Sphinx's own mechanism for extensions: the ``sphinx_wsis`` gettext catalog under
  ``sphinx_wsis/locale/<lang>/LC_MESSAGES``, registered by :func:`setup` and read through
  :data:`_` / :func:`ngettext`. ``scripts/update-translations`` extracts, updates and compiles it.
- **Titles of the template** (chapters, sections, action lines, aspects, stakeholder types,
  ITU's prompts) are data next to the template, ``<template>.i18n.yaml``: the official UN wording
  of the Geneva Plan of Action where it exists, each entry saying which languages are not
  official and citing, per official language, the text it was checked against (``source``).
  :class:`TemplateTitles` reads it; English (the template itself) is the fallback.
- **Numbers, percentages, amounts and dates** follow the language's CLDR conventions through
  Babel (``99,3 %`` and ``184 000`` in French). Option values stay machine-readable; only what
  is shown is localised.

French: Babel writes CLDR's characters as they are, the narrow no-break space U+202F between
digit groups (``184 000``) and the no-break space U+00A0 before ``%`` (``99,3 %``), so a
number never breaks across lines. Arabic: Western digits (0-9) with ``.`` and ``,``, which is
CLDR's default for ``ar`` and what UN Arabic documents (the WSIS outcome documents among them)
use; Arabic-Indic digits would also make the numbers differ from the report's own sources.
Regions (``ar_EG``, ``ar_SA``) get the same Latin-digit symbols: Babel formats with Latin
digits in every locale, and mixing them with Arabic separators would read as neither.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from sphinx import locale as sphinx_locale
from sphinx.locale import get_translation, get_translator

from . import yaml_data
from .template import Template, compact_code
from .vocabulary import N_

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

CATALOG = "sphinx_wsis"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DEFAULT_LANGUAGE = "en"
#: The six official UN languages, in the UN's order; English is the template's own language.
LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
#: Languages written right to left.
RTL_LANGUAGES = frozenset({"ar"})
#: The placeholder marker ``sphinx-wsis init --language`` writes in each language (English:
#: the template's own ``TODO``). Every build flags them, whatever its language, so a French
#: page copied into an English report is still a gap; the brackets keep them apart from prose.
PLACEHOLDER_MARKERS = {
    "fr": "[À COMPLÉTER]",
    "es": "[POR COMPLETAR]",
    "ru": "[ЗАПОЛНИТЬ]",
    "ar": "[يُستكمل]",
    "zh": "[待填写]",
}

#: Translates an English message into the build's ``language`` (English when it has none).
_: Callable[[str], str] = get_translation(CATALOG)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural message (by the language's plural rule) for ``count``."""
    return get_translator(CATALOG).ngettext(singular, plural, count)


def setup(app: Sphinx) -> None:
    """Register the ``sphinx_wsis`` message catalog for the project's ``language``.

    Sphinx keeps catalogs in a process-wide table and *adds* a second language as a fallback
    of the first, so a process that builds a French and then a Spanish project (a test run,
    a documentation server) would keep printing French. Each application starts from its own
    language: our entry is dropped before it is registered again.
    """
    for namespace in ("general", "console"):
        sphinx_locale.translators.pop((namespace, CATALOG), None)
    app.add_message_catalog(CATALOG, str(LOCALE_DIR))


def report_language(language: str | None) -> str:
    """The UN language of a Sphinx ``language`` setting: ``fr_CA`` → ``fr``, ``zh_CN`` → ``zh``;
    English for any other language."""
    primary = re.split(r"[-_@.]", (language or "").strip().lower(), maxsplit=1)[0]
    return primary if primary in LANGUAGES else DEFAULT_LANGUAGE


def is_rtl(language: str | None) -> bool:
    return report_language(language) in RTL_LANGUAGES


# -- numbers, amounts, dates -------------------------------------------------------------------


def babel_locale(language: str | None) -> Locale:
    """The Babel locale for Sphinx's ``language`` (region kept when Babel knows it)."""
    tag = (language or DEFAULT_LANGUAGE).strip().replace("-", "_") or DEFAULT_LANGUAGE
    for candidate in (tag, report_language(language)):
        try:
            return Locale.parse(candidate)
        except (ValueError, UnknownLocaleError):
            continue
    return Locale.parse(DEFAULT_LANGUAGE)


def format_number(value: int | float, language: str | None) -> str:
    """``184 000`` (fr), ``184.000`` (es), ``184,000`` (en, ar, zh); decimals kept as given."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    with _every_digit(value):
        return babel_numbers.format_decimal(
            value, locale=babel_locale(language), decimal_quantization=False
        )


def format_percent(value: int | float, language: str | None) -> str:
    """A value in percent units (``99.3``) as the language writes it: ``99,3 %`` in French."""
    with _every_digit(value):
        return babel_numbers.format_percent(
            _as_fraction(value), locale=babel_locale(language), decimal_quantization=False
        )


@contextmanager
def _every_digit(value: int | float) -> Iterator[None]:
    """A decimal context as precise as ``value``: Babel rounds in the current context (28
    digits by default), where a value of 400 digits, or ``1e300``, would raise."""
    digits = Decimal(str(value)).as_tuple()
    needed = len(digits.digits) + abs(int(digits.exponent)) + 4
    with localcontext() as context:
        context.prec = max(context.prec, needed)
        yield


def _as_fraction(value: int | float) -> Decimal:
    """``99.3`` → ``0.993`` without binary noise (Babel multiplies by 100 again)."""
    return Decimal(str(value)) / 100


def format_usd(value: int | float, language: str | None) -> str:
    """An amount in US dollars with the ISO code where the language puts its currency."""
    locale = babel_locale(language)
    pattern = locale.currency_formats["standard"].pattern.split(";")[0]
    pattern = pattern.replace("¤", "¤¤").replace(".00", ".##")
    with _every_digit(value):
        text = babel_numbers.format_currency(
            value, "USD", format=pattern, locale=locale, currency_digits=False
        )
    # CLDR's currency spacing (Babel does not apply it): a code touching a digit gets a space
    return re.sub(r"USD(?=\d)", "USD\u00a0", re.sub(r"(?<=\d)USD", "\u00a0USD", text))


def format_value(
    value: int | float | None, unit: str, language: str | None, multiplier: str = ""
) -> str:
    """An indicator's value as the report's language shows it, with its unit and multiplier.

    ``99,3 %`` (fr), ``USD 1,200``, ``2.2 billion people``, ``17 pour 100 habitants``; unit and
    multiplier labels come from the units vocabulary (``data/units.yaml``), a unit outside it
    is shown as written. The one formatting function of the report: cards, tables, charts.
    """
    from .catalogue import multiplier_label, unit_label  # the catalogue reads the template

    if value is None:
        return "—"
    lang = report_language(language)
    scale = multiplier_label(multiplier, lang) if multiplier else ""
    if unit == "percent" and not scale:
        return format_percent(value, language)
    if unit == "usd" and not scale:
        return format_usd(value, language)
    number = format_number(value, language)
    if unit == "usd":
        return " ".join(["USD", number, scale])
    return " ".join(filter(None, [number, scale, unit_label(unit, lang)]))


def shown_date(value: str, language: str | None) -> str:
    """A date as a report shows it: in the language's words, or as written in English.

    English reports keep the ISO form the author typed (``2025-05-28``), unambiguous for every
    reader of an English UN document; the other languages get their own (``28 mai 2025``).
    """
    if report_language(language) == DEFAULT_LANGUAGE:
        return value
    return format_date(value, language)


def format_date(value: str, language: str | None) -> str:
    """An ISO date, month or year as the language writes it (``28 mai 2025``, ``2025年5月``)."""
    locale = babel_locale(language)
    text = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            day = _dt.date.fromisoformat(text)
            return babel_dates.format_date(day, format="long", locale=locale)
        if re.fullmatch(r"\d{4}-\d{2}", text):
            month = _dt.date(int(text[:4]), int(text[5:]), 1)
            return babel_dates.format_skeleton("yMMMM", month, locale=locale)
    except ValueError:
        return text  # not a real date: shown as written, the directive has said so
    return text


# -- ids in any script -------------------------------------------------------------------------

_SLUG_SEPARATORS = re.compile(r"-+")


def slug(title: str) -> str:
    """A stable, readable id that keeps the letters of every script.

    NFKC-normalised and case-folded, so full-width and compatibility forms give the same id;
    letters, combining marks (Arabic vowel signs, Devanagari matras) and digits are kept,
    everything else separates words: ``Mesh networks`` → ``mesh-networks``, ``Сети в сёлах``
    → ``сети-в-сёлах``, ``社区网络`` → ``社区网络``.
    """
    text = unicodedata.normalize("NFKC", title).casefold()
    kept = "".join(ch if unicodedata.category(ch)[0] in "LMN" else "-" for ch in text)
    return _SLUG_SEPARATORS.sub("-", kept).strip("-")


def unique_id(document: nodes.document, prefix: str, term: str) -> str:
    """``prefix-slug`` for an element, unique in the document and in any script.

    Sphinx's ``make_id`` keeps ASCII only and numbers everything else (``wsis-story-0``), so a
    Chinese title's anchor would change whenever a story is added before it.
    """
    base = f"{prefix}-{slug(term)}" if slug(term) else prefix
    node_id, counter = base, 1
    while node_id in document.ids:
        counter += 1
        node_id = f"{base}-{counter}"
    return node_id


# -- template titles in six languages ----------------------------------------------------------

I18N_SUFFIX = ".i18n.yaml"
#: The groups of an ``.i18n.yaml`` file and what their keys are.
GROUPS = {
    "template": "fields of the template (review, title, subtitle, issuer, source)",
    "chapters": "chapter numbers (I … VI) or 'contact' for the unnumbered chapter",
    "sections": "section keys (executive-summary …)",
    "action-lines": "action-line and sub-line codes (C1 … C11, C7.e-health …)",
    "aspects": "aspect keys (achievements …) and 'stories'",
    "stakeholders": "stakeholder-type keys (government …)",
    "prompts": "section keys and chapter numbers: ITU's question for that part",
}


class TitlesError(Exception):
    """A translations file that cannot be read; the message names the file and the entry."""


@dataclass(frozen=True)
class Entry:
    """One text in several languages, the languages whose text is not the official one, and
    per language the official text it was checked against (URL, paragraph, what was read)."""

    texts: Mapping[str, str]
    unofficial: frozenset[str] = frozenset()
    sources: Mapping[str, str] = field(default_factory=dict)

    def official(self, language: str) -> bool:
        return language in self.texts and language not in self.unofficial


@dataclass(frozen=True)
class TemplateTitles:
    """Titles and prompts of one template in several languages, English being the fallback."""

    origin: str
    sources: Mapping[str, Any] = field(default_factory=dict)
    groups: Mapping[str, Mapping[str, Entry]] = field(default_factory=dict)

    def entry(self, group: str, key: str) -> Entry | None:
        return self.groups.get(group, {}).get(key)

    def text(self, group: str, key: str, language: str | None, default: str) -> str:
        """The text in ``language``; else ``default`` (the template's own English)."""
        found = self.entry(group, key)
        if found is None:
            return default
        return found.texts.get(report_language(language)) or default

    def keys(self, group: str) -> set[str]:
        return set(self.groups.get(group, {}))


def titles_path(template_path: str | Path) -> Path:
    """Where a template's translations live: ``x.yaml`` → ``x.i18n.yaml`` beside it."""
    path = Path(template_path)
    return path.with_name(path.name.rsplit(".", 1)[0] + I18N_SUFFIX)


_TITLES_CACHE: dict[tuple[str, int, int], TemplateTitles] = {}


def titles_for(template_path: str | Path) -> TemplateTitles:
    """The translations of the template at ``template_path``, cached on the file's stat."""
    path = titles_path(template_path)
    try:
        stat = path.stat()
    except OSError:
        return TemplateTitles(str(path))
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _TITLES_CACHE:
        _TITLES_CACHE[key] = load_titles(path)
    return _TITLES_CACHE[key]


def translate_template(
    template: Template, titles: TemplateTitles, language: str | None
) -> Template:
    """The template with its titles and prompts in ``language``; codes and keys unchanged.

    Every look-up a report's author types (action-line codes, the forgiving ``C7 E-Health``
    spellings, section keys) keeps working: the English aliases are kept, and a translated
    sub-line title adds an alias only where its ASCII form is new and not empty, so a
    Russian or Chinese title can never shadow ``C7`` itself.
    """
    lang = report_language(language)
    if lang == DEFAULT_LANGUAGE or not titles.groups:
        return template

    def text(group: str, key: str, default: str) -> str:
        return titles.text(group, key, lang, default)

    chapters = tuple(
        dataclasses.replace(
            chapter,
            title=text("chapters", chapter_key(chapter.number, chapter.sections), chapter.title),
            prompt=text("prompts", chapter_key(chapter.number, chapter.sections), chapter.prompt)
            if chapter.prompt
            else "",
        )
        for chapter in template.chapters
    )
    sections = tuple(
        dataclasses.replace(
            section,
            title=text("sections", section.key, section.title),
            prompt=text("prompts", section.key, section.prompt) if section.prompt else "",
        )
        for section in template.sections
    )
    lines = tuple(
        dataclasses.replace(line, title=text("action-lines", line.code, line.title))
        for line in template.action_lines
    )
    aliases = dict(template.aliases)
    for line in lines:
        if line.parent:
            suffix = compact_code(line.title)
            alias = compact_code(line.parent) + suffix
            if suffix and alias not in aliases:
                aliases[alias] = line.code
    return dataclasses.replace(
        template,
        review=text("template", "review", template.review),
        title=text("template", "title", template.title),
        subtitle=text("template", "subtitle", template.subtitle),
        issuer=text("template", "issuer", template.issuer),
        source=text("template", "source", template.source),
        stakeholders=tuple(
            (key, text("stakeholders", key, label)) for key, label in template.stakeholders
        ),
        aspects=tuple(
            dataclasses.replace(aspect, title=text("aspects", aspect.key, aspect.title))
            for aspect in template.aspects
        ),
        chapters=chapters,
        sections=sections,
        action_lines=lines,
        aliases=aliases,
    )


def chapter_key(number: str, section_keys: tuple[str, ...] | list[str]) -> str:
    """A chapter's key in the translations: its number, else its first section's key."""
    return number or (section_keys[0] if section_keys else "")


def load_titles(path: str | Path) -> TemplateTitles:
    """Read and validate a translations file; a missing file means English only."""
    path = Path(path)
    if not path.is_file():
        return TemplateTitles(str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TitlesError(f"{path}: cannot read the translations file: {exc}") from exc
    return parse_titles(text, str(path))


def parse_titles(text: str, origin: str) -> TemplateTitles:
    """Validate translations YAML: plain mappings of language → text, nothing else."""
    try:
        if yaml_data.has_alias(text):
            raise TitlesError(f"{origin}: YAML aliases are not allowed in translations")
        data = yaml_data.load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{origin}:{mark.line + 1}" if mark else origin
        raise TitlesError(f"{where}: not valid YAML: {getattr(exc, 'problem', exc)}") from exc
    if not isinstance(data, dict):
        raise TitlesError(f"{origin}: expected a mapping at the top level")
    unknown = set(data) - {"schema", "sources", *GROUPS}
    if unknown:
        raise TitlesError(f"{origin}: unknown top-level key(s): {', '.join(sorted(unknown))}")
    groups: dict[str, dict[str, Entry]] = {}
    for group in GROUPS:
        raw = data.get(group) or {}
        if not isinstance(raw, dict):
            raise TitlesError(f"{origin}: {group}: expected a mapping of {GROUPS[group]}")
        groups[group] = {
            str(key): _entry(value, f"{origin}: {group}.{key}") for key, value in raw.items()
        }
    sources = data.get("sources") or {}
    if not isinstance(sources, dict):
        raise TitlesError(f"{origin}: sources: expected a mapping of language → source")
    return TemplateTitles(origin, sources, groups)


def _entry(value: Any, where: str) -> Entry:
    if not isinstance(value, dict):
        raise TitlesError(f"{where}: expected a mapping of language → text")
    texts: dict[str, str] = {}
    unofficial: frozenset[str] = frozenset()
    sources: dict[str, str] = {}
    for key, text in value.items():
        if key == "unofficial":
            if not isinstance(text, list) or not all(t in LANGUAGES for t in text):
                raise TitlesError(f"{where}: unofficial: expected a list of language codes")
            unofficial = frozenset(text)
        elif key == "source":
            sources = _sources(text, f"{where}.source")
        elif key not in LANGUAGES:
            raise TitlesError(
                f"{where}: {key!r} is not one of the UN languages ({', '.join(LANGUAGES)})"
            )
        elif not isinstance(text, str) or not text.strip():
            raise TitlesError(f"{where}.{key}: expected non-empty text")
        else:
            texts[key] = " ".join(text.split())
    uncited = set(sources) - set(texts)
    if uncited:
        raise TitlesError(f"{where}: source given for a language without text: {sorted(uncited)}")
    return Entry(texts, unofficial, sources)


def _sources(value: Any, where: str) -> dict[str, str]:
    """Per-language citations of the official text an entry's wording was checked against."""
    if not isinstance(value, dict):
        raise TitlesError(f"{where}: expected a mapping of language → citation")
    sources: dict[str, str] = {}
    for language, citation in value.items():
        if language not in LANGUAGES:
            raise TitlesError(f"{where}: {language!r} is not one of the UN languages")
        if not isinstance(citation, str) or not citation.strip():
            raise TitlesError(f"{where}.{language}: expected non-empty text")
        sources[language] = " ".join(citation.split())
    return sources


__all__ = [
    "CATALOG",
    "LANGUAGES",
    "LOCALE_DIR",
    "N_",
    "PLACEHOLDER_MARKERS",
    "Entry",
    "TemplateTitles",
    "TitlesError",
    "_",
    "chapter_key",
    "format_date",
    "format_number",
    "format_percent",
    "format_usd",
    "format_value",
    "is_rtl",
    "load_titles",
    "ngettext",
    "parse_titles",
    "report_language",
    "setup",
    "shown_date",
    "slug",
    "titles_for",
    "titles_path",
    "translate_template",
    "unique_id",
]
