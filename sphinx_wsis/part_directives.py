"""The directives of the report's parts (SPEC §3): ``wsis-report``, ``wsis-contact``,
``wsis-section``, ``wsis-action-line``, the aspects and ``wsis-success-story``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx.util import logging

from . import option_values
from .cards import (
    contact_card,
    not_applicable_note,
    report_card,
    story_header,
)
from .nodes import (
    wsis_action_line,
    wsis_aspect,
    wsis_contact,
    wsis_report,
    wsis_section,
    wsis_story,
)
from .records import (
    ActionLineRecord,
    AspectRecord,
    ContactRecord,
    ReportRecord,
    SectionRecord,
    StoryRecord,
)

if TYPE_CHECKING:
    pass

from .directive_base import ACTION_LINE_STACK, LAST_ACTION_LINE, WsisDirective, text_options

logger = logging.getLogger(__name__)


class ReportDirective(WsisDirective):
    has_content = True
    option_spec: ClassVar = text_options(
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
                lambda raw: option_values.choice(raw, stakeholders, "stakeholder type"),
                required=True,
            )
            or "",
            country=self.text_value("country"),
            period="-".join(
                map(str, self.value("period", option_values.period) or self.template.period)
            ),
            date=self.value("date", option_values.date) or "",
            website=self.value("website", option_values.url) or "",
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
            raise option_values.InvalidValue(f"{raw.strip()!r} is outside the project")
        if not resolved.is_file():
            raise option_values.InvalidValue(f"{raw.strip()!r} does not exist")
        return Path(relative).as_posix()


class ContactDirective(WsisDirective):
    has_content = True
    option_spec: ClassVar = text_options("name", "email", "role", "phone", "address", "unit")

    def run(self) -> list[nodes.Node]:
        record = ContactRecord(
            self.env.docname,
            self.lineno,
            "",
            name=self.text_value("name", required=True),
            email=self.value("email", option_values.email, required=True) or "",
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
        node = wsis_section(classes=["wsis-section", f"wsis-section-{option_values.slug(key)}"])
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
    option_spec: ClassVar = text_options("not-applicable")

    def run(self) -> list[nodes.Node]:
        code = self.resolve_code(self.arguments[0], "")
        key = code or option_values.slug(self.arguments[0])
        node = wsis_action_line(classes=["wsis-action-line", f"wsis-al-{option_values.slug(key)}"])
        node["code"] = key
        record = ActionLineRecord(self.env.docname, self.lineno, "", code=code or "")
        record.node_id = self.anchor(node, "wsis-al", option_values.slug(key))
        reason = None
        if "not-applicable" in self.options:
            reason = option_values.text(self.options["not-applicable"])
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

        stack = self.env.temp_data.setdefault(ACTION_LINE_STACK, [])
        stack.append(code)
        try:
            self.add_body(record, node)
        finally:
            stack.pop()
        self.env.temp_data[LAST_ACTION_LINE] = code
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
    option_spec: ClassVar = text_options("action-line")
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
        node = wsis_aspect(classes=["wsis-aspect", f"wsis-aspect-{option_values.slug(key)}"])
        title = aspect.title if aspect else key
        line = self.template.action_line(code) if code else None
        if line and self.placed_by_option():
            title = f"{title} ({line.label})"  # the page around it may be another line's
        node += nodes.rubric(title, title, classes=["wsis-aspect-title"])
        record = AspectRecord(self.env.docname, self.lineno, "", code=code or "", aspect=key)
        self.add_body(record, node)
        if code and aspect:
            record.node_id = self.anchor(node, f"wsis-{option_values.slug(code)}", key)
            self.record("aspects", record, node)
        return [node]

    def placed_by_option(self) -> bool:
        """Whether only ``:action-line:`` says where this aspect belongs (it is written outside
        any ``wsis-action-line``), so its title must name the action line."""
        stack = self.env.temp_data.get(ACTION_LINE_STACK, [])
        return not stack and bool(self.options.get("action-line"))


def aspect_directive_class(key: str) -> type[AspectDirective]:
    """The directive class of an aspect that has a directive of its own."""
    return type(f"{key.title()}Directive", (AspectDirective,), {"aspect_key": key})


class GenericAspectDirective(AspectDirective):
    required_arguments = 1


class StoryDirective(WsisDirective):
    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar = text_options(
        "action-lines", "year", "partners", "location", "url", "sdgs", "id"
    )

    def run(self) -> list[nodes.Node]:
        title = option_values.text(self.arguments[0])
        codes = self.story_action_lines()
        record = StoryRecord(
            self.env.docname,
            self.lineno,
            "",
            slug=self.value("id", option_values.identifier) or option_values.slug(title) or "story",
            title=title,
            action_lines=codes,
            year=self.value("year", option_values.year),
            partners=self.value("partners", option_values.names) or [],
            location=self.text_value("location"),
            url=self.value("url", option_values.url) or "",
            sdgs=self.value("sdgs", option_values.sdgs) or [],
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
                for raw in option_values.listing(self.options["action-lines"])
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
