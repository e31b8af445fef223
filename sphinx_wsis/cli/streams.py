"""Where a command's output goes: standard output or a file, and a progress spinner."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from .errors import err_console


@contextmanager
def progress(what: str) -> Iterator[Callable[[str], None] | None]:
    """A spinner with Sphinx's latest status line, on a terminal only."""
    console = err_console()
    if not console.is_terminal:
        yield None
        return
    from rich.markup import escape

    with console.status(f"{what}…") as status:
        yield lambda line: status.update(f"{what}… [dim]{escape(line[:80])}[/]")


@contextmanager
def open_output(output: Path | None) -> Iterator[Any]:
    """``output`` opened for writing text; standard output for ``None`` or ``-``."""
    if output is None or str(output) == "-":
        with nullcontext(sys.stdout) as stream:
            yield stream
        sys.stdout.flush()
        return
    with output.open("w", encoding="utf-8") as stream:
        yield stream
