"""Reduce parsed content to plain paragraphs, for checks and the JSON export.

Markup becomes text, links keep their URL, lists keep their items, and report records nested
inside another (a story inside an action line) are left to their own record.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from docutils import nodes

from .nodes import RECORD_NODES

_SKIPPED = (
    nodes.comment,
    nodes.system_message,
    nodes.target,
    nodes.substitution_definition,
    nodes.raw,
    nodes.image,
)
_BLOCKS = (nodes.paragraph, nodes.term, nodes.line, nodes.rubric, nodes.title, nodes.caption)


class TableText(str):
    """A table as one paragraph of text (``a | b`` rows, for the checks) that keeps its rows
    and cells, so the JSON export can write the table as a table."""

    rows: list[list[str]]
    header_rows: int

    def __new__(cls, rows: list[list[str]], header_rows: int = 0) -> TableText:
        result = super().__new__(cls, "\n".join(" | ".join(row) for row in rows))
        result.rows = rows
        result.header_rows = header_rows
        return result

    def __reduce__(self) -> tuple[type[TableText], tuple[list[list[str]], int]]:
        return (TableText, (self.rows, self.header_rows))


def paragraphs(children: Iterable[nodes.Node]) -> list[str]:
    out: list[str] = []
    for child in children:
        _collect(child, out)
    return [p for p in out if p.strip()]


def word_count(texts: Iterable[str]) -> int:
    return sum(len(re.findall(r"\w+", text)) for text in texts)


def _collect(node: nodes.Node, out: list[str]) -> None:
    if isinstance(node, (*RECORD_NODES, *_SKIPPED)):
        return
    if isinstance(node, _BLOCKS):
        out.append(inline_text(node))
    elif isinstance(node, nodes.footnote | nodes.citation):
        out.append(footnote_text(node))
    elif isinstance(node, nodes.literal_block | nodes.doctest_block | nodes.math_block):
        out.append(node.astext().strip())
    elif isinstance(node, nodes.bullet_list | nodes.enumerated_list):
        lines = []
        for number, item in enumerate(node.children, start=1):
            marker = "-" if isinstance(node, nodes.bullet_list) else f"{number}."
            inner = paragraphs(item.children)
            lines.append(f"{marker} " + "\n  ".join(inner))
        out.append("\n".join(lines))
    elif isinstance(node, nodes.table):
        rows = [
            [" ".join(paragraphs(entry.children)) for entry in row.findall(nodes.entry)]
            for row in node.findall(nodes.row)
        ]
        header = sum(len(list(head.findall(nodes.row))) for head in node.findall(nodes.thead))
        out.append(TableText(rows, header))
    elif isinstance(node, nodes.Text):
        text = _squash(node.astext())
        if text:
            out.append(text)
    elif isinstance(node, nodes.Element):
        for child in node.children:
            _collect(child, out)


def footnote_text(node: nodes.footnote | nodes.citation) -> str:
    """A footnote as one paragraph, ``[label] text``, the label as its reference shows it."""
    label = next(iter(node.findall(nodes.label)), None)
    body = paragraphs(child for child in node.children if not isinstance(child, nodes.label))
    text = " ".join(body)
    return f"[{label.astext()}] {text}" if label is not None else text


def inline_text(node: nodes.Node) -> str:
    """Text of an inline run, with ``text (url)`` for external links."""
    parts: list[str] = []
    for child in node.children if isinstance(node, nodes.Element) else [node]:
        if isinstance(child, nodes.reference) and child.get("refuri") and not child.get("internal"):
            label = _squash(child.astext())
            uri = child["refuri"]
            parts.append(uri if label in ("", uri) else f"{label} ({uri})")
        elif isinstance(child, nodes.footnote_reference):
            parts.append(f"[{child.astext()}]")
        elif isinstance(child, nodes.Text):
            parts.append(child.astext())
        elif isinstance(child, _SKIPPED):
            continue
        elif isinstance(child, nodes.Element):
            parts.append(inline_text(child))
    return _squash("".join(parts))


def _squash(text: str) -> str:
    return " ".join(text.split())
