"""Text, emphasis, links, targets and footnotes in Word: visitors of :class:`.DocxTranslator`.

Runs carry the formatting of the inline nodes around them (a stack of run properties); links
are ``w:hyperlink`` elements, to an address or to the bookmark of a target in the report;
footnotes are real Word footnotes, written where they are referenced.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from lxml.etree import _Element

from . import ooxml
from .ooxml import w

if TYPE_CHECKING:
    from .writer import DocxTranslator


class InlineVisitors:
    """Mixed into :class:`~.writer.DocxTranslator`, whose state these methods use."""

    # -- inline -----------------------------------------------------------------------------

    def visit_Text(self: DocxTranslator, node: nodes.Text) -> None:
        text = node.astext()
        if not self.preserve_lines:
            text = text.replace("\n", " ")
        if self.paragraph is None and not text.strip():
            return
        self.add_text(text)

    def depart_Text(self: DocxTranslator, node: nodes.Text) -> None:
        pass

    def _format(self: DocxTranslator, *props: _Element) -> None:
        self.formats.extend(props)

    def _unformat(self: DocxTranslator, count: int = 1) -> None:
        del self.formats[-count:]

    def visit_emphasis(self: DocxTranslator, node: nodes.Element) -> None:
        self._format(w("i"))

    def depart_emphasis(self: DocxTranslator, node: nodes.Element) -> None:
        self._unformat()

    visit_title_reference = visit_emphasis
    depart_title_reference = depart_emphasis

    def visit_strong(self: DocxTranslator, node: nodes.Element) -> None:
        self._format(w("b"))

    def depart_strong(self: DocxTranslator, node: nodes.Element) -> None:
        self._unformat()

    def visit_literal(self: DocxTranslator, node: nodes.Element) -> None:
        self._format(w("rStyle", val="WSISLiteral"))

    def depart_literal(self: DocxTranslator, node: nodes.Element) -> None:
        self._unformat()

    def visit_superscript(self: DocxTranslator, node: nodes.Element) -> None:
        self._format(w("vertAlign", val="superscript"))

    def depart_superscript(self: DocxTranslator, node: nodes.Element) -> None:
        self._unformat()

    def visit_subscript(self: DocxTranslator, node: nodes.Element) -> None:
        self._format(w("vertAlign", val="subscript"))

    def depart_subscript(self: DocxTranslator, node: nodes.Element) -> None:
        self._unformat()

    def visit_reference(self: DocxTranslator, node: nodes.reference) -> None:
        uri = node.get("refuri", "")
        anchor = ""
        if node.get("refid"):
            anchor = self.bookmark_name(self.docname, node["refid"])
        elif uri.startswith("%"):
            docname, _, node_id = uri[1:].partition("#")
            anchor = self.bookmark_name(docname, node_id)
        elif uri.startswith("#"):
            anchor = self.bookmark_name(self.docname, uri[1:])
        if not uri and not anchor:
            return
        self.ensure_paragraph()
        part = self.footnotes.part if self.in_footnote else self.part
        link = ooxml.hyperlink(self.run_parents[-1], part, url="" if anchor else uri, anchor=anchor)
        self.run_parents.append(link)
        self._format(w("rStyle", val="Hyperlink"))
        node["wsis_docx_link"] = True

    def depart_reference(self: DocxTranslator, node: nodes.reference) -> None:
        if node.get("wsis_docx_link"):
            self.run_parents.pop()
            self._unformat()

    @property
    def in_footnote(self: DocxTranslator) -> bool:
        return self.containers[-1].tag == ooxml.qn("w:footnote")

    def visit_target(self: DocxTranslator, node: nodes.target) -> None:
        if node.get("refid"):
            self.pending_bookmarks.append(self.bookmark_name(self.docname, node["refid"]))

    def depart_target(self: DocxTranslator, node: nodes.target) -> None:
        pass

    # -- footnotes ------------------------------------------------------------------------

    def visit_footnote_reference(self: DocxTranslator, node: nodes.footnote_reference) -> None:
        footnote = self.footnote_nodes.get((self.docname, node.get("refid", "")))
        if footnote is None or self.in_footnote:
            self.add_text(f"[{node.astext()}]")
            raise nodes.SkipNode
        note = self.footnotes.add()
        self.written_footnotes.add(id(footnote))
        self.ensure_paragraph()
        self.run_parents[-1].append(ooxml.footnote_reference(self.footnotes.count))
        formats, self.formats = self.formats, []
        self.block_styles.append("FootnoteText")
        start = len(note)
        self.walk_into(note, [c for c in footnote.children if not isinstance(c, nodes.label)])
        self.block_styles.pop()
        self.formats = formats
        paragraphs = note.findall(ooxml.qn("w:p"))
        if len(note) == start or not paragraphs:
            ooxml.paragraph(note, "FootnoteText", self.script)
            paragraphs = note.findall(ooxml.qn("w:p"))
        first = paragraphs[0]
        index = 1 if first.find(ooxml.qn("w:pPr")) is not None else 0
        first.insert(index, ooxml.run(" ", [], self.script))
        first.insert(index, ooxml.footnote_mark())
        raise nodes.SkipNode

    def visit_footnote(self: DocxTranslator, node: nodes.footnote) -> None:
        if id(node) in self.written_footnotes or node.get("backrefs"):
            raise nodes.SkipNode  # written where it is referenced
        label = node.next_node(nodes.label)
        self.new_paragraph("FootnoteText")
        self.add_text(f"[{label.astext() if label else ''}] ")
        self.end_paragraph()

    def depart_footnote(self: DocxTranslator, node: nodes.footnote) -> None:
        pass

    def visit_citation(self: DocxTranslator, node: nodes.citation) -> None:
        label = node.next_node(nodes.label)
        self.new_paragraph()
        self.formats.append(w("b"))
        self.add_text(f"[{label.astext() if label else ''}]")
        self.formats.pop()
        self.end_paragraph()

    def depart_citation(self: DocxTranslator, node: nodes.citation) -> None:
        pass

    def visit_citation_reference(self: DocxTranslator, node: nodes.citation_reference) -> None:
        self.add_text(f"[{node.astext()}]")
        raise nodes.SkipNode
