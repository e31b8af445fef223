"""``sphinx-wsis pdf``: ``sphinx-build -M latexpdf``, then what TeX lost as wsis.pdf warnings."""

from __future__ import annotations

from pathlib import Path

import click

from .options import PROJECT_DIR

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
    from ..pdf_check import build_pdf

    status = build_pdf(
        directory, build_dir or directory / "_build", strict=strict, sphinx_args=sphinx_args
    )
    raise click.exceptions.Exit(status)
