"""``sphinx-wsis import``: a Word draft becomes a report project, laid out as ``init`` lays it out.

The pages are those of :func:`~sphinx_wsis.scaffold.plan_pages` (the same names, titles and
toctree), and conf.py, README and the CI workflow are the scaffold's own files. Each part the
draft answers holds the draft's text; each part it does not answer keeps the scaffold's
placeholder, so ``sphinx-wsis check`` lists exactly what is still to write. Text that belongs
to no part goes to one page, ``unplaced``, which says so at its top.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..option_values import slug
from ..scaffold import (
    Options,
    Page,
    aspect_directive_call,
    marker_of,
    plan_pages,
    render_project,
    section_title,
)
from ..template import ActionLine, Section, Template
from ..vocabulary import PartKind
from .markup import Markup, _trimmed, markup_for
from .placing import Card, Placed
from .reader import Block

UNPLACED = "unplaced"
VALUE = re.compile(
    r"^(?P<usd>USD\s+)?(?P<number>-?[\d,]*\.?\d+)\s*(?P<unit>%|per 100 inhabitants|[^()]*?)"
    r"\s*(?:\((?P<year>\d{4})\))?$"
)


@dataclass
class ImportResult:
    files: dict[str, str]
    pictures: dict[str, bytes] = field(default_factory=dict)
    placed: Placed = field(default_factory=Placed)


def stakeholder_key(placed: Placed, template: Template) -> str:
    """The stakeholder type the draft names on its title page, if any."""
    label = placed.report.get("stakeholder", "").strip().lower()
    for key, text in template.stakeholders:
        if label in (key, text.lower()):
            return key
    return ""


def render(
    placed: Placed,
    template: Template,
    fmt: str,
    entity: str,
    stakeholder: str,
    template_setting: str = "",
) -> ImportResult:
    """Every file of the project; ``template_setting`` as for ``init`` (a copied template)."""
    markup = markup_for(fmt)
    title = " ".join((placed.title or placed.document_title).split())
    options = Options(
        entity=entity,
        stakeholder=stakeholder,
        fmt=fmt,
        title=title,
        template_setting=template_setting,
    )
    files = {
        name: text
        for name, text in render_project(template, options).items()
        if not name.endswith(f".{fmt}")
    }
    writer = _PageWriter(placed, template, markup, marker_of(template))
    for page in plan_pages(template, options):
        files[f"{page.docname}.{fmt}"] = "\n".join(writer.page(page, options)) + "\n"
    if writer.has_unplaced():
        files[f"{UNPLACED}.{fmt}"] = "\n".join(writer.unplaced_page()) + "\n"
    return ImportResult(files, writer.pictures, placed)


class _PageWriter:
    def __init__(self, placed: Placed, template: Template, markup: Markup, marker: str) -> None:
        self.placed = placed
        self.template = template
        self.m = markup
        self.marker = marker
        self.pictures: dict[str, bytes] = {}

    def has_unplaced(self) -> bool:
        return any(b.text or b.kind == "picture" for b in self.placed.unplaced)

    def body(self, blocks: list[Block], docname: str) -> list[str]:
        """Source lines for blocks on page ``docname``; pictures go next to the page."""
        folder = docname.rpartition("/")[0]
        stem = slug(docname.rpartition("/")[2]) or "page"
        for block in blocks:
            if block.kind == "picture" and block.picture is not None:
                if not block.picture.name.startswith(stem):
                    block.picture.name = f"{stem}-{block.picture.name}"
                self.pictures[f"{folder}/{block.picture.name}".lstrip("/")] = block.picture.data
        return self.m.blocks(blocks)

    def placeholder(self, text: str) -> list[str]:
        return [self.m.escape(f"{self.marker}: {' '.join(text.split())}")]

    # -- pages --------------------------------------------------------------------------

    def page(self, page: Page, options: Options) -> list[str]:
        kind = page.kind
        if kind == "index":
            return self.index(page, options)
        if kind == "annex":
            lines = self.m.title(page.title)
            lines += self.body(self.placed.annex, page.docname)
            lines += [*self.m.directive("wsis-completeness", "", {}, []), ""]
            return [*lines, *self.m.directive("wsis-indicators", "", {}, [])]
        lines = self.m.title(page.title)
        if kind in ("chapter", "action-lines"):
            chapter = page.context["chapter"]
            key = chapter.number or chapter.title
            lines += self.body(self.placed.chapters.get(key, []), page.docname)
            sections = page.context["sections"]
            for section in sections:
                if len(sections) > 1:
                    lines += self.m.title(section_title(section), 2)
                lines += [*self.section(section, page.docname), ""]
            if kind == "action-lines":
                names = [child.docname.split("/")[-1] for child in page.context["children"]]
                lines += self.m.toctree(names)
            return lines
        for index, entry in enumerate(page.context["lines"]):
            if index:
                lines += ["", *self.m.title(entry["title"], 2)]
            lines += self.action_line(entry["line"], page.docname)
        return lines

    def index(self, page: Page, options: Options) -> list[str]:
        report = {"entity": options.entity, "stakeholder": options.stakeholder}
        for key in ("country", "period", "date", "website"):
            report[key] = self.placed.report.get(key, "")
        if not re.fullmatch(r"\d{4}\s*[-\u2013]\s*\d{4}", report["period"]):
            report["period"] = ""
        intro = self.placed.intro
        if intro and intro[0].kind == "picture" and intro[0].picture is not None:
            # a picture before anything else on the first page is the logo (the builder's
            # title page starts with the report's :logo:)
            logo, intro = intro[0], intro[1:]
            self.body([logo], page.docname)  # saved next to the page, as pictures are
            report["logo"] = logo.picture.name
        lines = self.m.title(page.title)
        lines += [*self.m.directive("wsis-report", "", report, []), ""]
        lines += self.body(intro, page.docname)
        entries = [child.docname for child in page.context["children"]] + ["annex"]
        if self.has_unplaced():
            entries.append(UNPLACED)
        return [*lines, *self.m.toctree(entries)]

    def section(self, section: Section, docname: str) -> list[str]:
        if section.satisfied_by == "contact":
            return self.contact(docname)
        blocks = self.placed.sections.get(section.key, [])
        body = self.body(blocks, docname) if blocks else self.placeholder(
            section.prompt or section.title
        )  # fmt: skip
        if section.min_indicators:
            for card in self.placed.indicators:
                body = [*_trimmed(body), "", *self.indicator(card, docname)]
        return self.m.directive("wsis-section", section.key, {}, body, colons=4)

    def contact(self, docname: str) -> list[str]:
        found = dict(self.placed.contact)
        options = {
            "name": found.get("name") or f"{self.marker}: name of the WSIS focal point",
            "email": found.get("email") or f"{self.marker.lower()}@example.org",
        }
        for key in ("role", "unit", "phone", "address"):
            options[key] = found.get(key, "")
        return self.m.directive(
            "wsis-contact", "", options, self.body(self.placed.contact_blocks, docname)
        )

    def action_line(self, line: ActionLine, docname: str) -> list[str]:
        code = line.code
        body = self.body(self.placed.lines.get(code, []), docname)
        reason = self.placed.not_applicable.get(code)
        if reason is not None:
            options = {"not-applicable": reason}
            return self.m.directive("wsis-action-line", code, options, body, colons=4)
        parts = [p for p in self.template.parts() if p.subject == code]
        for part in parts:
            if part.kind != PartKind.ASPECT:
                continue
            directive, argument = aspect_directive_call(part.aspect or "")
            blocks = self.placed.aspects.get((code, part.aspect or ""), [])
            text = self.body(blocks, docname) if blocks else self.placeholder(
                part.label[:1].upper() + part.label[1:] + "."
            )  # fmt: skip
            body += ["", *self.m.directive(directive, argument, {}, text)]
        stories = self.placed.stories.get(code, [])
        for card in stories:
            body += ["", *self.story(card, docname, code)]
        if not stories:
            for part in parts:
                if part.kind == PartKind.STORIES:
                    text = self.placeholder(
                        f"tell one story of your work on {line.label}: what was done, with "
                        "whom, where and when, and what changed."
                    )
                    story = self.m.directive(
                        "wsis-success-story", f"{self.marker}: {part.label}", {}, text
                    )
                    body += ["", *story]
        return self.m.directive("wsis-action-line", code, {}, body, colons=4)

    def story(self, card: Card, docname: str, code: str) -> list[str]:
        """A story card the builder wrote, back as a ``wsis-success-story`` in the action line
        ``code`` it was under; the others it is about become its ``:action-lines:``."""
        facts = card.options
        codes = self.action_line_codes(facts)
        options = {
            "action-lines": ", ".join(codes) if codes and codes != [code] else "",
            "year": facts.get("year", "") if facts.get("year", "").isdigit() else "",
            "location": facts.get("location", ""),
            "partners": facts.get("partners", ""),  # the card's own separators (names())
            "sdgs": facts.get("sdgs", ""),
            "url": facts.get("more-url") or facts.get("more", ""),
        }
        kept, moved = _option_safe(options)
        text = [f"{label.capitalize()}: {value}" for label, value in moved.items()]
        body = [self.m.escape(t) for t in text] + ([""] if text else [])
        body += self.body(card.blocks, docname)
        return self.m.directive("wsis-success-story", card.title, kept, body or [""])

    def indicator(self, card: Card, docname: str) -> list[str]:
        """An indicator card the builder wrote, back as a ``wsis-indicator``; else its text."""
        facts = card.options
        value = VALUE.match(facts.get("value-text", "").strip())
        source = facts.get("source", "")
        if value is None or not value.group("year") or not source:
            text = [f"{card.title}: {facts.get('value-text', '')}", *(
                f"{k.capitalize()}: {v}" for k, v in facts.items() if k != "value-text"
            )]  # fmt: skip
            return [*(self.m.escape(t) for t in text), "", *self.body(card.blocks, docname)]
        options = {
            "value": value.group("number").replace(",", ""),
            "unit": _unit(value.group("usd"), value.group("unit")),
            "year": value.group("year"),
            "source": source,
            "source-url": facts.get("source-url", ""),
        }
        for label, key in (("baseline", "baseline"), ("target", "target")):
            dated = VALUE.match(facts.get(label, ""))
            if dated is not None:
                options[key] = dated.group("number").replace(",", "")
                options[f"{key}-year"] = dated.group("year") or ""
        scope, _, geo = facts.get("scope", "").partition(" · ")
        options.update(scope=scope, geo=geo, sdg=facts.get("sdg", ""), note=facts.get("note", ""))
        options["status"] = facts.get("status", "").replace(" ", "-")
        options["series"] = "; ".join(
            f"{year.strip()}: {number.group('number').replace(',', '')}"
            for year, _, text in (p.partition(":") for p in facts.get("series", "").split(";"))
            if (number := VALUE.match(text.strip())) and year.strip().isdigit()
        )
        options["action-lines"] = ", ".join(self.action_line_codes(facts))
        kept, moved = _option_safe(options)
        body = [self.m.escape(f"{k.capitalize()}: {v}") for k, v in moved.items()]
        body += self.body(card.blocks, docname)
        return self.m.directive("wsis-indicator", card.title, kept, body or [""])

    def action_line_codes(self, facts: dict[str, str]) -> list[str]:
        """The codes of a card's "Action lines" fact (``C3, C7 E-Health``)."""
        return [
            code
            for label in facts.get("action lines", "").split(",")
            if (code := self.template.normalize_code(label.strip()))
        ]

    def unplaced_page(self) -> list[str]:
        lines = self.m.title("Not placed: text from the draft to move")
        lines += [
            *self.m.warning(
                "sphinx-wsis import could not tell which part of the template this text "
                "belongs to. Move each piece into its part, then delete this page and its "
                "toctree entry."
            ),
            "",
        ]
        return lines + self.body(self.placed.unplaced, UNPLACED)


def _unit(usd: str | None, unit: str) -> str:
    unit = (unit or "").strip()
    if usd:
        return "usd"
    return {"%": "percent", "per 100 inhabitants": "per-100", "": "number"}.get(unit, unit)


def _option_safe(options: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """Options MyST can carry (it cuts a value at `` #``); the rest go into the text."""
    kept = {k: " ".join(v.split()) for k, v in options.items() if v}
    moved = {k: v for k, v in kept.items() if " #" in v}
    return {k: v for k, v in kept.items() if k not in moved}, moved
