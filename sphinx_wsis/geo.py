"""Countries as ISO 3166-1 data: ``:country:`` and ``:geo:`` accept names and codes.

Names are matched in any of the six UN languages (pycountry's gettext catalogues) and the
common short names, so ``Kenya``, ``KE``, ``KEN``, ``Kenia`` (Spanish) and ``Кения`` all mean
Kenya; the report shows the country in its own language and exports the code. A few names in
wide use that ISO does not list (``Кыргызстан``, ``Türkiye``) are aliases here.
"""

from __future__ import annotations

import difflib
import gettext
import unicodedata
from dataclasses import dataclass
from functools import cache

#: gettext locales of pycountry for the five UN languages other than English
_LOCALES = {"fr": "fr", "es": "es", "ru": "ru", "ar": "ar", "zh": "zh_CN"}
#: names in wide use that ISO 3166 does not list: (alpha-2 code, language of the name)
_ALIASES = {
    "кыргызстан": ("KG", "ru"),
    "türkiye": ("TR", "en"),
    "turkiye": ("TR", "en"),
    "ivory coast": ("CI", "en"),
    "swaziland": ("SZ", "en"),
    "burma": ("MM", "en"),
    "cape verde": ("CV", "en"),
    "east timor": ("TL", "en"),
    "macedonia": ("MK", "en"),
    "russia": ("RU", "en"),
    "south korea": ("KR", "en"),
    "north korea": ("KP", "en"),
    "vietnam": ("VN", "en"),
    "laos": ("LA", "en"),
    "syria": ("SY", "en"),
    "iran": ("IR", "en"),
    "bolivia": ("BO", "en"),
    "venezuela": ("VE", "en"),
    "tanzania": ("TZ", "en"),
    "moldova": ("MD", "en"),
}


@dataclass(frozen=True)
class Country:
    alpha_2: str
    alpha_3: str
    numeric: str
    name: str  # English short name

    def name_in(self, language: str) -> str:
        """The country's name in a UN language (English when pycountry has no translation)."""
        translate = _translation(language)
        return translate(self.name) if translate else self.name


@cache
def _translation(language: str) -> gettext.NullTranslations.gettext | None:  # type: ignore[name-defined]
    locale = _LOCALES.get(language)
    if not locale:
        return None
    try:
        from pycountry import LOCALES_DIR  # loaded with the first country read

        return gettext.translation("iso3166-1", LOCALES_DIR, languages=[locale]).gettext
    except OSError:
        return None


def _fold(text: str) -> str:
    """Case, accents and spacing folded, so ``cote d'ivoire`` finds ``Côte d'Ivoire``."""
    folded = " ".join(text.split()).casefold()
    if folded.isascii():  # NFKD leaves ASCII as it is: no accents to drop
        return folded
    return unicodedata.normalize("NFKD", folded).translate(_DROP_MARKS).replace("\u2019", "'")


class _CombiningMarks(dict[int, int | None]):
    """A ``str.translate`` table that drops combining marks, filled as characters are met (the
    names of six languages use a few hundred distinct characters)."""

    def __missing__(self, point: int) -> int | None:
        kept = None if unicodedata.combining(chr(point)) else point
        self[point] = kept
        return kept


_DROP_MARKS = _CombiningMarks()


@cache
def _index() -> dict[str, tuple[Country, frozenset[str]]]:
    """Every name and code, folded, with the country and the languages the name is in."""
    found: dict[str, tuple[Country, set[str]]] = {}

    def add(name: str, country: Country, language: str | None) -> None:
        entry = found.setdefault(_fold(name), (country, set()))
        if entry[0] is country and language:
            entry[1].add(language)

    import pycountry  # its database is read here, for the first :country: or :geo: only

    for record in pycountry.countries:
        country = Country(record.alpha_2, record.alpha_3, record.numeric, record.name)
        english = [
            record.name,
            getattr(record, "common_name", ""),
            getattr(record, "official_name", ""),
        ]
        for name in filter(None, english):
            add(name, country, "en")
            for language in _LOCALES:
                translate = _translation(language)
                if translate:
                    add(translate(name), country, language)
        add(record.alpha_2, country, None)
        add(record.alpha_3, country, None)
    by_code = {entry[0].alpha_2: entry[0] for entry in found.values()}
    for alias, (code, language) in _ALIASES.items():
        add(alias, by_code[code], language)
    return {name: (country, frozenset(languages)) for name, (country, languages) in found.items()}


def country(raw: str) -> Country | None:
    """The country a name or ISO code means, or None."""
    entry = _index().get(_fold(raw))
    return entry[0] if entry else None


def display_name(raw: str, language: str) -> str:
    """How a country reads in a report in ``language``: the author's spelling when it is a name
    in that language (``Кыргызстан`` in Russian), else the ISO name in it (``KE`` → Kenya)."""
    entry = _index().get(_fold(raw))
    if entry is None:
        return raw
    found, languages = entry
    return " ".join(raw.split()) if language in languages else found.name_in(language)


SUGGEST_CUTOFF = 0.75


def suggest(raw: str) -> str | None:
    """The closest country name, for a "did you mean" hint."""
    folded = _fold(raw)
    return _closest(folded) if len(folded) >= 3 else None


@cache
def _closest(folded: str) -> str | None:
    """difflib's closest name among those long enough to be that close at all: a similarity of
    ``2 * matches / (len(a) + len(b))`` cannot reach the cutoff when one is much longer (every
    ``:geo:`` region in words is compared with the thousands of names; a report repeats them).
    Nor can a name whose letters found in ``folded`` are too few, as every match is one of them:
    ``str.translate`` counts those in C, before difflib compares the few names left letter by
    letter."""
    size = len(folded)
    ratio = SUGGEST_CUTOFF / (2 - SUGGEST_CUTOFF)  # shortest / longest at the cutoff
    others = str.maketrans("", "", folded)
    names = [
        n
        for n in _index()
        if size * ratio <= len(n) <= size / ratio
        and 2.0 * (len(n) - len(n.translate(others))) / (size + len(n)) >= SUGGEST_CUTOFF
    ]
    close = difflib.get_close_matches(folded, names, n=1, cutoff=SUGGEST_CUTOFF)
    return _index()[close[0]][0].name if close else None
