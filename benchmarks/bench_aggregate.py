"""Benchmark ``sphinx-wsis aggregate``: N generated report.json files (default 1,000).

The data stage (read, validate, synthesise, write synthesis.json, the CSV files and the
workbook) runs as the command a secretariat would type, ``sphinx-wsis aggregate DIR -o OUT
--no-site --quiet``, in a child process, so its wall time includes start-up and its peak memory
(maximum resident set size) is the command's own. ``--site`` also times the HTML build of the
synthesis, separately. Goals (issue 19): data stage under 20 s and under 1 GiB for 1,000
reports of about the example's size on a 2-core machine.

Usage: ``python benchmarks/bench_aggregate.py [--reports N] [--site] [--keep DIR]``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate_reports import example_document, generate, write  # noqa: E402

GOAL_SECONDS = 20.0
GOAL_BYTES = 1 << 30


def run(args: list[str]) -> tuple[float, float, int]:
    """Wall time, CPU time and peak RSS in bytes of the child command."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "sphinx_wsis.cli", *args], capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"aggregate failed ({done.returncode}):\n{done.stderr}")
    # ru_maxrss is the largest child so far (KiB on Linux): meaningful when it grew
    return seconds, usage.ru_utime + usage.ru_stime - cpu, max(usage.ru_maxrss, before) * 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--site", action="store_true", help="also build the synthesis HTML")
    parser.add_argument("--keep", type=Path, help="work in DIR and keep it")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-aggregate-"))
    inputs, out = work / "reports", work / "synthesis"
    base = example_document()
    documents = generate(args.reports, base, seed=1)
    write(documents, inputs)
    size = sum(p.stat().st_size for p in inputs.iterdir())
    print(
        f"{args.reports} reports, {size / 1e6:.1f} MB of JSON ({size / args.reports / 1e3:.0f} kB "
        f"each; the example exports {len(json.dumps(base, indent=2)) / 1e3:.0f} kB), "
        f"{os.cpu_count()} CPUs"
    )
    seconds, cpu, peak = run(["aggregate", str(inputs), "-o", str(out), "--no-site", "--quiet"])
    ok = seconds < GOAL_SECONDS and peak < GOAL_BYTES
    print(
        f"data stage: {seconds:.1f} s ({cpu:.1f} s of CPU), peak memory {peak / 2**20:.0f} MiB "
        f"(goal < {GOAL_SECONDS:.0f} s, < 1024 MiB): {'met' if ok else 'NOT met'}"
    )
    for name in ("synthesis.json", "indicators.csv", "stories.csv", "synthesis.xlsx"):
        print(f"  {name}: {(out / name).stat().st_size / 1e6:.1f} MB")
    if args.site:
        seconds, cpu, peak = run(["aggregate", str(inputs), "-o", str(out), "--quiet"])
        pages = len(list((out / "html").rglob("*.html")))
        html = sum(p.stat().st_size for p in (out / "html").rglob("*.html"))
        print(
            f"data stage + site: {seconds:.1f} s ({cpu:.1f} s of CPU), "
            f"peak memory {peak / 2**20:.0f} MiB, "
            f"{pages} pages, {html / 1e6:.0f} MB of HTML"
        )
    if not args.keep:
        import shutil

        shutil.rmtree(work)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
