"""Where a command's output goes: standard output or a file, and a progress spinner."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from .errors import err_console


def may_be_terminal(stream: Any, force: bool | None = None) -> bool:
    """False when ``stream`` certainly gets plain text, decided without loading rich (which
    then has the last word): ``force`` (``--color``/``--no-color``) if given, else the
    ``TTY_COMPATIBLE`` and ``FORCE_COLOR`` variables rich honours, else whether it is a tty."""
    if force is not None:
        return force
    compatible = os.environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


@contextmanager
def progress(what: str) -> Iterator[Callable[[str], None] | None]:
    """A spinner with Sphinx's latest status line, on a terminal only."""
    console = err_console() if may_be_terminal(sys.stderr) else None
    if console is None or not console.is_terminal:
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
