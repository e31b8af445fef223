"""The human-readable ``sphinx-wsis check`` output: what it says, and its plain-text form.

Piped, in a file or with ``--no-color`` the verdict is plain text with each state spelt out, so
logs and ``grep`` read it as well as people do: a row is one line however long (nothing wraps),
the action-line column is cut at :data:`NAME_WIDTH` cells with an ellipsis. It is written here
without rich, whose import costs ``check`` more than the rest of its printing; a terminal gets
colours and symbols from :mod:`.terminal`, which lays out the same rows.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from ...vocabulary import (
    ROW_KINDS,
    STATE_LABELS,
    PartKind,
    by_subject,
    matrix_column,
)
from ..verdict import CheckReport

#: the widest the action-line column gets, in terminal cells ("C1 The role of governments…")
NAME_WIDTH = 48
ELLIPSIS = "…"


# -- what the output says -------------------------------------------------------------------------


def who_reports(report: CheckReport) -> tuple[str, str]:
    """The entity (or a note that there is none) and `` · `` its stakeholder type, if any."""
    template = report.template
    who = report.entity or "(no wsis-report block)"
    label = template.stakeholder_label(report.stakeholder or "") if report.stakeholder else None
    return who, f" · {label}" if label else ""


def template_line(report: CheckReport) -> str:
    template = report.template
    return f"Template: {template.title} ({template.id} {template.version})"


def matrix(report: CheckReport) -> tuple[list[str], list[tuple[str, list[str | None]]]]:
    """The action-line matrix: column titles, and per action line its name (a sub-line indented)
    and the state of each column (``None``: the template asks nothing there)."""
    template = report.template
    states = by_subject(
        (part["subject"], matrix_column(part["aspect"], part["kind"]), part["state"])
        for part in report.parts
    )
    with_stories = any(PartKind.STORIES in columns for columns in states.values())
    columns = [aspect.key for aspect in template.aspects] + [PartKind.STORIES] * with_stories
    titles = ["Action line", *(a.title for a in template.aspects)]
    titles += ["Success stories"] * with_stories
    rows = []
    for line in template.action_lines:
        cells = states.get(line.code, {})
        name = f"  {line.heading}" if line.parent else line.heading
        rows.append((name, [cells.get(column) for column in columns]))
    return titles, rows


def other_parts(report: CheckReport) -> list[tuple[str, str]]:
    """The parts outside the matrix (sections, contact, indicators) with their states."""
    return [(part["label"], part["state"]) for part in report.parts if part["kind"] in ROW_KINDS]


def issues(report: CheckReport) -> Iterator[tuple[str, list[tuple[str, str, str]]]]:
    """The findings, then Sphinx's other warnings: a heading and ``(where, kind, message)``."""
    if report.findings:
        yield (
            f"Findings ({len(report.findings)})",
            [
                (report.location(f["file"], f["line"]), f["subtype"], f["message"])
                for f in report.findings
            ],
        )
    if report.warnings:
        yield (
            f"Other Sphinx warnings ({len(report.warnings)})",
            [
                (report.location(w.file, w.line), w.type or w.level.lower(), w.message)
                for w in report.warnings
            ],
        )


def verdict(report: CheckReport) -> tuple[str, str]:
    """The last line's opening word and its colour: complete, incomplete, or warnings only."""
    if report.exit_code == 0:
        return "Complete: ", "bold green"
    if report.complete:  # every part passes and nothing was found: Sphinx's warnings remain
        return "Complete, but Sphinx printed warnings: ", "bold yellow"
    return "Incomplete: ", "bold red"


# -- plain text -----------------------------------------------------------------------------------


def render_plain(report: CheckReport) -> str:
    """The whole output as plain text, a newline after every line."""
    who, label = who_reports(report)
    lines = [who + label, template_line(report)]
    titles, rows = matrix(report)
    if rows:
        lines += table(
            titles,
            [[name, *(STATE_LABELS[s] if s else "" for s in states)] for name, states in rows],
            centred_from=1,
            widest_first=NAME_WIDTH,
        )
    parts = other_parts(report)
    if parts:
        lines += table(
            ["Part of the template", "State"],
            [[label, STATE_LABELS[state]] for label, state in parts],
            centred_from=1,
        )
    for heading, entries in issues(report):
        lines += ["", heading]
        lines += [issue_line(where, kind, message) for where, kind, message in entries]
    opening, _ = verdict(report)
    lines += ["", opening + report.summary()]
    return "".join(f"{line}\n" for line in lines)


def issue_line(where: str, kind: str, message: str) -> str:
    return f"{where}: {message} [{kind}]" if where else f"{message} [{kind}]"


def table(
    titles: list[str], rows: list[list[str]], *, centred_from: int, widest_first: int = 0
) -> list[str]:
    """Columns separated by ``|``, a rule of ``-`` and ``+`` under the titles; the columns from
    ``centred_from`` on are centred; the first is cut at ``widest_first`` cells if given."""
    if widest_first:
        rows = [[fit(row[0], widest_first), *row[1:]] for row in rows]
    widths = [max(map(cell_width, column)) for column in zip(titles, *rows, strict=True)]
    last = len(widths) - 1

    def line(cells: list[str]) -> str:
        padded = []
        for index, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            room = width - cell_width(cell)
            before = room // 2 if index >= centred_from else 0
            text = " " * before + cell + " " * (room - before)
            padded.append(text if index == 0 else f" {text}")
        return " |".join(padded) if last else padded[0]

    # a space pads each cell on its inner sides: under a separator, and before the next one
    rule = "+".join(
        "-" * (width + (index > 0) + (index < last)) for index, width in enumerate(widths)
    )
    return [line(titles), rule, *(line(row) for row in rows)]


def cell_width(text: str) -> int:
    """Terminal cells ``text`` takes: two for wide East Asian characters, none for combining
    marks (Arabic vowel signs) and format characters."""
    if text.isascii():
        return len(text)
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells with an ellipsis when it is wider."""
    if cell_width(text) <= width:
        return text
    kept, used = [], 0
    for char in text:
        size = cell_width(char)
        if used + size > width - 1:
            break
        kept.append(char)
        used += size
    return "".join(kept) + " " * (width - 1 - used) + ELLIPSIS
