"""``sphinx-wsis check``: read the project as Sphinx does and print its completeness verdict."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .errors import friendly_errors
from .options import JOBS, PROJECT_DIR
from .streams import may_be_terminal, open_output, progress

if TYPE_CHECKING:
    from .verdict import CheckReport

EXAMPLES = """\b
Examples:
  sphinx-wsis check                        # the project in the current directory
  sphinx-wsis check my-report              # print the matrix and every gap
  sphinx-wsis check --format json > gaps.json
  sphinx-wsis check --format junit -o wsis-junit.xml
  sphinx-wsis check --format github        # annotations in a GitHub Actions job

Exit status: 0 complete, 1 gaps or Sphinx warnings, 2 the project cannot be read.
"""


@click.command(epilog=EXAMPLES)
@PROJECT_DIR
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "junit", "github"]),
    default="text",
    show_default=True,
    help="text: matrix and findings; json: see schemas/check.schema.json; junit: JUnit XML, "
    "one test case per template part; github: workflow annotations.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    default=None,
    help="Write to FILE instead of standard output.",
)
@click.option(
    "--color/--no-color", default=None, help="Force colour and symbols on or off (default: auto)."
)
@JOBS
@friendly_errors
def check(directory: Path, fmt: str, output: Path | None, color: bool | None, jobs: int) -> None:
    """Check that the report in DIRECTORY (default: here) covers every part of its template.

    The project is read as sphinx-build reads it, into a temporary directory: nothing is
    written into the project. Prints the completeness matrix and every gap with file:line.
    """
    from .sphinx_run import command_ends_process, run_sphinx
    from .verdict import CheckReport

    with (
        progress("Checking the report") as update,
        run_sphinx(
            directory,
            "dummy",
            parallel=jobs,
            progress=update,
            last_in_process=command_ends_process(),
        ) as run,
    ):
        report = CheckReport.from_run(run)
    with open_output(output) as stream:
        if fmt == "json":
            import json

            from .formats.check_json import to_json

            stream.write(json.dumps(to_json(report), indent=2, ensure_ascii=False) + "\n")
        elif fmt == "junit":
            from .formats.junit import to_junit

            stream.write(to_junit(report))
        elif fmt == "github":
            from .formats.github import step_summary, to_github

            stream.write("\n".join(to_github(report)) + "\n")
            summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
            if summary_file:  # the job's summary page on GitHub
                with open(summary_file, "a", encoding="utf-8") as summary:
                    summary.write(step_summary(report))
        else:
            print_text(report, stream, color)
    raise click.exceptions.Exit(report.exit_code)


def print_text(report: CheckReport, stream: Any, color: bool | None) -> None:
    """Symbols and colours on a terminal, plain text elsewhere (without loading rich)."""
    from .formats.text import render_plain

    if may_be_terminal(stream, color):
        from rich.console import Console

        from .formats.terminal import render_terminal

        # rich has the last word on what a terminal is (and honours NO_COLOR and TERM=dumb)
        console = Console(
            file=stream,
            highlight=False,
            force_terminal=color,
            no_color=None if color is None else not color,
        )
        if console.is_terminal:
            if not stream.isatty():
                console.width = 120  # forced colour into a pipe: no terminal width to fit
            render_terminal(report, console)
            return
    stream.write(render_plain(report))
