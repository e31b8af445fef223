"""Find, build, read and validate the inputs of ``sphinx-wsis aggregate``.

An input is a ``report.json`` file, a folder of them (searched recursively; a sub-folder with a
``conf.py`` is a report project), or a report project. Projects are built with the ``wsis-json``
builder in parallel processes, one output folder each. Every document is checked against the
shipped JSON Schema with a compiled validator that is built once and reused for every file.

A bad input never stops the run: it becomes a :class:`Rejection` naming the file and the reason.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import cache
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from ..json_builder import REPORT_FILE, SCHEMA_ID, SCHEMA_PATH

#: JSON files a build writes next to report.json that are not reports: skipped in folders.
NOT_REPORTS = frozenset({"wsis-completeness.json", "needs.json", "synthesis.json"})
#: Longest schema message quoted in a rejection (a ``oneOf`` message repeats the whole value).
MESSAGE_LIMIT = 160


@dataclass(frozen=True)
class Inputs:
    """What the command line named, sorted and without repeats."""

    files: tuple[Path, ...]
    projects: tuple[Path, ...]


@dataclass
class Report:
    """A document that passed every check, with where it came from."""

    source: Path  # the report.json read
    document: dict[str, Any]
    project: Path | None = None  # the report project it was built from, if any

    @property
    def entity(self) -> str:
        return str(self.document["report"]["entity"])

    @property
    def template(self) -> str:
        return str(self.document["template"]["id"])


@dataclass(frozen=True)
class Rejection:
    """An input that is not read, and why (in the words of the person who sent it)."""

    source: Path
    reason: str


@dataclass
class Loaded:
    reports: list[Report] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)


class NoInputs(Exception):
    """Nothing to aggregate: a usage error."""


def discover(paths: Iterable[Path], exclude: Path | None = None) -> Inputs:
    """The report files and projects named by ``paths`` (files, folders, projects).

    Folders are searched without ``exclude`` (the output folder, which may lie inside an input
    folder and holds the projects' builds and the last synthesis).
    """
    paths = list(paths)
    skip = exclude.resolve() if exclude else None
    files: set[Path] = set()
    projects: set[Path] = set()
    for path in paths:
        if path.is_file():
            files.add(path)
        elif (path / "conf.py").is_file():
            projects.add(path)
        elif path.is_dir():
            for folder, subdirs, names in os.walk(path):
                here = Path(folder)
                if here != path and "conf.py" in names:
                    projects.add(here)
                    subdirs.clear()
                    continue
                subdirs[:] = sorted(
                    d for d in subdirs if not d.startswith(".") and (here / d).resolve() != skip
                )
                files.update(
                    here / name
                    for name in names
                    if name.endswith(".json") and name not in NOT_REPORTS
                )
    if not files and not projects:
        named = ", ".join(str(p) for p in paths)
        raise NoInputs(f"no report.json files or report projects found in {named}")
    return Inputs(_unique(files), _unique(projects))


def _unique(paths: Iterable[Path]) -> tuple[Path, ...]:
    seen: dict[Path, Path] = {}
    for path in sorted(paths):
        seen.setdefault(path.resolve(), path)
    return tuple(sorted(seen.values()))


# -- building projects ---------------------------------------------------------------------------


def build_folder(project: Path, builds: Path) -> Path:
    """The output folder of one project: its name and a hash of its path, so names never clash."""
    digest = hashlib.sha1(str(project.resolve()).encode()).hexdigest()[:8]
    name = re.sub(r"[^\w.-]+", "-", project.resolve().name).strip("-") or "project"
    return builds / f"{name}-{digest}"


def build_project(project: str, target: str) -> str | None:
    """Build one project to ``target/report.json``; the reason it failed, or None.

    Runs in a worker process: arguments and result are plain strings.
    """
    from ..cli.errors import ProjectError
    from ..cli.sphinx_run import run_sphinx

    try:
        with run_sphinx(Path(project), "wsis-json") as run:
            written = run.outdir / REPORT_FILE
            if not written.is_file():
                return "the wsis-json builder wrote no report.json"
            Path(target).mkdir(parents=True, exist_ok=True)
            shutil.copyfile(written, Path(target) / REPORT_FILE)
    except ProjectError as exc:
        return f"the project does not build: {exc}"
    except Exception as exc:  # a crash in one project must not stop the run
        return f"the project does not build: {type(exc).__name__}: {exc}"
    return None


def build_projects(
    projects: Iterable[Path],
    builds: Path,
    *,
    jobs: int | None = None,
    advance: Callable[[], None] | None = None,
) -> tuple[list[tuple[Path, Path]], list[Rejection]]:
    """Build every project in parallel processes: (project, report.json) pairs and failures."""
    projects = list(projects)
    built: list[tuple[Path, Path]] = []
    rejected: list[Rejection] = []
    if not projects:
        return built, rejected
    targets = {project: build_folder(project, builds) for project in projects}
    workers = max(1, min(jobs or os.cpu_count() or 1, len(projects)))

    def record(project: Path, failure: str | None) -> None:
        if failure:
            rejected.append(Rejection(project, failure))
        else:
            built.append((project, targets[project] / REPORT_FILE))
        if advance:
            advance()

    if workers == 1:
        for project in projects:
            record(project, build_project(str(project), str(targets[project])))
    else:
        # spawn: a forked child would inherit the progress display's thread and Sphinx's state
        with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
            futures = {pool.submit(build_project, str(p), str(targets[p])): p for p in projects}
            for future in as_completed(futures):
                record(futures[future], future.result())
    built.sort()
    rejected.sort(key=lambda r: r.source)
    return built, rejected


# -- reading and validating ----------------------------------------------------------------------


@cache
def report_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text("utf-8"))


@cache
def _validator() -> Any:
    import jsonschema_rs

    return jsonschema_rs.validator_for(report_schema())


def read_report(source: Path, project: Path | None = None) -> Report | Rejection:
    """One report.json, checked; a :class:`Rejection` says what is wrong with it."""
    try:
        raw = source.read_bytes()
    except OSError as exc:
        return Rejection(source, f"cannot be read: {exc.strerror or exc}")
    reason = _problem(raw)
    if isinstance(reason, str):
        return Rejection(project or source, reason)
    return Report(source, reason, project)


def _problem(raw: bytes) -> dict[str, Any] | str:
    if not raw.strip():
        return "the file is empty"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"not UTF-8 text (byte {exc.start}): a report.json is written in UTF-8"
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        # the input ends inside the document, or inside a string (json says "Unterminated
        # string" only when it reaches the end without the closing quote)
        truncated = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string")
        hint = " (the file is truncated)" if truncated else ""
        return f"not valid JSON{hint}: line {exc.lineno} column {exc.colno}: {exc.msg}"
    except RecursionError:
        return "not valid JSON: nested too deeply"
    if not isinstance(document, dict):
        return "not a sphinx-wsis report: the document is not a JSON object"
    declared = document.get("$schema")
    if declared != SCHEMA_ID:
        if not isinstance(declared, str):
            return 'not a sphinx-wsis report.json: it has no "$schema"'
        return (
            f"written for schema {declared!r}; this sphinx-wsis reads {SCHEMA_ID!r} "
            "(export the report again with this version)"
        )
    if not _validator().is_valid(document):
        return "does not match report.schema.json: " + _explain(document)
    report = document.get("report") or {}
    if not report.get("entity"):
        return "the report names no entity (it needs a wsis-report block with :entity:)"
    return document


def _explain(document: dict[str, Any]) -> str:
    """Where and why a document fails the schema, as precisely as jsonschema can say.

    The compiled validator is fast but names only the outer ``oneOf`` of a bad value; the
    pure-Python one, run only for a rejected file, finds the deepest error.
    """
    import jsonschema

    validator = jsonschema.Draft202012Validator(report_schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(document))
    if error is None:  # the two validators disagree: say what the fast one says
        first = next(iter(_validator().iter_errors(document)))
        return _describe(first.instance_path, first.message)
    return _describe(error.absolute_path, error.message)


def _describe(path: Iterable[Any], message: str) -> str:
    pointer = "/" + "/".join(str(p) for p in path)
    message = " ".join(str(message).split())
    if len(message) > MESSAGE_LIMIT:
        message = message[: MESSAGE_LIMIT - 1] + "…"
    return f"at {pointer}: {message}"


def read_all(
    sources: Iterable[tuple[Path, Path | None]], advance: Callable[[], None] | None = None
) -> Loaded:
    """Read every (report.json, project) pair; cheap enough (well under a millisecond of
    validation per report) that one process reads a thousand reports in a few seconds."""
    loaded = Loaded()
    for source, project in sources:
        result = read_report(source, project)
        if isinstance(result, Rejection):
            loaded.rejected.append(result)
        else:
            loaded.reports.append(result)
        if advance:
            advance()
    return loaded
