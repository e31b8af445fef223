"""``benchmarks/run.py`` counts instructions under valgrind and judges the goals on the counts.

valgrind itself is replaced by a stand-in that prints its summary line and runs the command, so
the plumbing (the command line, the parsing, the table) is tested without valgrind's minutes.
"""

from __future__ import annotations

import stat
import sys
from pathlib import Path
from types import ModuleType

import pytest

from .conftest import ROOT

FAKE_VALGRIND = """#!/bin/sh
# drop valgrind's own options, run the command, report as cachegrind does
while [ "${1#--}" != "$1" ]; do shift; done
"$@"
status=$?
echo "==4242== I   refs:      ${FAKE_INSTRUCTIONS}" >&2
exit $status
"""


@pytest.fixture
def bench(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    import run

    return run


@pytest.fixture
def fake_valgrind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = tmp_path / "bin" / "valgrind"
    script.parent.mkdir()
    script.write_text(FAKE_VALGRIND, "utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{script.parent}:{Path(sys.executable).parent}:/usr/bin:/bin")
    monkeypatch.setenv("FAKE_INSTRUCTIONS", "5,461,389,041")


def test_a_counted_run_reads_the_instructions_valgrind_prints(
    bench: ModuleType, fake_valgrind: None
) -> None:
    assert bench.run([sys.executable, "-c", "pass"]).instructions is None

    counted = bench.run([sys.executable, "-c", "pass"], count=True)

    assert counted.instructions == 5_461_389_041


def test_a_counted_run_fails_loudly_without_a_count(
    bench: ModuleType, fake_valgrind: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_INSTRUCTIONS", "")

    with pytest.raises(bench.subprocess.CalledProcessError) as failed:
        bench.run([sys.executable, "-c", "pass"], count=True)

    assert bench.failure(failed.value) == "exit 0: valgrind printed no instruction count"


def test_without_valgrind_the_count_is_unavailable(
    bench: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bench.shutil, "which", lambda name: None)

    with pytest.raises(bench.Unavailable, match="valgrind is not installed"):
        bench.run([sys.executable, "-c", "pass"], count=True)


def test_the_instruction_table_judges_each_goal(bench: ModuleType) -> None:
    args = bench.parse_args(["--scales", "1,10", "--instructions", "1"])
    runner = bench.Bench(args, Path("."))
    counts = {
        ("html-instr", "baseline"): 100,
        ("html-instr", "wsis"): 110,  # 1.10: within 1.15
        ("html-instr", "wsis-needs"): 135,  # less the import (10): 1.25, within 1.30
        ("incremental-instr", "baseline"): 50,
        ("incremental-instr", "wsis"): 55,  # 1.10: within 1.20
        ("incremental-instr", "wsis-needs"): 75,  # less the import (10): 1.30, over
        ("verdict-instr", "baseline"): 50,
        ("verdict-instr", "wsis"): 70,  # 1.40: within 1.5
        ("verdict-instr", "wsis-needs"): 80,  # less the import: 1.40, within 1.5
        ("check-instr", "wsis"): 60,  # 1.034 of plain -b dummy: within 1.10
        ("check-instr", "wsis-needs"): 95,  # less the import: 1.466
        ("json-instr", "baseline"): 58,
    }
    for (case, variant), instructions in counts.items():
        runner.results[(case, 1, variant)] = bench.Measure(
            [bench.Sample(1.0, 1.0, 1, instructions * 10**7)]
        )
    for variant, instructions in (("baseline", 20), ("wsis-needs", 30)):
        runner.results[("needs-import-instr", 0, variant)] = bench.Measure(
            [bench.Sample(1.0, 1.0, 1, instructions * 10**7)]
        )

    table = bench.Report(runner).instructions().splitlines()

    rows = {tuple(line.split(" | ")[:2]): line for line in table[2:]}

    def row(case: str, scale: str = "1x") -> str:
        return rows[(f"| {case}", scale)]

    assert "| 1.100 | ≤ 1.15 | PASS |" in row("full HTML build, needs off")
    assert "| 1.350 |  |  |" in row("full HTML build, needs on")
    assert "| 1.250 | ≤ 1.3 | PASS |" in row("full HTML build, needs on, less sphinx-needs' import")
    assert "| 1.100 | ≤ 1.2 | PASS |" in row(
        "incremental, 1 sentence edited, needs off (/ baseline)"
    )
    # with sphinx-needs listed, every goal is judged less its import; the whole has no goal
    assert "| 1.500 |  |  |" in row("incremental, 1 sentence edited, needs on (/ baseline)")
    assert "| 1.300 | ≤ 1.2 | MISS |" in row(
        "incremental, 1 sentence edited, needs on (/ baseline), less sphinx-needs' import"
    )
    assert "| 1.400 | ≤ 1.5 | PASS |" in row(
        "incremental, a verdict changed, needs off (/ baseline)"
    )
    assert "| 1.600 |  |  |" in row("incremental, a verdict changed, needs on (/ baseline)")
    assert "| 1.400 | ≤ 1.5 | PASS |" in row(
        "incremental, a verdict changed, needs on (/ baseline), less sphinx-needs' import"
    )
    assert "| 1.034 | ≤ 1.1 | PASS |" in row("`sphinx-wsis check`, needs off (/ plain `-b dummy`)")
    assert "| 1.638 |  |  |" in row("`sphinx-wsis check`, needs on (/ plain `-b dummy`)")
    assert "| 1.466 | ≤ 1.1 | MISS |" in row(
        "`sphinx-wsis check`, needs on (/ plain `-b dummy`), less sphinx-needs' import"
    )
    assert "| 0.545 |  |  |" in row("`sphinx-wsis check` / full build, needs off")
    floor = row("plain Sphinx's floor for `check`: `-b dummy` / full build, baseline")
    assert "| 1.00 G | 0.58 G | 0.580 |" in floor
    # the same rows at a scale not counted, with the goal that applies there
    assert "| ≤ 0.6 | not run |" in row("`sphinx-wsis check` / full build, needs off", "10x")
    # per scale: needs off, needs on (a "less import" row under each goal), the floor; check
    # has its goal against `-b dummy` at 1x only; then sphinx-needs' import
    assert len(table) - 2 == (5 + 9 + 1) + (5 + 8 + 1) + 1


def test_the_timed_table_has_the_same_rows_whatever_ran(bench: ModuleType) -> None:
    args = bench.parse_args(["--scales", "1,10", "--latex-scales", ""])
    empty = bench.Report(bench.Bench(args, Path("."))).build().splitlines()
    runner = bench.Bench(args, Path("."))
    runner.results[("html", 1, "baseline")] = bench.Measure([bench.Sample(2.0, 2.0, 1000)])
    runner.results[("html", 1, "wsis")] = bench.Measure([bench.Sample(2.2, 2.2, 1100)])

    table = bench.Report(runner).build().splitlines()

    assert [line.split(" | ")[:2] for line in table] == [line.split(" | ")[:2] for line in empty]
    assert "| 1.10 | 1.10 | ≤ 1.15 | PASS |" in table[2]
    assert any(line.startswith("| latexpdf, needs off | 1x |") for line in table)


def test_an_uncounted_case_says_why(bench: ModuleType) -> None:
    args = bench.parse_args(["--scales", "1", "--instructions", "1"])
    runner = bench.Bench(args, Path("."))
    runner.results[("html-instr", 1, "baseline")] = bench.Measure(error="valgrind is not installed")

    table = bench.Report(runner).instructions()

    assert "n/a: valgrind is not installed" in table
