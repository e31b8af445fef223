"""WordprocessingML pieces python-docx has no API for, built as XML.

Hyperlinks, bookmarks, fields (the table of contents), footnotes, list numbering that restarts,
table header rows that repeat, and the language and script settings of the six UN languages.
Everything here is valid against ECMA-376 in the element order Word requires, so the file opens
without a repair prompt.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml.etree import _Element

#: Letters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko, Arabic forms).
RTL_CHARS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
#: Han, kana and Hangul: text Word sets in the East Asian font.


@dataclass(frozen=True)
class Script:
    """How a report's language is set: Word language tags and the fonts for its script."""

    lang: str
    east_asia: str = ""
    bidi: str = ""
    east_asia_font: str = ""
    complex_font: str = ""
    rtl: bool = False


SCRIPTS = {
    "ar": Script("ar-SA", bidi="ar-SA", complex_font="Noto Naskh Arabic", rtl=True),
    "zh": Script("zh-CN", east_asia="zh-CN", east_asia_font="Noto Sans CJK SC"),
    "en": Script("en-GB"),
    "fr": Script("fr-FR"),
    "ru": Script("ru-RU"),
    "es": Script("es-ES"),
}
#: When the East Asian font is missing, Word and LibreOffice look for this one by name.
EAST_ASIA_FALLBACK = "SimSun"


def script_for(language: str | None) -> Script:
    """The settings for a Sphinx ``language`` (``zh_CN`` and ``zh`` alike); English otherwise."""
    base = (language or "en").replace("-", "_").split("_")[0].lower()
    if base in SCRIPTS:
        return SCRIPTS[base]
    return Script((language or "en").replace("_", "-"))


def w(tag: str, **attrs: str) -> _Element:
    """``<w:tag w:attr="…">``."""
    element = OxmlElement(f"w:{tag}")
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    return element


def child(parent: _Element, tag: str, *, first: bool = False) -> _Element:
    """``parent``'s ``<w:tag>``, made (as its first child with ``first``, else its last) when
    it has none: OOXML wants some properties elements in a fixed place."""
    found = parent.find(qn(f"w:{tag}"))
    if found is None:
        found = w(tag)
        if first:
            parent.insert(0, found)
        else:
            parent.append(found)
    return found


def append_block(container: _Element, block: _Element) -> _Element:
    """Add a paragraph or table to a body, cell or footnote; a body keeps its sectPr last."""
    last = container[-1] if len(container) else None
    if last is not None and last.tag == qn("w:sectPr"):
        last.addprevious(block)
    else:
        container.append(block)
    return block


def paragraph(container: _Element, style_id: str | None, script: Script) -> _Element:
    p = w("p")
    ppr = w("pPr")
    if style_id:
        ppr.append(w("pStyle", val=style_id))
    if script.rtl:
        ppr.append(w("bidi"))
    if len(ppr):
        p.append(ppr)
    return append_block(container, p)


def paragraph_properties(p: _Element) -> _Element:
    ppr = child(p, "pPr", first=True)
    return ppr


def run(text: str, props: list[_Element], script: Script) -> _Element:
    """One run of text; line breaks in ``text`` become ``<w:br/>``."""
    r = w("r")
    rpr = w("rPr")
    for prop in props:
        rpr.append(copy.deepcopy(prop))
    if script.rtl and RTL_CHARS.search(text):
        rpr.append(w("rtl"))
    if len(rpr):
        _order_run_properties(rpr)
        r.append(rpr)
    for index, line in enumerate(text.split("\n")):
        if index:
            r.append(w("br"))
        t = w("t")
        t.text = line
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        r.append(t)
    return r


#: Order of run properties in the schema (CT_RPr), for the ones written here.
_RPR_SCHEMA = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
)
_RPR_ORDER = _RPR_SCHEMA.split()


def _order_run_properties(rpr: _Element) -> None:
    def rank(element: _Element) -> int:
        name = element.tag.split("}")[1]
        return _RPR_ORDER.index(name) if name in _RPR_ORDER else len(_RPR_ORDER)

    children = sorted(rpr, key=rank)
    for child in children:
        rpr.append(child)


def hyperlink(parent: _Element, part: XmlPart, url: str = "", anchor: str = "") -> _Element:
    """A ``<w:hyperlink>`` to a URL (an external relationship) or to a bookmark."""
    link = w("hyperlink")
    if anchor:
        link.set(qn("w:anchor"), anchor)
    else:
        link.set(qn("r:id"), part.relate_to(url, RT.HYPERLINK, is_external=True))
    link.set(qn("w:history"), "1")
    parent.append(link)
    return link


def bookmark(p: _Element, name: str, number: int) -> None:
    """A bookmark at the start of a paragraph (after its properties)."""
    start = w("bookmarkStart", id=str(number), name=name)
    end = w("bookmarkEnd", id=str(number))
    ppr = p.find(qn("w:pPr"))
    index = 1 if ppr is not None else 0
    p.insert(index, start)
    p.insert(index + 1, end)


def field_begin(p: _Element, instruction: str) -> None:
    """The first half of a complex field: begin, instruction, separate."""
    r = w("r")
    r.append(w("fldChar", fldCharType="begin", dirty="true"))
    p.append(r)
    r = w("r")
    instr = w("instrText")
    instr.text = f" {instruction} "
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.append(instr)
    p.append(r)
    r = w("r")
    r.append(w("fldChar", fldCharType="separate"))
    p.append(r)


def field_end(p: _Element) -> None:
    r = w("r")
    r.append(w("fldChar", fldCharType="end"))
    p.append(r)


def repeat_header(row: _Element) -> None:
    """Mark a table row as a header row that Word repeats on every page the table spans."""
    trpr = child(row, "trPr", first=True)
    trpr.append(w("tblHeader"))
    trpr.append(w("cantSplit"))


def table_direction(table: _Element, script: Script) -> None:
    """Right-to-left tables (first column on the right) for Arabic."""
    if not script.rtl:
        return
    tblpr = table.find(qn("w:tblPr"))
    style = tblpr.find(qn("w:tblStyle"))
    bidi = w("bidiVisual")
    if style is not None:
        style.addnext(bidi)
    else:
        tblpr.insert(0, bidi)


def set_language(styles: _Element, settings: _Element, section: _Element, script: Script) -> None:
    """Document defaults: language tags, fonts of the script, and right-to-left layout."""
    defaults = child(styles, "docDefaults", first=True)
    rpr_default = child(defaults, "rPrDefault", first=True)
    rpr = child(rpr_default, "rPr")
    fonts = child(rpr, "rFonts", first=True)
    if script.east_asia_font:
        fonts.set(qn("w:eastAsia"), script.east_asia_font)
        for hint in ("w:eastAsiaTheme",):
            fonts.attrib.pop(qn(hint), None)
    if script.complex_font:
        fonts.set(qn("w:cs"), script.complex_font)
        fonts.attrib.pop(qn("w:cstheme"), None)
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    lang = w("lang", val=script.lang)
    if script.east_asia:
        lang.set(qn("w:eastAsia"), script.east_asia)
    if script.bidi:
        lang.set(qn("w:bidi"), script.bidi)
    rpr.append(lang)
    _order_run_properties(rpr)
    for old in settings.findall(qn("w:themeFontLang")):
        old.set(qn("w:val"), script.lang)
        if script.east_asia:
            old.set(qn("w:eastAsia"), script.east_asia)
        if script.bidi:
            old.set(qn("w:bidi"), script.bidi)
    if script.rtl:
        ppr_default = child(defaults, "pPrDefault")
        ppr = child(ppr_default, "pPr")
        ppr.insert(0, w("bidi"))
        _insert_sect_bidi(section)


def _insert_sect_bidi(section: _Element) -> None:
    """``<w:bidi/>`` in the section: page columns and numbering run right to left."""
    successors = ("rtlGutter", "docGrid", "printerSettings", "sectPrChange")
    for child in section:
        if child.tag.split("}")[1] in successors:
            child.addprevious(w("bidi"))
            return
    section.append(w("bidi"))


#: What follows ``w:updateFields`` in CT_Settings: it goes before the first of these.
_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults footnotePr endnotePr compat docVars rsids mathPr attachedSchema "
    "themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats doNotAutoCompressPictures "
    "forceUpgrade captions readModeInkLockDown smartTagType schemaLibrary shapeDefaults "
    "doNotEmbedSmartTags decimalSymbol listSeparator"
)
AFTER_UPDATE_FIELDS = frozenset(_AFTER_UPDATE_FIELDS.split())


def update_fields_on_open(settings: _Element) -> None:
    """Ask Word to refresh the table of contents (page numbers) when the file is opened."""
    if settings.find(qn("w:updateFields")) is not None:
        return
    element = w("updateFields", val="true")
    for child in settings:
        if child.tag.split("}")[1] in AFTER_UPDATE_FIELDS:
            child.addprevious(element)
            return
    settings.append(element)


def declare_footnote_separators(settings: _Element) -> None:
    """``w:footnotePr`` naming the separator footnotes, as Word writes it with footnotes."""
    if settings.find(qn("w:footnotePr")) is not None:
        return
    element = w("footnotePr")
    element.append(w("footnote", id="-1"))
    element.append(w("footnote", id="0"))
    later = AFTER_UPDATE_FIELDS - {"hdrShapeDefaults", "footnotePr"}
    for child in settings:
        if child.tag.split("}")[1] in later:
            child.addprevious(element)
            return
    settings.append(element)


# -- footnotes --------------------------------------------------------------------------------

FOOTNOTES_XML = (
    f"<w:footnotes {nsdecls('w', 'r')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
    "</w:footnote></w:footnotes>"
)


class Footnotes:
    """The document's footnotes part, created on first use."""

    def __init__(self, document_part: XmlPart) -> None:
        self.document_part = document_part
        self.part: XmlPart | None = None
        self.count = 0

    def add(self) -> _Element:
        """A new, empty ``<w:footnote>``; its id is :attr:`count`."""
        if self.part is None:
            element = parse_xml(FOOTNOTES_XML)
            self.part = XmlPart(
                PackURI("/word/footnotes.xml"),
                CT.WML_FOOTNOTES,
                element,
                self.document_part.package,
            )
            self.document_part.relate_to(self.part, RT.FOOTNOTES)
        self.count += 1
        note = w("footnote", id=str(self.count))
        self.part.element.append(note)
        return note


def footnote_reference(number: int) -> _Element:
    r = w("r")
    rpr = w("rPr")
    rpr.append(w("rStyle", val="FootnoteReference"))
    rpr.append(w("vertAlign", val="superscript"))
    r.append(rpr)
    r.append(w("footnoteReference", id=str(number)))
    return r


def footnote_mark() -> _Element:
    """The number at the start of a footnote's own text."""
    r = w("r")
    rpr = w("rPr")
    rpr.append(w("rStyle", val="FootnoteReference"))
    rpr.append(w("vertAlign", val="superscript"))
    r.append(rpr)
    r.append(w("footnoteRef"))
    return r


# -- numbering ------------------------------------------------------------------------------


def restarted_numbering(numbering: _Element, styles: _Element, style_id: str) -> str | None:
    """A new ``w:num`` for the list style ``style_id`` that starts again at 1; its id."""
    style = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']")
    if style is None:
        return None
    num_id = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    if num_id is None:
        return None
    existing = numbering.find(f"{qn('w:num')}[@{qn('w:numId')}='{num_id.get(qn('w:val'))}']")
    if existing is None:
        return None
    abstract = existing.find(qn("w:abstractNumId")).get(qn("w:val"))
    ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    new_id = str(max(ids, default=0) + 1)
    num = w("num", numId=new_id)
    num.append(w("abstractNumId", val=abstract))
    override = w("lvlOverride", ilvl="0")
    override.append(w("startOverride", val="1"))
    num.append(override)
    numbering.append(num)
    return new_id


def number_paragraph(p: _Element, num_id: str) -> None:
    ppr = paragraph_properties(p)
    numpr = w("numPr")
    numpr.append(w("ilvl", val="0"))
    numpr.append(w("numId", val=num_id))
    style = ppr.find(qn("w:pStyle"))
    if style is not None:
        style.addnext(numpr)
    else:
        ppr.insert(0, numpr)


# -- font fallbacks --------------------------------------------------------------------------

#: The font Word substitutes where a script's font is not installed, and its charset.
FONT_FALLBACKS = {
    "Noto Sans CJK SC": (EAST_ASIA_FALLBACK, "86"),
    "Noto Naskh Arabic": ("Arial", "B2"),
}


def add_font_fallbacks(document_part: XmlPart, script: Script) -> None:
    """Name the script's font in the font table with a fallback (``w:altName``)."""
    from lxml import etree

    wanted = [f for f in (script.east_asia_font, script.complex_font) if f in FONT_FALLBACKS]
    if not wanted:
        return
    try:
        part = document_part.part_related_by(RT.FONT_TABLE)
    except KeyError:
        return
    root = part.element if isinstance(part, XmlPart) else parse_xml(part.blob)
    known = {font.get(qn("w:name")) for font in root.findall(qn("w:font"))}
    for name in wanted:
        if name in known:
            continue
        alt, charset = FONT_FALLBACKS[name]
        font = w("font", name=name)
        font.append(w("altName", val=alt))
        font.append(w("charset", val=charset))
        font.append(w("family", val="auto"))
        root.append(font)
    if not isinstance(part, XmlPart):
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
