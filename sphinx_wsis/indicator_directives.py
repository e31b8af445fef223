"""The indicator directives (SPEC §3): ``wsis-indicator``, ``wsis-chart``, and the summaries
``wsis-completeness`` and ``wsis-indicators`` filled in once every page is read."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx.util import logging

from . import option_values
from .cards import (
    indicator_card,
)
from .catalogue import Entry, catalogue_of, unit_label
from .catalogue import units as catalogue_units
from .domain import domain_of
from .nodes import (
    wsis_chart,
    wsis_indicator,
    wsis_summary,
)
from .records import (
    IndicatorRecord,
)

if TYPE_CHECKING:
    pass

from .directive_base import WsisDirective, text_options

logger = logging.getLogger(__name__)


class IndicatorDirective(WsisDirective):
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar = text_options(
        "value", "unit", "year", "source", "id", "source-url", "baseline", "baseline-year",
        "target", "target-year", "scope", "geo", "action-lines", "sdg", "series", "status",
        "note", "code", "unit-multiplier", "disaggregation", "chart",
    )  # fmt: skip

    def run(self) -> list[nodes.Node]:
        name = option_values.text(self.arguments[0]) if self.arguments else ""
        entry = self.catalogue_entry()
        if not name and not self.options.get("code"):
            self.finding(
                "missing",
                f"{self.name} needs a name (its argument) or a catalogue :code: such as 17.8.1",
            )
        record = IndicatorRecord(self.env.docname, self.lineno, "", name=name)
        if entry is not None:
            record.code = entry.code
            record.catalogue_name = entry.name(self.language)
            record.definition = entry.definition(self.language)
            record.name = name or record.catalogue_name
        elif not name:
            record.name = option_values.text(self.options.get("code", "")) or "indicator"
        record.dimensions = self.value("disaggregation", option_values.disaggregation) or []
        record.id = self.value("id", option_values.identifier) or self.default_id(record)
        record.unit = self.indicator_unit(entry)
        record.multiplier = self.value("unit-multiplier", option_values.multiplier) or ""
        record.value = self.number("value", record.unit, required=True)
        record.year = self.value("year", option_values.year, required=True)
        record.source = self.text_value("source", required=True)
        record.source_url = self.value("source-url", option_values.url) or ""
        record.baseline = self.number("baseline", record.unit)
        record.baseline_year = self.value("baseline-year", option_values.year)
        record.target = self.number("target", record.unit)
        record.target_year = self.value("target-year", option_values.year)
        record.scope = (
            self.value(
                "scope", lambda raw: option_values.choice(raw, option_values.SCOPES, "scope")
            )
            or ""
        )
        record.geo = self.text_value("geo")
        if record.geo:
            record.geo, record.area_codes = self.countries(record.geo, "geo")
        record.action_lines = [
            code
            for raw in option_values.listing(self.options.get("action-lines", ""))
            if (code := self.resolve_code(raw, "action-lines"))
        ]
        record.sdg = self.value("sdg", option_values.sdgs) or []
        if entry is not None and "." in entry.code and entry.code not in record.sdg:
            record.sdg = [entry.code, *record.sdg]
        record.series = self.value("series", option_values.series) or []
        record.status = (
            self.value(
                "status", lambda raw: option_values.choice(raw, option_values.STATUSES, "status")
            )
            or ""
        )
        record.note = self.text_value("note")
        default_chart = "line" if record.series else "none"
        record.chart = (
            self.value(
                "chart", lambda raw: option_values.choice(raw, option_values.CHARTS, "chart type")
            )
            or default_chart
        )
        if record.chart != "none" and not record.series and "chart" in self.options:
            self.finding(
                "invalid",
                f"{self.name} :chart: {record.chart} needs a :series: to draw",
                "chart",
            )
        self.check_years(record)

        node = wsis_indicator(classes=["wsis-indicator"])
        record.node_id = self.anchor(node, "wsis-ind", record.id)
        node += indicator_card(record, self.template, self.state.document, self.language)
        if record.chart != "none" and record.series:
            chart = wsis_chart(classes=["wsis-chart"], kind=record.chart, title=record.name)
            chart["indicators"] = [record.node_id]
            chart.source, chart.line = self.get_source_info()
            node += chart
        self.add_body(record, node)
        self.record("indicators", record, node)
        return [node]

    def catalogue_entry(self) -> Entry | None:
        raw = self.options.get("code")
        if raw is None:
            return None
        catalogue = catalogue_of(self.config)
        if not raw.strip():
            self.finding("empty", f"{self.name} has an empty :code:", "code")
            return None
        entry = catalogue.entry(raw)
        if entry is None:
            suggestion = catalogue.suggest(raw)
            hint = f"; did you mean {suggestion!r}?" if suggestion else ""
            self.finding(
                "unknown",
                f"{self.name} :code: {raw.strip()!r} is not in the indicator catalogue{hint}",
                "code",
            )
        return entry

    def default_id(self, record: IndicatorRecord) -> str:
        """The slug of the name as written (else the code), then the breakdown's values."""
        base = option_values.slug(self.arguments[0]) if self.arguments else ""
        base = base or record.code.lower() or option_values.slug(record.name) or "indicator"
        parts = [base, *(option_values.slug(value) for _, value in record.dimensions)]
        return "-".join(p for p in parts if p)

    def indicator_unit(self, entry: Entry | None) -> str:
        """The unit: required without a code; with one, the catalogue's unless :unit: agrees."""
        unit = self.value(
            "unit", option_values.unit, required=entry is None and "code" not in self.options
        )
        if entry is None:
            if unit and unit not in catalogue_units():
                logger.info(
                    "%s :unit: %r is not a standard unit (%s), so it cannot be compared across "
                    "reports",
                    self.name,
                    unit,
                    ", ".join(catalogue_units()),
                    location=(self.env.docname, self.option_line("unit")),
                )
            return unit or ""
        if unit and unit not in entry.units:
            published = ", ".join(f"{u} ({unit_label(u, 'en')})" for u in entry.units)
            self.finding(
                "invalid",
                f"{self.name} :unit: {unit!r} contradicts the catalogue: {entry.code} is "
                f"published in {published}",
                "unit",
            )
        return unit or entry.unit

    def number(self, option: str, unit: str, *, required: bool = False) -> int | float | None:
        result = self.value(option, option_values.number, required=required)
        if result is not None and unit == "percent" and not 0 <= result <= 100:
            self.finding(
                "invalid", f"{self.name} :{option}: {result} is not a percentage (0 to 100)", option
            )
        return result

    def check_years(self, record: IndicatorRecord) -> None:
        if record.baseline_year and record.year and record.baseline_year > record.year:
            self.finding(
                "invalid",
                f"{self.name} :baseline-year: {record.baseline_year} is after :year: {record.year}",
                "baseline-year",
            )
        if record.target_year and record.year and record.target_year < record.year:
            self.finding(
                "invalid",
                f"{self.name} :target-year: {record.target_year} is before :year: {record.year}",
                "target-year",
            )
        for option, given, year in (
            ("baseline", record.baseline, record.baseline_year),
            ("target", record.target, record.target_year),
        ):
            if given is not None and year is None and f"{option}-year" not in self.options:
                self.finding("missing", f"{self.name} :{option}: needs :{option}-year:", option)
            if year is not None and given is None and option not in self.options:
                self.finding(
                    "missing", f"{self.name} :{option}-year: needs :{option}:", f"{option}-year"
                )


class ChartDirective(WsisDirective):
    """``wsis-chart TITLE`` with ``:indicators:``: their series in one chart, drawn once all
    pages are read (the indicators may be anywhere in the report)."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = False
    option_spec: ClassVar = text_options("indicators", "chart")

    def run(self) -> list[nodes.Node]:
        title = option_values.text(self.arguments[0])
        ids = [i.lower() for i in option_values.listing(self.options.get("indicators", ""))]
        if not ids:
            self.finding(
                "missing", f"{self.name} needs :indicators:, the ids of indicators", "indicators"
            )
        kind = (
            self.value(
                "chart", lambda raw: option_values.choice(raw, ("line", "bar"), "chart type")
            )
            or "line"
        )
        node = wsis_chart(classes=["wsis-chart"], kind=kind, title=title, indicator_ids=ids)
        node.source, node.line = self.get_source_info()
        self.anchor(node, "wsis-chart", option_values.slug(title) or "chart")
        domain_of(self.env).note_summary(self.env.docname, "indicators")
        return [node]


class SummaryDirective(WsisDirective):
    """``wsis-completeness`` and ``wsis-indicators``: tables filled in once all pages are read."""

    has_content = False
    kind: ClassVar[str] = ""
    option_spec: ClassVar = {}

    def run(self) -> list[nodes.Node]:
        node = wsis_summary(classes=["wsis-summary", f"wsis-{self.kind}"], kind=self.kind)
        node.source, node.line = self.get_source_info()
        if self.options.get("action-line"):
            node["action_line"] = self.resolve_code(self.options["action-line"], "action-line")
        domain_of(self.env).note_summary(self.env.docname, self.kind)
        return [node]


class CompletenessDirective(SummaryDirective):
    kind = "completeness"


class IndicatorsDirective(SummaryDirective):
    kind = "indicators"
    option_spec: ClassVar = text_options("action-line")
