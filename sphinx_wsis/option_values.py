"""Parsing and validating the values authors type into directive options.

Each parser returns the typed value or raises :class:`InvalidValue` with a message in the
author's words ("'seventy' is not a number"), which the directive turns into a
``wsis.invalid`` finding at the option's line.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import sys
import unicodedata
from urllib.parse import quote, urlsplit, urlunsplit

from .i18n import slug as any_script_slug

CHARTS = ("line", "bar", "none")
SCOPES = ("global", "regional", "national", "organisational")
STATUSES = ("complete", "in-progress", "not-started", "not-applicable")
EARLIEST_YEAR = 1990  # WSIS began in 2003; series reaching back to 1990 are still plausible
LATEST_YEAR_AHEAD = 30  # targets may look decades ahead, not centuries

_EMAIL_RE = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
_NUMBER_RE = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[+-]?\.\d+$")
_SDG_RE = re.compile(r"^[0-9]{1,2}(\.[0-9a-z]{1,2}(\.[0-9]{1,2})?)?$")
_DATE_RE = re.compile(r"^([0-9]{4})(-[0-9]{2}(-[0-9]{2})?)?$")
#: What RFC 3986 allows in a URL besides ASCII letters and digits; anything else is
#: percent-encoded where a URI is promised (report.json). ``_URL_NEVER`` is refused outright.
_URL_ASCII = frozenset("-._~:/?#[]@!$&'()*+,;=%")
_URL_NEVER = frozenset('"<>')
_HOST_RE = re.compile(r"[\w.-]+|[0-9a-fA-F:.]+")


_DECIMAL_COMMA_RE = re.compile(r"^([+-]?\d+),(\d+)$")
_SCALE_WORDS = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_SCALED_RE = re.compile(r"^([+-]?[\d.,]+)\s*([a-z]+)$", re.IGNORECASE)
_FISCAL_YEAR_RE = re.compile(r"^(\d{4})\s*[/\u2013-]\s*(\d{2}|\d{4})$")


class InvalidValue(ValueError):
    """A value the author typed that does not mean what the option needs."""


class FiscalYear(int):
    """A fiscal or academic year such as ``2024/25``: compares and exports as its first year,
    and is shown as the author wrote it."""

    label: str

    def __new__(cls, start: int, label: str) -> FiscalYear:
        result = super().__new__(cls, start)
        result.label = label
        return result

    def __str__(self) -> str:
        return self.label

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __reduce__(self) -> tuple[type[FiscalYear], tuple[int, str]]:
        return (FiscalYear, (int(self), self.label))


def text(raw: str | None) -> str:
    return " ".join((raw or "").split())


def number(raw: str) -> int | float:
    """A plain number: ``74``, ``2.2``, ``2,200,000,000``; ints stay ints."""
    value = raw.strip().replace("\u00a0", "").replace(" ", "")
    if value.endswith("%"):
        raise InvalidValue(
            f"{raw.strip()!r} is not a number: write the number and set :unit: percent"
        )
    if not _NUMBER_RE.match(value):
        raise InvalidValue(_not_a_number(raw.strip()))
    value = value.replace(",", "")
    if re.fullmatch(r"[+-]?\d+", value):
        whole = int(value)  # every digit kept: no round trip through float
        if abs(whole) > sys.float_info.max:  # charts and JSON readers need a double
            raise InvalidValue(f"{raw.strip()!r} is too large: a number has at most 308 digits")
        return whole
    result = float(value)
    if not math.isfinite(result):
        raise InvalidValue(f"{raw.strip()!r} is not a finite number")
    return result


def _not_a_number(raw: str) -> str:
    """Why ``raw`` is not a number, with what to write instead where we can tell."""
    decimal = _DECIMAL_COMMA_RE.match(raw)
    if decimal:
        return (
            f"{raw!r} is not a number: the decimal separator is a point in the source "
            f"(whatever the report's language), write {decimal[1]}.{decimal[2]}"
        )
    scaled = _SCALED_RE.match(raw)
    if scaled and scaled[2].lower() in _SCALE_WORDS:
        word = scaled[2].lower()
        try:
            figure = number(scaled[1])
        except InvalidValue:
            return f"{raw!r} is not a number"
        full = figure * _SCALE_WORDS[word]
        full_text = f"{int(full)}" if float(full).is_integer() else f"{full}"
        if word == "trillion":  # the largest SDMX multiplier here is a billion
            return (
                f"{raw!r} is not a number: write the whole number, {full_text}, or :value: "
                f"{figure * 1000:g} with :unit-multiplier: billion"
            )
        return (
            f"{raw!r} is not a number: write :value: {scaled[1]} with :unit-multiplier: {word}"
            f", or the whole number, {full_text}"
        )
    return f"{raw!r} is not a number"


def year(raw: str, *, today: _dt.date | None = None) -> int:
    """A year (``2024``), or a fiscal year (``2024/25``, ``2024-2025``) shown as written."""
    value = raw.strip()
    fiscal = _FISCAL_YEAR_RE.match(value)
    if fiscal:
        start, end = int(fiscal[1]), fiscal[2]
        if int(end) not in (start + 1, (start + 1) % 100):
            raise InvalidValue(
                f"{value!r} is not a year: a fiscal year covers two years in a row, "
                f"e.g. {start}/{(start + 1) % 100:02d}"
            )
        _check_plausible(start, today)
        return FiscalYear(start, value)
    if not re.fullmatch(r"\d{4}", value):
        raise InvalidValue(
            f"{value!r} is not a year (write four digits, e.g. 2024, or a fiscal year, 2024/25)"
        )
    return _check_plausible(int(value), today)


def _check_plausible(result: int, today: _dt.date | None) -> int:
    latest = (today or _dt.date.today()).year + LATEST_YEAR_AHEAD
    if not EARLIEST_YEAR <= result <= latest:
        raise InvalidValue(f"{result} is not a plausible year ({EARLIEST_YEAR} to {latest})")
    return result


def date(raw: str, *, today: _dt.date | None = None) -> str:
    """An ISO date (``2025-05-28``), a month (``2025-05``) or a year, in a plausible year;
    returned as written (digits 0-9, month and day with two digits each)."""
    value = raw.strip()
    match = _DATE_RE.match(value)
    fmt = {1: "%Y", 2: "%Y-%m", 3: "%Y-%m-%d"}[value.count("-") + 1] if match else ""
    try:
        if not match:
            raise ValueError
        _dt.datetime.strptime(value, fmt)
    except ValueError:
        raise InvalidValue(
            f"{value!r} is not a date (write it as YYYY-MM-DD with the digits 0-9, e.g. 2025-05-28)"
        ) from None
    try:
        year(match[1], today=today)  # 0001-01-01 is a valid date but not a report's
    except InvalidValue as exc:
        raise InvalidValue(f"{value!r} is not a plausible date: {exc}") from None
    return value


def period(raw: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{4})\s*[-\u2013/]\s*(\d{4})\s*", raw)
    if not match:
        raise InvalidValue(f"{raw.strip()!r} is not a period (write it as 2005-2025)")
    start, end = year(match[1]), year(match[2])
    if start > end:
        raise InvalidValue(f"the period {raw.strip()!r} ends before it starts")
    return start, end


def email(raw: str) -> str:
    value = raw.strip()
    if value.lower().startswith("mailto:"):
        value = value[7:]
    if not _EMAIL_RE.match(value) or ".." in value:
        raise InvalidValue(f"{value!r} is not an e-mail address")
    return value


def url(raw: str) -> str:
    """An absolute http(s) URL, as written; anything else (``javascript:``, ``file:``) is
    refused, and so are characters that can never be part of a URL as written: spaces,
    quotes, angle brackets and control characters (RFC 3986, appendix C)."""
    value = raw.strip()
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - a port that is not a number raises here
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InvalidValue(
            f"{value!r} is not a web address (it must start with https:// or http://)"
        )
    for char in value:
        if char in _URL_NEVER or char.isspace() or not char.isprintable():
            shown = {" ": "a space"}.get(char, repr(char))
            raise InvalidValue(
                f"{value!r} is not a web address: {shown} cannot be part of one "
                f"(write it percent-encoded, as {quote(char, safe='')})"
            )
    if not _HOST_RE.fullmatch(parts.hostname):
        raise InvalidValue(f"{value!r} is not a web address: {parts.hostname!r} is not a host")
    return value


def as_uri(value: str) -> str:
    """A web address in the form RFC 3986 allows, for documents that promise a URI: the host
    in IDNA, other scripts and characters RFC 3986 does not allow (``\\``, ``{``, a ``%`` that
    starts no escape) percent-encoded; ``value`` has passed :func:`url`."""
    parts = urlsplit(value)
    host = parts.hostname or ""
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            host = _percent_encode(host)
    if ":" in host:
        host = f"[{host}]"  # an IPv6 address
    userinfo, _, _ = parts.netloc.rpartition("@")
    netloc = host if parts.port is None else f"{host}:{parts.port}"
    if userinfo:
        netloc = f"{_percent_encode(userinfo)}@{netloc}"
    return urlunsplit(
        (
            parts.scheme,
            netloc,
            _percent_encode(parts.path),
            _percent_encode(parts.query),
            _percent_encode(parts.fragment),
        )
    )


def _percent_encode(text: str) -> str:
    """``text`` with every character RFC 3986 does not allow percent-encoded (as UTF-8)."""
    out = []
    for i, char in enumerate(text):
        if char == "%":
            allowed = bool(re.fullmatch(r"[0-9A-Fa-f]{2}", text[i + 1 : i + 3]))  # an escape
        else:
            allowed = (char.isascii() and char.isalnum()) or char in _URL_ASCII
        out.append(char if allowed else quote(char, safe=""))
    return "".join(out)


def choice(raw: str, allowed: tuple[str, ...] | list[str], what: str) -> str:
    value = raw.strip().lower().replace("_", "-").replace(" ", "-")
    if value == "organizational":
        value = "organisational"
    if value not in allowed:
        raise InvalidValue(
            f"{raw.strip()!r} is not a valid {what} (use one of: {', '.join(allowed)})"
        )
    return value


def unit(raw: str) -> str:
    """A unit of the vocabulary (``percent``, ``per-100``, ``people`` …; aliases such as ``%``
    allowed), or free text such as ``hectares``, kept as written."""
    from .catalogue import standard_unit

    value = text(raw)
    if not value:
        raise InvalidValue("the unit is empty")
    return standard_unit(value) or value


def multiplier(raw: str) -> str:
    """``thousand``, ``million`` or ``billion`` (SDMX UNIT_MULT 3, 6, 9)."""
    from .catalogue import multipliers, standard_multiplier

    found = standard_multiplier(raw)
    if found is None:
        allowed = ", ".join(multipliers())
        raise InvalidValue(f"{raw.strip()!r} is not a unit multiplier (use one of: {allowed})")
    return found


def disaggregation(raw: str) -> list[tuple[str, str]]:
    """``sex=female; area=rural`` as ordered (dimension, value) pairs."""
    from .catalogue import dimension_key, valid_dimension_key

    pairs: list[tuple[str, str]] = []
    for chunk in filter(None, (c.strip() for c in re.split(r"[;\n]", raw))):
        if "=" not in chunk:
            raise InvalidValue(
                f"disaggregation {chunk!r} must be 'dimension=value', e.g. sex=female"
            )
        left, right = (part.strip() for part in chunk.split("=", 1))
        key = dimension_key(left)
        if not valid_dimension_key(key):
            raise InvalidValue(
                f"{left!r} is not a dimension name (use letters, digits and '-', e.g. sex, age)"
            )
        if not right:
            raise InvalidValue(f"the dimension {key!r} has no value")
        if key in dict(pairs):
            raise InvalidValue(f"the dimension {key!r} is given twice")
        pairs.append((key, text(right)))
    if not pairs:
        raise InvalidValue("the disaggregation is empty")
    return pairs


def series(raw: str) -> list[tuple[int, int | float]]:
    """``2005: 16; 2015: 43; 2024: 68`` as ordered (year, value) pairs."""
    pairs: list[tuple[int, int | float]] = []
    for chunk in filter(None, (c.strip() for c in re.split(r"[;\n]", raw))):
        if ":" not in chunk:
            raise InvalidValue(f"series entry {chunk!r} must be 'year: value'")
        left, right = chunk.split(":", 1)
        pairs.append((year(left), number(right)))
    if not pairs:
        raise InvalidValue("the series is empty")
    years = [y for y, _ in pairs]
    if len(set(years)) != len(years):
        raise InvalidValue("the series names a year twice")
    return sorted(pairs)


def listing(raw: str) -> list[str]:
    """A comma- or semicolon-separated list."""
    return [item for item in (text(i) for i in re.split(r"[;,]", raw or "")) if item]


def names(raw: str) -> list[str]:
    """Names separated by semicolons, or by commas when there is no semicolon: in
    ``Ministry of Education, Science and Technology; UNICEF`` the comma is part of a name."""
    separator = ";" if ";" in (raw or "") else ","
    return [item for item in (text(i) for i in (raw or "").split(separator)) if item]


def sdgs(raw: str) -> list[str]:
    items = [i.removeprefix("SDG").strip() for i in listing(raw)]
    for item in items:
        if not _SDG_RE.match(item) or not 1 <= int(item.split(".")[0]) <= 17:
            raise InvalidValue(
                f"{item!r} is not an SDG goal or indicator (write it with the digits 0-9 and "
                "the letters a-z, e.g. 9 or 9.c.1)"
            )
    return items


def slug(title: str) -> str:
    """A stable, readable id from a title, in any script: ``Mesh networks`` → ``mesh-networks``,
    ``Сельские сети`` → ``сельские-сети``, ``社区网络`` → ``社区网络`` (see :func:`.i18n.slug`)."""
    return any_script_slug(title)


def identifier(raw: str) -> str:
    """An id as written in ``:id:``: letters of any script, digits, ``-``, ``_`` and ``.``."""
    value = unicodedata.normalize("NFKC", raw.strip())
    if not re.fullmatch(r"[^\W_][\w.-]*", value):
        raise InvalidValue(
            f"{value!r} is not a valid id "
            "(use letters, digits, '-', '_' and '.', e.g. internet-users)"
        )
    return value.casefold()
