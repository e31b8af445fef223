"""``sphinx-wsis export``: the report as the JSON document the wsis-json builder writes."""

from __future__ import annotations

from pathlib import Path

import click

from .errors import ProjectError, err_console, friendly_errors
from .options import JOBS, PROJECT_DIR
from .streams import open_output, progress

EXAMPLES = """\b
Examples:
  sphinx-wsis export -o report.json
  sphinx-wsis export my-report -o - | jq .completeness

Exit status: 0 complete, 1 written but with gaps, 2 the project cannot be read.
"""


@click.command(epilog=EXAMPLES)
@PROJECT_DIR
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    required=True,
    help="Where to write the JSON document ('-' for standard output).",
)
@JOBS
@friendly_errors
def export(directory: Path, output: Path, jobs: int) -> None:
    """Write the report in DIRECTORY (default: here) as one JSON document.

    The document is what `sphinx-build -b wsis-json` writes (report.json): metadata, contact,
    sections, action lines with their aspects, stories, indicators and completeness, valid
    against sphinx_wsis/schemas/report.schema.json. It is written even while the report has
    gaps; the exit status then is 1.
    """
    from .sphinx_run import command_ends_process, run_sphinx
    from .verdict import CheckReport

    with (
        progress("Exporting the report") as update,
        run_sphinx(
            directory,
            "wsis-json",
            parallel=jobs,
            progress=update,
            last_in_process=command_ends_process(),
        ) as run,
    ):
        written = run.outdir / "report.json"
        if not written.is_file():
            why = [
                f"{w.file}:{w.line}: {w.message}" if w.file else w.message
                for w in run.warnings
                if w.type == "wsis.invalid" and "was not written" in w.message
            ]
            raise ProjectError("\n".join(why) or "the wsis-json builder wrote no report.json")
        data = written.read_text("utf-8")
        report = CheckReport.from_run(run)
    with open_output(output) as stream:
        stream.write(data)
    if str(output) != "-":
        state = "complete" if report.exit_code == 0 else "incomplete"
        err_console().print(
            f"Wrote {output}; the report is {state}: {report.summary()}", markup=False
        )
    raise click.exceptions.Exit(report.exit_code)
