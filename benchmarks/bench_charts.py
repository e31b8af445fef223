"""What charts cost: one report built with 0, 20 and 200 indicator charts, fresh and incremental.

Each case builds the same report (one page of indicators, each with a series) in a fresh
subprocess, with ``:chart: none`` on every indicator (0 charts) or a line chart on the first N;
then it edits an unrelated page and builds again, which must draw no chart. The table shows the
median wall time of ``--repeat`` runs, the time per chart, and how many charts the incremental
build drew (from the cache directory's file times).

Usage::

    python benchmarks/bench_charts.py [--counts 0,20,200] [--repeat 3] [--format html]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONF = """\
extensions = ["myst_parser", "sphinx_wsis"]
myst_enable_extensions = ["colon_fence"]
project = "Chart benchmark"
suppress_warnings = ["wsis.missing"]
"""
INDICATOR = """\
:::{{wsis-indicator}} Indicator {n}
:value: {last}
:unit: percent
:year: 2024
:source: Benchmark
:baseline: 10
:baseline-year: 2010
:target: 90
:target-year: 2030
:series: {series}
:chart: {chart}
:::

"""


def write_report(path: Path, indicators: int, charts: int) -> None:
    path.mkdir(parents=True, exist_ok=True)
    (path / "conf.py").write_text(CONF, encoding="utf-8")
    blocks = []
    for n in range(indicators):
        points = [(2010 + 2 * i, 10 + (n % 7) + 5 * i) for i in range(8)]
        series = "; ".join(f"{year}: {value}" for year, value in points)
        chart = "line" if n < charts else "none"
        blocks.append(INDICATOR.format(n=n, last=points[-1][1], series=series, chart=chart))
    (path / "index.md").write_text(
        "# Indicators\n\n:::{wsis-report}\n:entity: Bench\n:stakeholder: academia\n:::\n\n"
        + "".join(blocks)
        + "```{toctree}\nother\n```\n",
        encoding="utf-8",
    )
    (path / "other.md").write_text("# Other\n\nText.\n", encoding="utf-8")


def timed_build(srcdir: Path, outdir: Path, builder: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", builder, str(srcdir), str(outdir)],
        check=True,
        cwd=ROOT,
    )
    return time.perf_counter() - start


def measure(charts: int, indicators: int, repeat: int, builder: str) -> tuple[float, float, int]:
    fresh, incremental, redrawn = [], [], 0
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            srcdir, outdir = Path(tmp, "src"), Path(tmp, "out")
            write_report(srcdir, indicators, charts)
            fresh.append(timed_build(srcdir, outdir, builder))
            cache = list((outdir / ".doctrees" / "wsis-charts").glob("*"))
            before = {p: p.stat().st_mtime_ns for p in cache}
            (srcdir / "other.md").write_text("# Other\n\nText, edited.\n", encoding="utf-8")
            incremental.append(timed_build(srcdir, outdir, builder))
            redrawn = sum(1 for p, t in before.items() if p.stat().st_mtime_ns != t)
    return statistics.median(fresh), statistics.median(incremental), redrawn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", default="0,20,200")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--format", default="html", help="the builder: html or latex")
    args = parser.parse_args()
    counts = [int(c) for c in args.counts.split(",")]
    indicators = max(counts)
    print(f"{indicators} indicators with series; builder {args.format}; median of {args.repeat}")
    print(f"{'charts':>6}  {'fresh s':>8}  {'per chart ms':>12}  {'incremental s':>13}  redrawn")
    base = None
    for count in counts:
        fresh, incremental, redrawn = measure(count, indicators, args.repeat, args.format)
        base = fresh if base is None else base
        per_chart = (fresh - base) / count * 1000 if count else 0.0
        print(f"{count:>6}  {fresh:>8.2f}  {per_chart:>12.1f}  {incremental:>13.2f}  {redrawn}")


if __name__ == "__main__":
    main()
