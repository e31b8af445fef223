"""Cards for the report's records, built from standard docutils nodes and a facts node.

Standard nodes (paragraphs, rubrics) and the facts node (:mod:`.facts`, a field list for every
writer) are escaped by every writer, so a ``<script>`` or ``\\input`` in an option stays text
everywhere.
"""

from __future__ import annotations

from docutils import nodes

from .entries import ContactRecord, IndicatorRecord, ReportRecord, StoryRecord
from .facts import Row, facts_node
from .template import Template

UNIT_LABELS = {"percent": "%", "per-100": "per 100 inhabitants", "usd": "USD", "number": ""}


def format_number(value: int | float) -> str:
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def format_value(value: int | float | None, unit: str) -> str:
    if value is None:
        return "—"
    number = format_number(value)
    if unit == "percent":
        return f"{number}%"
    if unit == "usd":
        return f"USD {number}"
    label = UNIT_LABELS.get(unit, unit)
    return f"{number} {label}".strip()


def report_card(
    record: ReportRecord, template: Template, document: nodes.document
) -> list[nodes.Node]:
    result: list[nodes.Node] = []
    title = nodes.paragraph(classes=["wsis-report-entity"])
    title += nodes.strong(record.entity or "Unnamed entity", record.entity or "Unnamed entity")
    result.append(title)
    subtitle = f"WSIS+20 report {record.period}: {template.title}"
    result.append(nodes.paragraph(subtitle, subtitle, classes=["wsis-report-template"]))
    rows: list[Row] = [
        ("Stakeholder type", template.stakeholder_label(record.stakeholder) or "", ""),
        ("Country", record.country, ""),
        ("Reporting period", record.period, ""),
        ("Date", record.date, ""),
        ("Website", record.website, record.website),
    ]
    result.append(facts_node(rows, document, "wsis-report-fields"))
    return result


def contact_card(record: ContactRecord, document: nodes.document) -> list[nodes.Node]:
    rows: list[Row] = [
        ("Name", record.name, ""),
        ("Role", record.role, ""),
        ("Unit", record.unit, ""),
        ("E-mail", record.email, f"mailto:{record.email}"),
        ("Phone", record.phone, ""),
        ("Address", record.address, ""),
    ]
    return [facts_node(rows, document, "wsis-contact-fields")]


def not_applicable_note(reason: str, template: Template, code: str | None) -> nodes.Node:
    line = template.action_line(code) if code else None
    note = nodes.paragraph(classes=["wsis-na-note"])
    label = f"Not applicable ({line.label}): " if line else "Not applicable: "
    note += nodes.strong(label, label)
    note += nodes.Text(reason or "no reason given")
    return note


def story_header(
    record: StoryRecord, template: Template, document: nodes.document
) -> list[nodes.Node]:
    title = nodes.rubric(classes=["wsis-story-title"])
    title += nodes.Text(f"Success story: {record.title}")
    rows: list[Row] = [
        ("Action lines", ", ".join(action_line_labels(record.action_lines, template)), ""),
        ("Year", str(record.year or ""), ""),
        ("Location", record.location, ""),
        ("Partners", ", ".join(record.partners), ""),
        ("SDGs", ", ".join(record.sdgs), ""),
        ("More", record.url, record.url),
    ]
    return [title, facts_node(rows, document, "wsis-story-fields")]


def indicator_card(
    record: IndicatorRecord, template: Template, document: nodes.document
) -> list[nodes.Node]:
    title = nodes.rubric(classes=["wsis-indicator-title"])
    title += nodes.Text(record.name)
    figure = nodes.paragraph(classes=["wsis-indicator-value"])
    value_text = format_value(record.value, record.unit)
    figure += nodes.strong(value_text, value_text)
    if record.year:
        figure += nodes.Text(f" ({record.year})")
    series = "; ".join(f"{y}: {format_value(v, record.unit)}" for y, v in record.series)
    rows: list[Row] = [
        ("Baseline", dated_value(record.baseline, record.baseline_year, record.unit), ""),
        ("Target", dated_value(record.target, record.target_year, record.unit), ""),
        ("Series", series, ""),
        ("Source", record.source, record.source_url),
        ("Scope", " · ".join(filter(None, [record.scope, record.geo])), ""),
        ("Action lines", ", ".join(action_line_labels(record.action_lines, template)), ""),
        ("SDG", ", ".join(record.sdg), ""),
        ("Status", record.status.replace("-", " "), ""),
        ("Note", record.note, ""),
    ]
    return [title, figure, facts_node(rows, document, "wsis-indicator-fields")]


def dated_value(value: int | float | None, year: int | None, unit: str) -> str:
    """``66% (2022)``: a baseline or target with its year, or nothing."""
    if value is None:
        return ""
    return f"{format_value(value, unit)} ({year})" if year else format_value(value, unit)


def action_line_labels(codes: list[str], template: Template) -> list[str]:
    """How codes read in running text: ``C3``, ``C7 E-Health``."""
    return [line.label if (line := template.action_line(c)) else c for c in codes]
