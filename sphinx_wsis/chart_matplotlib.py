"""Indicator charts drawn with matplotlib: the PDF's vector graphic and the DOCX's PNG.

Imported only when a LaTeX or Word build draws a chart (HTML gets :mod:`.chart_svg`), so an
HTML build never loads matplotlib. The layout (styles, axes, ticks and their labels) comes from
:mod:`.chart_layout`, shared with the SVG writer. Output is reproducible: no dates in the
metadata, fixed font choice.
"""

from __future__ import annotations

import io
import warnings
from functools import cache
from typing import Any

from .chart_layout import (
    LINE_WIDTH,
    ChartSpec,
    bar_offset,
    style,
    value_axis,
    word,
    year_axis,
)

FONTS = ["DejaVu Sans", "Noto Sans", "Noto Sans Arabic", "Noto Sans CJK SC", "Noto Sans CJK JP"]
METADATA: dict[str, dict[str, Any]] = {
    "pdf": {"CreationDate": None},
    "png": {"Software": None},
}


def matplotlib_chart(spec: ChartSpec, fmt: str) -> bytes:
    """Draw a chart as ``pdf`` or ``png`` bytes."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    settings = {
        "pdf.fonttype": 42,
        "font.family": _available_fonts(),  # matplotlib falls back glyph by glyph along it
    }
    with rc_context(settings), warnings.catch_warnings():
        # a glyph none of the installed fonts has is drawn as a box, not an error
        warnings.filterwarnings("ignore", "Glyph .* missing from font", UserWarning)
        columns = legend_columns(spec)
        rows = -(-len(spec.series) // columns)  # the legend's, below the plot
        figure = Figure(figsize=(7.0, 3.6 + 0.2 * rows), dpi=100, facecolor="white")
        axes = figure.add_subplot()
        axes.set_facecolor("white")
        _draw(axes, spec, columns)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format=fmt, metadata=METADATA[fmt], dpi=200 if fmt == "png" else 100)
    return buffer.getvalue()


def legend_columns(spec: ChartSpec) -> int:
    """Three legend entries a row, one when a label is long."""
    return 1 if any(len(series.label) > 40 for series in spec.series) else 3


def _draw(axes: Any, spec: ChartSpec, columns: int) -> None:
    language = spec.language
    for index, line in enumerate(spec.series):
        look = style(index)
        xs = [y for y, _ in line.points]
        ys = [v for _, v in line.points]
        if spec.kind == "bar":
            offset, width = bar_offset(index, len(spec.series))
            axes.bar([x + offset for x in xs], ys, width=width, color=look.colour,
                     hatch=look.hatch, edgecolor="black", linewidth=0.5,
                     label=line.label)  # fmt: skip
        else:
            dashes = (0, look.dashes) if look.dashes else "-"
            axes.plot(xs, ys, color=look.colour, marker=look.marker, linestyle=dashes,
                      linewidth=LINE_WIDTH, markersize=6, label=line.label)  # fmt: skip
        for mark, key, symbol in ((line.baseline, "baseline", "s"), (line.target, "target", "*")):
            if mark is None:
                continue
            axes.plot([mark[0]], [mark[1]], marker=symbol, markersize=11 if symbol == "*" else 8,
                      markerfacecolor="white", markeredgecolor=look.colour, markeredgewidth=2,
                      linestyle="none", zorder=5, clip_on=False)  # fmt: skip
            if key == "target" and xs:
                axes.plot([xs[-1], mark[0]], [ys[-1], mark[1]], color=look.colour,
                          linestyle=":", linewidth=1.2, clip_on=False)  # fmt: skip
            axes.annotate(f"{word(key, language)} {mark[0]}", mark, textcoords="offset points",
                          xytext=(0, 9), ha="center", fontsize=8, color="#222222")  # fmt: skip
    axes.set_title(spec.title, fontsize=11, color="#111111", fontweight="bold")
    axes.set_xlabel(word("year", language), color="#111111")
    if spec.unit:
        axes.set_ylabel(spec.unit, color="#111111")
    axes.tick_params(colors="#111111")
    axes.grid(True, axis="y", color="#cccccc", linewidth=0.6)
    years = year_axis(spec)
    axes.set_xticks(years.ticks, years.labels)
    axes.set_xlim(years.low, years.high)
    values = value_axis(spec)
    axes.set_yticks(values.ticks, values.labels)
    axes.set_ylim(values.low, values.high)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    if spec.series:  # below the plot, as in the SVG: it never hides a value
        axes.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(0, -0.2),
                    ncols=columns)  # fmt: skip


@cache
def _available_fonts() -> list[str]:
    """Our preferred fonts that this machine has (matplotlib falls back per glyph among them)."""
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    return [name for name in FONTS if name in installed] or ["DejaVu Sans"]
