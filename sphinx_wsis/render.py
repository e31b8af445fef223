"""Cards for the report's records, built from standard docutils nodes and a facts node.

Standard nodes (paragraphs, rubrics) and the facts node (:mod:`.facts`, a field list for every
writer) are escaped by every writer, so a ``<script>`` or ``\\input`` in an option stays text
everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes

from .catalogue import multiplier_label, unit_label
from .entries import ContactRecord, IndicatorRecord, ReportRecord, StoryRecord
from .facts import Row, facts_node
from .template import Template


def format_number(value: int | float) -> str:
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def format_value(
    value: int | float | None, unit: str, multiplier: str = "", language: str = "en"
) -> str:
    """``74%``, ``USD 1,200``, ``2.2 billion people``, ``17 pour 100 habitants``."""
    if value is None:
        return "—"
    number = format_number(value)
    scale = multiplier_label(multiplier, language) if multiplier else ""
    if unit == "percent" and not scale:
        return f"{number}%"
    if unit == "usd":
        return " ".join(filter(None, ["USD", number, scale]))
    return " ".join(filter(None, [number, scale, unit_label(unit, language)]))


def dimensions_text(dimensions: list[tuple[str, str]]) -> str:
    """``sex: female · area: rural``: a breakdown as it reads in a card or a table."""
    return " · ".join(f"{key}: {value}" for key, value in dimensions)


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
    record: IndicatorRecord, template: Template, document: nodes.document, language: str = "en"
) -> list[nodes.Node]:
    title = nodes.rubric(classes=["wsis-indicator-title"])
    title += nodes.Text(record.name)
    figure = nodes.paragraph(classes=["wsis-indicator-value"])

    def show(value: int | float | None) -> str:
        return format_value(value, record.unit, record.multiplier, language)

    value_text = show(record.value)
    figure += nodes.strong(value_text, value_text)
    if record.year:
        figure += nodes.Text(f" ({record.year})")
    series = "; ".join(f"{y}: {show(v)}" for y, v in record.series)
    official = record.catalogue_name if record.catalogue_name != record.name else ""
    code = " ".join(filter(None, [record.code, f"({official})" if official else ""]))
    rows: list[Row] = [
        ("Indicator code", code, ""),
        ("Definition", record.definition, ""),
        ("Breakdown", dimensions_text(record.dimensions), ""),
        ("Baseline", dated(record.baseline, record.baseline_year, show), ""),
        ("Target", dated(record.target, record.target_year, show), ""),
        ("Series", series, ""),
        ("Source", record.source, record.source_url),
        ("Scope", " · ".join(filter(None, [record.scope, record.geo])), ""),
        ("Action lines", ", ".join(action_line_labels(record.action_lines, template)), ""),
        ("SDG", ", ".join(record.sdg), ""),
        ("Status", record.status.replace("-", " "), ""),
        ("Note", record.note, ""),
    ]
    return [title, figure, facts_node(rows, document, "wsis-indicator-fields")]


def dated(value: int | float | None, year: int | None, show: Callable[[Any], str]) -> str:
    """``66% (2022)``: a baseline or target with its year, or nothing."""
    if value is None:
        return ""
    return f"{show(value)} ({year})" if year else show(value)


def dated_value(
    value: int | float | None, year: int | None, unit: str, multiplier: str = "",
    language: str = "en",
) -> str:  # fmt: skip
    return dated(value, year, lambda v: format_value(v, unit, multiplier, language))


def action_line_labels(codes: list[str], template: Template) -> list[str]:
    """How codes read in running text: ``C3``, ``C7 E-Health``."""
    return [line.label if (line := template.action_line(c)) else c for c in codes]
