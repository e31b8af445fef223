"""What a PDF costs in each script: the same small complete report built to PDF in English,
Arabic and Chinese (and any other UN language asked for), each in a fresh ``sphinx-build -M
latexpdf`` subprocess.

English in Latin script is set by pdfLaTeX as Sphinx sets it up; Arabic and Chinese by
LuaLaTeX with babel, HarfBuzz shaping and the Noto fonts (``sphinx_wsis/latex_languages.py``).
The table shows the median wall time of ``--repeat`` runs and the ratio to English. The first
LuaLaTeX run on a machine also builds luaotfload's font cache: ``--warm`` (on by default)
builds each report once before timing.

Usage::

    python benchmarks/bench_languages.py [--languages en,ar,zh] [--repeat 3] [--no-warm]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.multilingual import LANGUAGES, write_report  # noqa: E402


def build_pdf(source: Path, out: Path) -> float:
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-M", "latexpdf", str(source), str(out), "-q"],
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if result.returncode:
        sys.exit(f"{source}: the PDF build failed\n{result.stdout[-2000:]}{result.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--languages", default="en,ar,zh")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-warm", dest="warm", action="store_false")
    args = parser.parse_args()
    languages = [lang.strip() for lang in args.languages.split(",") if lang.strip()]
    unknown = set(languages) - set(LANGUAGES)
    if unknown:
        parser.error(f"not a UN language: {', '.join(sorted(unknown))}")
    times: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="wsis-bench-languages-") as tmp:
        for language in languages:
            source = write_report(Path(tmp, language, "src"), language)
            out = Path(tmp, language, "out")
            if args.warm:
                build_pdf(source, out)
            times[language] = statistics.median(build_pdf(source, out) for _ in range(args.repeat))
    english = times.get("en")
    print("| language | PDF build (median s) | vs English |")
    print("| --- | ---: | ---: |")
    for language, seconds in times.items():
        ratio = f"{seconds / english:.1f}x" if english else "-"
        print(f"| {language} | {seconds:.1f} | {ratio} |")


if __name__ == "__main__":
    main()
