"""``sphinx-wsis aggregate``: many reports into one synthesis (SPEC §6).

The stages, each in its own module: :mod:`.inputs` finds, builds and validates the inputs;
:mod:`.synthesis` turns the accepted reports into one document; :mod:`.datafiles` writes it for
analysts (JSON, CSV, XLSX); :mod:`.site` writes and builds the synthesis as a Sphinx project,
whose pages :mod:`.ext` renders from the synthesis data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .inputs import Loaded, Rejection, build_projects, discover, read_all

BUILDS_DIR = "projects"


class Progress(Protocol):
    """Where the stages report how far they are (a terminal display, or nothing)."""

    def stage(
        self, what: str, total: int | None = None
    ) -> AbstractContextManager[Callable[[], None]]: ...

    def status(self, what: str) -> Callable[[str], None] | None: ...


class Silent:
    """No progress display (``--quiet``, or not a terminal)."""

    def stage(
        self, what: str, total: int | None = None
    ) -> AbstractContextManager[Callable[[], None]]:
        return nullcontext(lambda: None)

    def status(self, what: str) -> Callable[[str], None] | None:
        return None


SILENT = Silent()


@dataclass
class Outcome:
    synthesis: dict[str, Any]
    rejected: list[Rejection]
    written: list[Path] = field(default_factory=list)
    site_errors: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.rejected or self.site_errors else 0


def load(
    paths: Iterable[Path], outdir: Path, *, jobs: int | None = None, progress: Progress = SILENT
) -> Loaded:
    """Build the projects among ``paths`` and read every report, checked."""
    found = discover(paths, exclude=outdir)
    rejected: list[Rejection] = []
    built: list[tuple[Path, Path]] = []
    if found.projects:
        with progress.stage("Building report projects", len(found.projects)) as advance:
            built, rejected = build_projects(
                found.projects, outdir / BUILDS_DIR, jobs=jobs, advance=advance
            )
    sources: list[tuple[Path, Path | None]] = [(f, None) for f in found.files]
    sources += [(report, project) for project, report in built]
    with progress.stage("Reading reports", len(sources)) as advance:
        loaded = read_all(sources, advance)
    loaded.rejected += rejected
    return loaded


def data_stage(
    paths: Iterable[Path], outdir: Path, *, jobs: int | None = None, progress: Progress = SILENT
) -> Outcome:
    """Read the inputs and write the data files: everything but the site."""
    from .datafiles import write_all
    from .synthesis import synthesise

    outdir.mkdir(parents=True, exist_ok=True)
    loaded = load(paths, outdir, jobs=jobs, progress=progress)
    with progress.stage("Writing the synthesis data"):
        synthesis = synthesise(loaded, outdir)
        written = write_all(synthesis, outdir)
    return Outcome(synthesis, sorted(loaded.rejected, key=lambda r: str(r.source)), written)


def aggregate(
    paths: Iterable[Path],
    outdir: Path,
    *,
    jobs: int | None = None,
    pdf: bool = False,
    site: bool = True,
    progress: Progress = SILENT,
) -> Outcome:
    """The whole command: data files, then the synthesis site (HTML, and PDF with ``pdf``)."""
    if site:
        from .site import check_target

        check_target(outdir)
    outcome = data_stage(paths, outdir, jobs=jobs, progress=progress)
    if site:
        from .site import build_site, write_site

        with progress.stage("Writing the synthesis site"):
            write_site(outcome.synthesis, outdir)
        outcome.site_errors = build_site(
            outdir, pdf=pdf, progress=progress, synthesis=outcome.synthesis
        )
    return outcome
