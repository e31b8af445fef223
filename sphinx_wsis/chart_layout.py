"""What an indicator chart shows and how it is laid out, for every renderer.

A :class:`ChartSpec` holds everything a chart shows (its hash names the cached picture); the
functions here decide what both renderers draw the same way: the series' styles (Okabe-Ito
colours, a marker, a dash pattern and a hatch each, so a grayscale print keeps them apart), the
value axis (from zero, nice 1-2-5 ticks, numbers in the report's language), the year axis, and
the chart in words. The SVG writer (:mod:`.chart_svg`, HTML) and matplotlib
(:mod:`.chart_matplotlib`, PDF and DOCX) only draw. Nothing here imports matplotlib.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import asdict, dataclass, field
from functools import cache

from . import yaml_data
from .catalogue import DATA_DIR
from .i18n import format_number, format_value

#: Changes whenever a renderer draws differently, so that cached pictures are drawn again.
RENDERER_VERSION = "2"
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
#: matplotlib's marker codes; the SVG writer draws the same shapes.
MARKERS = ("o", "s", "^", "D", "v", "P", "X")
#: Dash patterns in line widths (on, off, …); empty is a solid line.
DASHES: tuple[tuple[float, ...], ...] = (
    (), (3.7, 1.6), (6.4, 1.6, 1, 1.6), (1, 1.65), (5, 1), (3, 1, 1, 1, 1, 1), (1, 1),
)  # fmt: skip
#: Bar fill patterns (matplotlib's hatch codes), one per series.
HATCHES = ("", "//", "..", "xx", "\\\\", "++", "oo")
LINE_WIDTH = 2.0
#: Years on the x axis before they are thinned to about this many ticks.
MAX_YEAR_TICKS = 8


@dataclass(frozen=True)
class Series:
    """One indicator's line or bars: its values by year, its baseline and target, its unit."""

    label: str
    points: list[tuple[int, float]]
    baseline: tuple[int, float] | None = None
    target: tuple[int, float] | None = None
    unit: str = ""
    multiplier: str = ""


@dataclass(frozen=True)
class ChartSpec:
    """Everything a chart shows; its hash names the cached picture."""

    title: str
    kind: str
    language: str
    unit: str
    series: list[Series] = field(default_factory=list)

    def digest(self) -> str:
        data = json.dumps(asdict(self), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(f"{RENDERER_VERSION}\n{data}".encode()).hexdigest()[:20]


@dataclass(frozen=True)
class Style:
    """How one series is drawn: the same in SVG, PDF and PNG."""

    colour: str
    marker: str
    dashes: tuple[float, ...]
    hatch: str


def style(index: int) -> Style:
    at = index % len(COLOURS)
    return Style(COLOURS[at], MARKERS[at], DASHES[at], HATCHES[at])


@cache
def _words() -> dict[str, dict[str, str]]:
    data = yaml_data.load((DATA_DIR / "units.yaml").read_text("utf-8"))
    return data["chart_words"]


def word(key: str, language: str) -> str:
    """A word of the chart (``Year``, ``Baseline`` …) in the report's language."""
    texts = _words()[key]
    return texts.get(language) or texts["en"]


def chart_label(spec: ChartSpec) -> str:
    """The picture's alternative text: what kind of chart of what."""
    return f"{word(spec.kind + '-chart', spec.language)}: {spec.title}"


def shown_value(spec: ChartSpec, series: Series, value: float) -> str:
    """A value as the report shows it (``66 %`` in French), with its unit and multiplier."""
    return format_value(value, series.unit, spec.language, series.multiplier)


def describe(spec: ChartSpec) -> str:
    """The chart in words, every value included: its accessible description."""
    language = spec.language
    parts = []
    for line in spec.series:
        values = "; ".join(f"{year}: {shown_value(spec, line, v)}" for year, v in line.points)
        text = f"{line.label}: {values}"
        for mark, key in ((line.baseline, "baseline"), (line.target, "target")):
            if mark:
                text += f"; {word(key, language)} {mark[0]}: {shown_value(spec, line, mark[1])}"
        parts.append(text + ".")
    kind = word("line-chart" if spec.kind == "line" else "bar-chart", language)
    return f"{kind}. " + " ".join(parts)


# -- axes --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Axis:
    """An axis' range and its ticks (positions and the labels shown at them)."""

    low: float
    high: float
    ticks: list[float]
    labels: list[str]

    def fraction(self, value: float) -> float:
        """Where ``value`` falls between ``low`` (0) and ``high`` (1)."""
        return (value - self.low) / (self.high - self.low)


def nice_ticks(low: float, high: float, most: int = 7) -> list[float]:
    """At most ``most`` evenly spaced round ticks covering the range, in steps of 1, 2 or 5
    times a power of ten."""
    if not (math.isfinite(low) and math.isfinite(high)):
        low, high = 0.0, 1.0
    if high <= low:
        high = low + (abs(low) or 1.0)
    raw = (high - low) / (most - 1)
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw * (1 - 1e-9))
    first = math.floor(low / step + 1e-9)
    last = math.ceil(high / step - 1e-9)
    decimals = max(0, -math.floor(math.log10(step)))
    return [round(n * step, decimals) for n in range(first, last + 1)]


def value_axis(spec: ChartSpec) -> Axis:
    """The value axis: from zero (or the lowest value below it) to round ticks past the largest
    value, baselines and targets included, labelled in the report's language."""
    values = [v for s in spec.series for _, v in s.points]
    values += [m[1] for s in spec.series for m in (s.baseline, s.target) if m]
    low = min([0.0, *values])
    high = max([0.0, *values])
    ticks = nice_ticks(low, high)
    labels = [format_number(tick, spec.language) for tick in ticks]
    return Axis(ticks[0], ticks[-1], ticks, labels)


def chart_years(spec: ChartSpec) -> list[int]:
    """Every year the chart shows a value, a baseline or a target for."""
    years = {year for s in spec.series for year, _ in s.points}
    years |= {m[0] for s in spec.series for m in (s.baseline, s.target) if m}
    return sorted(years)


def year_axis(spec: ChartSpec) -> Axis:
    """The year axis: every year shown, thinned to about eight ticks when there are more."""
    years = chart_years(spec) or [0]
    step = max(1, round((years[-1] - years[0]) / MAX_YEAR_TICKS)) if len(years) > 8 else 1
    ticks = years if step == 1 else list(range(years[0], years[-1] + 1, step))
    return Axis(years[0] - 0.7, years[-1] + 0.7, [float(t) for t in ticks], [str(t) for t in ticks])


def bar_offset(index: int, count: int) -> tuple[float, float]:
    """A bar's offset from its year and its width, in years: the series' bars side by side."""
    width = 0.8 / max(count, 1)
    return (index - (count - 1) / 2) * width, width * 0.95
