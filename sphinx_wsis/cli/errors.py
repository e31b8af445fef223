"""How the command line fails: a one-line message and exit status 2, never a traceback.

Everything a user can get wrong (no conf.py, a broken template, a file that cannot be written)
becomes a message naming what to fix; ``--debug`` shows the traceback of an unexpected failure.
"""

from __future__ import annotations

import functools
import sys
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from rich.console import Console

F = TypeVar("F", bound=Callable[..., Any])
EXIT_USAGE = 2


class ProjectError(Exception):
    """The project cannot be read (exit status 2); the message tells the author what to fix."""


class InternalError(ProjectError):
    """Sphinx or an extension failed in a way that is not the author's mistake."""

    def __init__(self, message: str, original: BaseException) -> None:
        super().__init__(message)
        self.original = original


def err_console() -> Console:
    """Standard error, for messages and progress (rich is loaded only when one is printed)."""
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def fail(message: str) -> click.exceptions.Exit:
    """Print ``message`` as an error; the caller raises the result to stop with exit status 2."""
    from rich.markup import escape

    err_console().print(f"[bold red]Error:[/] {escape(message)}", soft_wrap=True, markup=True)
    return click.exceptions.Exit(EXIT_USAGE)


def friendly_errors(command: F) -> F:
    """Turn the errors a user can cause into a message and exit status 2."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except InternalError as exc:
            if click.get_current_context().find_root().params.get("debug"):
                traceback.print_exception(exc.original)
            raise fail(f"{exc}\n(run `sphinx-wsis --debug …` to see the traceback)") from None
        except ProjectError as exc:
            raise fail(str(exc)) from None
        except OSError as exc:
            where = f" {exc.filename}" if exc.filename else ""
            raise fail(f"cannot write{where}: {exc.strerror or exc}") from None
        except UnicodeEncodeError as exc:  # a terminal or pipe that is not UTF-8
            raise fail(
                f"the output holds characters {exc.encoding} cannot write: set "
                "PYTHONIOENCODING=utf-8, or write to a file with -o"
            ) from None
        except Exception as exc:
            # the scaffold is imported only by the commands that write a project (half a
            # second of imports `check` never pays), so its error class is looked up, not imported
            scaffold = sys.modules.get("sphinx_wsis.scaffold")
            if scaffold is not None and isinstance(exc, scaffold.ScaffoldError):
                raise fail(str(exc)) from None
            raise

    return wrapper  # type: ignore[return-value]
