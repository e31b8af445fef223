"""Measure sphinx_wsis against plain Sphinx on synthetic reports, and print the figures.

Every case runs ``--repeat`` times in fresh subprocesses (``sphinx-build``, ``sphinx-wsis``),
baseline and sphinx_wsis interleaved (A B A B, the order flipped every round) so that drift on a
shared machine hits both alike. Wall time and CPU time (user + system, from ``wait4``) are taken
per subprocess, peak memory is the process's maximum resident set size; the table shows medians
and their ratios, and judges each goal on the CPU-time median (``--judge wall``: on wall time).

The cases: a full HTML build (and one whose charts are already drawn); the edit loop, one
sentence reworded and rebuilt, then a part made placeholder and rebuilt (a verdict changes);
``sphinx-wsis check`` against plain ``-b dummy`` and against a full build; ``-b wsis-json``;
latexpdf; peak memory; sphinx-needs' own import. The table has the same rows on every run.

``--instructions 1,10`` also runs the builds, the edits, ``check`` and ``-b dummy`` once each
under valgrind's cachegrind and prints the instructions each executed: a figure other tenants of
a shared machine cannot move, to read the timed ratios against (and slow: about 13x the build).

Usage::

    python benchmarks/run.py [--scales 1,10,100] [--repeat 5] [--quick] [--latex-scales 1]
                             [--instructions 1,10]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from generate import generate  # noqa: E402

#: The page edited before an incremental rebuild: an action line with two stories.
EDITED_PAGE = "action-lines/c4.md"


# -- running one command ------------------------------------------------------------------------


@dataclass
class Sample:
    wall: float
    cpu: float
    rss_kb: int
    instructions: int | None = None  # under valgrind only (wall, cpu and rss are then its own)


@dataclass
class Measure:
    samples: list[Sample] = field(default_factory=list)
    error: str | None = None

    def median(self, attribute: str) -> float:
        return statistics.median(getattr(s, attribute) for s in self.samples)


class Unavailable(Exception):
    """A feature this measurement needs is not on this branch (yet)."""


#: cachegrind without its cache simulation counts instructions and nothing else (fastest mode)
VALGRIND = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
INSTRUCTIONS_RE = re.compile(r"^==\d+== I\s+refs:\s+([\d,]+)", re.MULTILINE)


def run(argv: Sequence[str], cwd: Path | None = None, *, count: bool = False) -> Sample:
    """Run one command, return its wall time, CPU time and peak RSS; raise on failure.

    With ``count`` the command runs under valgrind and the sample also holds the number of
    instructions it executed; hash randomisation is fixed so that two runs execute the same.
    """
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(HERE)])}
    env.pop("SPHINXOPTS", None)
    if count:
        if shutil.which("valgrind") is None:
            raise Unavailable("valgrind is not installed (Debian: apt-get install valgrind)")
        argv = [*VALGRIND, *argv]
        env["PYTHONHASHSEED"] = "0"
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=log, stderr=log)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    if process.returncode != 0:
        raise subprocess.CalledProcessError(process.returncode, argv, output)
    instructions = None
    if count:
        found = INSTRUCTIONS_RE.findall(output)
        if not found:
            raise subprocess.CalledProcessError(0, argv, "valgrind printed no instruction count")
        instructions = int(found[-1].replace(",", ""))
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, instructions)


def failure(exc: subprocess.CalledProcessError) -> str:
    """Why a command failed, in one line: a missing builder is a feature not landed yet."""
    output = str(exc.output)
    if "Builder name wsis-json not registered" in output:
        return "the `wsis-json` builder is not on this branch"
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    errors = [line for line in lines if "Error" in line or "error:" in line.lower()]
    return f"exit {exc.returncode}: {(errors or lines or [''])[-1][-200:]}"


def sphinx(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "sphinx", *map(str, args)]


def wsis_cli(*args: str | Path) -> list[str]:
    package = ROOT / "sphinx_wsis"
    if not ((package / "cli.py").exists() or (package / "cli" / "__init__.py").exists()):
        raise Unavailable("`sphinx-wsis check` not on this branch (no sphinx_wsis.cli)")
    entry = "import sys; from sphinx_wsis.cli import main; sys.exit(main())"
    return [sys.executable, "-c", entry, *map(str, args)]


def needs_available() -> bool:
    return (ROOT / "sphinx_wsis" / "needs.py").exists()


# -- the cases ------------------------------------------------------------------------------------


@dataclass
class Project:
    scale: int
    root: Path

    def src(self, variant: str) -> Path:
        return self.root / variant / "src"

    def out(self, variant: str) -> Path:
        return self.root / variant / "out"

    def fresh_out(self, variant: str) -> Path:
        out = self.out(variant)
        shutil.rmtree(out, ignore_errors=True)
        return out


def html_build(project: Project, variant: str) -> list[str]:
    out = project.fresh_out(variant)
    return sphinx("-q", "-b", "html", "-d", out / "doctrees", project.src(variant), out / "html")


#: the sentence edited before an incremental rebuild (in the page's challenges)
EDITED_SENTENCE = "Retention is a double-edged problem."
#: the aspect emptied to placeholder text before a rebuild that changes a verdict
EDITED_ASPECT = ":::{wsis-achievements}\n"


def write_page(project: Project, variant: str, revision: int, placeholder: bool) -> None:
    """The edited page as an author leaves it: one sentence of one aspect reworded
    (``revision``), and with ``placeholder`` its achievements replaced by a TODO (a verdict
    changes: the part becomes placeholder)."""
    page = project.src(variant) / EDITED_PAGE
    original = page.with_suffix(".md.orig")
    if not original.exists():
        shutil.copy2(page, original)
    text = original.read_text("utf-8")
    reworded = f"Retention is a double-edged problem (revision {revision})."
    text = text.replace(EDITED_SENTENCE, reworded, 1)
    if placeholder:
        head, rest = text.split(EDITED_ASPECT, 1)
        text = f"{head}{EDITED_ASPECT}TODO: our achievements.\n:::{rest.split(':::', 1)[1]}"
    page.write_text(text, "utf-8")


def html_charts_cached(project: Project, variant: str) -> list[str]:
    """A full build (``-E``: every page read again, into an empty directory) that finds the
    charts already drawn: they are cached in the doctree directory, as after any earlier build."""
    out = project.out(variant)
    shutil.rmtree(out / "html-again", ignore_errors=True)
    return sphinx(
        "-q", "-E", "-b", "html", "-d", out / "doctrees", project.src(variant), out / "html-again"
    )


def incremental_build(project: Project, variant: str) -> list[str]:
    out = project.out(variant)
    return sphinx("-q", "-b", "html", "-d", out / "doctrees", project.src(variant), out / "html")


def json_build(project: Project, variant: str) -> list[str]:
    out = project.fresh_out(variant)
    builder = "dummy" if variant == "baseline" else "wsis-json"
    return sphinx("-q", "-b", builder, "-d", out / "doctrees", project.src(variant), out / "json")


def check(project: Project, variant: str) -> list[str]:
    project.fresh_out(variant)
    shutil.rmtree(project.src(variant) / "_build", ignore_errors=True)
    return wsis_cli("check", project.src(variant))


def latexpdf(project: Project, variant: str) -> list[str]:
    out = project.fresh_out(variant)
    return sphinx("-M", "latexpdf", project.src(variant), out, "-q")


class Bench:
    def __init__(self, args: argparse.Namespace, workdir: Path) -> None:
        self.args = args
        self.workdir = workdir
        self.results: dict[tuple[str, int, str], Measure] = {}
        self.variants = ["baseline", "wsis", *(["wsis-needs"] if needs_available() else [])]

    def project(self, scale: int) -> Project:
        root = self.workdir / f"scale-{scale}"
        for variant in ("baseline", "wsis", "wsis-needs"):
            config = (
                "baseline-fields"
                if variant == "baseline" and self.args.baseline == "fields"
                else variant
            )
            generate(scale, root / variant / "src", config)
        return Project(scale, root)

    def measure(
        self,
        case: str,
        project: Project,
        variants: Sequence[str],
        command: Callable[[Project, str], list[str]],
        repeat: int,
        before: Callable[[Project, str, int], None] | None = None,
        after: Callable[[Project, str, int], None] | None = None,
        count: bool = False,
        key: str = "",
    ) -> None:
        for round_ in range(repeat):
            order = variants if round_ % 2 == 0 else list(reversed(variants))
            for variant in order:
                measure = self.results.setdefault(
                    (f"{case}-{key}" if key else case, project.scale, variant), Measure()
                )
                if measure.error:
                    continue
                try:
                    if before:
                        before(project, variant, round_)
                    measure.samples.append(run(command(project, variant), count=count))
                    if after:
                        after(project, variant, round_)
                except Unavailable as exc:
                    measure.error = str(exc)
                except subprocess.CalledProcessError as exc:
                    measure.error = failure(exc)
                self.progress(case, project.scale, variant, measure)

    def progress(self, case: str, scale: int, variant: str, measure: Measure) -> None:
        if measure.error:
            what = f"unavailable: {measure.error}"
        else:
            last = measure.samples[-1]
            what = f"{last.wall:7.2f} s wall {last.cpu:7.2f} s cpu {last.rss_kb / 1024:6.0f} MiB"
            if last.instructions is not None:
                what = f"{last.instructions / 1e9:7.2f} G instructions ({last.wall:.0f} s)"
        print(f"  {case:<12} {scale:>4}x {variant:<11} {what}", file=sys.stderr, flush=True)

    def full_and_incremental(self, project: Project, repeat: int, count: bool = False) -> None:
        """Per variant, interleaved: a full build; one sentence reworded and rebuilt; then a
        part made placeholder and rebuilt (a verdict changes). Every round starts afresh."""
        key = "instr" if count else ""
        for round_ in range(1 if count else repeat):
            order = self.variants if round_ % 2 == 0 else list(reversed(self.variants))
            for variant in order:
                write_page(project, variant, 2 * round_, placeholder=False)
                self.measure("html", project, [variant], html_build, 1, count=count, key=key)
                if not count:  # under valgrind: the full build's count says enough
                    self.measure("html-cached", project, [variant], html_charts_cached, 1)
                write_page(project, variant, 2 * round_ + 1, placeholder=False)
                self.measure(
                    "incremental", project, [variant], incremental_build, 1, count=count, key=key
                )
                write_page(project, variant, 2 * round_ + 1, placeholder=True)
                self.measure(
                    "verdict", project, [variant], incremental_build, 1, count=count, key=key
                )

    def count_instructions(self, project: Project, wsis_variants: Sequence[str]) -> None:
        """Each build once under valgrind: deterministic, so one run is the figure."""
        self.full_and_incremental(project, 1, count=True)
        for variant in self.variants:
            write_page(project, variant, 0, placeholder=False)
        self.measure("check", project, wsis_variants, check, 1, count=True, key="instr")
        self.measure("json", project, ["baseline"], json_build, 1, count=True, key="instr")

    def needs_import(self, count: bool = False) -> None:
        """What importing sphinx-needs costs by itself (a separate row: not the extension's)."""
        key = "instr" if count else ""
        commands = {
            "baseline": [sys.executable, "-c", "import sphinx.application"],
            "wsis-needs": [sys.executable, "-c", "import sphinx.application, sphinx_needs.needs"],
        }
        repeat = 1 if count else self.args.repeat
        self.measure(
            "needs-import", Project(0, self.workdir), list(commands),
            lambda _project, variant: commands[variant], repeat, count=count, key=key,
        )  # fmt: skip

    def run(self) -> None:
        args = self.args
        for scale in args.scales:
            print(f"scale {scale}x: generating", file=sys.stderr, flush=True)
            project = self.project(scale)
            repeat = args.repeat if scale < 100 else max(1, min(args.repeat, args.repeat_100))
            wsis_variants = [v for v in self.variants if v != "baseline"]
            self.full_and_incremental(project, repeat)
            for variant in self.variants:  # the report complete again for check and the rest
                write_page(project, variant, 0, placeholder=False)
            if not args.skip_check and scale <= args.check_max_scale:
                self.measure("check", project, wsis_variants, check, repeat)
            if not args.skip_json and scale <= args.check_max_scale:
                self.measure("json", project, self.variants, json_build, repeat)
            if scale in args.latex_scales:
                self.measure("latexpdf", project, self.variants, latexpdf, min(repeat, 3))
            if scale in args.instructions:
                self.count_instructions(project, wsis_variants)
            if not args.keep:
                shutil.rmtree(project.root, ignore_errors=True)
        if "wsis-needs" in self.variants:
            self.needs_import()
            if args.instructions:
                self.needs_import(count=True)


# -- the report -------------------------------------------------------------------------------


GOALS = {
    "html": {"wsis": 1.15, "wsis-needs": 1.30},
    "incremental": 1.20,  # one sentence edited, against the baseline's rebuild of the same edit
    "verdict": 1.5,  # a part made placeholder, likewise
    "check-dummy": 1.10,  # `check` against plain `-b dummy`, at 1x
    "check-build": 0.6,  # `check` against a full HTML build, from 10x
    "memory": 1.3,
}
LABELS = {"baseline": "baseline", "wsis": "needs off", "wsis-needs": "needs on"}


@dataclass
class RowSpec:
    """One comparison: ``measured`` (case, variant) against ``reference`` (case, variant)."""

    label: str
    scale: int
    reference: tuple[str, str]
    measured: tuple[str, str]
    goal: float | None = None
    memory: bool = False
    counted: bool = True  # also a row of the instruction table
    less_needs_import: bool = False  # the measured figure less sphinx-needs' own import


def judged(needs: bool, spec: RowSpec) -> list[RowSpec]:
    """With sphinx-needs listed, a goal is judged less sphinx-needs' own import (the issue's
    "extension's share"), on a row of its own under the whole figure, which keeps no goal."""
    if not needs or spec.goal is None:
        return [spec]
    whole = dataclasses.replace(spec, goal=None)
    label = f"{spec.label}, less sphinx-needs' import"
    return [whole, dataclasses.replace(spec, label=label, less_needs_import=True)]


def row_specs(args: argparse.Namespace, variants: Sequence[str]) -> list[RowSpec]:
    """The same rows on every run, whatever was measured ("not run" where nothing was)."""
    rows: list[RowSpec] = []
    for scale in args.scales:
        for variant in variants[1:]:
            label = LABELS[variant]
            needs = variant == "wsis-needs"

            html = GOALS["html"][variant]

            def split(spec: RowSpec, needs: bool = needs) -> list[RowSpec]:
                return judged(needs, spec)

            rows += [
                *split(RowSpec(f"full HTML build, {label}", scale, ("html", "baseline"),
                                ("html", variant), html)),
                RowSpec(f"full HTML build, charts already drawn, {label}", scale,
                        ("html-cached", "baseline"), ("html-cached", variant),
                        None if needs else html, counted=False),
                *split(RowSpec(f"incremental, 1 sentence edited, {label} (/ baseline)", scale,
                                ("incremental", "baseline"), ("incremental", variant),
                                GOALS["incremental"])),
                *split(RowSpec(f"incremental, a verdict changed, {label} (/ baseline)", scale,
                                ("verdict", "baseline"), ("verdict", variant), GOALS["verdict"])),
                *split(RowSpec(f"`sphinx-wsis check`, {label} (/ plain `-b dummy`)", scale,
                                ("json", "baseline"), ("check", variant),
                                GOALS["check-dummy"] if scale == 1 else None)),
                RowSpec(f"`sphinx-wsis check` / full build, {label}", scale, ("html", variant),
                        ("check", variant), GOALS["check-build"] if scale >= 10 else None),
                RowSpec(f"`-b wsis-json`, {label} (/ baseline `-b dummy`)", scale,
                        ("json", "baseline"), ("json", variant), counted=False),
                RowSpec(f"latexpdf, {label}", scale, ("latexpdf", "baseline"),
                        ("latexpdf", variant), counted=False),
                *split(RowSpec(f"peak memory, full HTML, {label}", scale, ("html", "baseline"),
                                ("html", variant), GOALS["memory"], memory=True, counted=False)),
            ]  # fmt: skip
        rows.append(
            RowSpec("plain Sphinx's floor for `check`: `-b dummy` / full build, baseline", scale,
                    ("html", "baseline"), ("json", "baseline"))
        )  # fmt: skip
    if "wsis-needs" in variants:
        rows.append(
            RowSpec("importing sphinx-needs (/ importing Sphinx)", 0,
                    ("needs-import", "baseline"), ("needs-import", "wsis-needs"))
        )  # fmt: skip
        rows.append(
            RowSpec("peak memory, importing sphinx-needs (/ importing Sphinx)", 0,
                    ("needs-import", "baseline"), ("needs-import", "wsis-needs"), memory=True,
                    counted=False)
        )  # fmt: skip
    return rows


def machine() -> list[str]:
    import docutils
    import myst_parser
    import sphinx

    cpu = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo", encoding="utf-8") as info:
        kib = int(info.readline().split()[1])
    try:
        from importlib.metadata import version

        needs = version("sphinx-needs")
    except Exception:  # pragma: no cover - reported, not needed
        needs = "not installed"
    try:
        load = "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    except OSError:  # pragma: no cover
        load = "load unknown"
    return [
        f"- CPU: {cpu}, {os.cpu_count()} cores; RAM {kib / 1024 / 1024:.0f} GiB; {load} at start",
        f"- {platform.system()} {platform.release()}, Python {platform.python_version()}",
        f"- Sphinx {sphinx.__version__}, docutils {docutils.__version__}, "
        f"myst-parser {myst_parser.__version__}, sphinx-needs {needs}",
    ]


class Report:
    def __init__(self, bench: Bench) -> None:
        self.bench = bench
        self.results = bench.results
        self.rows: list[list[str]] = []

    def get(self, case: str, scale: int, variant: str) -> Measure | None:
        return self.results.get((case, scale, variant))

    def needs_import(self, attribute: str, counted: bool = False) -> float | None:
        """What importing sphinx-needs adds to a process (median, or the count)."""
        case = "needs-import-instr" if counted else "needs-import"
        measures = [self.get(case, 0, v) for v in ("baseline", "wsis-needs")]
        if any(m is None or m.error or not m.samples for m in measures):
            return None
        without, with_ = measures
        return with_.median(attribute) - without.median(attribute)  # type: ignore[union-attr]

    def spec_row(self, spec: RowSpec) -> list[str]:
        """A timed row: medians as ``wall / CPU`` (or MiB), both ratios, the goal judged."""
        reference = self.get(spec.reference[0], spec.scale, spec.reference[1])
        measured = self.get(spec.measured[0], spec.scale, spec.measured[1])
        scale = f"{spec.scale}x" if spec.scale else "-"

        less = {"rss_kb": 0.0} if spec.memory else {"wall": 0.0, "cpu": 0.0}
        error = next((m.error for m in (reference, measured) if m and m.error), None)
        if spec.less_needs_import and not error:
            found = {a: self.needs_import(a) for a in less}
            if any(v is None for v in found.values()):
                error = "sphinx-needs' import not measured"
            else:
                less = {a: v or 0.0 for a, v in found.items()}

        def shown(measure: Measure | None, minus: dict[str, float] | None = None) -> str:
            if measure is None or not (measure.samples or measure.error):
                return "not run"
            if measure.error:
                return "n/a"
            if spec.memory:
                rss = measure.median("rss_kb") - (minus or {}).get("rss_kb", 0.0)
                return f"{rss / 1024:.0f} MiB"
            wall, cpu = (measure.median(a) - (minus or {}).get(a, 0.0) for a in ("wall", "cpu"))
            return f"{wall:.2f} s / {cpu:.2f} s"

        cells = [spec.label, scale, shown(reference), shown(measured, less)]
        if error or not (reference and reference.samples and measured and measured.samples):
            return [*cells, "-", "-", _goal(spec.goal), f"n/a: {error}" if error else "not run"]
        attributes = ("rss_kb",) if spec.memory else ("wall", "cpu")
        ratios = {
            a: (measured.median(a) - less.get(a, 0.0)) / reference.median(a) for a in attributes
        }
        judged = ratios["rss_kb"] if spec.memory else ratios[self.bench.args.judge]
        verdict = "" if spec.goal is None else ("PASS" if judged <= spec.goal else "MISS")
        if spec.memory:
            return [*cells, f"{judged:.2f}", "-", _goal(spec.goal), verdict]
        return [*cells, f"{ratios['wall']:.2f}", f"{ratios['cpu']:.2f}", _goal(spec.goal), verdict]

    def scale_row(self, small: int, large: int, variant: str) -> list[str]:
        """A whole build at the larger scale against the same variant's at the smaller one."""
        case = f"full HTML {large}x / {small}x, {LABELS[variant]}"
        before, after = self.get("html", small, variant), self.get("html", large, variant)
        if any(m is None or m.error or not m.samples for m in (before, after)):
            return [case, f"{large}x", "-", "-", "-", "-", "", "not run"]
        medians = [[m.median(a) for a in ("wall", "cpu")] for m in (before, after)]  # type: ignore[union-attr]
        (wall_s, cpu_s), (wall_l, cpu_l) = medians
        return [
            case, f"{large}x", f"{wall_s:.2f} s / {cpu_s:.2f} s", f"{wall_l:.2f} s / {cpu_l:.2f} s",
            f"{wall_l / wall_s:.2f}", f"{cpu_l / cpu_s:.2f}", "", "",
        ]  # fmt: skip

    def growth_row(
        self, case: str, small: int, large: int, variant: str, goal: float | None
    ) -> None:
        """How the extension's own cost (its build minus the baseline's) grows with scale."""
        measures = [
            self.get("html", scale, v) for scale in (small, large) for v in ("baseline", variant)
        ]
        if any(m is None or m.error or not m.samples for m in measures):
            self.rows.append([case, f"{large}x", "-", "-", "-", "-", _goal(goal), "not run"])
            return
        base_small, wsis_small, base_large, wsis_large = measures

        def cost(attribute: str) -> tuple[float, float]:
            return (
                wsis_small.median(attribute) - base_small.median(attribute),  # type: ignore[union-attr]
                wsis_large.median(attribute) - base_large.median(attribute),  # type: ignore[union-attr]
            )

        def ratio(attribute: str) -> str:
            before, after = cost(attribute)
            return f"{after / before:.1f}" if before > 0 and after > 0 else "-"

        judge = self.bench.args.judge
        before, after = cost(judge)
        if goal is None:
            verdict = ""
        elif after <= 0:
            verdict = "PASS (no cost measured)"
        elif before <= 0:
            verdict = f"n/a: no cost measured at {small}x"
        else:
            verdict = "PASS" if after / before <= goal else "MISS"
        self.rows.append([
            case, f"{large}x", f"{before:.2f} s ({judge})", f"{after:.2f} s ({judge})",
            ratio("wall"), ratio("cpu"), _goal(goal), verdict,
        ])  # fmt: skip

    def build(self) -> str:
        args = self.bench.args
        self.rows = [self.spec_row(spec) for spec in row_specs(args, self.bench.variants)]
        for small, large in zip(args.scales, args.scales[1:], strict=False):
            # the goal is stated for 10x -> 100x; from 1x the cost is within the noise
            goal = 1.1 * large / small if small >= 10 else None
            for variant in self.bench.variants:
                self.rows.append(self.scale_row(small, large, variant))
            for variant in self.bench.variants[1:]:
                self.growth_row(
                    f"sphinx_wsis's own cost (minus baseline) {large}x / {small}x, "
                    f"{LABELS[variant]}", small, large, variant, goal,
                )  # fmt: skip
        header = [
            "case", "scale", "reference: wall / CPU", "sphinx_wsis: wall / CPU",
            "ratio (wall)", "ratio (CPU)", "goal", f"result ({self.bench.args.judge})",
        ]  # fmt: skip
        return _table(header, self.rows)

    def instructions(self) -> str:
        """The valgrind counts (``--instructions``): one run each, the same on any machine.

        The same rows on every run: a scale not counted says "not run"."""
        rows: list[list[str]] = []
        for spec in row_specs(self.bench.args, self.bench.variants):
            if not spec.counted:
                continue
            scale = f"{spec.scale}x" if spec.scale else "-"
            counts = [
                self.get(f"{case}-instr", spec.scale, variant)
                for case, variant in (spec.reference, spec.measured)
            ]
            less = self.needs_import("instructions", counted=True) if spec.less_needs_import else 0
            if any(m is None or m.error or not m.samples for m in counts) or less is None:
                error = next((m.error for m in counts if m and m.error), None)
                why = f"n/a: {error}" if error else "not run"
                rows.append([spec.label, scale, "-", "-", "-", _goal(spec.goal), why])
                continue
            before, after = (m.samples[0].instructions or 0 for m in counts)  # type: ignore[union-attr]
            after -= int(less)
            ratio = after / before
            verdict = "" if spec.goal is None else ("PASS" if ratio <= spec.goal else "MISS")
            rows.append([
                spec.label, scale, f"{before / 1e9:.2f} G", f"{after / 1e9:.2f} G",
                f"{ratio:.3f}", _goal(spec.goal), verdict,
            ])  # fmt: skip
        header = ["case", "scale", "reference", "sphinx_wsis", "ratio", "goal", "result"]
        return _table(header, rows)


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows]
    return "\n".join(lines)


def _goal(goal: float | None) -> str:
    return "" if goal is None else f"≤ {goal:g}"


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1,10,100", help="comma-separated (default 1,10,100)")
    parser.add_argument(
        "--repeat",
        type=int,
        default=5,
        help="runs per case (default 5; 0 with --instructions: only the counts)",
    )
    parser.add_argument(
        "--repeat-100", type=int, default=3, help="runs per case at scale 100 and above"
    )
    parser.add_argument("--latex-scales", default="1", help="scales to run latexpdf at")
    parser.add_argument(
        "--instructions",
        default="",
        help="scales to count instructions at under valgrind, e.g. 1,10 (default: none)",
    )
    parser.add_argument("--quick", action="store_true", help="scales 1,10, 2 runs, no LaTeX")
    parser.add_argument(
        "--judge",
        choices=("cpu", "wall"),
        default="cpu",
        help="which time the goals are judged on (default cpu: sphinx-build runs in one "
        "process, so on an idle machine CPU time is wall time, and on a shared one it is the "
        "figure other processes' load does not inflate)",
    )
    parser.add_argument(
        "--baseline",
        choices=("plain", "fields"),
        default="plain",
        help="plain: the baseline's directives are containers (default); fields: they also "
        "show their options as a field list, as a hand-written report would",
    )
    parser.add_argument(
        "--check-max-scale",
        type=int,
        default=10,
        help="largest scale to run check and wsis-json at (default 10: at 100x only builds)",
    )
    parser.add_argument("--skip-check", action="store_true")
    parser.add_argument("--skip-json", action="store_true")
    parser.add_argument("--workdir", type=Path, help="keep generated projects here")
    parser.add_argument("--keep", action="store_true", help="keep projects and outputs")
    parser.add_argument("--json", type=Path, help="also write the raw samples to this file")
    parser.add_argument(
        "--report",
        type=Path,
        help="print the table of an earlier run's --json file instead of running (pass the same "
        "--scales, --repeat and --latex-scales)",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.scales, args.repeat, args.latex_scales = "1,10", 2, ""
    args.scales = [int(s) for s in str(args.scales).split(",") if s]
    args.latex_scales = [int(s) for s in str(args.latex_scales).split(",") if s]
    args.instructions = [int(s) for s in str(args.instructions).split(",") if s]
    return args


def compile_bytecode() -> None:
    """Byte-compile sphinx_wsis and the baseline extension first, as an installed package is.

    Under ``PYTHONDONTWRITEBYTECODE`` (set in many containers and CI images) a source tree keeps
    no ``__pycache__``, and every build would compile the extension's modules from source again:
    a cost that is CPython's, not the extension's, and that no installed copy pays. Python reads
    the compiled files even with that variable set.
    """
    import compileall

    for folder in (ROOT / "sphinx_wsis", HERE):
        compileall.compile_dir(folder, quiet=2)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    if args.report:
        bench, header, started = load(args)
    else:
        with tempfile.TemporaryDirectory(prefix="wsis-bench-") as tmp:
            bench = Bench(args, args.workdir or Path(tmp))
            compile_bytecode()
            header = machine()
            header.append("- sphinx_wsis and benchmarks/ byte-compiled before the runs")
            started = time.strftime("%Y-%m-%d %H:%M")
            if not needs_available():
                print(
                    "note: sphinx_wsis/needs.py is not on this branch: no `wsis_use_needs` figures",
                    file=sys.stderr,
                )
            began = time.perf_counter()
            bench.run()
            header.append(f"- this run took {(time.perf_counter() - began) / 60:.1f} minutes")
    print(
        f"Run {started}: {args.repeat} runs per case (medians; {args.repeat_100} at 100x), "
        f"scales {args.scales}, goals judged on {args.judge} time, {args.baseline} baseline.\n"
    )
    print("\n".join(header))
    print()
    report = Report(bench)
    print(report.build())
    if args.instructions:
        print(
            "\nInstructions executed (valgrind cachegrind, one run each, PYTHONHASHSEED=0): "
            "what each build does, whatever else the machine runs.\n"
        )
        print(report.instructions())
    if args.json and not args.report:
        raw: dict[str, Any] = {
            "machine": header,
            "started": started,
            "variants": bench.variants,
            "args": {k: str(v) for k, v in vars(args).items()},
            "results": {
                "|".join(map(str, key)): {
                    "error": m.error,
                    "samples": [vars(s) for s in m.samples],
                }
                for key, m in bench.results.items()
            },
        }
        args.json.write_text(json.dumps(raw, indent=2) + "\n", "utf-8")


def load(args: argparse.Namespace) -> tuple[Bench, list[str], str]:
    """A finished run's raw samples (``--json``), to print its table again (``--report``)."""
    raw = json.loads(args.report.read_text("utf-8"))
    bench = Bench(args, Path("."))
    bench.variants = raw.get("variants", bench.variants)
    for key, value in raw["results"].items():
        case, scale, variant = key.split("|")
        samples = [Sample(**sample) for sample in value["samples"]]
        bench.results[(case, int(scale), variant)] = Measure(samples, value["error"])
    return bench, raw["machine"], raw.get("started", "earlier")


if __name__ == "__main__":
    main()
