"""The report in the six UN languages: message catalog, numbers, dates, ids in any script.

Three sources of translated text, each where translators and readers expect it:

- **Words the extension prints** (card fields, states, matrix headings, the title page) go
  through Sphinx's own mechanism for extensions: the ``sphinx_wsis`` gettext catalog under
  ``sphinx_wsis/locale/<lang>/LC_MESSAGES``, registered by :func:`setup` and read through
  :data:`_` / :func:`ngettext`. ``scripts/update-translations`` extracts, updates and compiles it.
- **Titles of the template** (chapters, sections, action lines, aspects, stakeholder types,
  ITU's prompts) are data next to the template, ``<template>.i18n.yaml``: the official UN wording
  of the Geneva Plan of Action where it exists, each entry saying which languages are not
  official and citing, per official language, the text it was checked against (``source``).
  :mod:`sphinx_wsis.template_titles` reads it; English (the template itself) is the fallback.
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

import datetime as _dt
import re
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal, localcontext
from pathlib import Path
from typing import TYPE_CHECKING

from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from sphinx import locale as sphinx_locale
from sphinx.locale import get_translation, get_translator

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


def _babel_tag(language: str | None) -> str:
    """Sphinx's ``language`` as a Babel locale tag: ``fr-CA`` → ``fr_CA``."""
    return (language or DEFAULT_LANGUAGE).strip().replace("-", "_") or DEFAULT_LANGUAGE


def babel_locale(language: str | None) -> Locale:
    """The Babel locale for Sphinx's ``language`` (region kept when Babel knows it)."""
    for candidate in (_babel_tag(language), report_language(language)):
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
        return _with_numbers(
            language,
            lambda locale: babel_numbers.format_decimal(
                value, locale=locale, decimal_quantization=False
            ),
        )


def format_percent(value: int | float, language: str | None) -> str:
    """A value in percent units (``99.3``) as the language writes it: ``99,3 %`` in French."""
    with _every_digit(value):
        return _with_numbers(
            language,
            lambda locale: babel_numbers.format_percent(
                _as_fraction(value), locale=locale, decimal_quantization=False
            ),
        )


def _with_numbers(language: str | None, format_with: Callable[[Locale], str]) -> str:
    """Babel's result for the language: from the CLDR number data sphinx-wsis ships when it
    stands in for the installed Babel's (:mod:`.cldr_numbers`, no locale file loaded), else
    from Babel's own locale."""
    from .cldr_numbers import numbers_locale

    numbers = numbers_locale(_babel_tag(language))
    if numbers is not None:
        try:
            return format_with(numbers)
        except LookupError:  # an entry the file does not keep: Babel's own locale has it
            pass
    return format_with(babel_locale(language))


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

    def in_locale(locale: Locale) -> str:
        pattern = locale.currency_formats["standard"].pattern.split(";")[0]
        pattern = pattern.replace("¤", "¤¤").replace(".00", ".##")
        return babel_numbers.format_currency(
            value, "USD", format=pattern, locale=locale, currency_digits=False
        )

    with _every_digit(value):
        text = _with_numbers(language, in_locale)
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


__all__ = [
    "CATALOG",
    "LANGUAGES",
    "LOCALE_DIR",
    "N_",
    "PLACEHOLDER_MARKERS",
    "_",
    "format_date",
    "format_number",
    "format_percent",
    "format_usd",
    "format_value",
    "is_rtl",
    "ngettext",
    "report_language",
    "setup",
    "shown_date",
    "slug",
    "unique_id",
]
