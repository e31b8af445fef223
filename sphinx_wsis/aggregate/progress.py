"""Progress of ``sphinx-wsis aggregate`` on a terminal: a bar per stage, on standard error."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from . import SILENT
from . import Progress as ProgressProtocol


class TerminalProgress:
    """Each stage a line with a bar (or a spinner when its size is unknown) and the time."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.display = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=False,
        )

    def stage(
        self, what: str, total: int | None = None
    ) -> AbstractContextManager[Callable[[], None]]:
        return self._stage(what, total)

    @contextmanager
    def _stage(self, what: str, total: int | None) -> Iterator[Callable[[], None]]:
        task = self.display.add_task(what, total=total)
        with self.display:
            try:
                yield lambda: self.display.advance(task)
            finally:
                if total is None:
                    self.display.update(task, total=1, completed=1)

    def status(self, what: str) -> Callable[[str], None] | None:
        task = self.display.add_task(what, total=None)
        self.display.start()

        def update(line: str) -> None:
            if not line:
                self.display.update(task, total=1, completed=1, description=what)
                self.display.stop()
                return
            self.display.update(task, description=f"{what} [dim]{escape(line[:60])}[/]")

        return update


def progress_for(quiet: bool) -> ProgressProtocol | Any:
    """A terminal display, or none with ``--quiet`` or when standard error is not a terminal."""
    console = Console(stderr=True, highlight=False)
    if quiet or not console.is_terminal:
        return SILENT
    return TerminalProgress(console)
