"""The human-readable ``sphinx-wsis check`` output: matrix, findings, summary.

On a terminal each state is a coloured symbol with a legend; piped (or with ``NO_COLOR``) it is
plain text with the state spelt out, so logs and ``grep`` read it as well as people do.
"""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ...vocabulary import (
    PASSING,
    ROW_KINDS,
    STATE_LABELS,
    PartKind,
    State,
    by_subject,
    matrix_column,
)
from ..verdict import CheckReport

#: state → (symbol, style) on a terminal
STATE_SYMBOLS = {
    State.DONE: ("✓", "green"),
    State.MISSING: ("✗", "bold red"),
    State.EMPTY: ("○", "yellow"),
    State.PLACEHOLDER: ("⚠", "yellow"),
    State.INVALID: ("!", "bold red"),
    State.NOT_APPLICABLE: ("\u2013", "dim"),  # en dash
}


def state_text(state: str | None, fancy: bool) -> Text:
    if state is None:
        return Text("")
    if fancy:
        symbol, style = STATE_SYMBOLS[state]
        return Text(symbol, style=style)
    return Text(STATE_LABELS[state])


def render_text(report: CheckReport, console: Console, *, fancy: bool) -> None:
    """Print the matrix, the findings with file:line, other warnings and a summary."""
    template = report.template
    states = by_subject(
        (part["subject"], matrix_column(part["aspect"], part["kind"]), part["state"])
        for part in report.parts
    )

    who = report.entity or "(no wsis-report block)"
    label = template.stakeholder_label(report.stakeholder or "") if report.stakeholder else None
    console.print(Text.assemble((who, "bold"), f" · {label}" if label else ""))
    console.print(f"Template: {template.title} ({template.id} {template.version})", style="dim")

    table_box = box.SIMPLE_HEAD if fancy else box.ASCII2
    matrix = Table(box=table_box, title=None, show_edge=fancy, pad_edge=False)
    matrix.add_column("Action line", overflow="ellipsis", no_wrap=True, max_width=48)
    with_stories = any(PartKind.STORIES in columns for columns in states.values())
    for title in [a.title for a in template.aspects] + ["Success stories"] * with_stories:
        # narrow terminals wrap a header between words rather than cut it
        longest_word = max(len(word) for word in title.split())
        matrix.add_column(title, justify="center", min_width=longest_word)
    for line in template.action_lines:
        cells = states.get(line.code, {})
        name = f"  {line.heading}" if line.parent else line.heading
        row = [Text(name)]
        row += [state_text(cells.get(aspect.key), fancy) for aspect in template.aspects]
        if with_stories:
            row.append(state_text(cells.get(PartKind.STORIES), fancy))
        matrix.add_row(*row)
    if template.action_lines:
        console.print(matrix)

    others = Table(box=table_box, show_edge=fancy, pad_edge=False)
    others.add_column("Part of the template", overflow="fold")
    others.add_column("State", justify="center")
    for part in report.parts:
        if part["kind"] in ROW_KINDS:
            others.add_row(part["label"], state_text(part["state"], fancy))
    if others.row_count:
        console.print(others)
    if fancy:
        legend = Text("  ")
        for state, (symbol, style) in STATE_SYMBOLS.items():
            legend.append(symbol, style=style).append(f" {STATE_LABELS[state]}   ")
        console.print(legend)

    gaps = [p for p in report.parts if p["state"] not in PASSING]
    if report.findings:
        console.print()
        console.print(Text(f"Findings ({len(report.findings)})", style="bold"))
        for finding in report.findings:
            _print_issue(console, report.location(finding["file"], finding["line"]),
                         finding["subtype"], finding["message"], fancy)  # fmt: skip
    if report.warnings:
        console.print()
        console.print(Text(f"Other Sphinx warnings ({len(report.warnings)})", style="bold"))
        for warning in report.warnings:
            kind = warning.type or warning.level.lower()
            _print_issue(console, report.location(warning.file, warning.line), kind,
                         warning.message, fancy)  # fmt: skip

    console.print()
    if report.exit_code == 0:
        verdict = Text("Complete: ", style="bold green")
    else:
        verdict = Text("Incomplete: ", style="bold red")
        if not gaps and not report.findings:
            verdict = Text("Complete, but Sphinx printed warnings: ", style="bold yellow")
    console.print(verdict + Text(report.summary()))


def _print_issue(console: Console, where: str, kind: str, message: str, fancy: bool) -> None:
    line = Text()
    if where:
        line.append(where, style="cyan" if fancy else "")
        line.append(": ")
    line.append(message)
    line.append(f" [{kind}]", style="dim")
    console.print(line, soft_wrap=True)
