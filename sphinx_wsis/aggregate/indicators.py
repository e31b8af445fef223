"""Indicators across reports: units brought to one scale, disaggregation as one text, groups.

A value is normalised when its scale is known: from the indicator's own multiplier fields
(``unit_mult``, SDMX's power of ten, or ``multiplier``/``unit_multiplier``) or from a scale
word leading a free-text unit (``billion people`` is 1e9 ``people``). Arithmetic is decimal,
so ``2.2`` billion is exactly 2200000000.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

SCALE_WORDS = {
    "thousand": 10**3,
    "thousands": 10**3,
    "k": 10**3,
    "million": 10**6,
    "millions": 10**6,
    "m": 10**6,
    "mn": 10**6,
    "billion": 10**9,
    "billions": 10**9,
    "bn": 10**9,
    "trillion": 10**12,
    "trillions": 10**12,
}
UNIT_ALIASES = {
    "us$": "usd",
    "us dollars": "usd",
    "usd": "usd",
    "dollars": "usd",
    "%": "percent",
    "per cent": "percent",
    "percentage": "percent",
}
SDMX_UNITS = {"PERCENT": "percent", "PER_100_POP": "per-100", "NUMBER": "number", "USD": "usd"}
_SCALED = re.compile(r"^\s*(?P<scale>[a-z]+)\b\.?\s*(?:of\s+)?(?P<rest>.*)$", re.IGNORECASE)
MULTIPLIER_FIELDS = ("unit_multiplier", "multiplier")
DISAGGREGATION_FIELDS = ("disaggregation", "dimensions")


def number(value: Decimal) -> int | float:
    """A decimal as the JSON number a reader expects: an integer when it is one."""
    return int(value) if value == value.to_integral_value() else float(value)


def multiplier_of(indicator: dict[str, Any]) -> Decimal | None:
    """The scale the indicator states: ``unit_mult`` (SDMX: a power of ten), or a multiplier
    given as a number or a scale word (``million``)."""
    exponent = indicator.get("unit_mult")
    if isinstance(exponent, int) and not isinstance(exponent, bool) and 0 < exponent <= 15:
        return Decimal(10**exponent)
    for name in MULTIPLIER_FIELDS:
        raw = indicator.get(name)
        if isinstance(raw, bool) or raw is None:
            continue
        if isinstance(raw, int | float):
            return Decimal(str(raw))
        if isinstance(raw, str):
            word = SCALE_WORDS.get(raw.strip().lower())
            if word:
                return Decimal(word)
            try:
                return Decimal(raw.strip())
            except InvalidOperation:
                continue
    return None


def normalise(indicator: dict[str, Any]) -> tuple[int | float | None, str, int | float]:
    """(normalised value, normalised unit, multiplier applied) of one indicator."""
    unit = " ".join(str(indicator.get("unit") or "").split())
    multiplier = multiplier_of(indicator)
    match = _SCALED.match(unit)
    if match and match["scale"].lower() in SCALE_WORDS:
        scale = Decimal(SCALE_WORDS[match["scale"].lower()])
        multiplier = scale if multiplier is None else multiplier
        unit = match["rest"]
    measure = indicator.get("unit_measure")
    if isinstance(measure, str) and measure:  # SDMX UNIT_MEASURE: the same for every report
        base = SDMX_UNITS.get(measure, measure.lower())
    else:
        base = UNIT_ALIASES.get(unit.lower(), unit.lower()) or "number"
    factor = multiplier if multiplier is not None else Decimal(1)
    value = indicator.get("value")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None, base, number(factor)
    return number(Decimal(str(value)) * factor), base, number(factor)


def disaggregation_of(indicator: dict[str, Any]) -> str:
    """The indicator's disaggregation as ``dimension=value; …``, sorted; empty when none."""
    for name in DISAGGREGATION_FIELDS:
        raw = indicator.get(name)
        pairs: list[tuple[str, str]] = []
        if isinstance(raw, dict):
            pairs = [(str(k), str(v)) for k, v in raw.items()]
        elif isinstance(raw, list):
            for item in raw:
                if isinstance(item, dict):
                    key = item.get("dimension", item.get("name", item.get("key", "")))
                    pairs.append((str(key), str(item.get("value", ""))))
                else:
                    pairs.append(("", str(item)))
        elif isinstance(raw, str) and raw.strip():
            for piece in raw.split(";"):
                key, sep, value = piece.partition("=")
                pairs.append((key.strip(), value.strip()) if sep else ("", key.strip()))
        pairs = [(k, v) for k, v in pairs if k or v]
        if pairs:
            return "; ".join(f"{k}={v}" if k else v for k, v in sorted(pairs))
    return ""


def group_key(indicator: dict[str, Any]) -> tuple[str, str, str]:
    """Indicators compare when they share a catalogue code (else a name) and disaggregation."""
    code = indicator.get("code")
    if isinstance(code, str) and code.strip():
        return ("code", code.strip(), indicator["disaggregation"])
    name = " ".join(str(indicator.get("name") or "").split()).casefold()
    return ("name", name, indicator["disaggregation"])


def code_sort_key(code: str) -> tuple[Any, ...]:
    """``17.8.1`` before ``17.10.1``: numbers compare as numbers."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[.\-]", code))
