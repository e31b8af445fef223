"""The synthesis as a Sphinx project in ``DIR/source``, built to ``DIR/html`` (and a PDF).

The project has a fixed set of pages whatever the number of reports (an overview, the coverage
matrix, one page per action line, the indicators, the cross-cutting lists, the reports), so a
thousand reports make longer pages, not thousands of them. The pages hold directives only; the
extension :mod:`.ext` renders them from ``synthesis.json``. Titles written into the sources
(action-line headings, which come from the reports' template) are escaped for rST.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..cli.sphinx_run import StatusStream
from .charts import write_charts
from .ext import CHARTS_DIR

SOURCE_DIR = "source"
HTML_DIR = "html"
LATEX_DIR = "latex"
DOCTREES_DIR = ".doctrees"
PDF_NAME = "wsis-synthesis.pdf"
#: Fixed date for the PDF (lualatex honours SOURCE_DATE_EPOCH): 2000-01-01.
SOURCE_DATE_EPOCH = "946684800"

CONF = '''\
# Written by `sphinx-wsis aggregate`: every run writes this folder anew.
project = "WSIS+20 synthesis of stakeholder reports"
author = "sphinx-wsis aggregate"
extensions = ["sphinx_wsis.aggregate.ext"]
wsis_synthesis_data = "../synthesis.json"
html_theme = "alabaster"
smartquotes = False  # report text is shown as written
html_last_updated_fmt = None
html_show_sourcelink = False
latex_engine = "lualatex"
latex_documents = [("index", "wsis-synthesis.tex", project, author, "manual")]
latex_elements = {
    "papersize": "a4paper",
    "fontpkg": r"""
\\usepackage{fontspec}
\\directlua{luaotfload.add_fallback("wsisfallback", {
  "Noto Serif CJK SC:mode=harf;", "Noto Naskh Arabic:mode=harf;script=arab;"})}
\\setmainfont{Noto Serif}[RawFeature={fallback=wsisfallback}]
\\setsansfont{Noto Sans}[RawFeature={fallback=wsisfallback}]
\\setmonofont{DejaVu Sans Mono}
""",
    "printindex": "",
}
'''


class SiteError(Exception):
    """The site cannot be written where asked (a usage error)."""


def check_target(outdir: Path) -> None:
    """Refuse to replace a ``source`` folder that a previous run did not write."""
    source = outdir / SOURCE_DIR
    if not source.is_dir():
        if source.exists():
            raise SiteError(f"{source} exists and is not a folder: choose another output folder")
        return
    conf = source / "conf.py"
    ours = conf.is_file() and conf.read_text("utf-8", "replace").startswith(CONF[:40])
    if not ours and any(source.iterdir()):
        raise SiteError(
            f"{source} exists and was not written by sphinx-wsis aggregate: "
            "choose another output folder"
        )


def rst_text(text: str) -> str:
    """Text as rST that means exactly that text: every mark-up character escaped."""
    return re.sub(r"([^\w\s])", r"\\\1", " ".join(text.split()))


def _heading(text: str, char: str = "=") -> str:
    escaped = rst_text(text)
    return f"{escaped}\n{char * max(len(escaped), 3)}\n"


def page_name(code: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", code.lower()).strip("-")


def write_site(synthesis: dict[str, Any], outdir: Path) -> Path:
    """Write the project into ``outdir/source`` (replacing the last run's); its path."""
    check_target(outdir)
    source = outdir / SOURCE_DIR
    if source.exists():
        shutil.rmtree(source)
    (source / "action-lines").mkdir(parents=True)
    lines = synthesis["action_lines"]
    count = synthesis["overview"]["reports"]
    pages = {
        "conf.py": CONF,
        "index.rst": _heading(f"WSIS+20 synthesis of {count} stakeholder reports")
        + "\n.. wsis-synthesis-overview::\n\n.. toctree::\n   :maxdepth: 1\n\n"
        "   coverage\n   action-lines/index\n   indicators\n   cross-cutting\n   reports\n",
        "coverage.rst": _heading("Coverage of the action lines")
        + "\n.. wsis-synthesis-coverage::\n",
        "indicators.rst": _heading("Key indicators side by side")
        + "\n.. wsis-synthesis-indicators::\n",
        "cross-cutting.rst": _heading("Across the action lines")
        + "\n.. wsis-synthesis-cross-cutting::\n",
        "reports.rst": _heading("The reports") + "\n.. wsis-synthesis-reports::\n",
        "action-lines/index.rst": _heading("Progress on the WSIS action lines")
        + "\n.. toctree::\n   :maxdepth: 1\n\n"
        + "".join(f"   {page_name(line['code'])}\n" for line in lines),
    }
    for line in lines:
        pages[f"action-lines/{page_name(line['code'])}.rst"] = (
            _heading(line["heading"]) + f"\n.. wsis-synthesis-action-line:: {line['code']}\n"
        )
    for name, text in pages.items():
        (source / name).write_text(text, encoding="utf-8")
    write_charts(synthesis, source / CHARTS_DIR)
    return source


def build_site(
    outdir: Path,
    *,
    pdf: bool = False,
    progress: Any = None,
    synthesis: dict[str, Any] | None = None,
) -> list[str]:
    """Build HTML (and the PDF); the problems met, as messages (empty when all went well).

    ``synthesis``, when given, is the content of ``outdir/synthesis.json`` already in memory.
    """
    if synthesis is not None:
        from .datafiles import SYNTHESIS_FILE
        from .ext import prime

        prime(outdir / SYNTHESIS_FILE, synthesis)
    problems = _sphinx(outdir, "html", outdir / HTML_DIR, progress)
    if pdf and not problems:
        latex = outdir / LATEX_DIR
        problems = _sphinx(outdir, "latex", latex, progress)
        if not problems:
            problems = _latexmk(latex, outdir / PDF_NAME, progress)
    return problems


def _sphinx(outdir: Path, builder: str, target: Path, progress: Any) -> list[str]:
    from sphinx.application import Sphinx
    from sphinx.util.console import strip_colors
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    status_line: Callable[[str], None] | None = (
        progress.status(f"Building the synthesis ({builder})") if progress else None
    )
    warnings = io.StringIO()
    source = outdir / SOURCE_DIR
    try:
        # as sphinx-build does; and a second build in this process registers nothing twice
        with patch_docutils(source), docutils_namespace():
            app = Sphinx(
                source,
                source,
                target,
                outdir / DOCTREES_DIR / builder,
                builder,
                status=StatusStream(status_line) if status_line else None,
                warning=warnings,
                freshenv=True,
            )
            app.build()
    except Exception as exc:  # the synthesis is ours: a failure here is a bug, said plainly
        return [f"the synthesis site did not build ({builder}): {type(exc).__name__}: {exc}"]
    finally:
        if status_line:
            status_line("")
    return [line for line in strip_colors(warnings.getvalue()).splitlines() if "WARNING" in line]


def _latexmk(latex: Path, pdf: Path, progress: Any) -> list[str]:
    if shutil.which("latexmk") is None:
        return ["--pdf needs latexmk and TeX Live (lualatex), which are not installed"]
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "FORCE_SOURCE_DATE": "1"}
    with progress.stage("Typesetting the PDF") if progress else _null():
        run = subprocess.run(
            ["make", "-C", str(latex), "all-pdf", "LATEXMKOPTS=-interaction=nonstopmode"],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
    built = latex / "wsis-synthesis.pdf"
    if run.returncode != 0 or not built.is_file():
        tail = "\n".join((run.stdout + run.stderr).splitlines()[-15:])
        return [f"latexmk failed on {latex / 'wsis-synthesis.tex'}:\n{tail}"]
    shutil.copyfile(built, pdf)
    return []


def _null() -> Any:
    from contextlib import nullcontext

    return nullcontext()
