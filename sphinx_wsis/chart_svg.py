"""Indicator charts written as SVG directly: the HTML build's charts, without matplotlib.

The layout (styles, axes, ticks) comes from :mod:`.chart_layout`, shared with the PDF's and the
DOCX's matplotlib pictures. Text stays text (``<text>``), so the browser shapes every script
(Arabic joined and right to left) with the reader's fonts, and the file is small. The file is
accessible on its own (``role="img"``, ``<title>``, ``<desc>`` with every value, a ``<title>``
on every point and bar), every text from the author is escaped, and the same chart gives the
same bytes (no dates, ids from the chart's hash, coordinates rounded).

Text widths are estimated from the characters (wide for CJK, narrow for punctuation), on the
generous side, to wrap the title and the legend and to make room for the value labels.
"""

from __future__ import annotations

import math
import re
import unicodedata
from xml.sax.saxutils import escape

from .chart_layout import (
    LINE_WIDTH,
    ChartSpec,
    Series,
    Style,
    bar_offset,
    chart_label,
    describe,
    shown_value,
    style,
    value_axis,
    word,
    year_axis,
)
from .i18n import is_rtl, report_language

WIDTH = 680
PLOT_HEIGHT = 230
PAD = 14
FONT_FAMILY = (
    "'DejaVu Sans', 'Noto Sans', 'Noto Sans Arabic', 'Noto Sans CJK SC', 'Noto Sans CJK JP', "
    "Arial, sans-serif"
)
TITLE_SIZE, TEXT_SIZE, MARK_SIZE = 15, 12, 10
LINE_HEIGHT = 1.3
GRID, INK, MARK_INK = "#cccccc", "#111111", "#222222"
#: Characters XML 1.0 does not allow (control characters, lone surrogates, U+FFFE/U+FFFF):
#: dropped rather than breaking the file. Listed rather than negating the allowed ranges, whose
#: compiled form costs more than the rest of the module's import.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
LINE_BREAKS = re.compile("[\t\n\r ]+")
HATCH_SHAPES = {
    "//": "M-1,1 l2,-2 M0,8 l8,-8 M7,9 l2,-2",
    "\\\\": "M-1,7 l2,2 M0,0 l8,8 M7,-1 l2,2",
    "xx": "M0,0 l8,8 M0,8 l8,-8",
    "++": "M4,0 v8 M0,4 h8",
    "..": "M2,2 h0.01 M6,6 h0.01",
    "oo": "M4,2 a2,2 0 1,0 0.01,0",
}


def svg_chart(spec: ChartSpec) -> bytes:
    """The chart as an SVG file's bytes."""
    return _Drawing(spec).svg().encode("utf-8")


# -- text ---------------------------------------------------------------------------------------


def clean(text: str) -> str:
    """Text as one line of XML character data (control characters dropped; no-break spaces,
    which group digits in French, kept)."""
    return LINE_BREAKS.sub(" ", NOT_XML.sub("", text)).strip(" ")


def xml_text(text: str) -> str:
    return escape(clean(text))


def text_width(text: str, size: float) -> float:
    """About how wide ``text`` is at ``size`` pixels, rather too wide than too narrow."""
    return sum(map(char_width, text)) * size


def char_width(char: str) -> float:
    """A character's width in ems, estimated (the browser's fonts decide the real one)."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0.0
    if unicodedata.east_asian_width(char) in "WF":
        return 1.0
    if char == " ":
        return 0.32
    if char in "ijlt.,:;'|!()[]{}\u060c":
        return 0.38
    if char.isupper() or char in "mwMW%@":
        return 0.78
    return 0.63


def wrap(text: str, size: float, width: float) -> list[str]:
    """Lines of ``text`` no wider than ``width``; a word wider than a line is cut (CJK)."""
    lines: list[str] = []
    current = ""
    for token in clean(text).split(" "):
        candidate = f"{current} {token}" if current else token
        if text_width(candidate, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        cut = _fitting(token, size, width)
        while cut < len(token):
            lines.append(token[:cut])
            token = token[cut:]
            cut = _fitting(token, size, width)
        current = token
    if current or not lines:
        lines.append(current)
    return lines


def _fitting(token: str, size: float, width: float) -> int:
    """How many of the token's first characters fit in ``width`` (at least one)."""
    used = 0.0
    for count, char in enumerate(token):
        used += char_width(char) * size
        if used > width:
            return max(1, count)
    return len(token)


def number(value: float) -> str:
    """A coordinate, rounded so that the file is the same on every machine."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


# -- shapes -------------------------------------------------------------------------------------


def marker_path(marker: str, x: float, y: float, size: float) -> str:
    """A marker (matplotlib's codes) centred on (x, y), ``size`` pixels across."""
    r = size / 2
    points: list[tuple[float, float]]
    if marker == "o":
        return (f"M{number(x - r)},{number(y)} a{number(r)},{number(r)} 0 1,0 {number(2 * r)},0 "
                f"a{number(r)},{number(r)} 0 1,0 {number(-2 * r)},0 Z")  # fmt: skip
    if marker == "s":
        s = r * 0.9
        points = [(-s, -s), (s, -s), (s, s), (-s, s)]
    elif marker == "^":
        points = [(0, -r * 1.1), (r, r * 0.8), (-r, r * 0.8)]
    elif marker == "v":
        points = [(0, r * 1.1), (r, -r * 0.8), (-r, -r * 0.8)]
    elif marker == "D":
        points = [(0, -r * 1.1), (r * 0.8, 0), (0, r * 1.1), (-r * 0.8, 0)]
    elif marker == "*":
        points = [
            (math.sin(k * math.pi / 5) * (r if k % 2 == 0 else r * 0.45),
             -math.cos(k * math.pi / 5) * (r if k % 2 == 0 else r * 0.45))
            for k in range(10)
        ]  # fmt: skip
    else:  # "P" (a filled plus) and "X" (the same, turned)
        a, b = r, r * 0.35
        points = [(-b, -a), (b, -a), (b, -b), (a, -b), (a, b), (b, b),
                  (b, a), (-b, a), (-b, b), (-a, b), (-a, -b), (-b, -b)]  # fmt: skip
        if marker == "X":
            turn = math.sqrt(0.5)
            points = [((px - py) * turn, (px + py) * turn) for px, py in points]
    return "M" + " L".join(f"{number(x + px)},{number(y + py)}" for px, py in points) + " Z"


# -- the drawing --------------------------------------------------------------------------------


class _Drawing:
    """One chart laid out on a canvas ``WIDTH`` pixels wide, as tall as its text needs."""

    def __init__(self, spec: ChartSpec) -> None:
        self.spec = spec
        self.rtl = is_rtl(spec.language)
        self.id = f"wsis-chart-{spec.digest()[:10]}"
        self.values = value_axis(spec)
        self.years = year_axis(spec)
        # from top to bottom: the title, the plot, the years, the legend
        self.title_lines = wrap(spec.title, TITLE_SIZE, WIDTH - 2 * PAD)
        self.plot_top = PAD + len(self.title_lines) * TITLE_SIZE * LINE_HEIGHT + 14
        self.plot_bottom = self.plot_top + PLOT_HEIGHT
        widest = max((text_width(label, TEXT_SIZE) for label in self.values.labels), default=0)
        self.left = PAD + (TEXT_SIZE * LINE_HEIGHT + 6 if spec.unit else 0) + widest + 10
        self.right = WIDTH - PAD - 10
        self.legend_top = self.plot_bottom + 50

    def svg(self) -> str:
        parts = [
            self.text(WIDTH / 2, PAD + (index + 0.8) * TITLE_SIZE * LINE_HEIGHT, line, "middle",
                      TITLE_SIZE, weight="bold")
            for index, line in enumerate(self.title_lines)
        ]  # fmt: skip
        parts += self.grid_and_axes()
        for index, series in enumerate(self.spec.series):
            parts += self.draw_series(index, series)
        for index, series in enumerate(self.spec.series):
            parts += self.draw_marks(series, style(index))
        legend, legend_height = self.legend()
        parts += legend
        return self.document(parts, math.ceil(self.legend_top + legend_height + PAD))

    def document(self, parts: list[str], height: int) -> str:
        spec = self.spec
        language = report_language(spec.language)
        direction = ' direction="rtl"' if self.rtl else ""
        head = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{WIDTH}" '
            f'height="{height}" viewBox="0 0 {WIDTH} {height}" role="img" '
            f'aria-labelledby="{self.id}-title {self.id}-desc" xml:lang="{language}" '
            f'lang="{language}"{direction}>',
            f'<title id="{self.id}-title">{xml_text(chart_label(spec))}</title>',
            f'<desc id="{self.id}-desc">{xml_text(describe(spec))}</desc>',
            f"<style>text {{ font-family: {FONT_FAMILY}; fill: {INK}; }}</style>",
        ]
        if spec.kind == "bar":
            patterns = "".join(self.hatch(i) for i in range(len(spec.series)))
            head.append(f"<defs>{patterns}</defs>")
        head.append(f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>')
        return "\n".join([*head, *parts, "</svg>", ""])

    def hatch(self, index: int) -> str:
        look = style(index)
        if not look.hatch:
            return ""
        ink = "#ffffff" if look.colour == "#000000" else "#000000"
        return (f'<pattern id="{self.id}-hatch-{index}" width="8" height="8" '
                f'patternUnits="userSpaceOnUse"><path d="{HATCH_SHAPES[look.hatch]}" '
                f'stroke="{ink}" stroke-width="0.9" stroke-linecap="round" fill="none"/>'
                "</pattern>")  # fmt: skip

    # coordinates

    def x(self, year: float) -> float:
        return self.left + self.years.fraction(year) * (self.right - self.left)

    def y(self, value: float) -> float:
        return self.plot_bottom - self.values.fraction(value) * PLOT_HEIGHT

    def anchor(self, side: str, rtl: bool) -> str:
        """``text-anchor`` for text whose ``left`` or ``right`` edge is at its position, whichever
        way it reads (an RTL text's start is its right edge)."""
        if side == "middle":
            return "middle"
        return "start" if (side == "left") != rtl else "end"

    def text(self, x: float, y: float, text: str, side: str, size: float, *, weight: str = "",
             colour: str = "", rotate: bool = False, numeral: bool = False) -> str:  # fmt: skip
        """A ``<text>`` element; a ``numeral`` (a tick's number or year) reads left to right in
        every language, so that ``-20`` does not turn into ``20-`` in an Arabic chart."""
        rtl = self.rtl and not numeral
        attributes = f'x="{number(x)}" y="{number(y)}" font-size="{number(size)}"'
        attributes += f' text-anchor="{self.anchor(side, rtl)}"'
        if self.rtl and numeral:
            attributes += ' direction="ltr"'
        if weight:
            attributes += f' font-weight="{weight}"'
        if colour:
            attributes += f' style="fill: {colour}"'
        if rotate:
            attributes += f' transform="rotate(-90 {number(x)} {number(y)})"'
        return f"<text {attributes}>{xml_text(text)}</text>"

    # the axes

    def grid_and_axes(self) -> list[str]:
        left, right, top, bottom = self.left, self.right, self.plot_top, self.plot_bottom
        parts = []
        for tick in self.values.ticks:
            y = number(self.y(tick))
            parts.append(f'<path d="M{number(left)},{y} H{number(right)}" stroke="{GRID}" '
                         'stroke-width="0.8"/>')  # fmt: skip
            parts.append(f'<path d="M{number(left - 4)},{y} H{number(left)}" stroke="{INK}"/>')
        for tick, label in zip(self.values.ticks, self.values.labels, strict=True):
            parts.append(
                self.text(
                    left - 7,
                    self.y(tick) + TEXT_SIZE * 0.35,
                    label,
                    "right",
                    TEXT_SIZE,
                    numeral=True,
                )
            )
        if self.values.low < 0 < self.values.high:
            parts.append(f'<path d="M{number(left)},{number(self.y(0))} H{number(right)}" '
                         f'stroke="{INK}" stroke-width="0.8"/>')  # fmt: skip
        for tick, label in zip(self.years.ticks, self.years.labels, strict=True):
            x = self.x(tick)
            parts.append(f'<path d="M{number(x)},{number(bottom)} v4" stroke="{INK}"/>')
            parts.append(
                self.text(x, bottom + 6 + TEXT_SIZE, label, "middle", TEXT_SIZE, numeral=True)
            )
        parts.append(
            f'<path d="M{number(left)},{number(top)} V{number(bottom)} H{number(right)}" '
            f'stroke="{INK}" fill="none"/>'
        )
        year = word("year", self.spec.language)
        parts.append(self.text((left + right) / 2, bottom + 35, year, "middle", TEXT_SIZE))
        if self.spec.unit:
            size = min(TEXT_SIZE, TEXT_SIZE * PLOT_HEIGHT / text_width(self.spec.unit, TEXT_SIZE))
            parts.append(self.text(PAD + size, (top + bottom) / 2, self.spec.unit, "middle", size,
                                   rotate=True))  # fmt: skip
        return parts

    # the series

    def point_title(self, series: Series, year: int, value: float, key: str = "") -> str:
        """A point's value as a tooltip (and for assistive technology): ``Total, 2024: 55%``."""
        what = f"{word(key, self.spec.language)} {year}" if key else str(year)
        shown = shown_value(self.spec, series, value)
        return f"<title>{xml_text(f'{series.label}, {what}: {shown}')}</title>"

    def draw_series(self, index: int, series: Series) -> list[str]:
        look = style(index)
        parts = [f'<g class="wsis-chart-series" fill="{look.colour}">']
        if self.spec.kind == "bar":
            offset, width = bar_offset(index, len(self.spec.series))
            pixels = max(2.0, width * (self.x(1) - self.x(0)))
            zero = self.y(max(self.values.low, min(0, self.values.high)))
            for year, value in series.points:
                x = self.x(year + offset) - pixels / 2
                y = min(zero, self.y(value))
                box = (f'x="{number(x)}" y="{number(y)}" width="{number(pixels)}" '
                       f'height="{number(abs(zero - self.y(value)))}"')  # fmt: skip
                fill = f' fill="url(#{self.id}-hatch-{index})"' if look.hatch else ' fill="none"'
                outline = f'<rect {box}{fill} stroke="#000000" stroke-width="0.5"/>'
                title = self.point_title(series, year, value)
                parts.append(f"<g>{title}<rect {box}/>{outline}</g>")
        else:
            path = " L".join(f"{number(self.x(y))},{number(self.y(v))}" for y, v in series.points)
            parts.append(
                f'<path d="M{path}" fill="none" stroke="{look.colour}" '
                f'stroke-width="{number(LINE_WIDTH)}" stroke-linejoin="round"{dash_array(look)}/>'
            )
            for year, value in series.points:
                shape = marker_path(look.marker, self.x(year), self.y(value), 8)
                parts.append(f'<path d="{shape}">{self.point_title(series, year, value)}</path>')
        parts.append("</g>")
        return parts

    def draw_marks(self, series: Series, look: Style) -> list[str]:
        """Baseline (hollow square) and target (hollow star, dotted from the last value),
        each labelled above."""
        parts = []
        for mark, key, symbol, size in ((series.baseline, "baseline", "s", 9),
                                        (series.target, "target", "*", 14)):  # fmt: skip
            if mark is None:
                continue
            x, y = self.x(mark[0]), self.y(mark[1])
            if key == "target" and series.points:
                last_year, last = series.points[-1]
                parts.append(
                    f'<path d="M{number(self.x(last_year))},{number(self.y(last))} '
                    f'L{number(x)},{number(y)}" stroke="{look.colour}" stroke-width="1.2" '
                    'stroke-dasharray="1.2 2.4" fill="none"/>'
                )
            parts.append(
                f'<path d="{marker_path(symbol, x, y, size)}" fill="#ffffff" '
                f'stroke="{look.colour}" stroke-width="2">'
                f"{self.point_title(series, mark[0], mark[1], key)}</path>"
            )
            label = f"{word(key, self.spec.language)} {mark[0]}"
            half = text_width(label, MARK_SIZE) / 2
            centre = min(max(x, half + 2), WIDTH - half - 2)
            parts.append(self.text(centre, y - size / 2 - 5, label, "middle", MARK_SIZE,
                                   colour=MARK_INK))  # fmt: skip
        return parts

    # the legend

    def legend(self) -> tuple[list[str], float]:
        """The legend's elements (one sample and label per series, in rows that wrap) and its
        height; it starts on the reading side (the right in an RTL language)."""
        parts: list[str] = []
        room = self.right - self.left
        row_height = TEXT_SIZE * LINE_HEIGHT
        x = y = 0.0
        row_lines = 1
        for index, series in enumerate(self.spec.series):
            lines = wrap(series.label, TEXT_SIZE, room - 36)
            width = 36 + max(text_width(line, TEXT_SIZE) for line in lines) + 18
            if x > 0 and x + width > room:
                x, y = 0.0, y + row_lines * row_height + 4
                row_lines = 1
            row_lines = max(row_lines, len(lines))
            parts += self.legend_item(index, lines, x, self.legend_top + y)
            x += width
        height = (y + row_lines * row_height) if self.spec.series else 0.0
        return parts, height

    def legend_item(self, index: int, lines: list[str], offset: float, top: float) -> list[str]:
        look = style(index)
        start = self.right - offset if self.rtl else self.left + offset
        sign = -1 if self.rtl else 1
        middle = top + TEXT_SIZE * 0.6
        if self.spec.kind == "bar":
            box = f'x="{number(min(start, start + sign * 22) + 5)}" y="{number(middle - 6)}" '
            box += 'width="12" height="12"'
            parts = [f'<rect {box} fill="{look.colour}"/>']
            if look.hatch:
                parts.append(f'<rect {box} fill="url(#{self.id}-hatch-{index})"/>')
            parts.append(f'<rect {box} fill="none" stroke="#000000" stroke-width="0.5"/>')
        else:
            end = start + sign * 28
            parts = [
                f'<path d="M{number(start)},{number(middle)} H{number(end)}" '
                f'stroke="{look.colour}" stroke-width="{number(LINE_WIDTH)}"{dash_array(look)}/>',
                f'<path d="{marker_path(look.marker, (start + end) / 2, middle, 8)}" '
                f'fill="{look.colour}"/>',
            ]
        side = "right" if self.rtl else "left"
        for row, line in enumerate(lines):
            baseline = top + TEXT_SIZE * 0.95 + row * TEXT_SIZE * LINE_HEIGHT
            parts.append(self.text(start + sign * 36, baseline, line, side, TEXT_SIZE))
        return parts


def dash_array(look: Style) -> str:
    """The series' dash pattern as an attribute (none for a solid line)."""
    if not look.dashes:
        return ""
    return f' stroke-dasharray="{" ".join(number(d * LINE_WIDTH) for d in look.dashes)}"'
