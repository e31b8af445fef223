"""Countries as ISO 3166-1 data: ``:country:`` and ``:geo:`` accept names and codes.

Names are matched in any of the six UN languages (pycountry's gettext catalogues) and the
common short names, so ``Kenya``, ``KE``, ``KEN``, ``Kenia`` (Spanish) and ``Кения`` all mean
Kenya; the report shows the country in its own language and exports the code. Names in wide
use that ISO does not list (``Кыргызстан``, ``Türkiye``) and the UN's own short names where ISO
words them otherwise (``Democratic Republic of the Congo``) are aliases here. A ``:geo:`` may
also name a region (:func:`region`): the M49 regions, the European Union, the UN's groupings.

The names come from ``data/countries.json``, which ``scripts/update-countries`` writes from
pycountry and Babel (its ``--check``, run by the tests, fails when the file is not what they
give): a build reads one small file for its first country instead of pycountry's database and
five gettext catalogues, folding every name again.
"""

from __future__ import annotations

import difflib
import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

#: The country names, generated from pycountry by ``scripts/update-countries``.
DATA_FILE = Path(__file__).resolve().parent / "data" / "countries.json"
#: gettext locales of pycountry for the five UN languages other than English (the data file
#: holds their names, in this order; see scripts/update-countries)
LOCALES = {"fr": "fr", "es": "es", "ru": "ru", "ar": "ar", "zh": "zh_CN"}
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
    # the short names of the UN (UNSD's M49 list, UNTERM) where ISO words them otherwise
    "democratic republic of the congo": ("CD", "en"),
    "democratic republic of congo": ("CD", "en"),
    "dr congo": ("CD", "en"),
    "république démocratique du congo": ("CD", "fr"),
    "república democrática del congo": ("CD", "es"),
    "демократическая республика конго": ("CD", "ru"),
    "جمهورية الكونغو الديمقراطية": ("CD", "ar"),
    "刚果民主共和国": ("CD", "zh"),
    "republic of korea": ("KR", "en"),
    "république de corée": ("KR", "fr"),
    "república de corea": ("KR", "es"),
    "республика корея": ("KR", "ru"),
    "جمهورية كوريا": ("KR", "ar"),
    "大韩民国": ("KR", "zh"),
    "state of palestine": ("PS", "en"),
    "état de palestine": ("PS", "fr"),
    "estado de palestina": ("PS", "es"),
    "государство палестина": ("PS", "ru"),
    "دولة فلسطين": ("PS", "ar"),
    "巴勒斯坦国": ("PS", "zh"),
    "bolivia (plurinational state of)": ("BO", "en"),
    "iran (islamic republic of)": ("IR", "en"),
    "venezuela (bolivarian republic of)": ("VE", "en"),
    "micronesia (federated states of)": ("FM", "en"),
    "netherlands (kingdom of the)": ("NL", "en"),
    "holy see": ("VA", "en"),
    "turkey": ("TR", "en"),
    "brunei": ("BN", "en"),
    "united states virgin islands": ("VI", "en"),
    "china, hong kong special administrative region": ("HK", "en"),
    "china, macao special administrative region": ("MO", "en"),
    "saint helena": ("SH", "en"),
    "wallis and futuna islands": ("WF", "en"),
    "svalbard and jan mayen islands": ("SJ", "en"),
    "bolivie (état plurinational de)": ("BO", "fr"),
    "iran (république islamique d')": ("IR", "fr"),
    "venezuela (république bolivarienne du)": ("VE", "fr"),
    "micronésie (états fédérés de)": ("FM", "fr"),
    "bolivia (estado plurinacional de)": ("BO", "es"),
    "irán (república islámica del)": ("IR", "es"),
    "venezuela (república bolivariana de)": ("VE", "es"),
    "micronesia (estados federados de)": ("FM", "es"),
}


@dataclass(frozen=True)
class Country:
    """An ISO 3166 country: its codes and English short name."""

    alpha_2: str
    alpha_3: str
    numeric: str
    name: str  # English short name

    def name_in(self, language: str) -> str:
        """The country's name in a UN language (English when pycountry has no translation)."""
        return _countries().names_in.get(self.alpha_2, {}).get(language, self.name)


def fold(text: str) -> str:
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


class _Countries:
    """The data file, read: each country with its names by language, and every name folded
    (``"row languages"``: kept as text and decoded when looked up, as a report looks up a few
    of the thousands; a build holding no extra object per name also collects less garbage)."""

    def __init__(
        self,
        rows: list[Country],
        names_in: dict[str, dict[str, str]],
        names: dict[str, str],
        regions: dict[str, str],
    ) -> None:
        self.rows = rows
        self.names_in = names_in  # by alpha-2 code
        self.names = names
        self.regions = regions  # folded name → "code languages"

    def get(self, folded: str) -> tuple[Country, frozenset[str]] | None:
        found = self.names.get(folded)
        if found is None:
            return None
        row, *languages = found.split()
        return self.rows[int(row)], frozenset(languages)


@cache
def _countries() -> _Countries:
    """:data:`DATA_FILE`, read once per process, with the aliases added."""
    data = json.loads(DATA_FILE.read_text("utf-8"))
    languages = data["languages"]
    rows: list[Country] = []
    names_in: dict[str, dict[str, str]] = {}
    for alpha_2, alpha_3, numeric, name, *translated in data["countries"]:
        rows.append(Country(alpha_2, alpha_3, numeric, name))
        names_in[alpha_2] = dict(zip(languages, translated, strict=True))
    names: dict[str, str] = data["names"]
    row_of = {country.alpha_2: str(row) for row, country in enumerate(rows)}
    for alias, (code, language) in _ALIASES.items():
        key = fold(alias)
        row, *others = names.get(key, row_of[code]).split()
        if row == row_of[code] and language not in others:
            names[key] = " ".join([row, *others, language])
    return _Countries(rows, names_in, names, data["regions"])


def country(raw: str) -> Country | None:
    """The country a name or ISO code means, or None."""
    entry = _countries().get(fold(raw))
    return entry[0] if entry else None


def region(raw: str) -> str | None:
    """The code of a region named in words, or None: M49's (``EU`` for the European Union,
    ``ITU-ARB`` … for ITU's regions) for ``World``, ``Afrique``, ``Western Asia``, ``North
    Africa``, ``Arab States``, ``Least developed countries (LDCs)`` (an abbreviation in
    brackets may follow the name)."""
    regions = _countries().regions
    folded = fold(raw)
    found = regions.get(folded)
    if found is None and folded.endswith(")") and "(" in folded:
        found = regions.get(folded[: folded.rindex("(")].rstrip())
    return found.split()[0] if found else None


def display_name(raw: str, language: str) -> str:
    """How a country reads in a report in ``language``: the author's spelling when it is a name
    in that language (``Кыргызстан`` in Russian), else the ISO name in it (``KE`` → Kenya)."""
    entry = _countries().get(fold(raw))
    if entry is None:
        return raw
    found, languages = entry
    return " ".join(raw.split()) if language in languages else found.name_in(language)


SUGGEST_CUTOFF = 0.75


def suggest(raw: str) -> str | None:
    """The closest country name, for a "did you mean" hint."""
    folded = fold(raw)
    return _closest(folded) if len(folded) >= 3 else None


@cache
def _names_by_length() -> dict[int, list[tuple[str, bytes]]]:
    """Every folded name with its UTF-8 bytes, by its length in characters."""
    by_length: dict[int, list[tuple[str, bytes]]] = {}
    for name in _countries().names:
        by_length.setdefault(len(name), []).append((name, name.encode()))
    return by_length


@cache
def _closest(folded: str) -> str | None:
    """difflib's closest name, compared only with the names that can reach the cutoff (every
    ``:geo:`` region in words is compared with the thousands of names; a report repeats them).

    difflib keeps a name when ``2 * matches / (len(a) + len(b))`` reaches the cutoff, and every
    match is a letter of ``folded``: names too long or too short for that are never looked at,
    and those with too few of its letters are dropped before difflib compares the few left
    letter by letter. The letters are counted in C: in the UTF-8 bytes when ``folded`` is ASCII
    (every byte of another character is above 127, so the bytes found are the letters found),
    else with ``str.translate``.
    """
    size = len(folded)
    ratio = SUGGEST_CUTOFF / (2 - SUGGEST_CUTOFF)  # shortest / longest at the cutoff
    lengths = [
        (length, group)
        for length, group in _names_by_length().items()
        if size * ratio <= length <= size / ratio
    ]
    if folded.isascii():
        letters = folded.encode()

        def letters_found(name: str, encoded: bytes) -> int:
            return len(encoded) - len(encoded.translate(None, letters))
    else:
        others = str.maketrans("", "", folded)

        def letters_found(name: str, encoded: bytes) -> int:
            return len(name) - len(name.translate(others))

    names = [
        name
        for length, group in lengths
        for name, encoded in group
        if 2.0 * letters_found(name, encoded) / (size + length) >= SUGGEST_CUTOFF
    ]
    if size > 3:  # a code (a name in no language) is a hint only for what is written like one
        every = _countries().names  # ("ASEAN" is not a misspelt SEN, Senegal)
        names = [name for name in names if " " in every[name]]
    close = difflib.get_close_matches(folded, names, n=1, cutoff=SUGGEST_CUTOFF)
    if not close:
        return None
    found = _countries().get(close[0])
    return found[0].name if found else None
