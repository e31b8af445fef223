"""Print how long ``sphinx-wsis check`` takes next to ``sphinx-build -b dummy`` on the same project.

Not a test: a figure to watch. Both run as fresh processes with a fresh environment (check
always reads everything anew; sphinx-build gets -E and a new output directory), on the example
report and on a newly scaffolded one. Usage::

    PYTHONPATH=. python benchmarks/bench_check.py [--runs 5] [extra project dirs...]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}


def timed(command: list[str], ok: tuple[int, ...]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=ENV, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode not in ok:
        sys.exit(f"{' '.join(command)} exited {result.returncode}:\n{result.stderr}")
    return elapsed


def measure(project: Path, runs: int) -> tuple[list[float], list[float]]:
    check, dummy = [], []
    for _ in range(runs):
        check.append(
            timed([sys.executable, "-m", "sphinx_wsis.cli", "check", str(project)], (0, 1))
        )
        with tempfile.TemporaryDirectory() as out:
            dummy.append(
                timed(
                    [sys.executable, "-m", "sphinx", "-E", "-q", "-b", "dummy", str(project), out],
                    (0,),
                )
            )
    return check, dummy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("projects", nargs="*", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        scaffolded = Path(tmp) / "scaffolded"
        subprocess.run(
            [sys.executable, "-m", "sphinx_wsis.cli", "init", str(scaffolded),
             "--entity", "Benchmark Org", "--stakeholder", "academia"],
            check=True, capture_output=True, env=ENV,
        )  # fmt: skip
        projects = [ROOT / "example_project", scaffolded, *args.projects]
        print(f"{args.runs} runs each; median (min) wall-clock seconds")
        print(f"{'project':<28} {'sphinx-wsis check':>18} {'sphinx-build dummy':>19} {'ratio':>6}")
        for project in projects:
            check, dummy = measure(project, args.runs)
            ratio = statistics.median(check) / statistics.median(dummy)
            print(
                f"{project.name:<28} "
                f"{statistics.median(check):>9.2f} ({min(check):5.2f}) "
                f"{statistics.median(dummy):>10.2f} ({min(dummy):5.2f}) "
                f"{ratio:>6.2f}"
            )


if __name__ == "__main__":
    main()
