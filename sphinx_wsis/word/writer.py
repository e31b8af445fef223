"""Doctree → WordprocessingML: the visitor behind the ``wsis-docx`` builder.

Paragraphs and runs are written as XML (python-docx's own objects cannot hold a run inside a
hyperlink, nor paragraphs inside a footnote); tables, pictures and styles go through
python-docx where it has the API. Every piece of text becomes the content of a ``<w:t>``
element, which lxml escapes, so nothing an author writes can become markup.

The report's nodes are laid out as in the PDF: an action line without a heading of its own gets
one; aspects, stories and indicators get their titles in the reference document's WSIS styles;
a card's facts become a two-column table. A node the visitor does not know is written as its
text, with an info message, so nothing the author wrote is dropped. Inline nodes and footnotes
are in :mod:`.inline`, pictures and tables in :mod:`.blocks`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from docutils import nodes
from lxml.etree import _Element
from sphinx import addnodes
from sphinx.locale import admonitionlabels
from sphinx.util import logging

from ..config import template_of
from ..nodes import wsis_action_line, wsis_node, wsis_report
from ..warnings import WARNING_TYPE
from . import ooxml
from .blocks import BlockVisitors
from .inline import InlineVisitors
from .ooxml import Script, w

if TYPE_CHECKING:
    from docx.document import Document

    from .builder import WsisDocxBuilder

logger = logging.getLogger(__name__)

#: The report card's generated parts: shown on the title page, not again in the body.
TITLE_CARD_CLASSES = {"wsis-report-entity", "wsis-report-template", "wsis-report-fields"}
#: Paragraph styles (style ids of the reference document) of the report's generated titles.
CLASS_STYLES = {
    "wsis-aspect-title": "WSISAspect",
    "wsis-story-title": "WSISStoryTitle",
    "wsis-indicator-title": "WSISIndicator",
    "wsis-indicator-value": "WSISIndicatorValue",
    "wsis-na-note": "WSISNote",
}
#: Containers whose children carry all their content.
TRANSPARENT = (
    nodes.compound,
    nodes.container,
    nodes.inline,
    nodes.topic,
    nodes.sidebar,
    nodes.generated,
    nodes.abbreviation,
    nodes.acronym,
    nodes.problematic,
    addnodes.compact_paragraph,
    addnodes.only,
    addnodes.pending_xref,
    addnodes.number_reference,
    addnodes.download_reference,
    addnodes.literal_emphasis,
    addnodes.literal_strong,
    addnodes.manpage,
)
#: Nodes that hold no text for a reader.
SILENT = (
    nodes.comment,
    nodes.substitution_definition,
    nodes.system_message,
    addnodes.index,
    addnodes.toctree,
    nodes.meta,
    nodes.label,
)


@dataclass
class ListState:
    enumerated: bool
    level: int
    num_id: str | None = None
    new_item: bool = False


@dataclass
class Heading:
    level: int
    text: str
    bookmark: str


class DocxTranslator(InlineVisitors, BlockVisitors, nodes.NodeVisitor):
    """Writes one assembled doctree (the whole report) into a python-docx document."""

    def __init__(
        self, document: nodes.document, builder: WsisDocxBuilder, docx: Document, script: Script
    ) -> None:
        super().__init__(document)
        self.builder = builder
        self.docx = docx
        self.part = docx.part
        self.script = script
        self.template = template_of(builder.config)
        self.containers: list[_Element] = [docx.element.body]
        self.paragraph: _Element | None = None
        self.run_parents: list[_Element] = []
        self.formats: list[_Element] = []
        self.block_styles: list[str] = []
        self.lists: list[ListState] = []
        self.section_depth = 0
        self.preserve_lines = 0
        self.docnames: list[str] = [builder.config.root_doc]
        self.pending_bookmarks: list[str] = []
        self.bookmark_names: dict[tuple[str, str], str] = {}
        self.bookmark_count = 0
        self.placed_bookmarks: set[str] = set()
        self.headings: list[Heading] = []
        self.footnotes = ooxml.Footnotes(self.part)
        self.footnote_nodes = _footnotes_by_id(document, builder.config.root_doc)
        self.written_footnotes: set[int] = set()
        section = docx.sections[0]
        self.text_width = int(section.page_width - section.left_margin - section.right_margin)

    # -- plumbing -------------------------------------------------------------------------

    @property
    def docname(self) -> str:
        return self.docnames[-1]

    def bookmark_name(self, docname: str, node_id: str) -> str:
        """A Word bookmark for a target (hidden: the name starts with ``_``; ≤ 40 chars)."""
        key = (docname, node_id)
        if key not in self.bookmark_names:
            self.bookmark_names[key] = f"_wsis{len(self.bookmark_names) + 1}"
        return self.bookmark_names[key]

    def dispatch_visit(self, node: nodes.Node) -> None:
        """As Sphinx's translators do: the visitor of the nearest known class in the MRO, so
        another extension's subclass of a table or paragraph is written as one."""
        if isinstance(node, nodes.Element):
            for node_id in node.get("ids", []):
                self.pending_bookmarks.append(self.bookmark_name(self.docname, node_id))
        if isinstance(node, wsis_node) and not hasattr(self, f"visit_{node.tagname}"):
            return  # stories, aspects, indicators, sections, tables: the children say it all
        for cls in node.__class__.__mro__:
            method = getattr(self, f"visit_{cls.__name__}", None)
            if method is not None:
                method(node)
                return
            if cls is nodes.Element:
                break
        self.unknown_visit(node)

    def dispatch_departure(self, node: nodes.Node) -> None:
        if isinstance(node, wsis_node) and not hasattr(self, f"depart_{node.tagname}"):
            return
        for cls in node.__class__.__mro__:
            method = getattr(self, f"depart_{cls.__name__}", None)
            if method is not None:
                method(node)
                return
            if cls is nodes.Element:
                break
        self.unknown_departure(node)

    def new_paragraph(self, style: str | None = None) -> _Element:
        state = self.lists[-1] if self.lists else None
        if state is not None and style is None:
            suffix = "" if state.level == 1 else str(min(state.level, 3))
            kind = "ListNumber" if state.enumerated else "ListBullet"
            style = f"{kind}{suffix}" if state.new_item else f"ListContinue{suffix}"
        style = style or (self.block_styles[-1] if self.block_styles else None)
        p = ooxml.paragraph(self.containers[-1], style, self.script)
        if (
            state is not None
            and state.new_item
            and state.enumerated
            and style == "ListNumber" + ("" if state.level == 1 else str(min(state.level, 3)))
        ):
            if state.num_id is None:
                state.num_id = ooxml.restarted_numbering(
                    self.part.numbering_part.element, self.docx.styles.element, style
                )
            if state.num_id:
                ooxml.number_paragraph(p, state.num_id)
        if state is not None:
            state.new_item = False
        for name in dict.fromkeys(self.pending_bookmarks):
            if name in self.placed_bookmarks:
                continue  # a target and the node it names share one bookmark
            self.placed_bookmarks.add(name)
            self.bookmark_count += 1
            ooxml.bookmark(p, name, self.bookmark_count)
        self.pending_bookmarks.clear()
        self.paragraph = p
        self.run_parents = [p]
        return p

    def ensure_paragraph(self) -> _Element:
        return self.paragraph if self.paragraph is not None else self.new_paragraph()

    def add_text(self, text: str) -> None:
        if not text:
            return
        self.ensure_paragraph()
        self.run_parents[-1].append(ooxml.run(text, self.formats, self.script))

    def end_paragraph(self, node: nodes.Node | None = None) -> None:
        self.paragraph = None
        self.run_parents = []

    def walk_into(self, container: _Element, children: list[nodes.Node]) -> None:
        """Write ``children`` into a cell or footnote, then carry on where we were."""
        saved = (self.paragraph, self.run_parents, self.lists, self.pending_bookmarks)
        self.containers.append(container)
        self.paragraph, self.run_parents, self.lists = None, [], []
        self.pending_bookmarks = []
        for child in children:
            child.walkabout(self)
        self.containers.pop()
        pending = self.pending_bookmarks
        self.paragraph, self.run_parents, self.lists, self.pending_bookmarks = saved
        self.pending_bookmarks.extend(pending)

    # -- what we do not know ----------------------------------------------------------------

    def unknown_visit(self, node: nodes.Node) -> None:
        if isinstance(node, TRANSPARENT):
            return
        if isinstance(node, SILENT):
            raise nodes.SkipNode
        name = node.__class__.__name__
        logger.info(
            "wsis-docx writes the %s node as plain text", name, type=WARNING_TYPE, subtype="docx",
            location=node,
        )  # fmt: skip
        text = node.astext()
        if isinstance(node, (nodes.Inline, nodes.TextElement)) or self.paragraph is not None:
            self.add_text(text)
        elif text.strip():
            self.new_paragraph()
            self.add_text(text)
            self.end_paragraph()
        raise nodes.SkipNode

    def unknown_departure(self, node: nodes.Node) -> None:
        pass

    # -- documents and sections ---------------------------------------------------------------

    def visit_document(self, node: nodes.document) -> None:
        pass

    def depart_document(self, node: nodes.document) -> None:
        pass

    def visit_start_of_file(self, node: addnodes.start_of_file) -> None:
        self.docnames.append(node["docname"])
        self.pending_bookmarks.append(self.bookmark_name(node["docname"], ""))

    def depart_start_of_file(self, node: addnodes.start_of_file) -> None:
        self.docnames.pop()

    def visit_section(self, node: nodes.section) -> None:
        self.section_depth += 1

    def depart_section(self, node: nodes.section) -> None:
        self.section_depth -= 1

    def heading_level(self, depth: int | None = None) -> int:
        """The root page's title and its own sections are level 1, as in the PDF."""
        depth = self.section_depth if depth is None else depth
        return max(1, min(depth - 1, 9))

    def add_heading(self, text: str, level: int) -> None:
        self.end_paragraph()
        mark = f"_Toc{len(self.headings) + 1}"
        self.pending_bookmarks.append(mark)
        self.new_paragraph(f"Heading{level}")
        self.headings.append(Heading(level, text, mark))

    def visit_title(self, node: nodes.title) -> None:
        if isinstance(node.parent, nodes.section):
            self.add_heading(node.astext(), self.heading_level())
        elif isinstance(node.parent, nodes.table):
            self.new_paragraph("Caption")
        else:
            self.new_paragraph()
            self.formats.append(w("b"))

    def depart_title(self, node: nodes.title) -> None:
        if not isinstance(node.parent, (nodes.section, nodes.table)):
            self.formats.pop()
        self.end_paragraph()

    visit_subtitle = visit_title
    depart_subtitle = depart_title

    # -- blocks ---------------------------------------------------------------------------

    def visit_paragraph(self, node: nodes.paragraph) -> None:
        style = next((CLASS_STYLES[c] for c in node["classes"] if c in CLASS_STYLES), None)
        self.new_paragraph(style)

    depart_paragraph = end_paragraph

    def visit_rubric(self, node: nodes.rubric) -> None:
        style = next((CLASS_STYLES[c] for c in node["classes"] if c in CLASS_STYLES), None)
        self.new_paragraph(style or "WSISAspect")

    depart_rubric = end_paragraph

    def visit_literal_block(self, node: nodes.literal_block) -> None:
        self.new_paragraph("WSISCode")
        self.add_text(node.astext())
        self.end_paragraph()
        raise nodes.SkipNode

    visit_doctest_block = visit_literal_block

    def visit_line_block(self, node: nodes.line_block) -> None:
        pass

    def depart_line_block(self, node: nodes.line_block) -> None:
        pass

    def visit_line(self, node: nodes.line) -> None:
        self.new_paragraph()

    depart_line = end_paragraph

    def visit_block_quote(self, node: nodes.block_quote) -> None:
        self.block_styles.append("Quote")

    def depart_block_quote(self, node: nodes.block_quote) -> None:
        self.block_styles.pop()

    def visit_attribution(self, node: nodes.attribution) -> None:
        self.new_paragraph()
        self.add_text("\u2014 ")

    depart_attribution = end_paragraph

    def visit_transition(self, node: nodes.transition) -> None:
        self.new_paragraph("WSISTitleLine")
        self.add_text("* * *")
        self.end_paragraph()
        raise nodes.SkipNode

    def visit_admonition(self, node: nodes.Element) -> None:
        if not isinstance(node.children[0] if node.children else None, nodes.title):
            label = admonitionlabels.get(node.tagname, node.tagname.capitalize())
            self.new_paragraph()
            self.formats.append(w("b"))
            self.add_text(str(label))
            self.formats.pop()
            self.end_paragraph()
        self.block_styles.append("Quote")

    def depart_admonition(self, node: nodes.Element) -> None:
        self.block_styles.pop()

    visit_attention = visit_caution = visit_danger = visit_error = visit_admonition
    visit_hint = visit_important = visit_note = visit_tip = visit_admonition
    visit_warning = visit_seealso = visit_admonition
    depart_attention = depart_caution = depart_danger = depart_error = depart_admonition
    depart_hint = depart_important = depart_note = depart_tip = depart_admonition
    depart_warning = depart_seealso = depart_admonition

    # -- lists ----------------------------------------------------------------------------

    def visit_bullet_list(self, node: nodes.Element) -> None:
        self.end_paragraph()
        self.lists.append(ListState(isinstance(node, nodes.enumerated_list), len(self.lists) + 1))

    def depart_bullet_list(self, node: nodes.Element) -> None:
        self.lists.pop()
        self.end_paragraph()

    visit_enumerated_list = visit_bullet_list
    depart_enumerated_list = depart_bullet_list

    def visit_list_item(self, node: nodes.list_item) -> None:
        self.end_paragraph()
        self.lists[-1].new_item = True

    depart_list_item = end_paragraph

    def visit_definition_list(self, node: nodes.definition_list) -> None:
        pass

    def depart_definition_list(self, node: nodes.definition_list) -> None:
        pass

    def visit_definition_list_item(self, node: nodes.Element) -> None:
        pass

    def depart_definition_list_item(self, node: nodes.Element) -> None:
        pass

    def visit_term(self, node: nodes.term) -> None:
        self.new_paragraph()
        self.formats.append(w("b"))

    def depart_term(self, node: nodes.term) -> None:
        self.formats.pop()
        self.end_paragraph()

    def visit_classifier(self, node: nodes.classifier) -> None:
        self.add_text(" : ")

    def depart_classifier(self, node: nodes.classifier) -> None:
        pass

    def visit_definition(self, node: nodes.definition) -> None:
        self.block_styles.append("ListContinue")

    def depart_definition(self, node: nodes.definition) -> None:
        self.block_styles.pop()

    # -- the report's own nodes -----------------------------------------------------------------

    def visit_wsis_report(self, node: wsis_report) -> None:
        for child in node.children:
            if not (
                isinstance(child, nodes.Element) and TITLE_CARD_CLASSES & set(child["classes"])
            ):
                child.walkabout(self)
        raise nodes.SkipNode

    def visit_wsis_action_line(self, node: wsis_action_line) -> None:
        section = _nearest_section(node)
        own = section is not None and [
            n for n in section.findall(wsis_action_line) if _nearest_section(n) is section
        ] == [node]
        if not own or self.section_depth <= 1:
            line = self.template.action_line(node.get("code", ""))
            if line is not None:
                self.add_heading(line.heading, self.heading_level(self.section_depth + 1))
                self.add_text(line.heading)
                self.end_paragraph()

    def depart_wsis_action_line(self, node: wsis_action_line) -> None:
        pass

    def visit_wsis_facts(self, node: nodes.Element) -> None:
        from ..cards import as_field_list

        self.visit_field_list(as_field_list(node))  # type: ignore[arg-type]


def is_title_card(node: nodes.Node) -> bool:
    """The report card's entity, template and facts, which the title page shows."""
    return isinstance(node, nodes.Element) and bool(TITLE_CARD_CLASSES & set(node["classes"]))


def _nearest_section(node: nodes.Node) -> nodes.section | None:
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.section):
        parent = parent.parent
    return parent


def _footnotes_by_id(tree: nodes.document, root: str) -> dict[tuple[str, str], nodes.footnote]:
    """Every footnote by (page, id): ids repeat across the pages of the assembled report."""
    found: dict[tuple[str, str], nodes.footnote] = {}

    def walk(node: nodes.Node, docname: str) -> None:
        for child in node.children if isinstance(node, nodes.Element) else []:
            if isinstance(child, addnodes.start_of_file):
                walk(child, child["docname"])
            elif isinstance(child, nodes.footnote):
                for node_id in child["ids"]:
                    found[(docname, node_id)] = child
            else:
                walk(child, docname)

    walk(tree, root)
    return found
