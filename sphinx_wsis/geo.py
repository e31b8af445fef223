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

import pycountry

#: gettext locales of pycountry for the five UN languages other than English
_LOCALES = {"fr": "fr", "es": "es", "ru": "ru", "ar": "ar", "zh": "zh_CN"}
#: names in wide use that ISO 3166 does not list, by alpha-2 code
_ALIASES = {
    "кыргызстан": "KG",
    "türkiye": "TR",
    "turkiye": "TR",
    "ivory coast": "CI",
    "swaziland": "SZ",
    "burma": "MM",
    "cape verde": "CV",
    "east timor": "TL",
    "macedonia": "MK",
    "russia": "RU",
    "south korea": "KR",
    "north korea": "KP",
    "vietnam": "VN",
    "laos": "LA",
    "syria": "SY",
    "iran": "IR",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "moldova": "MD",
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
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale]).gettext
    except OSError:
        return None


def _fold(text: str) -> str:
    """Case, accents and spacing folded, so ``cote d'ivoire`` finds ``Côte d'Ivoire``."""
    decomposed = unicodedata.normalize("NFKD", " ".join(text.split()).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("\u2019", "'")


@cache
def _index() -> dict[str, Country]:
    index: dict[str, Country] = {}
    for record in pycountry.countries:
        country = Country(record.alpha_2, record.alpha_3, record.numeric, record.name)
        names = {
            record.name,
            getattr(record, "common_name", ""),
            getattr(record, "official_name", ""),
        }
        for language in _LOCALES:
            translate = _translation(language)
            if translate:
                names |= {translate(n) for n in list(names) if n}
        for name in filter(None, names):
            index.setdefault(_fold(name), country)
        index[record.alpha_2.casefold()] = country
        index[record.alpha_3.casefold()] = country
    by_code = {c.alpha_2: c for c in index.values()}
    for alias, code in _ALIASES.items():
        index.setdefault(_fold(alias), by_code[code])
    return index


def country(raw: str) -> Country | None:
    """The country a name or ISO code means, or None."""
    return _index().get(_fold(raw))


def suggest(raw: str) -> str | None:
    """The closest country name, for a "did you mean" hint."""
    folded = _fold(raw)
    if len(folded) < 3:
        return None
    close = difflib.get_close_matches(folded, list(_index()), n=1, cutoff=0.75)
    return _index()[close[0]].name if close else None
