"""``sphinx-wsis pdf``: ``sphinx-build -M latexpdf``, then what TeX lost as wsis.pdf warnings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .options import PROJECT_DIR

if TYPE_CHECKING:
    from ..pdf_check import PdfProblem

EXAMPLES = """\b
Examples:
  sphinx-wsis pdf -W                  # CI: fail on any warning, wsis.pdf included
  sphinx-wsis pdf my-report -b out    # the PDF in out/latex/

Exit status: 0 built, 1 warnings with -W or the build failed, 2 bad arguments.
"""


@click.command(context_settings={"ignore_unknown_options": True}, epilog=EXAMPLES)
@PROJECT_DIR
@click.option(
    "--build-dir",
    "-b",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to build (default: DIRECTORY/_build); the PDF goes to BUILD_DIR/latex/.",
)
@click.option("-W", "strict", is_flag=True, help="Exit with status 1 on any warning.")
@click.argument("sphinx_args", nargs=-1, type=click.UNPROCESSED)
def pdf(
    directory: Path, build_dir: Path | None, strict: bool, sphinx_args: tuple[str, ...]
) -> None:
    """Build the PDF of the report in DIRECTORY and report what TeX lost (wsis.pdf).

    Runs `sphinx-build -M latexpdf DIRECTORY BUILD_DIR` (more sphinx-build options may
    follow), then reads the TeX logs: a page that overflows, a character the font has no
    glyph for, or a line running more than a few points past the margin becomes a wsis.pdf
    warning at the file and line of the part it is in.
    """
    status = build_pdf(
        directory, build_dir or directory / "_build", strict=strict, sphinx_args=sphinx_args
    )
    raise click.exceptions.Exit(status)


def build_pdf(
    srcdir: Path, builddir: Path, *, strict: bool, sphinx_args: tuple[str, ...] = ()
) -> int:
    """``sphinx-build -M latexpdf`` then the log check; the exit status for the command line.

    With ``strict`` (``-W``) any warning, Sphinx's or ``wsis.pdf``, makes the status 1.
    """
    from ..pdf_check import scan, suppressed  # the Sphinx side, loaded only when a PDF is built

    command = [sys.executable, "-m", "sphinx", "-M", "latexpdf", str(srcdir), str(builddir)]
    if strict:
        command += ["-W", "--keep-going"]
    # TeX wraps its log at 79 characters unless told otherwise; one message, one line
    environment = {**os.environ, "max_print_line": "100000"}
    status = subprocess.run([*command, *sphinx_args], check=False, env=environment).returncode
    problems: list[PdfProblem] = []
    latex_dir = builddir / "latex"
    if latex_dir.is_dir() and not suppressed(srcdir):
        for tex in sorted(latex_dir.glob("*.tex")):
            problems += scan(tex, srcdir)
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    if problems:
        count = len(problems)
        print(f"sphinx-wsis pdf: {count} wsis.pdf warning{'s' * (count != 1)}.", file=sys.stderr)
    if status == 0 and problems and strict:
        return 1
    return status
