"""Cards for the report's records, built from standard docutils nodes and a facts node.

Standard nodes (paragraphs, rubrics) and the facts node (:mod:`.facts`, a field list for every
writer) are escaped by every writer, so a ``<script>`` or ``\\input`` in an option stays text
everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes

from .entries import ContactRecord, IndicatorRecord, ReportRecord, StoryRecord
from .facts import Row, facts_node
from .i18n import N_, _, format_value, shown_date
from .template import Template

#: Indicator statuses and scopes as the reader sees them (SPEC §3); option values stay as typed.
STATUS_LABELS = {
    "complete": N_("complete"),
    "in-progress": N_("in progress"),
    "not-started": N_("not started"),
    "not-applicable": N_("not applicable"),
}
SCOPE_LABELS = {
    "global": N_("global"),
    "regional": N_("regional"),
    "national": N_("national"),
    # Translators: indicator scope, about the reporting entity itself
    "organisational": N_("organisational"),
}


def status_label(status: str) -> str:
    """``in-progress`` → ``in progress`` in the report's language."""
    known = STATUS_LABELS.get(status)
    return str(_(known)) if known else status.replace("-", " ")


def scope_label(scope: str) -> str:
    known = SCOPE_LABELS.get(scope)
    return str(_(known)) if known else scope


def dimensions_text(dimensions: list[tuple[str, str]]) -> str:
    """``sex: female · area: rural``: a breakdown as it reads in a card or a table."""
    return " · ".join(f"{key}: {value}" for key, value in dimensions)


def report_card(
    record: ReportRecord, template: Template, document: nodes.document
) -> list[nodes.Node]:
    result: list[nodes.Node] = []
    title = nodes.paragraph(classes=["wsis-report-entity"])
    entity = record.entity or _("Unnamed entity")
    title += nodes.strong(entity, entity)
    result.append(title)
    subtitle = _("WSIS+20 report %(period)s: %(template)s") % {
        "period": record.period,
        "template": template.title,
    }
    result.append(nodes.paragraph(subtitle, subtitle, classes=["wsis-report-template"]))
    rows: list[Row] = [
        (_("Stakeholder type"), template.stakeholder_label(record.stakeholder) or "", ""),
        (_("Country"), record.country, ""),
        (_("Reporting period"), record.period, ""),
        (_("Date"), shown_date(record.date, document.settings.env.config.language), ""),
        (_("Website"), record.website, record.website),
    ]
    result.append(facts_node(rows, document, "wsis-report-fields"))
    return result


def contact_card(record: ContactRecord, document: nodes.document) -> list[nodes.Node]:
    rows: list[Row] = [
        (_("Name"), record.name, ""),
        # Translators: contact card field, the person's position
        (_("Role"), record.role, ""),
        # Translators: contact card field, the department the person works in
        (_("Unit"), record.unit, ""),
        (_("E-mail"), record.email, f"mailto:{record.email}"),
        (_("Phone"), record.phone, ""),
        (_("Address"), record.address, ""),
    ]
    return [facts_node(rows, document, "wsis-contact-fields")]


def not_applicable_note(reason: str, template: Template, code: str | None) -> nodes.Node:
    line = template.action_line(code) if code else None
    note = nodes.paragraph(classes=["wsis-na-note"])
    if line:
        label = _("Not applicable (%(action_line)s): ") % {"action_line": line.label}
    else:
        label = str(_("Not applicable: "))
    note += nodes.strong(label, label)
    note += nodes.Text(reason or _("no reason given"))
    return note


def story_header(
    record: StoryRecord, template: Template, document: nodes.document
) -> list[nodes.Node]:
    title = nodes.rubric(classes=["wsis-story-title"])
    title += nodes.Text(_("Success story: %(title)s") % {"title": record.title})
    rows: list[Row] = [
        (_("Action lines"), ", ".join(action_line_labels(record.action_lines, template)), ""),
        (_("Year"), str(record.year or ""), ""),
        (_("Location"), record.location, ""),
        (_("Partners"), ", ".join(record.partners), ""),
        (_("SDGs"), ", ".join(record.sdgs), ""),
        (_("More"), record.url, record.url),
    ]
    return [title, facts_node(rows, document, "wsis-story-fields")]


def indicator_card(
    record: IndicatorRecord, template: Template, document: nodes.document, language: str = "en"
) -> list[nodes.Node]:
    title = nodes.rubric(classes=["wsis-indicator-title"])
    title += nodes.Text(record.name)
    figure = nodes.paragraph(classes=["wsis-indicator-value"])

    def show(value: int | float | None) -> str:
        return format_value(value, record.unit, language, record.multiplier)

    value_text = show(record.value)
    figure += nodes.strong(value_text, value_text)
    if record.year:
        figure += nodes.Text(f" ({record.year})")
    series = "; ".join(f"{y}: {show(v)}" for y, v in record.series)
    official = record.catalogue_name if record.catalogue_name != record.name else ""
    code = " ".join(filter(None, [record.code, f"({official})" if official else ""]))
    rows: list[Row] = [
        (_("Indicator code"), code, ""),
        (_("Definition"), record.definition, ""),
        (_("Breakdown"), dimensions_text(record.dimensions), ""),
        (_("Baseline"), dated(record.baseline, record.baseline_year, show), ""),
        (_("Target"), dated(record.target, record.target_year, show), ""),
        (_("Series"), series, ""),
        (_("Source"), record.source, record.source_url),
        (_("Scope"), " · ".join(filter(None, [scope_label(record.scope), record.geo])), ""),
        (_("Action lines"), ", ".join(action_line_labels(record.action_lines, template)), ""),
        (_("SDG"), ", ".join(record.sdg), ""),
        (_("Status"), status_label(record.status), ""),
        (_("Note"), record.note, ""),
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
    return dated(value, year, lambda v: format_value(v, unit, language, multiplier))


def action_line_labels(codes: list[str], template: Template) -> list[str]:
    """How codes read in running text: ``C3``, ``C7 E-Health``."""
    return [line.label if (line := template.action_line(c)) else c for c in codes]
