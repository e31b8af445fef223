"""Keep every piece of the author's content on the PDF's pages.

LaTeX loses text silently in two ways this module prevents inside report blocks:

* a ``tabulary`` table (what Sphinx uses for tables under 31 rows) cannot break across pages,
  so the rows that do not fit are cut off; tables in report blocks become ``longtable`` with
  column widths measured from their content, so long cells wrap instead of running off the page;
* a long unbroken token (a website, an e-mail address, an identifier) has no place to break,
  so it runs past the margin; such tokens get break opportunities (``\\allowbreak``) after
  ``/ . @ - _`` and every few characters.

Only generated LaTeX is added (a fixed macro between escaped pieces of the author's text);
the text itself still goes through the standard visitors and their escaping.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from docutils import nodes

from .nodes import has_ancestor

#: tokens shorter than this are left to TeX's own hyphenation
LONG_TOKEN = 20
#: the longest run of characters without a break opportunity inside a long token
RUN = 10
#: a text line's width in characters, and what a cell's padding takes of it
LINE_CHARACTERS = 85
CELL_PADDING = 3
BREAK_AFTER = frozenset("/.-_@?&=#:,;+~")
BREAK = r"\allowbreak{}"
_DONE = "wsis-flow"
#: where author text is data for LaTeX (code, maths, raw) or a moving argument (titles)
_KEEP = (nodes.FixedTextElement, nodes.literal, nodes.math, nodes.raw, nodes.title, nodes.rubric)
#: containers that cannot hold a ``longtable``
_NO_LONGTABLE = (nodes.table, nodes.footnote)  # where LaTeX cannot start one
_SPACE = re.compile(r"(\s+)")


def pieces(text: str) -> list[str]:
    """``text`` cut where a line may break: inside long tokens only, never at a space."""
    out: list[str] = []
    current = ""
    for segment in _SPACE.split(text):
        if len(segment) < LONG_TOKEN or segment.isspace():
            current += segment
            continue
        run = 0
        for char in segment:
            current += char
            run += 1
            if char in BREAK_AFTER or run >= RUN:
                out.append(current)
                current, run = "", 0
    if current or not out:
        out.append(current)
    return [p for p in out if p] or [""]


def breakable(text: str, escape: Callable[[str], str]) -> str:
    """``text`` escaped for LaTeX, with break opportunities inside long tokens."""
    return BREAK.join(escape(piece) for piece in pieces(text))


def prepare(node: nodes.Element) -> None:
    """Make the content of a report block fit the page (once per block, outermost first)."""
    parent = node
    while parent is not None:
        if parent.get(_DONE):
            return
        parent = parent.parent
    node[_DONE] = True
    for table in list(node.findall(nodes.table)):
        if not has_ancestor(table, _NO_LONGTABLE):
            breakable_table(table)
    for text in list(node.findall(nodes.Text)):
        if len(text) >= LONG_TOKEN and not has_ancestor(text, _KEEP):
            _split_text(text)


def breakable_table(table: nodes.table) -> None:
    """A ``longtable`` (breaks across pages, repeats its header) with wrapping columns."""
    if "longtable" not in table["classes"]:
        table["classes"].append("longtable")
    if "colwidths-given" in table["classes"]:
        return
    colspecs = list(table.findall(nodes.colspec))
    if not colspecs:
        return
    count = len(colspecs)
    needed = [1] * count  # the longest word (after breaking long tokens), in characters
    wanted = [1] * count  # the longest cell, up to a comfortable line
    for row in table.findall(nodes.row):
        column = 0
        for entry in row.children:
            if column >= count:
                break
            text = entry.astext()
            longest = max((len(w) for w in text.split()), default=0)
            needed[column] = max(needed[column], min(longest, RUN + 2))
            wanted[column] = max(wanted[column], min(len(text), 40))
            column += 1 + int(entry.get("morecols", 0))
    minimum = [n + CELL_PADDING for n in needed]
    spare = max(LINE_CHARACTERS - sum(minimum), 0)
    extra = [max(w - n, 0) for w, n in zip(wanted, needed, strict=True)]
    total_extra = sum(extra) or 1
    for colspec, low, more in zip(colspecs, minimum, extra, strict=True):
        colspec["colwidth"] = low + round(spare * more / total_extra)
    table["classes"].append("colwidths-given")


def _split_text(text: nodes.Text) -> None:
    parts = pieces(str(text))
    if len(parts) < 2:
        return
    replacement: list[nodes.Node] = []
    for index, part in enumerate(parts):
        if index:
            replacement.append(nodes.raw("", BREAK, format="latex"))
        replacement.append(nodes.Text(part))
    parent = text.parent
    position = parent.index(text)
    parent[position : position + 1] = replacement
