"""The CLDR number data of the six UN languages, for Babel to format a report's numbers with.

Babel's first formatted number loads CLDR's global data and the language's whole locale file
(names of every language, territory, time zone, unit …): 90 million instructions, paid by every
build that shows a value. The few entries number formatting reads (symbols, the decimal,
percent and currency patterns, the US dollar's names and the plural rule that picks one) are in
``data/numbers.json``, which ``scripts/update-numbers`` copies out of Babel. Babel still does
all the formatting: :func:`numbers_locale` gives it a :class:`babel.Locale` holding those
entries, for a tag the file has and only when the installed Babel is the one the file was made
from; otherwise (a region such as ``fr_CA``, another Babel) the caller uses Babel's own locale.
Data the file lacks raises :class:`LookupError`, and the caller formats again with Babel's own.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import babel
from babel import Locale, localedata
from babel.numbers import parse_pattern
from babel.plural import PluralRule

#: Written by ``scripts/update-numbers`` from the Babel named in it.
DATA_FILE = Path(__file__).resolve().parent / "data" / "numbers.json"
#: The currency whose names and symbols are kept: the report's amounts are in US dollars.
CURRENCY = "USD"


class NumbersLocale(Locale):
    """A Babel locale that holds only the number entries of its CLDR data."""

    def __init__(self, tag: str, entries: dict[str, Any]) -> None:
        super().__init__(tag)
        self._entries = localedata.LocaleDataDict(entries)

    @property
    def _data(self) -> localedata.LocaleDataDict:
        return self._entries


def numbers_locale(tag: str) -> Locale | None:
    """The number data of a Babel locale tag (``fr``), or None when the file cannot stand in
    for Babel's own: a tag it does not hold, or another Babel release than it was made from."""
    stored = _stored()
    if stored is None or tag not in stored:
        return None
    return _locale(tag)


@cache
def _stored() -> dict[str, dict[str, Any]] | None:
    data = json.loads(DATA_FILE.read_text("utf-8"))
    return data["locales"] if data["babel"] == babel.__version__ else None


@cache
def _locale(tag: str) -> Locale:
    stored = _stored()
    assert stored is not None
    return NumbersLocale(tag, entries(stored[tag]))


def entries(stored: dict[str, Any]) -> dict[str, Any]:
    """Babel's locale entries from the file's text: patterns parsed as Babel's own data files
    hold them, the plural rule compiled from its CLDR rules."""
    return {
        "number_symbols": {"latn": stored["symbols"]},
        "default_numbering_system": "latn",
        "decimal_formats": {None: parse_pattern(stored["decimal"])},
        "percent_formats": {None: parse_pattern(stored["percent"])},
        "currency_formats": {k: parse_pattern(v) for k, v in stored["currency"].items()},
        "currency_names": {CURRENCY: stored["currency_name"]},
        "currency_names_plural": (
            {CURRENCY: stored["currency_names"]} if stored["currency_names"] else {}
        ),
        "currency_symbols": {CURRENCY: stored["currency_symbol"]},
        "plural_form": PluralRule(stored["plural"]),
    }


def stored_entries(locale: Locale) -> dict[str, Any]:
    """What the file keeps of one of Babel's own locales (``scripts/update-numbers``)."""
    return {
        "symbols": dict(locale.number_symbols["latn"]),
        "decimal": locale.decimal_formats[None].pattern,
        "percent": locale.percent_formats[None].pattern,
        "currency": {kind: p.pattern for kind, p in locale.currency_formats.items()},
        "currency_name": locale.currencies[CURRENCY],
        "currency_names": dict(locale._data["currency_names_plural"].get(CURRENCY) or {}),
        "currency_symbol": locale.currency_symbols[CURRENCY],
        "plural": dict(sorted(locale.plural_form.rules.items())),
    }


__all__ = ["DATA_FILE", "NumbersLocale", "entries", "numbers_locale", "stored_entries"]
