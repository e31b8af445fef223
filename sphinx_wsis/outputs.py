"""Which pages and blocks each output holds, and the order a reader meets them in.

HTML writes every page, the PDF only the pages its ``latex_documents`` toctrees reach, and
``{only}`` blocks are kept or dropped per builder. A part is complete in an output only if
that output holds its text, so the checks judge the records each output holds (SPEC §4).
"Reading order" is toctree order from the output's start page; pages no toctree reaches come
after, by name, so "the first" of two copies is the one a reader meets first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util.tags import Tags

from .domain import domain_of
from .entries import RECORD_KINDS

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

PDF_FORMATS = {"latex": "the PDF"}
WEB = "html"


@dataclass
class Output:
    """One output format: its name, what to call it, its pages (None: all) and its tags."""

    name: str
    label: str
    start_docs: list[str]
    docs: set[str] | None
    tags: Tags
    order: dict[str, int] = field(default_factory=dict)
    own_content_excluded: set[str] = field(default_factory=set)  # toctree_only start pages

    def holds_page(self, docname: str) -> bool:
        if docname in self.own_content_excluded:
            return False
        return self.docs is None or docname in self.docs

    def holds(self, record: Any) -> bool:
        """Whether this output shows ``record``: its page is in, and every ``{only}`` around it
        is true for this output."""
        if not self.holds_page(record.docname):
            return False
        return all(self._true(expr) for expr in getattr(record, "only", ()) or ())

    def _true(self, expr: str) -> bool:
        try:
            return self.tags.eval_condition(expr)
        except Exception:  # Sphinx warns about a bad expression itself and keeps the block
            return True

    def why_not(self, record: Any) -> str:
        """Why this output does not show ``record``, in the author's words."""
        if not self.holds_page(record.docname):
            if record.docname in self.own_content_excluded:
                return "that page's own text is left out (toctree_only in latex_documents)"
            return "no toctree of latex_documents includes that page"
        exprs = [e for e in getattr(record, "only", ()) or () if not self._true(e)]
        return f"it is inside {{only}} {exprs[0]}" if exprs else ""

    def sort_key(self, record: Any) -> tuple[int, str, int]:
        return (self.order.get(record.docname, len(self.order)), record.docname, record.lineno or 0)


def reading_order(env: BuildEnvironment, starts: Iterable[str]) -> list[str]:
    """Pages in toctree order from ``starts`` (each page once, even in a circular toctree)."""
    seen: dict[str, None] = {}
    includes = env.toctree_includes
    for start in starts:
        stack = [start]
        while stack:
            docname = stack.pop()
            if docname in seen or docname not in env.all_docs:
                continue
            seen[docname] = None
            stack.extend(reversed(includes.get(docname, [])))
    return list(seen)


def _tags_for(app: Sphinx, builder_name: str, builder_format: str) -> Tags:
    """The tags ``{only}`` sees under another builder: the user's, plus that builder's own."""
    current = app.builder
    own = {current.format, current.name, f"format_{current.format}", f"builder_{current.name}"}
    tags = Tags([t for t in app.tags if t not in own])
    for tag in (builder_format, builder_name, f"format_{builder_format}"):
        tags.add(tag)
    tags.add(f"builder_{builder_name}")
    return tags


def outputs_of(app: Sphinx, env: BuildEnvironment) -> tuple[Output, list[Output]]:
    """The output this build writes (judged and warned about), and every output (for the JSON).

    Builders that write no document of their own (``dummy`` for ``sphinx-wsis check``,
    ``wsis-json``) are judged as the web pages.
    """
    root = env.config.root_doc
    web = Output(WEB, "the HTML pages", [root], None, _tags_for(app, "html", "html"))
    starts: list[str] = []
    excluded: set[str] = set()
    for entry in env.config.latex_documents or []:
        if entry and entry[0] in env.all_docs:
            starts.append(entry[0])
            if len(entry) > 5 and entry[5]:
                excluded.add(entry[0])
    pdf_docs = set(reading_order(env, starts))
    pdf = Output("latex", "the PDF", starts, pdf_docs, _tags_for(app, "latex", "latex"))
    pdf.own_content_excluded = excluded
    builder = app.builder
    if builder.format == "latex":
        current = Output("latex", "the PDF", starts, pdf_docs, app.tags, {}, excluded)
    elif builder.format == "html" or builder.name in ("dummy", "wsis-json"):
        current = Output(WEB, "the HTML pages", [root], None, app.tags)
        if builder.name in ("dummy", "wsis-json"):
            current.tags = web.tags
    else:
        current = Output(builder.name, f"the {builder.name} output", [root], None, app.tags)
    for output in (web, pdf, current):
        order = reading_order(env, output.start_docs or [root])
        rest = sorted(set(env.all_docs) - set(order))
        output.order = {docname: i for i, docname in enumerate([*order, *rest])}
    return current, [web, pdf]


def note_only_blocks(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: remember on each record the ``{only}`` conditions around its block."""
    docname = app.env.docname
    ids: dict[str, tuple[str, ...]] = {}
    for only in doctree.findall(addnodes.only):
        for element in only.findall(nodes.Element):
            for node_id in element["ids"]:
                ids[node_id] = (*ids.get(node_id, ()), only["expr"])
    if not ids:
        return
    domain = domain_of(app.env)
    for kind in RECORD_KINDS:
        for record in domain.records(kind):
            if record.docname == docname and record.node_id in ids:
                record.only = tuple(dict.fromkeys(ids[record.node_id]))


def shown(env: BuildEnvironment, records: list[Any]) -> list[Any]:
    """The records the output being built shows (all of them before the checks have run)."""
    output: Output | None = getattr(domain_of(env), "output", None)
    return records if output is None else [r for r in records if output.holds(r)]
