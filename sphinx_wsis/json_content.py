"""Everything the author wrote, as the JSON export writes it: read from the resolved pages.

The records keep their text as the page was parsed, which is what the checks judge. The export
reads the pages once more after references are resolved, so a role shows what the reader sees
(``{wsis:al}`C3``` is ``C3 Access to information and knowledge``, a story reference its title),
and it also keeps the text outside the template's blocks: the organization's introduction under
``wsis-report``, and each page's and heading's own text (chapter introductions, notes between
parts). Tables stay tables: rows of cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes

from .nodes import RECORD_NODES, has_ancestor, wsis_report, wsis_summary
from .textify import TableText, footnote_text, paragraphs

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

BUILDER_NAME = "wsis-json"

#: What is not the author's running text: the report's generated tables, contents trees.
NOT_TEXT = (wsis_summary, addnodes.toctree, nodes.title)


@dataclass
class PageText:
    """The author's text of one page's heading that belongs to no block of the template."""

    title: str
    paragraphs: list[str]
    line: int


@dataclass
class ResolvedContent:
    """What the export collects while the pages are written, by record id and by page."""

    by_node_id: dict[str, list[str]] = field(default_factory=dict)
    introduction: list[str] = field(default_factory=list)
    pages: dict[str, list[PageText]] = field(default_factory=dict)

    def read(self, docname: str, doctree: nodes.document) -> None:
        """Collect one resolved page."""
        for node in doctree.findall(lambda n: isinstance(n, RECORD_NODES)):
            text = _with_footnotes(_authored(node), doctree)
            for node_id in node["ids"]:
                self.by_node_id[node_id] = text
        found: list[PageText] = []
        # the page's own text before its first heading (or of a page with none) comes first
        for part in (doctree, *doctree.findall(nodes.section)):
            own = [child for child in part.children if _is_running_text(child)]
            if part is doctree:  # MyST writes every footnote here, read with its reference
                own = [c for c in own if not isinstance(c, nodes.footnote | nodes.transition)]
            text = _with_footnotes(own, doctree)
            if not text:
                continue
            if any(isinstance(child, wsis_report) for child in part.children):
                self.introduction = text  # the text under wsis-report: who reports
                continue
            has_title = part is not doctree and isinstance(part[0], nodes.title)
            title = part[0].astext() if has_title else ""
            line = (
                part.line or (own[0].line if own else 0) or (part[0].line if part.children else 0)
            )
            found.append(PageText(title, text, line or 0))
        self.pages[docname] = found

    def text_of(self, node_id: str, parsed: list[str]) -> list[str]:
        """A record's text as the reader sees it (the parsed text if its page was not read)."""
        return self.by_node_id.get(node_id, parsed)


def _with_footnotes(children: list[nodes.Node], doctree: nodes.document) -> list[str]:
    """The children's paragraphs, then the text of each footnote they refer to that is written
    elsewhere: MyST puts every footnote at the end of the page, outside any section or block."""
    text = paragraphs(children)
    inside = {id(n) for child in children for n in child.findall(nodes.footnote)}
    seen: set[str] = set()
    for child in children:
        for reference in child.findall(nodes.footnote_reference):
            refid = reference.get("refid", "")
            footnote = doctree.ids.get(refid)
            if refid in seen or not isinstance(footnote, nodes.footnote):
                continue
            seen.add(refid)
            if id(footnote) not in inside and not has_ancestor(footnote, RECORD_NODES):
                text.append(footnote_text(footnote))
    return text


def _authored(node: nodes.Element) -> list[nodes.Node]:
    """The record's children after its generated head (title, fields), which carry our classes."""
    children = list(node.children)
    head = 0
    while head < len(children) and _generated(children[head]):
        head += 1
    return children[head:]


def _generated(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Element) and any(
        c.startswith("wsis-") for c in node.get("classes", [])
    )


def _is_running_text(node: nodes.Node) -> bool:
    if isinstance(node, (nodes.section, *NOT_TEXT, *RECORD_NODES)):
        return False
    return not (isinstance(node, nodes.compound) and "toctree-wrapper" in node["classes"])


def block(paragraph: str) -> Any:
    """A paragraph as JSON: text, or a table as its rows of cells."""
    if isinstance(paragraph, TableText):
        return {"table": {"header_rows": paragraph.header_rows, "rows": paragraph.rows}}
    return paragraph


def blocks(texts: list[str]) -> list[Any]:
    return [block(text) for text in texts]


def keep_quotes_as_written(app: Sphinx, config: Config) -> None:
    """``config-inited``: the JSON holds the author's quotes, not typographic ones.

    Sphinx leaves quotes alone for its other plain-text builders (text, man) the same way.
    """
    excludes = dict(config.smartquotes_excludes)
    builders = list(excludes.get("builders", []))
    if BUILDER_NAME not in builders:
        excludes["builders"] = [*builders, BUILDER_NAME]
        config.smartquotes_excludes = excludes


def setup(app: Sphinx) -> None:
    app.connect("config-inited", keep_quotes_as_written)
