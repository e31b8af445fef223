"""Read a Word draft into plain blocks: headings, paragraphs, list items, tables, pictures.

The reader is python-docx, the library the ``wsis-docx`` builder writes with: it walks the body
in document order (paragraphs and tables interleaved), sees each paragraph's style and outline
level (so Word's own headings are recognised in any language of Word), each run's bold and
italic, hyperlinks with their addresses, list numbering, and the image parts behind pictures.
docx2python flattens tables and lists into nested text and loses styles; mammoth converts to
HTML, which would then need parsing again. Either would add a dependency for less.

Nothing here interprets the text: :mod:`.placing` decides where each block belongs.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn

#: The start of every OLE2 compound file: a legacy .doc, or an encrypted (password) .docx.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class DraftError(Exception):
    """The file cannot be read as a Word document (the message says why, in the user's words)."""


@dataclass
class Inline:
    text: str
    bold: bool = False
    italic: bool = False
    url: str = ""


@dataclass
class Picture:
    name: str  # a file name chosen here: never the name stored in the document
    data: bytes
    alt: str = ""


@dataclass
class Block:
    """One block of the draft.

    ``kind`` is ``heading`` (``level`` 1-9), ``paragraph``, ``item`` (a list item: ``level``
    0-8, ``ordered``), ``table`` (``rows`` of cells, each a list of inlines) or ``picture``.
    ``style`` is the paragraph style's name (the builder's own styles mark its cards).
    """

    kind: str
    inlines: list[Inline] = field(default_factory=list)
    level: int = 0
    ordered: bool = False
    style: str = ""
    rows: list[list[list[Inline]]] = field(default_factory=list)
    picture: Picture | None = None

    @property
    def text(self) -> str:
        if self.kind == "table":
            return "\n".join(" | ".join(_plain(c) for c in row) for row in self.rows)
        return _plain(self.inlines)


@dataclass
class Draft:
    blocks: list[Block]
    properties: dict[str, str]


def _plain(inlines: list[Inline]) -> str:
    return "".join(i.text for i in inlines).strip()


def read_draft(path: Path) -> Draft:
    """The blocks of the Word document at ``path``; :class:`DraftError` if it is not one."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    _check_container(path)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DraftError(f"{path} is not a Word document (.docx) that can be read: {exc}") from None
    except Exception as exc:  # lxml: a part that is not XML
        raise DraftError(f"{path} is damaged: {exc}") from None
    reader = _Reader(document)
    core = document.core_properties
    properties = {"title": core.title or "", "author": core.author or ""}
    return Draft(reader.blocks(), properties)


def _check_container(path: Path) -> None:
    if not path.is_file():
        raise DraftError(f"{path} does not exist or is not a file")
    with path.open("rb") as stream:
        head = stream.read(8)
    if head == OLE2_MAGIC:
        raise DraftError(
            f"{path} is password-protected (encrypted) or in the old Word 97-2003 .doc format: "
            "open it in Word or LibreOffice, remove the password or save it as .docx, and import "
            "that file"
        )
    if not zipfile.is_zipfile(path):
        raise DraftError(f"{path} is not a .docx file (a .docx is a zip archive; this is not one)")
    try:
        with zipfile.ZipFile(path) as archive:
            bad = archive.testzip()
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise DraftError(f"{path} is a damaged zip archive: {exc}") from None
    if bad is not None:
        raise DraftError(f"{path} is damaged: its part {bad} does not unpack")
    if "word/document.xml" not in names and "[Content_Types].xml" not in names:
        raise DraftError(f"{path} is a zip archive but not a Word document (no word/document.xml)")


class _Reader:
    def __init__(self, document: Any) -> None:
        self.document = document
        self.pictures = 0
        self.numbering = _numbering_formats(document)

    def blocks(self) -> list[Block]:
        return self.container(self.document.element.body, self.document._body)

    def container(self, element: Any, parent: Any) -> list[Block]:
        """Paragraphs and tables in order, including those inside content controls."""
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        result: list[Block] = []
        for child in element:
            if child.tag == qn("w:p"):
                result.extend(self.paragraph(Paragraph(child, parent)))
            elif child.tag == qn("w:tbl"):
                result.append(self.table(Table(child, parent)))
            elif child.tag in (qn("w:sdt"), qn("w:customXml")):
                content = child.find(qn("w:sdtContent"))
                result.extend(self.container(content if content is not None else child, parent))
        return result

    def paragraph(self, paragraph: Any) -> list[Block]:
        inlines, pictures = self.inlines(paragraph)
        style = paragraph.style.name if paragraph.style is not None else ""
        level = _heading_level(paragraph)
        blocks: list[Block] = []
        if _plain(inlines):
            if level:
                blocks.append(Block("heading", inlines, level=level, style=style))
            elif (numbering := self.list_level(paragraph)) is not None:
                ilvl, ordered = numbering
                blocks.append(Block("item", inlines, level=ilvl, ordered=ordered, style=style))
            else:
                blocks.append(Block("paragraph", inlines, style=style))
        blocks.extend(Block("picture", picture=p) for p in pictures)
        return blocks

    def inlines(self, paragraph: Any) -> tuple[list[Inline], list[Picture]]:
        """The paragraph's runs in order: in links, content controls and tracked insertions
        too (tracked changes read as accepted: deleted text is left out)."""
        from docx.text.run import Run

        inlines: list[Inline] = []
        pictures: list[Picture] = []
        p = paragraph._p
        for r in p.iter(qn("w:r")):
            url = ""
            skip = False
            ancestor = r.getparent()
            while ancestor is not None and ancestor is not p:
                if ancestor.tag in (qn("w:del"), qn("w:moveFrom")):
                    skip = True
                elif ancestor.tag == qn("w:hyperlink") and not url:
                    rid = ancestor.get(qn("r:id"))
                    rel = paragraph.part.rels.get(rid) if rid else None
                    url = rel.target_ref if rel is not None and rel.is_external else ""
                ancestor = ancestor.getparent()
            if skip or ancestor is None:
                continue
            run = Run(r, paragraph)
            pictures.extend(self.run_pictures(run))
            inlines.append(Inline(_run_text(r), bool(run.bold), bool(run.italic), url))
        return [i for i in inlines if i.text], pictures

    def run_pictures(self, run: Any) -> list[Picture]:
        found = []
        for blip in run._r.iter(qn("a:blip")):
            rid = blip.get(qn("r:embed"))
            part = self.document.part.related_parts.get(rid) if rid else None
            if part is None or not hasattr(part, "blob"):
                continue
            self.pictures += 1
            suffix = Path(str(part.partname)).suffix.lower() or ".png"
            doc_pr = next(iter(run._r.iter(qn("wp:docPr"))), None)
            alt = (doc_pr.get("descr") or "") if doc_pr is not None else ""
            found.append(Picture(f"image-{self.pictures}{suffix}", part.blob, alt))
        return found

    def list_level(self, paragraph: Any) -> tuple[int, bool] | None:
        """``(level, ordered)`` of a list item; from the paragraph or its style's numbering."""
        num_pr = _numbering_of(paragraph)
        if num_pr is None:
            return None
        num_id, ilvl = num_pr
        if num_id == "0":
            return None
        fmt = self.numbering.get((num_id, ilvl), self.numbering.get((num_id, 0), "bullet"))
        return ilvl, fmt not in ("bullet", "none")

    def table(self, table: Any) -> Block:
        from docx.text.paragraph import Paragraph

        rows: list[list[list[Inline]]] = []
        for row in table.rows:
            cells: list[list[Inline]] = []
            previous = None
            for cell in row.cells:
                if previous is not None and cell._tc is previous:
                    cells.append([])  # the rest of a merged cell
                    continue
                previous = cell._tc
                inlines: list[Inline] = []
                paragraphs = [Paragraph(p, cell) for p in cell._tc.iter(qn("w:p"))]
                for index, paragraph in enumerate(paragraphs):  # nested tables' text too
                    found, _ = self.inlines(paragraph)
                    if index and found and inlines:
                        inlines.append(Inline(" "))
                    inlines.extend(found)
                cells.append(inlines)
            rows.append(cells)
        return Block("table", rows=rows)


def _run_text(r: Any) -> str:
    """A run's text: tabs and line breaks as spaces, deleted text (``w:delText``) left out."""
    parts = []
    for child in r:
        if child.tag == qn("w:t"):
            parts.append(child.text or "")
        elif child.tag in (qn("w:tab"), qn("w:br"), qn("w:cr")):
            parts.append(" ")
        elif child.tag == qn("w:noBreakHyphen"):
            parts.append("\u2011")
    return "".join(parts)


def _heading_level(paragraph: Any) -> int:
    """1-9 for Word's heading styles (any style based on them) or an outline level."""
    style = paragraph.style
    for _ in range(10):
        if style is None:
            break
        style_id = style.style_id or ""
        if style_id.startswith("Heading") and style_id[7:].isdigit():
            return int(style_id[7:])
        if style_id == "Title":
            return 1
        outline = style.element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        if outline is not None and outline.get(qn("w:val")).isdigit():
            value = int(outline.get(qn("w:val")))
            return value + 1 if value < 9 else 0
        style = style.base_style
    own = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
    if own is not None and (own.get(qn("w:val")) or "").isdigit():
        value = int(own.get(qn("w:val")))
        return value + 1 if value < 9 else 0
    return 0


def _numbering_of(paragraph: Any) -> tuple[str, int] | None:
    for ppr in (paragraph._p.pPr, *_style_pprs(paragraph.style)):
        if ppr is None:
            continue
        num_pr = ppr.find(qn("w:numPr"))
        if num_pr is not None:
            num_id = num_pr.find(qn("w:numId"))
            ilvl = num_pr.find(qn("w:ilvl"))
            if num_id is not None:
                level = int(ilvl.get(qn("w:val"))) if ilvl is not None else 0
                return num_id.get(qn("w:val")), level
    return None


def _style_pprs(style: Any) -> list[Any]:
    found = []
    for _ in range(10):
        if style is None:
            break
        found.append(style.element.find(qn("w:pPr")))
        style = style.base_style
    return found


def _numbering_formats(document: Any) -> dict[tuple[str, int], str]:
    """``(numId, level)`` → the level's number format (``bullet``, ``decimal`` …)."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return {}
    abstract: dict[str, dict[int, str]] = {}
    for node in numbering.findall(qn("w:abstractNum")):
        levels = {}
        for lvl in node.findall(qn("w:lvl")):
            fmt = lvl.find(qn("w:numFmt"))
            levels[int(lvl.get(qn("w:ilvl")))] = fmt.get(qn("w:val")) if fmt is not None else ""
        abstract[node.get(qn("w:abstractNumId"))] = levels
    formats: dict[tuple[str, int], str] = {}
    for num in numbering.findall(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        if ref is None:
            continue
        for level, fmt in abstract.get(ref.get(qn("w:val")), {}).items():
            formats[(num.get(qn("w:numId")), level)] = fmt
    return formats
