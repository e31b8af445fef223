"""Pictures, tables and a card's facts in Word: the visitors of :class:`.DocxTranslator`
that build more than a paragraph.

Tables are real Word tables (``Table Grid``) whose header rows repeat on every page
(``w:tblHeader``), with the source's column proportions and spans; a card's facts are a
two-column table; pictures are embedded at their size, never wider than the text.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docx.oxml.table import CT_Tbl
from docx.shared import Emu
from docx.table import Table
from sphinx.util import logging

from ..warnings import WARNING_TYPE, WsisWarning, warn
from . import ooxml
from .ooxml import w

if TYPE_CHECKING:
    from .writer import DocxTranslator

logger = logging.getLogger(__name__)


class Holder:
    """What python-docx's table API needs of a parent: the part, for style look-ups."""

    def __init__(self, part: Any) -> None:
        self.part = part


class BlockVisitors:
    """Mixed into :class:`~.writer.DocxTranslator`, whose state these methods use."""

    # -- images -----------------------------------------------------------------------------

    def visit_image(self: DocxTranslator, node: nodes.image) -> None:
        path = Path(self.builder.srcdir) / node["uri"]
        inline = isinstance(node.parent, nodes.TextElement)
        alt = node.get("alt", "") or Path(node["uri"]).name
        if self.in_footnote or not path.is_file() or "://" in node["uri"]:
            logger.info(
                "wsis-docx shows image %s as its text: it is not a local PNG/JPEG/GIF file",
                node["uri"], type=WARNING_TYPE, subtype="docx", location=node,
            )  # fmt: skip
            self.add_text(f"[{alt}]")
            raise nodes.SkipNode
        try:
            self.add_picture(path, node.get("alt", ""), inline)
        except Exception as exc:  # python-docx: unrecognised or broken image
            warn(
                WsisWarning.INVALID,
                "wsis-docx cannot embed image %s: it is not an image that can be read (%s); "
                "its text is shown instead",
                node["uri"],
                exc.__class__.__name__,
                location=node,
            )
            self.add_text(f"[{alt}]")
            raise nodes.SkipNode from None
        raise nodes.SkipNode

    def add_picture(self: DocxTranslator, path: Path, description: str, inline: bool) -> None:
        """Embed the picture at ``path``, never wider than the text."""
        picture = self.part.new_pic_inline(str(path), None, None)
        extent = picture.graphic.graphicData.pic.spPr.xfrm.ext
        cx, cy = int(extent.cx), int(extent.cy)
        if cx > self.text_width:
            cx, cy = self.text_width, int(cy * self.text_width / cx)
        for holder in (picture.extent, extent):
            holder.cx, holder.cy = Emu(cx), Emu(cy)
        picture.docPr.set("descr", description)
        if not inline:
            self.new_paragraph()
        r = w("r")
        drawing = w("drawing")
        drawing.append(picture)
        r.append(drawing)
        self.ensure_paragraph()
        self.run_parents[-1].append(r)
        if not inline:
            self.end_paragraph()

    def visit_wsis_chart(self: DocxTranslator, node: nodes.Element) -> None:
        """An indicator chart: the same picture as in HTML and PDF (as PNG), then its caption
        and the description that lists every value."""
        from ..chart_layout import chart_label
        from ..charts import chart_file, charts_cache_dir

        self.end_paragraph()
        spec = node.get("spec")
        if spec is not None:
            path = chart_file(spec, "png", charts_cache_dir(self.builder))
            self.add_picture(path, chart_label(spec), inline=False)
        for child in node.children:
            child.walkabout(self)
        raise nodes.SkipNode

    def visit_figure(self, node: nodes.figure) -> None:
        self.end_paragraph()

    def depart_figure(self, node: nodes.figure) -> None:
        self.end_paragraph()

    def visit_caption(self, node: nodes.caption) -> None:
        self.new_paragraph("Caption")

    def depart_caption(self: DocxTranslator, node: nodes.caption) -> None:
        self.end_paragraph()

    def visit_legend(self, node: nodes.legend) -> None:
        pass

    def depart_legend(self, node: nodes.legend) -> None:
        pass

    # -- tables -----------------------------------------------------------------------------

    def visit_table(self: DocxTranslator, node: nodes.table) -> None:
        self.end_paragraph()
        title = node.next_node(nodes.title)
        if title is not None and title.parent is node:
            title.walkabout(self)
        group = node.next_node(nodes.tgroup)
        if group is None:
            raise nodes.SkipNode
        self.write_table(group)
        raise nodes.SkipNode

    def write_table(self: DocxTranslator, group: nodes.tgroup) -> None:
        widths = [float(c.get("colwidth", 1)) for c in group.findall(nodes.colspec)]
        head = [r for part in group.findall(nodes.thead) for r in part.children]
        body = [r for part in group.findall(nodes.tbody) for r in part.children]
        rows = [*head, *body]
        columns = max(len(widths), int(group.get("cols", 0)), 1)
        widths = (widths + [1.0] * columns)[:columns]
        emus = column_widths(widths, self.text_width)
        tbl = CT_Tbl.new_tbl(max(len(rows), 1), columns, Emu(self.text_width))
        ooxml.append_block(self.containers[-1], tbl)
        table = Table(tbl, Holder(self.part))
        table.style = "Table Grid"
        ooxml.table_direction(tbl, self.script)
        for column, width in zip(table.columns, emus, strict=True):
            column.width = Emu(width)
        placed: list[tuple[int, int, nodes.Element]] = []
        taken: set[tuple[int, int]] = set()
        for r, row in enumerate(rows):
            c = 0
            for entry in row.children:
                while (r, c) in taken:
                    c += 1
                if c >= columns:
                    break
                last_row = min(r + int(entry.get("morerows", 0)), len(rows) - 1)
                last_col = min(c + int(entry.get("morecols", 0)), columns - 1)
                if (last_row, last_col) != (r, c):  # spans are rare: merge with python-docx
                    table.cell(r, c).merge(table.cell(last_row, last_col))
                taken.update((i, j) for i in range(r, last_row + 1) for j in range(c, last_col + 1))
                placed.append((r, c, entry))
                c = last_col + 1
        cells = table._cells  # once: python-docx computes the whole grid for each look-up
        for r, c, entry in placed:
            tc = cells[r * columns + c]._tc
            for p in list(tc.iter(ooxml.qn("w:p"))):
                p.getparent().remove(p)
            formats, self.formats = self.formats, [w("b")] if r < len(head) else []
            self.block_styles.append("WSISCard")
            self.walk_into(tc, list(entry.children))
            self.block_styles.pop()
            self.formats = formats
            if tc.find(ooxml.qn("w:p")) is None:
                ooxml.paragraph(tc, None, self.script)
        for index, row in enumerate(tbl.tr_lst):
            if index < len(head):
                ooxml.repeat_header(row)
        self.end_paragraph()

    # -- field lists: the facts of a card as a two-column table ----------------------------

    def visit_field_list(self: DocxTranslator, node: nodes.field_list) -> None:
        self.end_paragraph()
        fields = [f for f in node.children if isinstance(f, nodes.field)]
        if not fields:
            raise nodes.SkipNode
        tbl = CT_Tbl.new_tbl(len(fields), 2, Emu(self.text_width))
        ooxml.append_block(self.containers[-1], tbl)
        table = Table(tbl, Holder(self.part))
        table.style = "Table Grid"
        ooxml.table_direction(tbl, self.script)
        for column, share in zip(table.columns, (0.28, 0.72), strict=True):
            column.width = Emu(int(self.text_width * share))
        self.block_styles.append("WSISCard")
        cells = table._cells
        for index, field in enumerate(fields):
            name, body = field.children[0], field.children[1]
            label = nodes.paragraph("", name.astext())
            for cell, children, bold in (
                (cells[2 * index], [label], True),
                (cells[2 * index + 1], list(body.children), False),
            ):
                for p in list(cell._tc.iter(ooxml.qn("w:p"))):
                    p.getparent().remove(p)
                formats, self.formats = self.formats, [w("b")] if bold else []
                self.walk_into(cell._tc, children)
                self.formats = formats
                if cell._tc.find(ooxml.qn("w:p")) is None:
                    ooxml.paragraph(cell._tc, "WSISCard", self.script)
        self.block_styles.pop()
        raise nodes.SkipNode


#: The narrowest a column gets (EMU, 1.5 cm): a year or a state label fits on one line.
MIN_COLUMN = 540000


def column_widths(shares: list[float], total: int) -> list[int]:
    """Columns in proportion to ``shares``, none narrower than :data:`MIN_COLUMN`."""
    count = len(shares)
    floor = min(MIN_COLUMN, total // max(count, 1))
    widths = [total * share / (sum(shares) or 1.0) for share in shares]
    narrow = [i for i, width in enumerate(widths) if width < floor]
    if narrow and len(narrow) < count:
        rest = total - floor * len(narrow)
        wide = sum(width for i, width in enumerate(widths) if i not in narrow)
        widths = [floor if i in narrow else width * rest / wide for i, width in enumerate(widths)]
    return [int(width) for width in widths]
