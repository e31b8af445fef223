"""What TeX lost while making the PDF, as ``wsis.pdf`` warnings (SPEC §4).

Sphinx's build ends when the ``.tex`` file is written; what TeX then drops (a page whose
content overflows, a glyph the font lacks, a line running past the margin) is only written to
the TeX log, and latexmk still succeeds. ``sphinx-wsis pdf`` runs ``sphinx-build -M latexpdf``
and then reads each log here. The LaTeX visitors put a comment before every report block
(:func:`marker`), so a problem at a ``.tex`` line is reported at the source file and line of
the part it is in.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from docutils import nodes

from .domain import domain_of
from .records import (
    RECORD_KINDS,
    ActionLineRecord,
    AspectRecord,
    ContactRecord,
    IndicatorRecord,
    Record,
    SectionRecord,
    StoryRecord,
)
from .warnings import WsisWarning

if TYPE_CHECKING:
    from sphinx.builders import Builder

#: how far past the margin a line may run before it counts as cut (TeX's own default is .1pt)
HBOX_TOLERANCE_PT = 5.0
MARKER = "%wsis-source: "
CATEGORY = WsisWarning.PDF.category

_OVERFULL_HBOX = re.compile(
    r"^Overfull \\hbox \((?P<pt>[\d.]+)pt too wide\) "
    r"(?:in paragraph at lines (?P<a>\d+)--\d+|in alignment at lines (?P<b>\d+)--\d+"
    r"|detected at line (?P<c>\d+))"
)
_OVERFULL_OUTPUT = re.compile(
    r"^Overfull \\vbox \((?P<pt>[\d.]+)pt too high\) has occurred while \\output is active"
)
_MISSING_CHAR = re.compile(r"^Missing character: There is no (?P<char>.+?) in font (?P<font>.+?)!")
_UNICODE = re.compile(r"\(U\+(?P<hex>[0-9A-Fa-f]{4,6})\)")
_FLOAT = re.compile(
    r"^LaTeX Warning: Float too large for page by (?P<pt>[\d.]+)pt on input line (?P<line>\d+)"
)
_PAGE = re.compile(r"\[(\d+)(?=[\s\]{<])")


def marker(path: str, line: int, part: str) -> str:
    """The TeX comment a report block starts with: where it comes from, and what it is."""
    clean = re.sub(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+", " ", f"{path}:{line} {part}")
    return f"{MARKER}{clean}"


#: The report's records by node id, built once per LaTeX build for the markers.
_RECORDS_BY_ID: WeakKeyDictionary[Builder, dict[str, Record]] = WeakKeyDictionary()


def source_marker(builder: Builder, node: nodes.Element) -> str:
    """The marker for the report block ``node`` (written by the LaTeX visitors), or ""."""
    index = _RECORDS_BY_ID.get(builder)
    if index is None:
        domain = domain_of(builder.env)
        index = {}
        for kind in RECORD_KINDS:
            for record in domain.records(kind):
                index.setdefault(record.node_id, record)
        _RECORDS_BY_ID[builder] = index
    record = next((index[i] for i in node["ids"] if i in index), None)
    if record is None:
        return ""
    path = str(builder.env.doc2path(record.docname, False))
    return marker(path, record.lineno, part_name(record))


def part_name(record: Record) -> str:
    """How a block is named in a wsis.pdf warning."""
    if isinstance(record, AspectRecord):
        return f"{record.code} {record.aspect}"
    if isinstance(record, ActionLineRecord):
        return f"action line {record.code}"
    if isinstance(record, SectionRecord):
        return f"section {record.key}"
    if isinstance(record, StoryRecord):
        return f"success story {record.title}"
    if isinstance(record, IndicatorRecord):
        return f"indicator {record.name}"
    if isinstance(record, ContactRecord):
        return "wsis-contact"
    return "wsis-report"


@dataclass(frozen=True)
class PdfProblem:
    message: str
    file: str
    line: int | None

    def format(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: WARNING: {self.message} [{CATEGORY}]"


class TexSource:
    """A ``.tex`` file's markers, to turn its line numbers into the author's part."""

    def __init__(self, tex: Path, srcdir: Path) -> None:
        self.tex = tex
        self.srcdir = srcdir
        # TeX counts lines by "\n" only; str.splitlines would also split at U+2028 and others
        self.lines = tex.read_text("utf-8", errors="replace").split("\n")
        self.marker_lines: list[int] = []
        self.markers: list[tuple[str, int, str]] = []
        for number, text in enumerate(self.lines, start=1):
            if text.startswith(MARKER):
                match = re.match(r"(.*):(\d+) (.*)$", text[len(MARKER) :])
                if match:
                    self.marker_lines.append(number)
                    self.markers.append((match[1], int(match[2]), match[3]))

    def locate(self, tex_line: int) -> tuple[str, int | None, str]:
        """(file, line, part) of the report block around ``tex_line``, else the .tex file."""
        index = bisect.bisect_right(self.marker_lines, tex_line) - 1
        if index < 0:
            return str(self.tex), tex_line, ""
        path, line, part = self.markers[index]
        return str(self.srcdir / path), line, part

    def line_with(self, text: str) -> int | None:
        return next((n for n, line in enumerate(self.lines, start=1) if text in line), None)


def scan(tex: Path, srcdir: Path) -> list[PdfProblem]:
    """The problems TeX logged for ``tex`` (its ``.log`` next to it)."""
    log = tex.with_suffix(".log")
    if not log.is_file():
        return []
    source = TexSource(tex, srcdir)
    problems: list[PdfProblem] = []
    page = 0
    pdf = tex.with_suffix(".pdf").name
    lines = log.read_text("utf-8", errors="replace").split("\n")
    for index, text in enumerate(lines):
        pages = _PAGE.findall(text)
        if pages and not text.startswith(("Overfull", "Underfull", "Missing")):
            page = int(pages[-1])
        if match := _OVERFULL_HBOX.match(text):
            points = float(match["pt"])
            if points <= HBOX_TOLERANCE_PT:
                continue
            file, line, part = source.locate(int(match["a"] or match["b"] or match["c"]))
            what = f"{part}: " if part else ""
            problems.append(
                PdfProblem(
                    f"{what}a line runs {points:.0f}pt past the margin of {pdf} (page {page + 1}),"
                    " so its end is cut off; break the long word, URL or table row",
                    file,
                    line,
                )
            )
        elif match := _OVERFULL_OUTPUT.match(text):
            problems.append(
                PdfProblem(
                    f"page {page + 1} of {pdf} holds {float(match['pt']):.0f}pt more than fits, "
                    "so text at its foot is lost (a box or table row that cannot break)",
                    str(tex),
                    None,
                )
            )
        elif text.startswith("! ") and not text.startswith(("! Emergency stop", "!  ==>")):
            problems.append(_tex_error(text[2:], lines[index + 1 : index + 40], source, pdf))
        elif match := _MISSING_CHAR.match(text):
            problems.append(_missing_character(match, source, pdf))
        elif match := _FLOAT.match(text):
            file, line, part = source.locate(int(match["line"]))
            what = f"{part}: " if part else ""
            problems.append(
                PdfProblem(
                    f"{what}a figure or table is {float(match['pt']):.0f}pt too large for a "
                    f"page of {pdf} and is cut",
                    file,
                    line,
                )
            )
    return list(dict.fromkeys(problems))


def _tex_error(message: str, after: list[str], source: TexSource, pdf: str) -> PdfProblem:
    """A TeX error (the PDF is not made, or made without something), at its part."""
    tex_line = next((int(m[1]) for line in after if (m := re.match(r"l\.(\d+) ", line))), None)
    file, line, part = source.locate(tex_line) if tex_line else (str(source.tex), None, "")
    what = f"{part}: " if part else ""
    unicode = re.match(
        r"(?:LaTeX|Package inputenc) Error: Unicode character (.+?) \(U\+(\w+)\)", message
    )
    if unicode:
        return PdfProblem(
            f"{what}the character {unicode[1]!r} (U+{unicode[2]}) cannot be typeset by "
            f"pdflatex, so {pdf} is not "
            "made: set latex_engine = 'xelatex' and a font that has it",
            file,
            line,
        )
    return PdfProblem(f"{what}TeX stopped on {message.strip()!r} while making {pdf}", file, line)


def _missing_character(match: re.Match[str], source: TexSource, pdf: str) -> PdfProblem:
    char = match["char"].strip()
    code = _UNICODE.search(char)
    if code:
        char = chr(int(code["hex"], 16))
    name = f"{char!r} (U+{ord(char):04X})" if len(char) == 1 else repr(char)
    font = match["font"].strip()
    font = font[1 : font.index("]")] if font.startswith("[") and "]" in font else font
    font = font.split(":")[0].strip("\"' ")
    tex_line = source.line_with(char) if len(char) == 1 else None
    file, line, part = source.locate(tex_line) if tex_line else (str(source.tex), None, "")
    what = f"{part}: " if part else ""
    return PdfProblem(
        f"{what}the character {name} is missing from {pdf}: the font {font} has no glyph "
        "for it (choose a font that has it; with pdflatex, use latex_engine = 'xelatex')",
        file,
        line,
    )


def suppressed(srcdir: Path) -> bool:
    """Whether conf.py mutes ``wsis.pdf`` (``suppress_warnings``)."""
    from sphinx.config import Config
    from sphinx.util.tags import Tags

    try:
        config = Config.read(srcdir, overrides={}, tags=Tags())
    except Exception:  # sphinx-build has already said what is wrong with conf.py
        return False
    muted = set(config.suppress_warnings or [])
    return bool(muted & {CATEGORY, "wsis"})
