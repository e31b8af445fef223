"""Charts of indicators' series: one picture in HTML (SVG), PDF (vector PDF) and DOCX (PNG).

A chart is a :class:`~.nodes.wsis_chart` node, filled once every page is read (its indicators
may be on other pages) with a caption and a text description that lists every value, so a
screen reader, a text build and a grayscale print lose nothing. HTML gets an SVG written
directly (:mod:`.chart_svg`, no matplotlib), LaTeX a PDF and Word a PNG drawn with matplotlib
(:mod:`.chart_matplotlib`, imported only by those builders), all laid out alike
(:mod:`.chart_layout`). Pictures are cached in the doctree directory by a hash of what they
show, so an incremental build draws no chart whose data did not change, and the same chart
gives the same bytes. The layout and the SVG writer are imported with the first chart filled
or drawn: a build that writes no page (``sphinx-wsis check``) never loads them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes

from .cards import dimensions_text, writes_no_pages
from .catalogue import language_of, multiplier_label, unit_label
from .domain import domain_of
from .nodes import wsis_chart
from .records import IndicatorRecord
from .warnings import WsisWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator

    from .chart_layout import ChartSpec, Series, chart_label, describe

FORMATS = ("svg", "pdf", "png")
CACHE_DIR = "wsis-charts"
#: How many charts this process has drawn (not taken from the cache): benchmarks and tests.
DRAWN = {"count": 0}


# -- from records to a spec ------------------------------------------------------------------


def spec_for(title: str, kind: str, records: list[IndicatorRecord], language: str) -> ChartSpec:
    from .chart_layout import ChartSpec, Series

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
        series.append(Series(label, points, baseline, target, record.unit, record.multiplier))
    return ChartSpec(title, kind, language, unit, series)


# -- drawing -----------------------------------------------------------------------------------


def render_chart(spec: ChartSpec, fmt: str) -> bytes:
    """Draw a chart as ``svg``, ``pdf`` or ``png`` bytes; the same picture in each."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown chart format {fmt!r}")
    if fmt == "svg":
        from .chart_svg import svg_chart

        drawn = svg_chart(spec)
    else:
        from .chart_matplotlib import matplotlib_chart  # PDF and DOCX builds only

        drawn = matplotlib_chart(spec, fmt)
    DRAWN["count"] += 1
    return drawn


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
    from .chart_layout import describe

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
                warn(
                    WsisWarning.UNKNOWN,
                    "wsis-chart: no indicator id %r in this report",
                    wanted,
                    location=node,
                )
            elif not found.series:
                warn(
                    WsisWarning.INVALID,
                    "wsis-chart: indicator %r has no :series: to draw",
                    wanted,
                    location=node,
                )
            else:
                records.append(found)
        caption = nodes.paragraph(classes=["wsis-chart-caption"])
        caption += nodes.strong(node["title"], node["title"])
        node += caption
        if not records:  # warned above; the title stays, so nothing the author wrote is lost
            continue
        spec = spec_for(node["title"], node["kind"], records, language)
        node["spec"] = spec
        description = describe(spec)
        node += nodes.paragraph(description, description, classes=["wsis-chart-description"])


# -- writers -----------------------------------------------------------------------------------


def charts_cache_dir(builder: Any) -> Path:
    """Where drawn charts are kept between builds (beside the doctrees)."""
    return Path(builder.doctreedir) / CACHE_DIR


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
        from .chart_layout import chart_label

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
