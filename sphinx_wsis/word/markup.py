"""The draft's blocks as MyST Markdown or reStructuredText, with the author's text as data.

Every character of the draft that the markup language gives a meaning to is escaped, so a
``*``, a backtick, a ``{role}``, a ``:name:`` at a line's start or a ``.. directive::`` in
a Word paragraph stays the text it was. Bold, italic, links, lists and tables are kept.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from .reader import Block, Inline

MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|{}$~!^&:])")
RST_SPECIAL = re.compile(r"([\\`*_\[\]<>|:])")
MD_LINE_START = re.compile(r"^([-+=%(]|\d+[.)]|\s)")
RST_LINE_START = re.compile(r"^([-+=.#(]|\w{1,4}[.)]\s|\s)")


def _runs(inlines: list[Inline]) -> list[Inline]:
    """Neighbouring runs of the same kind joined (Word splits text into many runs)."""
    joined: list[Inline] = []
    for inline in inlines:
        text = inline.text.replace("\n", " ").replace("\t", " ")
        if joined and (joined[-1].bold, joined[-1].italic, joined[-1].url) == (
            inline.bold, inline.italic, inline.url,
        ):  # fmt: skip
            joined[-1] = Inline(joined[-1].text + text, inline.bold, inline.italic, inline.url)
        else:
            joined.append(Inline(text, inline.bold, inline.italic, inline.url))
    return joined


def safe_url(url: str) -> str:
    return quote(url.strip(), safe="%:/?#[]@!&'()*+,;=~-._$")


class Markup:
    """What both formats share; subclasses say how."""

    ext = ""
    fence = ""

    def escape(self, text: str) -> str:
        raise NotImplementedError

    def inline(self, inlines: list[Inline]) -> str:
        out: list[str] = []
        for run in _runs(inlines):
            lead = run.text[: len(run.text) - len(run.text.lstrip())]
            trail = run.text[len(run.text.rstrip()) :]
            core = run.text.strip()
            if not core:
                out.append(run.text if run.text else "")
                continue
            text = self.escape(core)
            if run.url:
                text = self.link(text, run.url)
            elif run.bold and run.italic:
                text = self.wrap(text, "***" if self.ext == "md" else "**")
            elif run.bold:
                text = self.wrap(text, "**")
            elif run.italic:
                text = self.wrap(text, "*")
            out.append(f"{lead}{text}{trail}")
        return self.line_start(" ".join("".join(out).split()))

    def wrap(self, text: str, marker: str) -> str:
        return f"{marker}{text}{marker}"

    def link(self, text: str, url: str) -> str:
        raise NotImplementedError

    def line_start(self, text: str) -> str:
        raise NotImplementedError

    def blocks(self, blocks: list[Block], images: str = "") -> list[str]:
        """Source lines for blocks; ``images`` is the folder pictures are written to."""
        lines: list[str] = []
        index = 0
        while index < len(blocks):
            block = blocks[index]
            if block.kind == "item":
                items = []
                while index < len(blocks) and blocks[index].kind == "item":
                    items.append(blocks[index])
                    index += 1
                lines += [*self.list(items), ""]
                continue
            if block.kind == "table":
                lines += [*self.table(block), ""]
            elif block.kind == "picture" and block.picture is not None:
                lines += [*self.picture(f"{images}{block.picture.name}", block.picture.alt), ""]
            elif block.kind == "heading":
                lines += [self.rubric(block.inlines), ""]
            elif block.text:
                lines += [self.inline(block.inlines), ""]
            index += 1
        return lines

    def rubric(self, inlines: list[Inline]) -> str:
        """A heading of the draft the template does not know: a bold line in its part."""
        return self.wrap(self.escape(" ".join("".join(i.text for i in inlines).split())), "**")

    def list(self, items: list[Block]) -> list[str]:
        raise NotImplementedError

    def table(self, block: Block) -> list[str]:
        raise NotImplementedError

    def picture(self, path: str, alt: str) -> list[str]:
        raise NotImplementedError


class MySTMarkup(Markup):
    ext = "md"

    def escape(self, text: str) -> str:
        return MD_SPECIAL.sub(r"\\\1", text)

    def link(self, text: str, url: str) -> str:
        return f"[{text}](<{safe_url(url).replace('>', '%3E').replace('<', '%3C')}>)"

    def line_start(self, text: str) -> str:
        return "\\" + text if MD_LINE_START.match(text) and not text.startswith("\\") else text

    def list(self, items: list[Block]) -> list[str]:
        lines = []
        indents: list[int] = []
        for item in items:
            level = min(item.level, len(indents))
            del indents[level:]
            prefix = " " * sum(indents)
            marker = "1. " if item.ordered else "- "
            indents.append(len(marker))
            lines.append(f"{prefix}{marker}{self.inline(item.inlines)}")
        return lines

    def table(self, block: Block) -> list[str]:
        width = max(len(row) for row in block.rows)

        def row(cells: list[list[Inline]]) -> str:
            texts = [self.inline(c).replace("|", "\\|") for c in cells]
            texts += [""] * (width - len(texts))
            return "| " + " | ".join(texts) + " |"

        return [row(block.rows[0]), "|" + " --- |" * width, *(row(r) for r in block.rows[1:])]

    def picture(self, path: str, alt: str) -> list[str]:
        return [f"![{self.escape(alt)}]({path})"]

    def directive(self, name: str, argument: str, options: dict[str, str], body: list[str],
                  colons: int = 3) -> list[str]:  # fmt: skip
        fence = ":" * colons
        head = f"{fence}{{{name}}}" + (f" {_one_line(argument)}" if argument else "")
        lines = [head, *(f":{k}: {_one_line(v)}" for k, v in options.items() if v)]
        if options and body and body[0]:
            lines.append("")
        return [*lines, *_trimmed(body), fence]

    def title(self, text: str, level: int = 1) -> list[str]:
        return [f"{'#' * level} {self.escape(_one_line(text))}", ""]

    def toctree(self, entries: list[str]) -> list[str]:
        return ["```{toctree}", ":maxdepth: 2", "", *entries, "```"]

    def warning(self, text: str) -> list[str]:
        return [":::{warning}", text, ":::"]


class RSTMarkup(Markup):
    ext = "rst"

    def escape(self, text: str) -> str:
        return RST_SPECIAL.sub(r"\\\1", text)

    def wrap(self, text: str, marker: str) -> str:
        return f"\\ {marker}{text}{marker}\\ "

    def inline(self, inlines: list[Inline]) -> str:
        text = super().inline(inlines)
        text = re.sub(r"^\\ ", "", re.sub(r"\\ $", "", text))
        return text[:-2] + ":\\:" if text.endswith("::") else text

    def link(self, text: str, url: str) -> str:
        return f"\\ `{text} <{safe_url(url).replace('<', '%3C').replace('>', '%3E')}>`__\\ "

    def line_start(self, text: str) -> str:
        return "\\" + text if RST_LINE_START.match(text) and not text.startswith("\\") else text

    def rubric(self, inlines: list[Inline]) -> str:
        return f"**{self.escape(' '.join(''.join(i.text for i in inlines).split()))}**"

    def list(self, items: list[Block]) -> list[str]:
        lines: list[str] = []
        indents: list[int] = []
        for item in items:
            level = min(item.level, len(indents))
            del indents[level:]
            prefix = " " * sum(indents)
            marker = "#. " if item.ordered else "- "
            indents.append(len(marker))
            if lines:
                lines.append("")
            lines.append(f"{prefix}{marker}{self.inline(item.inlines)}")
        return lines

    def table(self, block: Block) -> list[str]:
        width = max(len(row) for row in block.rows)
        lines = [".. list-table::", "   :header-rows: 1", ""]
        for row in block.rows:
            cells = [self.inline(c) for c in row] + [""] * (width - len(row))
            for index, cell in enumerate(cells):
                lines.append(("   * - " if index == 0 else "     - ") + cell)
        return lines

    def picture(self, path: str, alt: str) -> list[str]:
        return [f".. image:: {path}", f"   :alt: {_one_line(alt)}" if alt else ""]

    def directive(self, name: str, argument: str, options: dict[str, str], body: list[str],
                  colons: int = 3) -> list[str]:  # fmt: skip
        head = f".. {name}::" + (f" {_one_line(argument)}" if argument else "")
        lines = [head, *(f"   :{k}: {_one_line(v)}" for k, v in options.items() if v), ""]
        return [*lines, *(f"   {line}" if line else "" for line in _trimmed(body))]

    def title(self, text: str, level: int = 1) -> list[str]:
        text = self.escape(_one_line(text))
        char = "=#-~^"[level - 1] if level <= 5 else "^"
        from docutils.utils import column_width

        return [text, char * max(column_width(text), 3), ""]

    def toctree(self, entries: list[str]) -> list[str]:
        return [".. toctree::", "   :maxdepth: 2", "", *(f"   {e}" for e in entries)]

    def warning(self, text: str) -> list[str]:
        return [".. warning::", "", f"   {text}"]


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _trimmed(lines: list[str]) -> list[str]:
    while lines and not lines[-1]:
        lines = lines[:-1]
    return lines


def markup_for(fmt: str) -> MySTMarkup | RSTMarkup:
    return MySTMarkup() if fmt == "md" else RSTMarkup()
