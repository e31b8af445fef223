"""``sphinx-wsis aggregate``: the command line of :mod:`sphinx_wsis.aggregate`."""

from __future__ import annotations

from pathlib import Path

import click

from .errors import err_console, fail, friendly_errors

EXAMPLES = """\b
Examples:
  sphinx-wsis aggregate submissions/ -o synthesis
  sphinx-wsis aggregate a/report.json b/report.json report-project/ -o synthesis --pdf
  sphinx-wsis aggregate submissions/ -o synthesis --no-site --quiet    # data files only, for CI

Exit status: 0 every input read, 1 some input rejected (each is named with the reason) or
the site did not build cleanly, 2 bad usage.
"""


@click.command(epilog=EXAMPLES)
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder for the synthesis (created if needed).",
)
@click.option("--pdf", is_flag=True, help="Also typeset the synthesis as a PDF (lualatex).")
@click.option("--no-site", is_flag=True, help="Write the data files only, not the site.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=0,
    help="Build report projects in N parallel processes (0: one per CPU core).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress display and no summary.")
@friendly_errors
def aggregate(
    inputs: tuple[Path, ...], output: Path, pdf: bool, no_site: bool, jobs: int, quiet: bool
) -> None:
    """Aggregate many reports (INPUT: report.json files, folders of them, report projects)
    into one synthesis in OUTPUT: synthesis.json, indicators.csv, stories.csv, synthesis.xlsx,
    and a site (OUTPUT/html) with the coverage of every action line by stakeholder type,
    every contribution and success story attributed, and indicators side by side.

    A bad input is reported with the reason and skipped; the others are still aggregated.
    """
    from ..aggregate import aggregate as run
    from ..aggregate.inputs import NoInputs
    from ..aggregate.progress import progress_for
    from ..aggregate.site import SiteError

    try:
        outcome = run(
            inputs,
            output,
            jobs=jobs or None,
            pdf=pdf,
            site=not no_site,
            progress=progress_for(quiet),
        )
    except (NoInputs, SiteError) as exc:
        raise fail(str(exc)) from None
    console = err_console()
    for rejection in outcome.rejected:
        console.print(
            f"rejected: {rejection.source}: {rejection.reason}", markup=False, soft_wrap=True
        )
    for problem in outcome.site_errors:
        console.print(f"site: {problem}", markup=False, soft_wrap=True)
    if not quiet:
        overview = outcome.synthesis["overview"]
        where = output / "html" / "index.html" if not no_site else output / "synthesis.json"
        console.print(
            f"Aggregated {overview['reports']} reports ({overview['rejected']} inputs rejected, "
            f"{overview['duplicates']} entities reported twice) into {where}",
            markup=False,
            soft_wrap=True,
        )
    raise click.exceptions.Exit(outcome.exit_code)
