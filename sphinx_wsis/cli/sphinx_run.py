"""Run Sphinx on a report project in-process, writing nothing into the project.

``sphinx-wsis check`` and ``export`` read the project exactly as ``sphinx-build`` would (same
conf.py, same extensions, same warnings, kept as records by :mod:`.warning_records`), but into
a temporary directory that is removed afterwards, with a fresh environment so a stale
``_build`` never hides a gap. Everything that is the author's mistake (no conf.py, the
extension not enabled, a broken template, a conf.py that raises) becomes a
:class:`ProjectError` with a message, never a traceback.
"""

from __future__ import annotations

import gc
import io
import logging
import re
import tempfile
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.application import Sphinx
from sphinx.errors import ConfigError, SphinxError
from sphinx.util.console import strip_colors
from sphinx.util.logging import NAMESPACE

from .errors import InternalError, ProjectError
from .verdict import SphinxWarning
from .warning_records import WarningCollector

if TYPE_CHECKING:
    from ..checks import Completeness
    from ..records import ReportRecord

EXTENSION = "sphinx_wsis"


class CollectingSphinx(Sphinx):
    """A Sphinx application that also keeps every warning it logs as a record.

    Sphinx replaces the handlers of its logger when ``__init__`` starts, runs conf.py and then
    loads the extensions, so the collector is attached when the first (built-in) extension is
    set up: it sees the warnings of every extension's setup, of the configuration's checks and
    of the build. The few Sphinx prints while conf.py runs (``language = None``) are handed to
    it as printed.
    """

    collector: WarningCollector
    #: the verdict is read from the environment: no ``wsis-completeness.json`` to write
    verdict_in_memory = True

    def __init__(self, *args: Any, warning: io.StringIO, **kwargs: Any) -> None:
        self.printed_warnings = warning
        try:
            super().__init__(*args, warning=warning, **kwargs)
        except BaseException:
            self.stop_collecting()
            raise

    def setup_extension(self, extname: str) -> None:
        if not hasattr(self, "collector"):
            self.collector = WarningCollector(self, self.printed_warnings.getvalue())
            logging.getLogger(NAMESPACE).addHandler(self.collector)
        super().setup_extension(extname)

    def stop_collecting(self) -> None:
        """Detach the collector (a process may run Sphinx many times: ``aggregate``)."""
        if hasattr(self, "collector"):
            logging.getLogger(NAMESPACE).removeHandler(self.collector)


@dataclass
class SphinxRun:
    """A finished read of a project: the application, its verdict and its warnings."""

    srcdir: Path
    outdir: Path
    app: Sphinx
    completeness: Completeness
    document: dict[str, Any]
    warnings: list[SphinxWarning]

    @property
    def report(self) -> ReportRecord | None:
        from ..domain import domain_of

        reports = domain_of(self.app.env).records("reports")
        return reports[0] if reports else None


class StatusStream(io.StringIO):
    """Sphinx's status output, passed to a callback as ``phase item`` (``reading sources c3``).

    Sphinx writes a phase (``reading sources... ``) and then, piece by piece, the documents
    it works on (or, on a terminal, ``[ 50%] c3`` updates after a carriage return).
    """

    def __init__(self, callback: Callable[[str], None] | None) -> None:
        super().__init__()
        self.callback = callback
        self.phase = ""

    def write(self, text: str) -> int:
        if self.callback:
            for chunk in re.split(r"[\r\n]", strip_colors(text)):
                chunk = chunk.strip()
                if not chunk:
                    continue
                if "..." in chunk:
                    self.phase, _, chunk = (p.strip() for p in chunk.partition("..."))
                self.callback(f"{self.phase} {chunk}".strip())
        return super().write(text)


def find_conf(srcdir: Path) -> Path:
    """The project's conf.py, or a :class:`ProjectError` that suggests where it may be."""
    if not srcdir.is_dir():
        raise ProjectError(f"{srcdir} is not a directory")
    conf = srcdir / "conf.py"
    if conf.is_file():
        return conf
    nearby = [
        p.parent for p in (srcdir / "source" / "conf.py", srcdir / "docs" / "conf.py") if p.exists()
    ]
    hint = (
        f"; did you mean {nearby[0]}?"
        if nearby
        else ("; create a report project with `sphinx-wsis init DIR`")
    )
    raise ProjectError(f"no conf.py in {srcdir}: it is not a Sphinx project{hint}")


def command_ends_process() -> bool:
    """Whether the running command is the console script's, so the process ends with it (not
    a command invoked in-process by click's test runner or a tool embedding the CLI)."""
    import click

    from . import ENDS_PROCESS

    context = click.get_current_context(silent=True)
    return bool(context and (context.find_root().obj or {}).get(ENDS_PROCESS))


@contextmanager
def run_sphinx(
    srcdir: Path,
    buildername: str = "dummy",
    *,
    parallel: int = 0,
    progress: Callable[[str], None] | None = None,
    last_in_process: bool = False,
) -> Iterator[SphinxRun]:
    """Read (and, for a real builder, write) the project into a temporary output directory.

    ``last_in_process``: the process ends after this run (a command of the command line), so
    what is loaded before the pages are read (Sphinx, the extensions, the configuration) is
    frozen out of the cyclic garbage collector's sight (:func:`gc.freeze`): every full
    collection while reading no longer walks it (``check`` at 1x: 4 % fewer instructions). A
    process that runs several builds (``aggregate``, the tests) leaves it off, or it could
    never collect one build's cycles.
    """
    from ..completeness import completeness_document, result_of
    from ..config import setting_errors, template_error

    srcdir = srcdir.resolve()
    find_conf(srcdir)
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    # as sphinx-build does: directives and roles registered by this project's extensions do
    # not outlive the run, so a process that runs several builds starts each one clean
    with (
        tempfile.TemporaryDirectory(prefix="sphinx-wsis-") as tmp,
        patch_docutils(srcdir),
        docutils_namespace(),
    ):
        outdir = Path(tmp) / "out"
        app: CollectingSphinx | None = None
        try:
            app = CollectingSphinx(
                srcdir,
                srcdir,
                outdir,
                Path(tmp) / "doctrees",
                buildername,
                status=StatusStream(progress) if progress else None,
                warning=io.StringIO(),  # printed by sphinx-build; kept as records here
                freshenv=True,
                parallel=parallel,
            )
            if EXTENSION not in app.extensions:
                raise ProjectError(
                    f"{srcdir / 'conf.py'} does not enable sphinx-wsis: add "
                    f'"{EXTENSION}" to its extensions list'
                )
            bad_settings = setting_errors(app.config)
            if bad_settings:  # a build falls back to defaults and warns; check says so and stops
                raise ProjectError("\n".join(f"{p} [wsis.config]" for p in bad_settings))
            broken_template = template_error(app.config)
            if broken_template:  # a build falls back and warns; check cannot judge anything
                raise ProjectError(f"WSIS template: {broken_template} [wsis.template]")
            if last_in_process:
                gc.freeze()
            app.build()
        except ProjectError:
            raise
        except ConfigError as exc:
            raise ProjectError(f"configuration error: {_config_problem(exc, srcdir)}") from None
        except SphinxError as exc:
            raise ProjectError(f"{exc.category}: {_one_line(exc)}") from None
        except Exception as exc:  # an extension's bug: say so, keep the cause for --debug
            raise InternalError(
                f"Sphinx failed while reading {srcdir}: {type(exc).__name__}: {exc}", exc
            ) from exc
        finally:
            if app is not None:
                app.stop_collecting()
        document = completeness_document(app.env)
        reported = {(f["subtype"], f["message"]) for f in document["findings"]}
        yield SphinxRun(
            srcdir,
            outdir,
            app,
            result_of(app.env),
            document,
            app.collector.warnings(srcdir, reported=reported),
        )


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _config_problem(exc: ConfigError, srcdir: Path) -> str:
    """A ConfigError in one line: an exception raised by conf.py as ``conf.py:LINE: error``.

    Sphinx puts the whole traceback into the message; the author needs only the line of their
    own file that failed and what was raised.
    """
    cause = exc.__cause__
    if cause is None or isinstance(cause, SyntaxError | ConfigError):
        return _one_line(exc)
    frames = [
        frame
        for frame in traceback.extract_tb(cause.__traceback__)
        if Path(frame.filename).resolve().is_relative_to(srcdir)
    ]
    where = f"{frames[-1].filename}:{frames[-1].lineno}: " if frames else ""
    return f"{where}{type(cause).__name__}: {_one_line(cause)}"
