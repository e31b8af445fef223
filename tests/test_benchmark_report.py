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
    args = bench.parse_args(["--scales", "1", "--instructions", "1"])
    runner = bench.Bench(args, Path("."))
    counts = {
        ("html-instr", "baseline"): 100,
        ("html-instr", "wsis"): 110,  # 1.10: within 1.15
        ("html-instr", "wsis-needs"): 135,  # 1.35: over 1.30
        ("check-instr", "wsis"): 55,  # 0.50 of its own full build
        ("check-instr", "wsis-needs"): 95,  # 0.70
        ("json-instr", "baseline"): 58,
    }
    for (case, variant), instructions in counts.items():
        runner.results[(case, 1, variant)] = bench.Measure(
            [bench.Sample(1.0, 1.0, 1, instructions * 10**7)]
        )

    table = bench.Report(runner).instructions().splitlines()

    rows = {line.split(" | ")[0].lstrip("| "): line for line in table[2:]}
    assert "| 1.100 | ≤ 1.15 | PASS |" in rows["full HTML build, needs off"]
    assert "| 1.350 | ≤ 1.3 | MISS |" in rows["full HTML build, needs on"]
    assert "| 0.500 | ≤ 0.6 | PASS |" in rows["`sphinx-wsis check` / full build, needs off"]
    assert "| 0.704 | ≤ 0.6 | MISS |" in rows["`sphinx-wsis check` / full build, needs on"]
    floor = rows["plain Sphinx's floor for `check`: `-b dummy` / full build, baseline"]
    assert "| 1.00 G | 0.58 G | 0.580 |" in floor


def test_an_uncounted_case_says_why(bench: ModuleType) -> None:
    args = bench.parse_args(["--scales", "1", "--instructions", "1"])
    runner = bench.Bench(args, Path("."))
    runner.results[("html-instr", 1, "baseline")] = bench.Measure(error="valgrind is not installed")

    table = bench.Report(runner).instructions()

    assert "n/a: valgrind is not installed" in table
