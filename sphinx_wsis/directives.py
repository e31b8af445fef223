"""The report's directives (SPEC §3), the same in MyST and reStructuredText.

Directives never emit warnings themselves: they record a :class:`~.entries.Finding` in the
domain, and the checks emit every finding on every build, so an incremental build that does not
re-read a page still reports that page's problems.

Options are taken as text and validated here, so a wrong value gets a message in the author's
words at the option's own line rather than docutils' generic one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from . import geo, values
from .catalogue import Entry, catalogue_of, language_of, unit_label
from .catalogue import units as catalogue_units
from .config import template_of
from .domain import domain_of
from .entries import (
    ActionLineRecord,
    AspectRecord,
    ContactRecord,
    Finding,
    IndicatorRecord,
    Record,
    ReportRecord,
    SectionRecord,
    StoryRecord,
)
from .i18n import unique_id
from .myst_options import cut_options, is_myst
from .nodes import (
    wsis_action_line,
    wsis_aspect,
    wsis_chart,
    wsis_contact,
    wsis_indicator,
    wsis_node,
    wsis_report,
    wsis_section,
    wsis_story,
    wsis_summary,
)
from .render import (
    contact_card,
    indicator_card,
    not_applicable_note,
    report_card,
    story_header,
)
from .template import Template
from .textify import paragraphs

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)
T = TypeVar("T")
_STACK = "wsis:action-line-stack"
_LAST = "wsis:last-action-line"


def _text_options(*names: str) -> dict[str, Callable[[str], Any]]:
    return dict.fromkeys(names, directives.unchanged)


class WsisDirective(SphinxDirective):
    """Shared plumbing: findings, option look-up with validation, parsing the body."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if is_myst(self.state):  # an option MyST cut at " #" is lost text: say so
            for cut in cut_options(self.block_text, self.options):
                self.finding("invalid", cut.message(self.name), line=self.lineno + cut.offset)

    @property
    def template(self) -> Template:
        return template_of(self.config)

    @property
    def language(self) -> str:
        """The report's UN language (``language`` in conf.py), English by default."""
        return language_of(self.config.language)

    def finding(
        self, subtype: str, message: str, option: str | None = None, *, line: int | None = None
    ) -> None:
        source, lineno = self.source_line(line or self.option_line(option))
        domain_of(self.env).add_finding(Finding(subtype, message, self.env.docname, lineno, source))

    def source_line(self, lineno: int) -> tuple[str, int]:
        """``(file, line)`` of a line of this directive: the included file when the directive
        came in through ``include`` (``""`` for the document's own file)."""
        source, line = self.state_machine.get_source_and_line(lineno)
        if not source or line is None:
            return "", lineno
        path = Path(source).resolve()
        if path == Path(self.env.doc2path(self.env.docname)).resolve():
            return "", line
        try:
            return path.relative_to(Path(self.env.srcdir).resolve()).as_posix(), line
        except ValueError:
            return path.as_posix(), line  # included from outside the project

    def option_line(self, option: str | None) -> int:
        """The line an option is written on, so a finding points at it."""
        if option:
            for offset, line in enumerate(self.block_text.splitlines()):
                if line.lstrip().startswith(f":{option}:"):
                    return self.lineno + offset
        return self.lineno

    def value(self, option: str, parse: Callable[[str], T], *, required: bool = False) -> T | None:
        raw = self.options.get(option)
        if raw is None or not str(raw).strip():
            if required:
                self.finding("missing", f"{self.name} needs :{option}:", option)
            elif raw is not None:
                self.finding("empty", f"{self.name} has an empty :{option}:", option)
            return None
        try:
            return parse(str(raw))
        except values.InvalidValue as exc:
            self.finding("invalid", f"{self.name} :{option}: {exc}", option)
            return None

    def text_value(self, option: str, *, required: bool = False) -> str:
        return self.value(option, values.text, required=required) or ""

    def anchor(self, node: nodes.Element, prefix: str, term: str) -> str:
        """``prefix-term`` as the element's id, unique in the page; letters of any script kept
        (Sphinx's ``make_id`` would number a Chinese or Russian title's anchor instead)."""
        node_id = unique_id(self.state.document, prefix, term)
        node["ids"].append(node_id)
        self.state.document.note_explicit_target(node)
        return node_id

    def body(self) -> list[nodes.Node]:
        if self.myst_added_blank_line():
            self.content_offset -= 1
        return self.parse_content_to_nodes(allow_section_headings=True)

    def myst_added_blank_line(self) -> bool:
        """Whether MyST shifted the body one line down.

        MyST puts a blank line in front of a colon-fence body that starts with a nested fence,
        so nested directives would report their line one too late. The source tells whether
        that blank line is really there.
        """
        lines = self.block_text.split("\n")
        if len(lines) < 3 or lines[1] or not lines[2].startswith(":::"):
            return False
        source = self.state.document.get("source") or ""
        cache = self.env.temp_data.setdefault("wsis:source-lines", {})
        if source not in cache:
            try:
                cache[source] = Path(source).read_text("utf-8", errors="replace").splitlines()
            except OSError:
                cache[source] = []
        source_lines = cache[source]
        after_fence = self.lineno  # 1-based line of the fence, so the next line's index
        return after_fence < len(source_lines) and bool(source_lines[after_fence].strip())

    def add_body(self, record: Record, node: wsis_node) -> list[nodes.Node]:
        """Parse the directive's content into ``node`` and keep its text on the record."""
        content = self.body()
        record.paragraphs = paragraphs(content)  # type: ignore[attr-defined]
        node += content
        return content

    def record(self, kind: str, record: Record, node: wsis_node) -> None:
        record.source, record.lineno = self.source_line(record.lineno)
        domain_of(self.env).add(kind, record)
        node["record"] = kind
        self.env.events.emit("wsis-record", self, record, node)

    # -- which action line an aspect or story belongs to (SPEC §3) ----------------------------

    def resolve_code(self, raw: str, option: str) -> str | None:
        code = self.template.normalize_code(raw)
        if code is None:
            suggestion = self.template.suggest_code(raw)
            hint = f"; did you mean {suggestion!r}?" if suggestion else ""
            self.finding("unknown", f"unknown action-line code {raw.strip()!r}{hint}", option)
        return code

    def countries(self, raw: str, option: str, *, single: bool = False) -> tuple[str, list[str]]:
        """ISO 3166 countries named in ``raw``: (how they read in the report, alpha-3 codes).

        ``:country:`` must name one country. ``:geo:`` may name several (comma-separated) or a
        region in words ("World", "Least developed countries"), kept as written without a code;
        a near miss of a country name ("Kenia") is an error either way.
        """
        items = [raw] if single else [i for i in (values.text(p) for p in raw.split(",")) if i]
        found = [geo.country(item) for item in items]
        if all(found):
            shown = ", ".join(geo.display_name(item, self.language) for item in items)
            return shown, [c.alpha_3 for c in found if c]
        for item, country in zip(items, found, strict=True):
            if country is not None:
                continue
            suggestion = geo.suggest(item)
            if single or suggestion:
                hint = f"; did you mean {suggestion!r}?" if suggestion else ""
                self.finding(
                    "invalid",
                    f"{self.name} :{option}: {item!r} is not an ISO 3166 country name or code"
                    f"{hint}",
                    option,
                )
        return raw, []

    def owning_action_line(self) -> tuple[bool, str | None]:
        """``(found, code)`` by the SPEC's rule: enclosing, :action-line:, earlier in the page."""
        stack: list[str | None] = self.env.temp_data.get(_STACK, [])
        if stack:
            enclosing = stack[-1]
            raw = self.options.get("action-line")
            if raw and enclosing and self.template.normalize_code(raw) not in (None, enclosing):
                self.finding(
                    "invalid",
                    f"{self.name} :action-line: {raw.strip()} contradicts the enclosing "
                    f"wsis-action-line {enclosing}; it belongs to {enclosing}",
                    "action-line",
                )
            return True, enclosing
        if self.options.get("action-line"):
            return True, self.resolve_code(self.options["action-line"], "action-line")
        if _LAST in self.env.temp_data:
            return True, self.env.temp_data[_LAST]
        return False, None


class ReportDirective(WsisDirective):
    has_content = True
    option_spec: ClassVar = _text_options(
        "entity", "stakeholder", "country", "period", "date", "website", "logo"
    )

    def run(self) -> list[nodes.Node]:
        stakeholders = [key for key, _ in self.template.stakeholders]
        record = ReportRecord(
            self.env.docname,
            self.lineno,
            "",
            entity=self.text_value("entity", required=True),
            stakeholder=self.value(
                "stakeholder",
                lambda raw: values.choice(raw, stakeholders, "stakeholder type"),
                required=True,
            )
            or "",
            country=self.text_value("country"),
            period="-".join(map(str, self.value("period", values.period) or (2005, 2025))),
            date=self.value("date", values.date) or "",
            website=self.value("website", values.url) or "",
            logo=self.value("logo", self.logo_path) or "",
        )
        if record.country:
            record.country, codes = self.countries(record.country, "country", single=True)
            record.country_code = codes[0] if codes else ""
        node = wsis_report(classes=["wsis-report"])
        record.node_id = self.anchor(node, "wsis", "report")
        node += report_card(record, self.template, self.state.document)
        self.add_body(record, node)
        self.record("reports", record, node)
        return [node]

    def logo_path(self, raw: str) -> str:
        """A logo inside the project, as a path relative to the source directory."""
        relative, absolute = self.env.relfn2path(raw.strip(), self.env.docname)
        srcdir = Path(self.env.srcdir).resolve()
        resolved = Path(absolute).resolve()
        if not resolved.is_relative_to(srcdir):
            raise values.InvalidValue(f"{raw.strip()!r} is outside the project")
        if not resolved.is_file():
            raise values.InvalidValue(f"{raw.strip()!r} does not exist")
        return Path(relative).as_posix()


class ContactDirective(WsisDirective):
    has_content = True
    option_spec: ClassVar = _text_options("name", "email", "role", "phone", "address", "unit")

    def run(self) -> list[nodes.Node]:
        record = ContactRecord(
            self.env.docname,
            self.lineno,
            "",
            name=self.text_value("name", required=True),
            email=self.value("email", values.email, required=True) or "",
            role=self.text_value("role"),
            phone=self.text_value("phone"),
            address=self.text_value("address"),
            unit=self.text_value("unit"),
        )
        record.valid = bool(record.name and record.email)
        node = wsis_contact(classes=["wsis-contact"])
        record.node_id = self.anchor(node, "wsis", "contact")
        node += contact_card(record, self.state.document)
        self.add_body(record, node)
        self.record("contacts", record, node)
        return [node]


class SectionDirective(WsisDirective):
    required_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def run(self) -> list[nodes.Node]:
        raw = self.arguments[0].strip()
        key = raw.lower()
        section = self.template.section(key)
        if section is None:
            if self.template.normalize_code(raw):
                hint = f"; {raw!r} is an action line: use wsis-action-line"
            else:
                suggestion = self.template.suggest_section(raw)
                hint = f"; did you mean {suggestion!r}?" if suggestion else ""
            self.finding("unknown", f"unknown section key {raw!r}{hint}")
        node = wsis_section(classes=["wsis-section", f"wsis-section-{values.slug(key)}"])
        record = SectionRecord(self.env.docname, self.lineno, "", key=key)
        record.node_id = self.anchor(node, "wsis-section", key)
        self.add_body(record, node)
        if section is not None:
            self.record("sections", record, node)
        return [node]


class ActionLineDirective(WsisDirective):
    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar = _text_options("not-applicable")

    def run(self) -> list[nodes.Node]:
        code = self.resolve_code(self.arguments[0], "")
        key = code or values.slug(self.arguments[0])
        node = wsis_action_line(classes=["wsis-action-line", f"wsis-al-{values.slug(key)}"])
        node["code"] = key
        record = ActionLineRecord(self.env.docname, self.lineno, "", code=code or "")
        record.node_id = self.anchor(node, "wsis-al", values.slug(key))
        reason = None
        if "not-applicable" in self.options:
            reason = values.text(self.options["not-applicable"])
            if not reason:
                self.finding(
                    "invalid",
                    f"{self.arguments[0].strip()} is marked :not-applicable: without a reason; "
                    "say why it does not apply",
                    "not-applicable",
                )
            node["classes"].append("wsis-not-applicable")
            node += not_applicable_note(reason or "", self.template, code)
        record.not_applicable = reason

        stack = self.env.temp_data.setdefault(_STACK, [])
        stack.append(code)
        try:
            self.add_body(record, node)
        finally:
            stack.pop()
        self.env.temp_data[_LAST] = code
        if reason is not None and self.content and any(s.strip() for s in self.content):
            self.finding(
                "invalid",
                f"{code or self.arguments[0].strip()} is marked not applicable but has content; "
                "remove :not-applicable: or the content",
                "not-applicable",
            )
        if code:
            self.record("action_lines", record, node)
        return [node]


class AspectDirective(WsisDirective):
    """``wsis-achievements``, ``wsis-challenges``, ``wsis-priorities``, or ``wsis-aspect KEY``."""

    has_content = True
    option_spec: ClassVar = _text_options("action-line")
    aspect_key: ClassVar[str | None] = None

    def run(self) -> list[nodes.Node]:
        key = self.aspect_key or (self.arguments[0].strip().lower() if self.arguments else "")
        aspect = self.template.aspect(key)
        if aspect is None:
            known = ", ".join(a.key for a in self.template.aspects)
            self.finding("unknown", f"the template has no aspect {key!r} (it has: {known})")
        found, code = self.owning_action_line()
        if not found:
            self.finding(
                "invalid",
                f"{self.name} is outside any wsis-action-line and has no :action-line: option, "
                "so it belongs to no action line",
            )
        node = wsis_aspect(classes=["wsis-aspect", f"wsis-aspect-{values.slug(key)}"])
        title = aspect.title if aspect else key
        node += nodes.rubric(title, title, classes=["wsis-aspect-title"])
        record = AspectRecord(self.env.docname, self.lineno, "", code=code or "", aspect=key)
        self.add_body(record, node)
        if code and aspect:
            record.node_id = self.anchor(node, f"wsis-{values.slug(code)}", key)
            self.record("aspects", record, node)
        return [node]


def aspect_directive(key: str) -> type[AspectDirective]:
    return type(f"{key.title()}Directive", (AspectDirective,), {"aspect_key": key})


class GenericAspectDirective(AspectDirective):
    required_arguments = 1


class StoryDirective(WsisDirective):
    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar = _text_options(
        "action-lines", "year", "partners", "location", "url", "sdgs", "id"
    )

    def run(self) -> list[nodes.Node]:
        title = values.text(self.arguments[0])
        codes = self.story_action_lines()
        record = StoryRecord(
            self.env.docname,
            self.lineno,
            "",
            slug=self.value("id", values.identifier) or values.slug(title) or "story",
            title=title,
            action_lines=codes,
            year=self.value("year", values.year),
            partners=self.value("partners", values.listing) or [],
            location=self.text_value("location"),
            url=self.value("url", values.url) or "",
            sdgs=self.value("sdgs", values.sdgs) or [],
        )
        node = wsis_story(classes=["wsis-story"])
        record.node_id = self.anchor(node, "wsis-story", record.slug)
        node += story_header(record, self.template, self.state.document)
        self.add_body(record, node)
        self.record("stories", record, node)
        return [node]

    def story_action_lines(self) -> list[str]:
        if self.options.get("action-lines"):
            codes = [
                self.resolve_code(raw, "action-lines")
                for raw in values.listing(self.options["action-lines"])
            ]
            return list(dict.fromkeys(c for c in codes if c))
        found, code = self.owning_action_line()
        if not found:
            self.finding(
                "invalid",
                "wsis-success-story is outside any wsis-action-line and has no :action-lines: "
                "option, so it belongs to no action line",
            )
        return [code] if code else []


class IndicatorDirective(WsisDirective):
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar = _text_options(
        "value", "unit", "year", "source", "id", "source-url", "baseline", "baseline-year",
        "target", "target-year", "scope", "geo", "action-lines", "sdg", "series", "status",
        "note", "code", "unit-multiplier", "disaggregation", "chart",
    )  # fmt: skip

    def run(self) -> list[nodes.Node]:
        name = values.text(self.arguments[0]) if self.arguments else ""
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
            record.name = values.text(self.options.get("code", "")) or "indicator"
        record.dimensions = self.value("disaggregation", values.disaggregation) or []
        record.id = self.value("id", values.identifier) or self.default_id(record)
        record.unit = self.indicator_unit(entry)
        record.multiplier = self.value("unit-multiplier", values.multiplier) or ""
        record.value = self.number("value", record.unit, required=True)
        record.year = self.value("year", values.year, required=True)
        record.source = self.text_value("source", required=True)
        record.source_url = self.value("source-url", values.url) or ""
        record.baseline = self.number("baseline", record.unit)
        record.baseline_year = self.value("baseline-year", values.year)
        record.target = self.number("target", record.unit)
        record.target_year = self.value("target-year", values.year)
        record.scope = (
            self.value("scope", lambda raw: values.choice(raw, values.SCOPES, "scope")) or ""
        )
        record.geo = self.text_value("geo")
        if record.geo:
            record.geo, record.area_codes = self.countries(record.geo, "geo")
        record.action_lines = [
            code
            for raw in values.listing(self.options.get("action-lines", ""))
            if (code := self.resolve_code(raw, "action-lines"))
        ]
        record.sdg = self.value("sdg", values.sdgs) or []
        if entry is not None and "." in entry.code and entry.code not in record.sdg:
            record.sdg = [entry.code, *record.sdg]
        record.series = self.value("series", values.series) or []
        record.status = (
            self.value("status", lambda raw: values.choice(raw, values.STATUSES, "status")) or ""
        )
        record.note = self.text_value("note")
        default_chart = "line" if record.series else "none"
        record.chart = (
            self.value("chart", lambda raw: values.choice(raw, values.CHARTS, "chart type"))
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
        base = values.slug(self.arguments[0]) if self.arguments else ""
        base = base or record.code.lower() or values.slug(record.name) or "indicator"
        parts = [base, *(values.slug(value) for _, value in record.dimensions)]
        return "-".join(p for p in parts if p)

    def indicator_unit(self, entry: Entry | None) -> str:
        """The unit: required without a code; with one, the catalogue's unless :unit: agrees."""
        unit = self.value(
            "unit", values.unit, required=entry is None and "code" not in self.options
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
        result = self.value(option, values.number, required=required)
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
    option_spec: ClassVar = _text_options("indicators", "chart")

    def run(self) -> list[nodes.Node]:
        title = values.text(self.arguments[0])
        ids = [i.lower() for i in values.listing(self.options.get("indicators", ""))]
        if not ids:
            self.finding(
                "missing", f"{self.name} needs :indicators:, the ids of indicators", "indicators"
            )
        kind = (
            self.value("chart", lambda raw: values.choice(raw, ("line", "bar"), "chart type"))
            or "line"
        )
        node = wsis_chart(classes=["wsis-chart"], kind=kind, title=title, indicator_ids=ids)
        node.source, node.line = self.get_source_info()
        self.anchor(node, "wsis-chart", values.slug(title) or "chart")
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
    option_spec: ClassVar = _text_options("action-line")


DIRECTIVES: dict[str, type[SphinxDirective]] = {
    "wsis-report": ReportDirective,
    "wsis-contact": ContactDirective,
    "wsis-section": SectionDirective,
    "wsis-action-line": ActionLineDirective,
    "wsis-achievements": aspect_directive("achievements"),
    "wsis-challenges": aspect_directive("challenges"),
    "wsis-priorities": aspect_directive("priorities"),
    "wsis-aspect": GenericAspectDirective,
    "wsis-success-story": StoryDirective,
    "wsis-indicator": IndicatorDirective,
    "wsis-completeness": CompletenessDirective,
    "wsis-indicators": IndicatorsDirective,
    "wsis-chart": ChartDirective,
}


def setup(app: Sphinx) -> None:
    """The report's directives, and ``wsis-record``, emitted with each record they collect."""
    app.add_event("wsis-record")
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
