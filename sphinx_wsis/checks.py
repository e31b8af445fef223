"""Completeness checks (SPEC §4): judge every part of the template against the collected report.

:class:`Checker` turns the domain's records into a :class:`Completeness`: each part's state
and the findings; :mod:`.completeness` runs it in a build.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .config import template_error, template_of
from .directives import aspect_directive_name
from .domain import WsisDomain, domain_of
from .i18n import PLACEHOLDER_MARKERS
from .outputs import Output
from .placement import Homes
from .records import Finding, Record, file_of
from .template import Part, Template
from .textify import word_count
from .vocabulary import PASSING, STATES, PartKind, State

if TYPE_CHECKING:
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


@dataclass
class PartState:
    """The state of one template part, and where the text that decided it is."""

    part: Part
    state: str
    detail: str = ""
    docname: str | None = None
    lineno: int | None = None
    file: str = ""  # as Record.file


@dataclass
class Completeness:
    """The verdict on every part of the template, and the findings behind it."""

    template: Template
    parts: list[PartState]
    findings: list[Finding] = field(default_factory=list)
    #: the output judged (``html``, ``latex`` …), and each part's state in every output
    output: str = ""
    by_output: dict[str, dict[str, str]] = field(default_factory=dict)

    def missing_from(self, part_id: str) -> list[str]:
        """The outputs in which a part is not complete."""
        return [
            name for name, states in self.by_output.items() if states.get(part_id) not in PASSING
        ]

    @property
    def complete(self) -> bool:
        return not self.findings and all(p.state in PASSING for p in self.parts)

    def totals(self) -> dict[str, int]:
        counts = dict.fromkeys(STATES, 0)
        for part in self.parts:
            counts[part.state] += 1
        return {"parts": len(self.parts), **counts, "findings": len(self.findings)}


class PlaceholderMatcher:
    """Finds placeholder text: the template's patterns plus ``wsis_placeholder_patterns``.

    A text is first screened with one regular expression for every literal pattern (one scan
    instead of one per pattern: with case ignored and word boundaries, each scan reads every
    character) and the author's ``re:`` patterns; the label is then the first pattern, in
    order, that the first text so screened holds.
    """

    def __init__(self, patterns: list[str]) -> None:
        self.patterns: list[tuple[str, re.Pattern[str]]] = []
        self.regexes: list[re.Pattern[str]] = []
        literals = []
        for pattern in patterns:
            if pattern.startswith("re:"):
                regex = re.compile(pattern[3:], re.IGNORECASE)
                self.patterns.append((pattern[3:], regex))
                self.regexes.append(regex)
            else:
                literals.append(re.escape(pattern))
                regex = re.compile(rf"(?<!\w){literals[-1]}(?!\w)", re.IGNORECASE)
                self.patterns.append((pattern, regex))
        if literals:
            any_literal = rf"(?<!\w)(?:{'|'.join(literals)})(?!\w)"
            self.regexes.append(re.compile(any_literal, re.IGNORECASE))

    def search(self, texts: list[str]) -> str | None:
        for text in texts:
            if any(regex.search(text) for regex in self.regexes):
                for label, regex in self.patterns:
                    if regex.search(text):
                        return label
        return None


def placeholder_patterns(config: Config) -> list[str]:
    """The template's placeholders, the scaffold's marker in each UN language, the user's."""
    return [
        *template_of(config).placeholders,
        *PLACEHOLDER_MARKERS.values(),
        *config.wsis_placeholder_patterns,
    ]


class Checker:
    """Judges one environment's report against its template."""

    def __init__(self, env: BuildEnvironment, output: Output | None = None) -> None:
        self.env = env
        self.output = output
        self.config = env.config
        self.template = template_of(env.config)
        self.domain: WsisDomain = domain_of(env)
        self.placeholders = PlaceholderMatcher(placeholder_patterns(env.config))
        self.min_words = max(int(env.config.wsis_min_words), 1)
        self.findings: list[Finding] = []
        # each kind grouped once by what a part looks it up by, in reading order; the blocks
        # this output leaves out are kept apart, to say where the author's text went
        self.lines, _ = self.grouped("action_lines", lambda r: [r.code])
        self.aspects, self.hidden_aspects = self.grouped("aspects", lambda r: [(r.code, r.aspect)])
        self.sections, self.hidden_sections = self.grouped("sections", lambda r: [r.key])
        self.stories, self.hidden_stories = self.grouped("stories", lambda r: r.action_lines)
        reports = self.records("reports")
        self.anchor: tuple[str, int | None] = (
            reports[0].where if reports else (self.config.root_doc, None)
        )
        self.homes = Homes(env, self.template, self.lines, self.sections, self.anchor)

    def records(self, kind: str) -> list[Any]:
        """The records of ``kind`` this output shows."""
        records = self.domain.records(kind)
        if self.output is None:
            return records
        return [r for r in records if self.output.holds(r)]

    def grouped(
        self, kind: str, keys: Callable[[Any], list[Any]]
    ) -> tuple[dict[Any, list[Any]], dict[Any, list[Any]]]:
        shown = self.records(kind)
        kept = {id(r) for r in shown}
        hidden = [r for r in self.domain.records(kind) if id(r) not in kept]
        return _grouped(shown, keys), _grouped(hidden, keys)

    def left_out(self, hidden: list[Any] | None) -> str:
        """Why the author's block for a part is not in this output, or ""."""
        if not hidden or self.output is None:
            return ""
        first = hidden[0]
        path = self.env.doc2path(first.docname, False)
        return (
            f"; the text at {path}:{first.lineno} is not in {self.output.label}: "
            f"{self.output.why_not(first)}"
        )

    def run(self) -> Completeness:
        error = template_error(self.config)
        if error:  # already warned at start-up; judging against another template misleads
            return Completeness(self.template, [], [Finding("template", error, "", None)])
        self.check_report()
        self.check_action_lines()
        parts = [
            self.judge(part)
            for part in self.template.parts(
                require_stories=bool(self.config.wsis_require_success_stories)
            )
        ]
        self.check_unique("stories", "slug", "success story")
        self.check_unique("indicators", "id", "indicator id")
        self.check_observations()
        order = self.output.sort_key if self.output else _finding_order
        read = sorted(self.domain.records("findings"), key=order)
        return Completeness(self.template, parts, [*read, *self.findings])

    def finding(self, subtype: str, message: str, where: tuple[Any, ...]) -> None:
        self.findings.append(Finding(subtype, message, *where))

    # -- report metadata -----------------------------------------------------------------------

    def check_report(self) -> None:
        reports = self.records("reports")
        if not reports:
            self.finding(
                "missing",
                "the report has no wsis-report block (entity, stakeholder type): add one to "
                "the start page",
                self.anchor,
            )
        for extra in reports[1:]:
            self.duplicate("wsis-report block", extra, reports[0])
        for report in reports[:1]:
            self.check_placeholder_value("wsis-report :entity:", report.entity, report.where)
        contacts = self.records("contacts")
        for extra in contacts[1:]:
            self.duplicate("wsis-contact block", extra, contacts[0])
        for contact in contacts[:1]:
            self.check_placeholder_value("wsis-contact :name:", contact.name, contact.where)
            self.check_placeholder_value("wsis-contact :email:", contact.email, contact.where)

    def check_placeholder_value(self, what: str, value: str, where: tuple[Any, ...]) -> None:
        hit = self.placeholders.search([value])
        if hit:
            self.finding("placeholder", f"{what} still holds placeholder text {hit!r}", where)

    def duplicate(self, what: str, extra: Record, first: Record) -> None:
        path = file_of(self.env, first.docname, first.file)
        self.finding(
            "duplicate",
            f"a second {what}; the first is at {path}:{first.lineno}",
            extra.where,
        )

    def check_unique(self, kind: str, attribute: str, what: str) -> None:
        seen: dict[str, Record] = {}
        for record in self.records(kind):
            key = getattr(record, attribute)
            if key in seen:
                self.duplicate(f"{what} {key!r}", record, seen[key])
            else:
                seen[key] = record

    def check_observations(self) -> None:
        """One code, breakdown, area and year is one figure: a second block of it (under
        another id) is a duplicate; other breakdowns, areas or years are not."""
        seen: dict[tuple[Any, ...], Record] = {}
        for record in self.records("indicators"):
            if not record.code:
                continue
            area = tuple(record.area_codes) or record.geo
            key = (record.code, tuple(record.dimensions), area, record.year)
            first = seen.setdefault(key, record)
            if first is not record and first.id != record.id:  # same ids: reported above
                self.duplicate(f"value of {record.code} for this breakdown, area and year",
                               record, first)  # fmt: skip

    # -- template parts --------------------------------------------------------------------------

    def judge(self, part: Part) -> PartState:
        if part.kind == PartKind.CONTACT:
            return self.judge_contact(part)
        if part.kind == PartKind.SECTION:
            return self.judge_section(part)
        if part.kind == PartKind.INDICATORS:
            return self.judge_indicators(part)
        declared = self.not_applicable(part.subject)
        if declared is not None:
            reason = declared.not_applicable or ""
            return PartState(part, State.NOT_APPLICABLE, reason, *declared.where)
        if part.kind == PartKind.STORIES:
            return self.judge_stories(part)
        return self.judge_aspect(part)

    def not_applicable(self, code: str) -> Any:
        records = self.lines.get(code)
        if not records:
            line = self.template.action_line(code)
            records = self.lines.get(line.parent) if line and line.parent else None
        record = records[0] if records else None
        return record if record is not None and record.not_applicable is not None else None

    def action_line_anchor(self, code: str) -> tuple[str, int | None]:
        records = self.lines.get(code, [])
        return records[0].where if records else self.homes.of(code)

    def check_action_lines(self) -> None:
        """A second block for one action line or aspect, whatever the first one holds (N/A,
        placeholder or full text): the first in reading order counts."""
        for line in self.template.action_lines:
            records = self.lines.get(line.code, [])
            for extra in records[1:]:
                self.duplicate(f"wsis-action-line {line.code}", extra, records[0])
        for (code, key), records in self.aspects.items():
            for extra in records[1:]:
                self.duplicate(f"{aspect_directive_name(key)} for {code}", extra, records[0])

    def judge_aspect(self, part: Part) -> PartState:
        where = self.action_line_anchor(part.subject)
        records = self.aspects.get((part.subject, part.aspect), [])
        aspect = self.template.aspect(part.aspect or "")
        directive = aspect_directive_name(part.aspect or "")
        if not records:
            title = aspect.title.lower() if aspect else part.aspect
            return self.missing(
                part,
                f"{self.heading(part.subject)}: {title} missing (add {directive} inside "
                f"wsis-action-line {part.subject})"
                + self.left_out(self.hidden_aspects.get((part.subject, part.aspect))),
                where,
            )
        return self.judge_text(part, records[0].paragraphs, records[0].where)

    def judge_stories(self, part: Part) -> PartState:
        where = self.action_line_anchor(part.subject)
        stories = self.stories.get(part.subject, [])
        if not stories:
            return self.missing(
                part,
                f"{self.heading(part.subject)}: no success story (add wsis-success-story "
                f"inside wsis-action-line {part.subject})"
                + self.left_out(self.hidden_stories.get(part.subject)),
                where,
            )
        first: PartState | None = None
        for story in stories:  # the first complete story decides; the rest need not be read
            judged = self.judge_text(part, story.paragraphs, story.where, report=False)
            if judged.state == State.DONE:
                return judged
            first = first or judged
        assert first is not None
        self.flag(first, f"success story {stories[0].title!r}")
        return first

    def judge_section(self, part: Part) -> PartState:
        records = self.sections.get(part.subject, [])
        if not records:
            return self.missing(
                part,
                f"section {part.label} missing (add wsis-section {part.subject})"
                + self.left_out(self.hidden_sections.get(part.subject)),
                self.homes.of(part.subject),
            )
        for extra in records[1:]:
            self.duplicate(f"wsis-section {part.subject}", extra, records[0])
        return self.judge_text(part, records[0].paragraphs, records[0].where)

    def judge_indicators(self, part: Part) -> PartState:
        section = self.template.section(part.subject)
        needed = section.min_indicators if section else 1
        count = len(self.records("indicators"))
        sections = self.sections.get(part.subject)
        where = sections[0].where if sections else self.homes.of(part.subject)
        if count < needed:
            return self.missing(
                part,
                f"{part.label}: the report has {count} wsis-indicator, at least {needed} needed",
                where,
            )
        return PartState(part, State.DONE, f"{count} indicators", *where)

    def judge_contact(self, part: Part) -> PartState:
        contacts = self.records("contacts")
        if not contacts:
            kept = {id(c) for c in contacts}
            hidden = [c for c in self.domain.records("contacts") if id(c) not in kept]
            return self.missing(
                part,
                f"{part.label} missing (add wsis-contact with :name: and :email:)"
                + self.left_out(hidden),
                self.homes.of(part.subject),
            )
        if not contacts[0].valid:  # the directive has already said what is wrong
            detail = "the contact lacks a valid name or e-mail"
            return PartState(part, State.INVALID, detail, *contacts[0].where)
        hit = self.placeholders.search([contacts[0].name, contacts[0].email])
        if hit:  # check_report has already said which field holds it
            detail = f"still holds placeholder text {hit!r}"
            return PartState(part, State.PLACEHOLDER, detail, *contacts[0].where)
        return PartState(part, State.DONE, contacts[0].name, *contacts[0].where)

    def heading(self, code: str) -> str:
        line = self.template.action_line(code)
        return line.heading if line else code

    def judge_text(
        self, part: Part, texts: list[str], where: tuple[Any, ...], *, report: bool = True
    ) -> PartState:
        words = word_count(texts)
        hit = self.placeholders.search(texts)
        if words == 0:
            state = PartState(part, State.EMPTY, "has no text", *where)
        elif hit:
            state = PartState(
                part, State.PLACEHOLDER, f"still holds placeholder text {hit!r}", *where
            )
        elif words < self.min_words:
            state = PartState(
                part, State.EMPTY, f"has {words} words, at least {self.min_words} needed", *where
            )
        else:
            return PartState(part, State.DONE, f"{words} words", *where)
        if report:
            self.flag(state, part.label)
        return state

    def flag(self, state: PartState, what: str) -> None:
        """A finding for a part that did not pass, saying what and why."""
        where = (state.docname or "", state.lineno, state.file)
        self.finding(state.state, f"{what} {state.detail}", where)

    def missing(self, part: Part, message: str, where: tuple[str, int | None]) -> PartState:
        self.finding(State.MISSING, message, where)
        return PartState(part, State.MISSING, message, *where)


def _grouped(records: list[Any], keys: Callable[[Any], list[Any]]) -> dict[Any, list[Any]]:
    """Records by each of their keys, keeping their order."""
    groups: dict[Any, list[Any]] = defaultdict(list)
    for record in records:
        for key in dict.fromkeys(keys(record)):
            groups[key].append(record)
    return dict(groups)


def _finding_order(finding: Finding) -> tuple[str, int]:
    return (finding.docname, finding.lineno or 0)
