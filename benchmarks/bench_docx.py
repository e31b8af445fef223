"""Print how long ``sphinx-build -b wsis-docx`` takes next to ``-b html`` on the same report.

Not a test: a figure to watch. Both builders run as fresh processes with a fresh environment
(``-E``, a new output directory), alternating (HTML, DOCX, DOCX, HTML …) so drift on a shared
machine hits both alike, on the example report and, with ``--scales``, on the synthetic reports
of :mod:`generate` (the example's pages copied ``scale`` times). Usage::

    PYTHONPATH=. python benchmarks/bench_docx.py [--runs 5] [--scales 1,10]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE)]
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}

from generate import generate  # noqa: E402


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(builder: str, source: Path, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one build (CPU: what other tenants of the machine cannot add)."""
    command = [sys.executable, "-m", "sphinx", "-q", "-E", "-b", builder, str(source), str(out)]
    start, cpu = time.perf_counter(), _children_cpu()
    result = subprocess.run(command, capture_output=True, text=True, env=ENV, check=False)
    elapsed, cpu = time.perf_counter() - start, _children_cpu() - cpu
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} exited {result.returncode}:\n{result.stderr}")
    return elapsed, cpu


def measure(source: Path, runs: int, work: Path) -> tuple[list[float], int]:
    """Medians: HTML wall, DOCX wall, HTML CPU, DOCX CPU; and the .docx file's size."""
    times: dict[str, list[tuple[float, float]]] = {"html": [], "wsis-docx": []}
    for index in range(runs):
        order = ("html", "wsis-docx") if index % 2 == 0 else ("wsis-docx", "html")
        for builder in order:
            times[builder].append(timed(builder, source, work / f"{builder}-{index}"))
    docx = next((work / f"wsis-docx-{runs - 1}").glob("*.docx"))
    medians = [
        statistics.median(sample[kind] for sample in times[builder])
        for kind in (0, 1)
        for builder in ("html", "wsis-docx")
    ]
    return medians, docx.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scales", default="1", help="comma-separated report sizes, e.g. 1,10")
    args = parser.parse_args()
    print(
        "| report | HTML wall (s) | DOCX wall (s) | DOCX / HTML wall | HTML CPU (s) "
        "| DOCX CPU (s) | DOCX / HTML CPU | .docx size |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for scale in (int(s) for s in args.scales.split(",")):
            source = ROOT / "example_project"
            label = "example report"
            if scale > 1:
                source = generate(scale, work / f"src-{scale}")
                label = f"example x{scale}"
            (html, docx, html_cpu, docx_cpu), size = measure(source, args.runs, work / f"{scale}")
            print(
                f"| {label} | {html:.2f} | {docx:.2f} | {docx / html:.2f} | {html_cpu:.2f} "
                f"| {docx_cpu:.2f} | {docx_cpu / html_cpu:.2f} | {size / 1024:.0f} KiB |"
            )


if __name__ == "__main__":
    main()
