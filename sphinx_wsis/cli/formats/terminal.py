"""``sphinx-wsis check`` on a terminal: the rows of :mod:`.text` with coloured symbols, a legend,
and tables that fit the terminal's width (a narrow one wraps a header between words)."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ...vocabulary import STATE_LABELS, State
from ..verdict import CheckReport
from .text import NAME_WIDTH, issues, matrix, other_parts, template_line, verdict, who_reports

#: state → (symbol, style)
STATE_SYMBOLS = {
    State.DONE: ("✓", "green"),
    State.MISSING: ("✗", "bold red"),
    State.EMPTY: ("○", "yellow"),
    State.PLACEHOLDER: ("⚠", "yellow"),
    State.INVALID: ("!", "bold red"),
    State.NOT_APPLICABLE: ("\u2013", "dim"),  # en dash
}


def symbol(state: str | None) -> Text:
    if state is None:
        return Text("")
    shape, style = STATE_SYMBOLS[state]
    return Text(shape, style=style)


def render_terminal(report: CheckReport, console: Console) -> None:
    """Print the matrix, the findings with file:line, other warnings and a summary."""
    who, label = who_reports(report)
    console.print(Text.assemble((who, "bold"), label))
    console.print(Text(template_line(report), style="dim"))  # text, never rich markup

    titles, rows = matrix(report)
    table = Table(box=box.SIMPLE_HEAD, title=None, pad_edge=False)
    table.add_column(Text(titles[0]), overflow="ellipsis", no_wrap=True, max_width=NAME_WIDTH)
    for title in titles[1:]:
        # narrow terminals wrap a header between words rather than cut it
        table.add_column(Text(title), justify="center", min_width=max(map(len, title.split())))
    for name, states in rows:
        table.add_row(Text(name), *map(symbol, states))
    if rows:
        console.print(table)

    others = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    others.add_column("Part of the template", overflow="fold")
    others.add_column("State", justify="center")
    for part, state in other_parts(report):
        others.add_row(Text(part), symbol(state))
    if others.row_count:
        console.print(others)
    legend = Text("  ")
    for state, (shape, style) in STATE_SYMBOLS.items():
        legend.append(shape, style=style).append(f" {STATE_LABELS[state]}   ")
    console.print(legend)

    for heading, entries in issues(report):
        console.print()
        console.print(Text(heading, style="bold"))
        for where, kind, message in entries:
            line = Text()
            if where:
                line.append(where, style="cyan").append(": ")
            line.append(message).append(f" [{kind}]", style="dim")
            console.print(line, soft_wrap=True)

    console.print()
    opening, style = verdict(report)
    console.print(Text(opening, style=style) + Text(report.summary()))
