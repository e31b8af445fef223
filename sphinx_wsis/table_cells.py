"""A summary table's cells as data: docutils nodes for every builder, HTML for the site.

The indicator table lists every indicator of the report (1,600 rows at 100 times the example),
and the annex is written again whenever a verdict changes. Built as docutils nodes, each row is
some twenty nodes that are created when the page is resolved and then walked by the HTML
writer: most of what a verdict change costs on a large report. For the HTML site (builders
``html`` and ``dirhtml``) the body rows stay data in one :class:`~.nodes.wsis_rows` node that the
writer turns into exactly the markup docutils writes for those rows (``tests/test_summaries.py``
compares the two), so themes style the table as before. Every other builder, and ``singlehtml``
(which rewrites links after the pages are resolved), gets real rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes

from .nodes import wsis_rows

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.writers.html5 import HTML5Translator


@dataclass(frozen=True)
class Link:
    """A link: to a page of the report (``internal``) or to a web address."""

    text: str
    uri: str
    internal: bool


@dataclass(frozen=True)
class Code:
    """An indicator's catalogue code, set apart after its name."""

    text: str


Piece = str | Link | Code
Cell = tuple[Piece, ...]

#: The builders whose pages get the rows written directly (their links are final when resolved).
DIRECT_HTML_BUILDERS = frozenset({"html", "dirhtml"})


def writes_rows_directly(builder: Builder) -> bool:
    return builder.format == "html" and builder.name in DIRECT_HTML_BUILDERS


def piece_node(piece: Piece) -> nodes.Node:
    """The docutils node of a piece, as :func:`sphinx.util.nodes.make_refnode` would build it."""
    if isinstance(piece, str):
        return nodes.Text(piece)
    if isinstance(piece, Code):
        return nodes.inline(piece.text, piece.text, classes=["wsis-code"])
    if piece.internal:
        inner = nodes.inline(piece.text, piece.text)
        return nodes.reference("", "", inner, internal=True, refuri=piece.uri)
    return nodes.reference(piece.text, piece.text, refuri=piece.uri)


def cell_entry(cell: Cell) -> nodes.entry:
    """A table entry holding one paragraph with the cell's pieces."""
    paragraph = nodes.paragraph()
    paragraph.extend(piece_node(piece) for piece in cell)
    if not len(paragraph):
        paragraph += nodes.Text("")
    return nodes.entry("", paragraph)


def row_nodes(rows: list[tuple[Cell, ...]]) -> list[nodes.row]:
    return [nodes.row("", *(cell_entry(cell) for cell in cells)) for cells in rows]


def rows_node(rows: list[tuple[Cell, ...]], header_rows: int) -> wsis_rows:
    """The rows as one node; its Text children repeat each row's text so search finds it."""
    node = wsis_rows(rows=rows, header_rows=header_rows)
    node.extend(nodes.Text(" ".join(map(_text, cells)) + "\n") for cells in rows)
    return node


def _text(cell: Cell) -> str:
    return "".join(piece if isinstance(piece, str) else piece.text for piece in cell)


def visit_rows_html(self: HTML5Translator, node: wsis_rows) -> None:
    """Write the rows as docutils' HTML writer writes row, entry, paragraph and reference."""
    encode, attval = self.encode, self.attval

    def piece_html(piece: Piece) -> str:
        if isinstance(piece, str):
            return encode(piece)
        if isinstance(piece, Code):
            return f'<span class="wsis-code">{encode(piece.text)}</span>'
        if piece.internal:
            return (
                f'<a class="reference internal" href="{attval(piece.uri)}">'
                f"<span>{encode(piece.text)}</span></a>"
            )
        return f'<a class="reference external" href="{attval(piece.uri)}">{encode(piece.text)}</a>'

    parity = node["header_rows"]
    out: list[str] = []
    for cells in node["rows"]:
        parity += 1
        out.append('<tr class="row-even">' if parity % 2 == 0 else '<tr class="row-odd">')
        for cell in cells:
            out.append("<td><p>" + "".join(map(piece_html, cell)) + "</p></td>\n")
        out.append("</tr>\n")
    self.body.append("".join(out))
    raise nodes.SkipNode


def depart_rows(self: Any, node: wsis_rows) -> None:
    """Never called: the visitor writes the rows and skips the node."""
