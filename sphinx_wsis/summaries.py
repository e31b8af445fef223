"""The completeness matrix and the indicator table, filled in once every page is read.

Both are ordinary docutils tables (``longtable`` in LaTeX), so every builder renders them as real
tables. States are spelt out in words, never shown by colour alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.nodes import make_refnode

from .cards import action_line_labels, dated_value, dimensions_text, writes_no_pages
from .checks import Completeness, PartState
from .completeness import result_of, states_by_subject
from .domain import domain_of
from .i18n import N_, _, format_value, ngettext, report_language
from .nodes import wsis_rows, wsis_summary
from .records import IndicatorRecord
from .table_cells import (
    Cell,
    Code,
    Link,
    Piece,
    depart_rows,
    row_nodes,
    rows_node,
    visit_rows_html,
    writes_rows_directly,
)
from .vocabulary import ROW_KINDS, STATE_LABELS, PartKind, summary_sentence

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from .template import Template


def build_table(
    headers: list[str],
    widths: list[int],
    rows: list[list[nodes.Node | str]],
    *classes: str,
) -> nodes.table:
    """A table; ``widths`` are characters in text output and proportions elsewhere."""
    table = nodes.table(classes=["wsis-table", "longtable", *classes])
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    head += _row(headers)
    body = nodes.tbody()
    group += body
    for cells in rows:
        body += _row(cells)
    return table


def _row(cells: list[nodes.Node | str]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        if isinstance(cell, nodes.entry):
            entry = cell
        else:
            paragraph = nodes.paragraph()
            paragraph += nodes.Text(cell) if isinstance(cell, str) else cell
            entry += paragraph
        row += entry
    return row


def state_cell(state: PartState | None) -> nodes.entry:
    entry = nodes.entry()
    if state is None:
        entry += nodes.paragraph("", "")
        return entry
    entry["classes"].append(f"wsis-state-{state.state}")
    label = str(_(STATE_LABELS[state.state]))
    paragraph = nodes.paragraph(classes=["wsis-state"])
    paragraph += nodes.inline(label, label, classes=["wsis-state-label"])
    entry += paragraph
    return entry


def completeness_tables(
    result: Completeness, env: BuildEnvironment, builder: Builder, fromdocname: str
) -> list[nodes.Node]:
    template = result.template
    by_subject = states_by_subject(result)
    records = {r.code: r for r in reversed(domain_of(env).records("action_lines"))}
    headers = [str(_("Action line")), *(a.title for a in template.aspects)]
    with_stories = any(PartKind.STORIES in cols for cols in by_subject.values())
    if with_stories:
        headers.append(str(_("Success stories")))
    rows: list[list[nodes.Node | str]] = []
    for line in template.action_lines:
        label: nodes.Node = nodes.Text(line.heading)
        if line.code in records:
            record = records[line.code]
            inner = nodes.inline(line.heading, line.heading)
            label = make_refnode(builder, fromdocname, record.docname, record.node_id, inner)
        cells: list[nodes.Node | str] = [label]
        cells.extend(state_cell(by_subject[line.code].get(a.key)) for a in template.aspects)
        if with_stories:
            cells.append(state_cell(by_subject[line.code].get(PartKind.STORIES)))
        rows.append(cells)
    widths = [36] + [13] * (len(headers) - 1)
    matrix = build_table(headers, widths, rows, "wsis-matrix")

    other_rows: list[list[nodes.Node | str]] = []
    for state in result.parts:
        if state.part.kind in ROW_KINDS:
            other_rows.append([state.part.label, state_cell(state)])
    others = build_table(
        [str(_("Part of the template")), str(_("State"))],
        [60, 14],
        other_rows,
        "wsis-matrix-sections",
    )

    summary_text = summary_sentence(result.totals(), ngettext)
    summary = nodes.paragraph(summary_text, summary_text, classes=["wsis-matrix-summary"])
    if result.complete:
        summary["classes"].append("wsis-complete")
    return [summary, matrix, others]


def indicators_table(
    env: BuildEnvironment, builder: Builder, fromdocname: str, action_line: str | None
) -> list[nodes.Node]:
    """All indicators, one row each; blocks of one code (a breakdown) sit together under it."""
    template = result_of(env).template
    language = report_language(env.config.language)
    records = domain_of(env).records("indicators")
    if action_line:
        records = [r for r in records if action_line in r.action_lines]
    if not records:
        if action_line:
            text = _("No indicators for %(action_line)s.") % {"action_line": action_line}
        else:
            text = str(_("No indicators."))
        return [nodes.paragraph(text, text, classes=["wsis-indicators-empty"])]
    groups: dict[tuple[str, str], list[IndicatorRecord]] = {}
    for record in records:
        groups.setdefault(record.breakdown_key, []).append(record)
    rows: list[tuple[Cell, ...]] = []
    for group in groups.values():
        for position, record in enumerate(group):
            uri = builder.get_relative_uri(fromdocname, record.docname) + "#" + record.node_id
            rows.append(_indicator_row(record, position, len(group), uri, template, language))
    headers = [
        str(_(label))
        for label in (
            N_("Indicator"),
            N_("Value"),
            N_("Year"),
            N_("Baseline"),
            N_("Target"),
            N_("Source"),
            N_("Action lines"),
        )
    ]
    widths = [28, 12, 6, 14, 14, 22, 14]
    table = build_table(headers, widths, [], "wsis-indicator-table")
    body = table.next_node(nodes.tbody)
    if writes_rows_directly(builder):
        body += rows_node(rows, header_rows=1)
    else:
        body.extend(row_nodes(rows))
    return [table]


def _indicator_row(
    record: IndicatorRecord, position: int, size: int, uri: str, template: Template, language: str
) -> tuple[Cell, ...]:
    """A row; in a breakdown the first row names the indicator and every row its dimensions."""
    label = record.name
    breakdown = dimensions_text(record.dimensions)
    if size > 1 and position > 0:
        label = f"\u00b7 {breakdown or record.geo or record.name}"
    elif breakdown:
        label = f"{record.name} \u00b7 {breakdown}"
    name: Cell = (Link(label, uri, internal=True),)
    if record.code and position == 0:
        name += (Code(f" ({record.code})"),)
    source: Piece = record.source
    if record.source_url:
        source = Link(record.source, record.source_url, internal=False)

    def show(value: int | float | None, year: int | None) -> str:
        return dated_value(value, year, record.unit, record.multiplier, language)

    return (
        name,
        (format_value(record.value, record.unit, language, record.multiplier),),
        (str(record.year or ""),),
        (show(record.baseline, record.baseline_year),),
        (show(record.target, record.target_year),),
        (source,),
        (", ".join(action_line_labels(record.action_lines, template)),),
    )


def fill_summaries(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: replace each summary placeholder by its table."""
    if writes_no_pages(app.builder):
        return
    env = app.env
    for node in list(doctree.findall(wsis_summary)):
        if node["kind"] == "completeness":
            content = completeness_tables(result_of(env), env, app.builder, docname)
        else:
            content = indicators_table(env, app.builder, docname, node.get("action_line"))
        replacement = wsis_summary(classes=node["classes"], kind=node["kind"])
        replacement.extend(content)
        node.replace_self(replacement)
        replacement["filled"] = True


def setup(app: Sphinx) -> None:
    app.add_node(wsis_rows, html=(visit_rows_html, depart_rows))
    app.connect("doctree-resolved", fill_summaries)
