"""The Word document of the assembled report: title page, contents field, body, properties.

Kept apart from the builder so that python-docx is imported only by a build that writes a
``.docx`` (every Sphinx build registers the builder; importing python-docx costs about a tenth
of a second).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm

from ..config import template_of
from ..domain import domain_of
from ..nodes import wsis_report
from ..records import ReportRecord
from ..warnings import WsisWarning, warn
from . import ooxml
from .builder import WsisDocxBuilder, own_latex_entry
from .writer import DocxTranslator, is_title_card

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument


REFERENCE = Path(__file__).parent / "reference.docx"
LOGO_TYPES = (".png", ".jpg", ".jpeg", ".gif", ".bmp")
TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'


def write_report(builder: WsisDocxBuilder, tree: nodes.document) -> DocxDocument:
    """The Word document of the assembled report."""
    config = builder.config
    script = ooxml.script_for(config.language)
    document = open_reference(builder)
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    ooxml.set_language(
        document.styles.element, document.settings.element, body.find(qn("w:sectPr")), script
    )
    ooxml.add_font_fallbacks(document.part, script)
    translator = DocxTranslator(tree, builder, document, script)
    report = next(iter(tree.findall(wsis_report)), None)
    reports: list[ReportRecord] = domain_of(builder.env).records("reports")
    title = document_title(builder, reports[0] if reports else None)
    title_page(translator, title, report, reports[0] if reports else None)
    toc_start, toc_end = contents(translator)
    tree.walkabout(translator)
    fill_contents(translator, toc_start, toc_end)
    if translator.footnotes.part is not None:
        ooxml.declare_footnote_separators(document.settings.element)
    properties(document, builder, title, reports[0] if reports else None, script)
    return document


def open_reference(builder: WsisDocxBuilder) -> DocxDocument:
    """The user's reference document, with the styles it lacks copied from ours."""
    setting = builder.config.wsis_docx_reference
    if not setting:
        return Document(str(REFERENCE))
    path = Path(builder.confdir) / setting
    try:
        document = Document(str(path))
    except Exception as exc:  # python-docx: missing file, not a zip, not a Word document
        warn(
            WsisWarning.INVALID,
            "wsis_docx_reference %s cannot be used (%s); the built-in styles are used instead",
            setting,
            exc,
        )
        return Document(str(REFERENCE))
    ours = Document(str(REFERENCE)).styles.element
    theirs = document.styles.element
    known = {s.get(qn("w:styleId")) for s in theirs.findall(qn("w:style"))}
    for style in ours.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in known:
            theirs.append(copy.deepcopy(style))
    return document


def document_title(builder: WsisDocxBuilder, record: ReportRecord | None) -> str:
    """The title the user gave the root document in ``latex_documents``; else the title of
    the page holding ``wsis-report``; else ``project``."""
    entry = own_latex_entry(builder.config)
    if entry and len(entry) > 2:
        return str(entry[2])
    title = builder.env.titles.get(record.docname) if record is not None else None
    return (title.astext().strip() if title is not None else "") or str(builder.config.project)


def title_page(
    translator: DocxTranslator,
    title: str,
    report: wsis_report | None,
    record: ReportRecord | None,
) -> None:
    """Logo, entity, title, template and the report's facts, as the report card labels them."""
    logo = _logo_path(translator, record)
    try:
        picture = translator.part.new_pic_inline(str(logo), Cm(4), None) if logo else None
    except Exception as exc:  # python-docx: not an image it can read
        assert record is not None
        warn(
            WsisWarning.INVALID,
            "wsis-report :logo: %s cannot go on the Word title page: it is not a PNG, JPEG, "
            "GIF or BMP image that can be read (%s)",
            record.logo,
            exc.__class__.__name__,
            location=(record.docname, record.lineno),
        )
        picture = None
    if picture is not None:
        paragraph = translator.new_paragraph("WSISTitleLine")
        run = ooxml.w("r")
        drawing = ooxml.w("drawing")
        drawing.append(picture)
        run.append(drawing)
        paragraph.append(run)
        translator.end_paragraph()
    card = [c for c in report.children if is_title_card(c)] if report is not None else []
    entity = next((c for c in card if "wsis-report-entity" in c["classes"]), None)
    if entity is not None:
        translator.new_paragraph("WSISTitleEntity")
        for child in entity.children:
            child.walkabout(translator)
        translator.end_paragraph()
    translator.new_paragraph("WSISTitleLine")
    translator.add_text(title)
    translator.end_paragraph()
    for part in card:
        if "wsis-report-template" in part["classes"]:
            translator.new_paragraph("WSISTitleLine")
            translator.add_text(part.astext())
            translator.end_paragraph()
        elif isinstance(part, nodes.field_list):
            for field in part.findall(nodes.field):
                translator.new_paragraph("WSISTitleField")
                translator.formats.append(ooxml.w("b"))
                translator.add_text(f"{field[0].astext()}: ")
                translator.formats.pop()
                for child in field[1].children:
                    for inner in child.children if isinstance(child, nodes.paragraph) else [child]:
                        inner.walkabout(translator)
                translator.end_paragraph()
    translator.pending_bookmarks.clear()  # the report's anchors belong to the body


def _logo_path(translator: DocxTranslator, record: ReportRecord | None) -> Path | None:
    if record is None or not record.logo:
        return None
    path = Path(translator.builder.srcdir) / record.logo
    if path.suffix.lower() in LOGO_TYPES and path.is_file():
        return path
    warn(
        WsisWarning.INVALID,
        "wsis-report :logo: %s cannot go on the Word title page: Word needs a PNG, JPEG, GIF "
        "or BMP file",
        record.logo,
        location=(record.docname, record.lineno),
    )
    return None


def contents(translator: DocxTranslator) -> tuple[object, object]:
    """A page break, "Contents" and a TOC field; entries are filled in after the body."""
    translator.new_paragraph("TOCHeading")
    translator.paragraph.insert(1, _page_break())
    translator.add_text(_contents_label(translator))
    translator.end_paragraph()
    start = translator.new_paragraph()
    ooxml.field_begin(start, TOC_INSTRUCTION)
    translator.end_paragraph()
    end = translator.new_paragraph()
    ooxml.field_end(end)
    end.append(_page_break())
    translator.end_paragraph()
    return start, end


def _contents_label(translator: DocxTranslator) -> str:
    from sphinx.locale import _

    return str(_("Contents"))


def _page_break() -> object:
    run = ooxml.w("r")
    run.append(ooxml.w("br", type="page"))
    return run


def fill_contents(translator: DocxTranslator, start: object, end: object) -> None:
    """The TOC field's result: one linked entry per heading to level 3, as Word would write.

    Word replaces it with page numbers when it updates the field (it is asked to on opening);
    LibreOffice and readers that never update fields still show every heading.
    """
    for heading in translator.headings:
        if heading.level > 3:
            continue
        p = ooxml.w("p")
        ppr = ooxml.w("pPr")
        ppr.append(ooxml.w("pStyle", val=f"TOC{heading.level}"))
        if translator.script.rtl:
            ppr.append(ooxml.w("bidi"))
        p.append(ppr)
        link = ooxml.w("hyperlink", anchor=heading.bookmark, history="1")
        link.append(ooxml.run(heading.text, [], translator.script))
        p.append(link)
        end.addprevious(p)  # type: ignore[attr-defined]
    ooxml.update_fields_on_open(translator.docx.settings.element)


def properties(
    document: DocxDocument,
    builder: WsisDocxBuilder,
    title: str,
    record: ReportRecord | None,
    script: ooxml.Script,
) -> None:
    """File > Properties: title, author (the entity), subject (the template), language."""
    core = document.core_properties
    template = template_of(builder.config)
    core.title = title
    core.author = record.entity if record and record.entity else str(builder.config.author)
    core.subject = template.title
    core.language = script.lang
    core.keywords = f"{template.review}; {template.id}"
    core.comments = template.source
    core.last_modified_by = core.author
