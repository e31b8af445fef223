"""Charts of indicators' series: one picture in HTML (SVG), PDF (vector PDF) and DOCX (PNG).

A chart is a :class:`~.nodes.wsis_chart` node, filled once every page is read (its indicators
may be on other pages) with a caption and a text description that lists every value, so a
screen reader, a text build and a grayscale print lose nothing. HTML and LaTeX draw the picture
with matplotlib (Agg, no GUI), cached in the doctree directory by a hash of what is drawn, so an
incremental build draws no chart whose data did not change. Output is reproducible: fixed SVG
ids (``svg.hashsalt``), no dates in the metadata, text drawn as paths.

Colours are the Okabe-Ito palette (distinct for colour-blind readers) on a white canvas, which
reads the same in a dark theme and on paper; every series also has its own marker and line
style, so a grayscale print keeps them apart.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import warnings
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util import logging

from .cards import dimensions_text, writes_no_pages
from .catalogue import DATA_DIR, language_of, load_yaml, multiplier_label, unit_label
from .domain import domain_of
from .i18n import format_value
from .nodes import wsis_chart
from .records import IndicatorRecord

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator

logger = logging.getLogger(__name__)

FORMATS = ("svg", "pdf", "png")
CACHE_DIR = "wsis-charts"
COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
MARKERS = ["o", "s", "^", "D", "v", "P", "X"]
LINESTYLES = ["-", "--", "-.", ":", (0, (5, 1)), (0, (3, 1, 1, 1, 1, 1)), (0, (1, 1))]
FONTS = ["DejaVu Sans", "Noto Sans", "Noto Sans Arabic", "Noto Sans CJK SC", "Noto Sans CJK JP"]
#: How many charts this process has drawn (not taken from the cache): benchmarks and tests.
DRAWN = {"count": 0}


@dataclass(frozen=True)
class Series:
    label: str
    points: list[tuple[int, float]]
    baseline: tuple[int, float] | None = None
    target: tuple[int, float] | None = None


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


RENDERER_VERSION = "1"


@cache
def _words() -> dict[str, dict[str, str]]:
    data = load_yaml((DATA_DIR / "units.yaml").read_text("utf-8"))
    return data["chart_words"]


def word(key: str, language: str) -> str:
    texts = _words()[key]
    return texts.get(language) or texts["en"]


# -- from records to a spec ------------------------------------------------------------------


def spec_for(title: str, kind: str, records: list[IndicatorRecord], language: str) -> ChartSpec:
    units = {(r.unit, r.multiplier) for r in records}
    unit = ""
    if len(units) == 1:  # indicators in different units share no axis label
        only, multiplier = next(iter(units))
        scale = multiplier_label(multiplier, language) if multiplier else ""
        unit = " ".join(filter(None, [scale, unit_label(only, language)]))
    series = []
    for record in records:
        label = record.name
        if record.dimensions:
            label = f"{label} ({dimensions_text(record.dimensions)})"
        points = [(year, float(value)) for year, value in record.series]
        baseline = (
            (record.baseline_year, float(record.baseline))
            if record.baseline is not None and record.baseline_year
            else None
        )
        target = (
            (record.target_year, float(record.target))
            if record.target is not None and record.target_year
            else None
        )
        series.append(Series(label, points, baseline, target))
    return ChartSpec(title, kind, language, unit, series)


def describe(spec: ChartSpec, records: list[IndicatorRecord]) -> str:
    """The chart in words, every value included: its accessible description."""
    language = spec.language
    parts = []
    for line, record in zip(spec.series, records, strict=True):

        def show(value: float, record: IndicatorRecord = record) -> str:
            return format_value(value, record.unit, language, record.multiplier)

        values = "; ".join(f"{year}: {show(value)}" for year, value in line.points)
        text = f"{line.label}: {values}"
        if line.baseline:
            text += f"; {word('baseline', language)} {line.baseline[0]}: {show(line.baseline[1])}"
        if line.target:
            text += f"; {word('target', language)} {line.target[0]}: {show(line.target[1])}"
        parts.append(text + ".")
    kind = word("line-chart" if spec.kind == "line" else "bar-chart", language)
    return f"{kind}. " + " ".join(parts)


# -- drawing -----------------------------------------------------------------------------------


def render_chart(spec: ChartSpec, fmt: str) -> bytes:
    """Draw a chart as ``svg``, ``pdf`` or ``png`` bytes; the same picture in each."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown chart format {fmt!r}")
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    settings = {
        "svg.hashsalt": "sphinx-wsis",
        "svg.fonttype": "path",
        "pdf.fonttype": 42,
        "font.family": _available_fonts(),  # matplotlib falls back glyph by glyph along it
        "axes.prop_cycle": matplotlib.cycler(color=COLOURS),
    }
    with rc_context(settings), warnings.catch_warnings():
        # a glyph none of the installed fonts has is drawn as a box, not an error
        warnings.filterwarnings("ignore", "Glyph .* missing from font", UserWarning)
        figure = Figure(figsize=(7.0, 3.8), dpi=100, facecolor="white")
        axes = figure.add_subplot()
        axes.set_facecolor("white")
        _draw(axes, spec)
        figure.tight_layout()
        buffer = io.BytesIO()
        metadata: dict[str, Any] = {"svg": {"Date": None}, "pdf": {"CreationDate": None},
                                    "png": {"Software": None}}[fmt]  # fmt: skip
        figure.savefig(buffer, format=fmt, metadata=metadata, dpi=200 if fmt == "png" else 100)
    DRAWN["count"] += 1
    return buffer.getvalue()


def _draw(axes: Any, spec: ChartSpec) -> None:
    language = spec.language
    years = sorted({y for s in spec.series for y, _ in s.points}
                   | {m[0] for s in spec.series for m in (s.baseline, s.target) if m})  # fmt: skip
    width = 0.8 / max(len(spec.series), 1)
    for index, line in enumerate(spec.series):
        colour = COLOURS[index % len(COLOURS)]
        marker = MARKERS[index % len(MARKERS)]
        xs = [y for y, _ in line.points]
        ys = [v for _, v in line.points]
        if spec.kind == "bar":
            offset = (index - (len(spec.series) - 1) / 2) * width
            axes.bar([x + offset for x in xs], ys, width=width * 0.95, color=colour,
                     hatch=["", "//", "..", "xx", "\\\\", "++", "oo"][index % 7],
                     edgecolor="black", linewidth=0.5, label=line.label)  # fmt: skip
        else:
            axes.plot(xs, ys, color=colour, marker=marker, linestyle=LINESTYLES[index % 7],
                      linewidth=2, markersize=6, label=line.label)  # fmt: skip
        for mark, key, symbol in ((line.baseline, "baseline", "s"), (line.target, "target", "*")):
            if mark is None:
                continue
            axes.plot([mark[0]], [mark[1]], marker=symbol, markersize=11 if symbol == "*" else 8,
                      markerfacecolor="white", markeredgecolor=colour, markeredgewidth=2,
                      linestyle="none", zorder=5)  # fmt: skip
            if key == "target" and xs:
                axes.plot([xs[-1], mark[0]], [ys[-1], mark[1]], color=colour, linestyle=":",
                          linewidth=1.2)  # fmt: skip
            axes.annotate(f"{word(key, language)} {mark[0]}", mark, textcoords="offset points",
                          xytext=(0, 9), ha="center", fontsize=8, color="#222222")  # fmt: skip
    axes.set_title(spec.title, fontsize=11, color="#111111")
    axes.set_xlabel(word("year", language), color="#111111")
    if spec.unit:
        axes.set_ylabel(spec.unit, color="#111111")
    axes.tick_params(colors="#111111")
    axes.grid(True, axis="y", color="#cccccc", linewidth=0.6)
    if years:
        step = max(1, round((years[-1] - years[0]) / 8)) if len(years) > 8 else 1
        ticks = years if step == 1 else list(range(years[0], years[-1] + 1, step))
        axes.set_xticks(ticks)
        axes.set_xticklabels([str(t) for t in ticks])
        axes.set_xlim(years[0] - 0.7, years[-1] + 0.7)
    axes.set_ylim(bottom=min(0, *(v for s in spec.series for _, v in s.points)) if spec.series
                  and any(s.points for s in spec.series) else 0)  # fmt: skip
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    if spec.series:
        axes.legend(fontsize=8, frameon=False, loc="best")


@cache
def _available_fonts() -> list[str]:
    """Our preferred fonts that this machine has (matplotlib falls back per glyph among them)."""
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    return [name for name in FONTS if name in installed] or ["DejaVu Sans"]


def chart_file(spec: ChartSpec, fmt: str, cache_dir: Path) -> Path:
    """The picture's file in the cache, drawn only when no build has drawn it before."""
    path = cache_dir / f"wsis-chart-{spec.digest()}.{fmt}"
    if not path.is_file():
        cache_dir.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")  # parallel writers
        temporary.write_bytes(render_chart(spec, fmt))
        temporary.replace(path)
    return path


# -- filling the nodes ------------------------------------------------------------------------


def fill_charts(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: give each chart its spec, caption and description."""
    if writes_no_pages(app.builder):
        return
    domain = domain_of(app.env)
    language = language_of(app.config.language)
    by_node_id = {r.node_id: r for r in domain.records("indicators")}
    for node in list(doctree.findall(wsis_chart)):
        records: list[IndicatorRecord] = []
        for node_id in node.get("indicators", []):
            if node_id in by_node_id:
                records.append(by_node_id[node_id])
        for wanted in node.get("indicator_ids", []):
            found = domain.lookup("indicators", "id", wanted)
            if found is None:
                logger.warning("wsis-chart: no indicator id %r in this report", wanted,
                               type="wsis", subtype="unknown", location=node)  # fmt: skip
            elif not found.series:
                logger.warning(
                    "wsis-chart: indicator %r has no :series: to draw", wanted,
                    type="wsis", subtype="invalid", location=node,
                )  # fmt: skip
            else:
                records.append(found)
        caption = nodes.paragraph(classes=["wsis-chart-caption"])
        caption += nodes.strong(node["title"], node["title"])
        node += caption
        if not records:  # warned above; the title stays, so nothing the author wrote is lost
            continue
        spec = spec_for(node["title"], node["kind"], records, language)
        node["spec"] = spec
        description = describe(spec, records)
        node += nodes.paragraph(description, description, classes=["wsis-chart-description"])


# -- writers -----------------------------------------------------------------------------------


def charts_cache_dir(builder: Any) -> Path:
    """Where drawn charts are kept between builds (beside the doctrees)."""
    return Path(builder.doctreedir) / CACHE_DIR


def chart_label(spec: ChartSpec) -> str:
    """The picture's alternative text: what kind of chart of what."""
    return f"{word(spec.kind + '-chart', spec.language)}: {spec.title}"


def _copy(source: Path, target_dir: Path) -> str:
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / source.name
    if not target.is_file():
        shutil.copyfile(source, target)
    return source.name


def visit_chart_html(self: HTML5Translator, node: wsis_chart) -> None:
    spec = node.get("spec")
    self.body.append(self.starttag(node, "figure", CLASS="wsis-chart"))
    if spec is not None:
        path = chart_file(spec, "svg", charts_cache_dir(self.builder))
        name = _copy(path, Path(self.builder.outdir) / self.builder.imagedir)
        src = f"{self.builder.imgpath}/{name}"
        # the figcaption holds the description with every value; the alt text names the chart
        alt = self.attval(chart_label(spec))
        self.body.append(f'<img src="{src}" alt="{alt}" class="wsis-chart-image" />\n')
    self.body.append("<figcaption>")
    for child in node.children:
        child.walkabout(self)
    self.body.append("</figcaption></figure>\n")
    raise nodes.SkipNode


def visit_chart_latex(self: LaTeXTranslator, node: wsis_chart) -> None:
    spec = node.get("spec")
    if node["ids"]:
        self.body.append("\n" + self.hypertarget_to(node, anchor=True) + "%\n")
    if spec is not None:
        path = chart_file(spec, "pdf", charts_cache_dir(self.builder))
        # in a folder of their own, so the report stays the one PDF next to the .tex
        name = _copy(path, Path(self.builder.outdir) / CACHE_DIR)
        self.body.append(
            "\n\\begin{center}\n"
            rf"\sphinxincludegraphics[width=0.92\linewidth]"
            rf"{{{{{CACHE_DIR}/{Path(name).stem}}}.pdf}}"
            "\n\\end{center}\n"
        )
    for child in node.children:
        child.walkabout(self)
    raise nodes.SkipNode


def depart_chart(self: Any, node: wsis_chart) -> None:
    """Never called: the visitors write the chart whole."""


def setup(app: Sphinx) -> None:
    app.add_node(
        wsis_chart,
        html=(visit_chart_html, depart_chart),
        latex=(visit_chart_latex, depart_chart),
        override=True,
    )
    app.connect("doctree-resolved", fill_charts)


__all__ = [
    "ChartSpec",
    "Series",
    "chart_file",
    "chart_label",
    "charts_cache_dir",
    "describe",
    "render_chart",
    "setup",
    "unit_label",
]
