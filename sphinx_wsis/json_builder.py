"""The ``wsis-json`` builder: the report as one JSON document, ``<outdir>/report.json``.

The document is what a secretariat aggregates across organizations, so it is shaped by the
template, not by the author's pages: every section and action line of the template appears, in
template order, whether the report holds it or not, and the completeness result says which parts
are done. Its shape is ``sphinx_wsis/schemas/report.schema.json`` (JSON Schema 2020-12).

The output is deterministic: records are ordered by the pages' place in the toctree and their
line, paths are relative to the source directory, and nothing depends on the clock or the
machine, so two builds of the same sources give byte-identical files.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Set
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from docutils import nodes
from sphinx.builders import Builder
from sphinx.locale import __

from . import __version__
from .catalogue import unit_measure, unit_mult
from .completeness import completeness_document, result_of
from .config import template_of
from .domain import domain_of
from .json_content import ResolvedContent, blocks
from .option_values import as_uri
from .records import (
    ActionLineRecord,
    AspectRecord,
    ContactRecord,
    IndicatorRecord,
    Record,
    ReportRecord,
    SectionRecord,
    StoryRecord,
    file_of,
)
from .warnings import WsisWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .template import Template


REPORT_FILE = "report.json"
SCHEMA_ID = "urn:sphinx-wsis:schema:report:1"
SCHEMA_PATH = Path(__file__).parent / "schemas" / "report.schema.json"

R = TypeVar("R", bound=Record)


class WsisJsonBuilder(Builder):
    """Writes ``report.json``; like Sphinx's ``dummy`` builder it renders no page.

    Every page is still resolved on every build, so a broken reference is reported here as in
    the HTML build, and ``-W -b wsis-json`` fails exactly when ``-W -b html`` would.
    """

    name = "wsis-json"
    format = "json"
    epilog = __("The report's data is in %(outdir)s/" + REPORT_FILE + ".")
    allow_parallel = False  # nothing is written per page: parallel writing would gain nothing

    def init(self) -> None:
        self.content = ResolvedContent()

    def get_outdated_docs(self) -> set[str]:
        return self.env.found_docs

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return ""

    def prepare_writing(self, docnames: Set[str]) -> None:
        pass

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        self.content.read(docname, doctree)

    def finish(self) -> None:
        document = json_document(self.env, self.content)
        outdir = Path(self.outdir)
        outdir.mkdir(parents=True, exist_ok=True)
        target = outdir / REPORT_FILE
        problems = schema_problems(document)
        if problems:  # the directives validate every value; this catches what slips past them
            target.unlink(missing_ok=True)
            for message, defined_at in problems:
                location = (
                    f"{self.env.srcdir / defined_at['file']}:{defined_at['line']}"
                    if defined_at
                    else None
                )
                warn(
                    WsisWarning.INVALID,
                    "%s was not written: it would not be valid against its JSON Schema: %s",
                    REPORT_FILE,
                    message,
                    location=location,
                )
            return
        target.write_text(dump(document), encoding="utf-8")


def schema_problems(document: dict[str, Any]) -> list[tuple[str, dict[str, Any] | None]]:
    """Where ``document`` breaks the shipped JSON Schema: ``(message, defined_at)`` pairs,
    ``defined_at`` being the source of the nearest record (or None)."""
    import jsonschema

    schema = json.loads(SCHEMA_PATH.read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    problems = []
    for error in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.path))):
        while error.context:  # a oneOf: the branch that got furthest says what is wrong
            deepest = max(len(e.absolute_path) for e in error.context)
            error = jsonschema.exceptions.best_match(
                e for e in error.context if len(e.absolute_path) == deepest
            )
        where = "/".join(map(str, error.absolute_path)) or "the document"
        problems.append((f"{where}: {error.message}", _defined_at(document, error.absolute_path)))
    return problems


def _defined_at(document: Any, path: Iterable[Any]) -> dict[str, Any] | None:
    """The ``defined_at`` of the innermost object on ``path`` that has one."""
    found = None
    node = document
    for step in path:
        if isinstance(node, dict) and isinstance(node.get("defined_at"), dict):
            found = node["defined_at"]
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
    if isinstance(node, dict) and isinstance(node.get("defined_at"), dict):
        found = node["defined_at"]
    return found


def dump(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


# -- the document -------------------------------------------------------------------------------


def json_document(env: BuildEnvironment, content: ResolvedContent | None = None) -> dict[str, Any]:
    """The whole report as plain data, in template order (see the JSON Schema)."""
    return _Exporter(env, content or ResolvedContent()).document()


class _Exporter:
    def __init__(self, env: BuildEnvironment, content: ResolvedContent) -> None:
        self.env = env
        self.content = content
        self.template: Template = template_of(env.config)
        self.domain = domain_of(env)
        self.order = {name: i for i, name in enumerate(document_order(env))}
        # evaluate once: the checks judge the same records the document shows
        self.completeness = result_of(env)

    def records(self, kind: str, _type: type[R]) -> list[R]:
        """The records of a kind in reading order: toctree order of pages, then line."""
        found = self.domain.records(kind)
        unknown = len(self.order)
        return sorted(
            found, key=lambda r: (self.order.get(r.docname, unknown), r.docname, r.lineno)
        )

    def text(self, record: Record) -> list[Any]:
        """The record's paragraphs as the reader sees them; tables as rows of cells."""
        return blocks(self.content.text_of(record.node_id, record.paragraphs))  # type: ignore[attr-defined]

    def introductions(self) -> list[dict[str, Any]]:
        """Text outside the template's blocks, page by page in reading order."""
        return [
            {
                "title": page.title,
                "paragraphs": blocks(page.paragraphs),
                "defined_at": {
                    "file": Path(self.env.doc2path(docname, False)).as_posix(),
                    "line": page.line,
                },
            }
            for docname in self.order
            for page in self.content.pages.get(docname, [])
        ]

    def defined_at(self, record: Record | None) -> dict[str, Any] | None:
        if record is None:
            return None
        return {"file": file_of(self.env, record.docname, record.file), "line": record.lineno}

    def document(self) -> dict[str, Any]:
        template = self.template
        return {
            "$schema": SCHEMA_ID,
            "generator": {"name": "sphinx-wsis", "version": __version__},
            "template": {"id": template.id, "version": template.version, "title": template.title},
            "language": self.env.config.language or "en",
            "report": self.report(),
            "contact": self.contact(),
            "sections": self.sections(),
            "action_lines": self.action_lines(),
            "stories": [self.story(s) for s in self.records("stories", StoryRecord)],
            "indicators": [self.indicator(i) for i in self.records("indicators", IndicatorRecord)],
            "introductions": self.introductions(),
            "completeness": completeness_document(self.env),
        }

    def report(self) -> dict[str, Any] | None:
        reports = self.records("reports", ReportRecord)
        if not reports:
            return None
        r = reports[0]
        start, _, end = r.period.partition("-")
        title = self.env.titles.get(r.docname)
        return {
            "title": _opt(title.astext().strip() if title is not None else ""),
            "entity": _opt(r.entity),
            "stakeholder": _opt(r.stakeholder),
            "stakeholder_label": self.template.stakeholder_label(r.stakeholder),
            "country": _opt(r.country),
            "country_code": _opt(r.country_code),
            "period": {"start": int(start), "end": int(end)},
            "date": _opt(r.date),
            "website": _uri(r.website),
            "logo": _opt(r.logo),
            "paragraphs": self.text(r),
            "introduction": blocks(self.content.introduction),
            "defined_at": self.defined_at(r),
        }

    def contact(self) -> dict[str, Any] | None:
        contacts = self.records("contacts", ContactRecord)
        if not contacts:
            return None
        c = contacts[0]
        return {
            "name": _opt(c.name),
            "email": _opt(c.email),
            "role": _opt(c.role),
            "unit": _opt(c.unit),
            "phone": _opt(c.phone),
            "address": _opt(c.address),
            "paragraphs": self.text(c),
            "defined_at": self.defined_at(c),
        }

    def sections(self) -> list[dict[str, Any]]:
        by_key = _first_by(self.records("sections", SectionRecord), lambda r: r.key)
        result = []
        for section in self.template.sections:
            if section.satisfied_by == "contact":
                continue  # its content is the contact block
            record = by_key.get(section.key)
            result.append(
                {
                    "key": section.key,
                    "title": section.title,
                    "chapter": section.chapter or None,
                    "number": section.number or None,
                    "heading": section.heading,
                    "paragraphs": self.text(record) if record else [],
                    "defined_at": self.defined_at(record),
                }
            )
        return result

    def action_lines(self) -> list[dict[str, Any]]:
        lines = _first_by(self.records("action_lines", ActionLineRecord), lambda r: r.code)
        aspects = _first_by(self.records("aspects", AspectRecord), lambda r: (r.code, r.aspect))
        stories = self.records("stories", StoryRecord)
        indicators = self.records("indicators", IndicatorRecord)
        result = []
        for line in self.template.action_lines:
            record = lines.get(line.code)
            parent = lines.get(line.parent) if line.parent else None
            reason = record.not_applicable if record else None
            if reason is None and parent is not None:
                reason = parent.not_applicable
            result.append(
                {
                    "code": line.code,
                    "parent": line.parent,
                    "title": line.title,
                    "heading": line.heading,
                    "not_applicable": reason,
                    "paragraphs": self.text(record) if record else [],
                    "aspects": {
                        aspect.key: self.aspect(aspects.get((line.code, aspect.key)))
                        for aspect in self.template.aspects
                    },
                    "stories": _unique(s.slug for s in stories if line.code in s.action_lines),
                    "indicators": _unique(i.id for i in indicators if line.code in i.action_lines),
                    "defined_at": self.defined_at(record),
                }
            )
        return result

    def aspect(self, record: AspectRecord | None) -> dict[str, Any] | None:
        if record is None:
            return None
        return {"paragraphs": self.text(record), "defined_at": self.defined_at(record)}

    def story(self, s: StoryRecord) -> dict[str, Any]:
        return {
            "slug": s.slug,
            "title": s.title,
            "action_lines": list(s.action_lines),
            "year": s.year,
            "partners": list(s.partners),
            "location": _opt(s.location),
            "url": _uri(s.url),
            "sdgs": list(s.sdgs),
            "paragraphs": self.text(s),
            "defined_at": self.defined_at(s),
        }

    def indicator(self, i: IndicatorRecord) -> dict[str, Any]:
        return {
            "id": i.id,
            "name": i.name,
            "value": i.value,
            "unit": _opt(i.unit),
            "year": i.year,
            "source": _opt(i.source),
            "source_url": _uri(i.source_url),
            "baseline": i.baseline,
            "baseline_year": i.baseline_year,
            "target": i.target,
            "target_year": i.target_year,
            "scope": _opt(i.scope),
            "geo": _opt(i.geo),
            "action_lines": list(i.action_lines),
            "sdgs": list(i.sdg),
            "series": [{"year": year, "value": value} for year, value in i.series],
            "status": _opt(i.status),
            "note": _opt(i.note),
            "paragraphs": self.text(i),
            "defined_at": self.defined_at(i),
            **comparable_data(i),
        }


def comparable_data(i: IndicatorRecord) -> dict[str, Any]:
    """What lets a secretariat stack reports: code, SDMX unit concepts, dimensions, area, time."""
    return {
        "code": _opt(i.code),
        "catalogue_name": _opt(i.catalogue_name),
        "unit_measure": unit_measure(i.unit),
        "unit_mult": unit_mult(i.multiplier),
        "dimensions": dict(i.dimensions),
        "area_codes": list(i.area_codes),
        # SDMX's year: a fiscal year (2024/25) is its first year, as in "year"
        "time_period": str(int(i.year)) if i.year else None,
    }


def document_order(env: BuildEnvironment) -> list[str]:
    """Pages as a reader meets them: depth-first through the toctree from the root document,
    then any page outside it, by name."""
    seen: list[str] = []
    stack = [env.config.root_doc]
    while stack:
        docname = stack.pop()
        if docname in seen or docname not in env.found_docs:
            continue
        seen.append(docname)
        stack.extend(reversed(env.toctree_includes.get(docname, [])))
    return seen + sorted(env.found_docs - set(seen))


def _first_by(records: list[R], key: Any) -> dict[Any, R]:
    """The first record per key: a duplicate is reported by the checks, not exported twice."""
    first: dict[Any, R] = {}
    for record in records:
        first.setdefault(key(record), record)
    return first


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _opt(value: str) -> str | None:
    return value or None


def _uri(value: str) -> str | None:
    """A web address as the schema's ``uri`` format wants it (other scripts percent-encoded)."""
    return as_uri(value) if value else None


def setup(app: Sphinx) -> None:
    """The ``wsis-json`` builder."""
    app.add_builder(WsisJsonBuilder)
