"""The Sphinx extension of the synthesis site: pages rendered from ``synthesis.json``.

The generated pages hold only directives; every word that comes from a report reaches the
doctree as a text node, never as markup, so no report can inject MyST, rST, HTML or LaTeX.
Reports are linked by labels (``wsis-report-<id>``) that work in HTML and PDF alike.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from .. import __version__
from ..html import STATIC_DIR

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

CHARTS_DIR = "_charts"
_cache: dict[tuple[str, int, int], dict[str, Any]] = {}


def _key(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return (str(path.resolve()), stat.st_mtime_ns, stat.st_size)


def prime(path: Path, synthesis: dict[str, Any]) -> None:
    """Hand the synthesis already in memory to the directives (it is what ``path`` holds), so
    a build in the same process does not parse it a second time."""
    _cache.clear()
    _cache[_key(path)] = synthesis


def synthesis_of(directive: SphinxDirective) -> dict[str, Any]:
    """The synthesis document the site renders (``wsis_synthesis_data``, relative to the
    source folder), read once per process."""
    path = Path(directive.env.srcdir, directive.config.wsis_synthesis_data).resolve()
    key = _key(path)
    if key not in _cache:
        _cache.clear()
        _cache[key] = json.loads(path.read_text("utf-8"))
    directive.env.note_dependency(str(path))
    return _cache[key]


# -- node helpers --------------------------------------------------------------------------------


def text_nodes(paragraphs: Iterable[str | dict[str, Any]]) -> list[nodes.Node]:
    """A report's paragraphs as nodes: lists as lists, tables as tables, line breaks kept,
    nothing parsed."""
    result: list[nodes.Node] = []
    for paragraph in paragraphs:
        if isinstance(paragraph, dict):
            result.append(_block_table(paragraph["table"]))
            continue
        lines = paragraph.split("\n")
        if len(lines) == 1:
            result.append(nodes.paragraph("", paragraph))
        elif all(line.startswith("- ") for line in lines):
            items = nodes.bullet_list(bullet="-")
            for line in lines:
                items += nodes.list_item("", nodes.paragraph("", line[2:]))
            result.append(items)
        else:
            block = nodes.line_block()
            for line in lines:
                block += nodes.line("", line)
            result.append(block)
    return result


def _block_table(block: dict[str, Any]) -> nodes.table:
    """A table of a report's text (``{"header_rows": n, "rows": [[cell, …], …]}``)."""
    rows = block["rows"]
    width = max((len(row) for row in rows), default=1) or 1
    group = nodes.tgroup(cols=width)
    group += [nodes.colspec(colwidth=1) for _ in range(width)]
    header, body = rows[: block["header_rows"]], rows[block["header_rows"] :]
    for part, part_rows in ((nodes.thead(), header), (nodes.tbody(), body)):
        if part_rows:
            part += [_row([*row, *[""] * (width - len(row))]) for row in part_rows]
            group += part
    return nodes.table("", group, classes=["wsis-synthesis-text-table"])


def table(
    header: Sequence[str], rows: Iterable[Sequence[Any]], *, classes: Sequence[str] = ()
) -> nodes.table:
    """A table of plain cells (strings, numbers or nodes)."""
    rows = list(rows)
    group = nodes.tgroup(cols=len(header))
    for _ in header:
        group += nodes.colspec(colwidth=1)
    head = nodes.thead()
    head += _row(header)
    group += head
    body = nodes.tbody()
    for row in rows:
        body += _row(row)
    group += body
    longtable = ["longtable"] if len(rows) > 20 else []
    result = nodes.table("", group, classes=["wsis-synthesis-table", *classes, *longtable])
    return result


def _row(cells: Sequence[Any]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        if isinstance(cell, nodes.Node):
            block = isinstance(cell, nodes.Body) and not isinstance(cell, nodes.Inline)
            entry += cell if block else nodes.paragraph("", "", cell)  # a link is General too
        else:
            entry += nodes.paragraph("", "" if cell is None else str(cell))
        row += entry
    return row


def section(title: str, ident: str, *children: nodes.Node) -> nodes.section:
    node = nodes.section(ids=[nodes.make_id(ident)])
    node += nodes.title("", title)
    for child in children:
        node += child
    return node


def fields(pairs: Iterable[tuple[str, Any]]) -> nodes.field_list:
    result = nodes.field_list(classes=["wsis-fields"])
    for name, value in pairs:
        if value in (None, "", []):
            continue
        body = value if isinstance(value, nodes.Node) else nodes.Text(str(value))
        result += nodes.field(
            "", nodes.field_name("", name), nodes.field_body("", nodes.paragraph("", "", body))
        )
    return result


class SynthesisDirective(SphinxDirective):
    """Common helpers: the data, links to reports and to their source files."""

    has_content = False

    @property
    def data(self) -> dict[str, Any]:
        return synthesis_of(self)

    def report(self, rid: str) -> dict[str, Any]:
        reports = self.env.temp_data.setdefault("wsis_synthesis_reports", {})
        if not reports:
            reports.update({r["id"]: r for r in self.data["reports"]})
        return reports[rid]

    def link(self, rid: str) -> nodes.Node:
        """The reporting entity's name, linked to its entry on the reports page."""
        ref = addnodes.pending_xref(
            "",
            refdomain="std",
            reftype="ref",
            reftarget=f"wsis-report-{rid}",
            refexplicit=True,
            refwarn=True,
            refdoc=self.env.docname,
        )
        ref += nodes.inline("", self.report(rid)["entity"], classes=["wsis-synthesis-entity"])
        return ref

    def source_link(self, path: str, text: str | None = None) -> nodes.reference:
        """A link from the built page to a file in the synthesis folder (``html/`` is in it)."""
        depth = self.env.docname.count("/") + 1
        href = path if Path(path).is_absolute() else "../" * depth + path
        return nodes.reference("", text or Path(path).name, refuri=href)

    def attribution(self, rid: str) -> nodes.paragraph:
        r = self.report(rid)
        where = ", ".join(v for v in (r["stakeholder_label"], r["country"]) if v)
        para = nodes.paragraph(classes=["wsis-synthesis-attribution"])
        para += nodes.strong("", "", self.link(rid))
        if where:
            para += nodes.Text(f" ({where}) · ")
        para += self.source_link(r["source"])
        return para

    def label(self, key: str | None) -> str:
        for entry in self.data["stakeholder_types"]:
            if entry["key"] == key:
                return str(entry["label"])
        return key or "not stated"


def setup(app: Sphinx) -> dict[str, Any]:
    from .pages import DIRECTIVES

    app.add_config_value("wsis_synthesis_data", "../synthesis.json", "env", types=frozenset({str}))
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
    app.connect("config-inited", _add_static_path)
    app.connect("doctree-read", _release_doctrees)
    app.connect("env-updated", _release_doctrees)
    app.add_css_file("wsis.css")
    app.add_css_file("wsis-synthesis.css")
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}


def _add_static_path(app: Sphinx, config: Config) -> None:
    if str(STATIC_DIR) not in config.html_static_path:
        config.html_static_path.append(str(STATIC_DIR))


def _release_doctrees(app: Sphinx, _: Any) -> None:
    """Let the writer read each page's doctree back from disk instead of keeping every one in
    memory (Sphinx caches them between reading and writing): the synthesis of a thousand
    reports has pages of megabytes, and keeping them all would multiply the memory a build
    needs. Run as each page is read (the cache then holds at most the page before)."""
    cache = getattr(app.env, "_write_doc_doctree_cache", None)
    if isinstance(cache, dict):
        cache.clear()
