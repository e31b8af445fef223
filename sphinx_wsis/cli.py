"""The ``sphinx-wsis`` command line (SPEC §6): ``init``, ``check``, ``export``, ``import`` and
``aggregate``.

Exit status: 0 when the report is complete, 1 while it has gaps (or Sphinx printed warnings),
2 when the command cannot run (bad usage, no conf.py, extension not enabled, broken template).
A user's mistake is a one-line message, never a traceback; ``--debug`` shows the traceback of
an unexpected failure.
"""

from __future__ import annotations

import difflib
import functools
import os
import sys
import traceback
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.markup import escape

from . import __version__

F = TypeVar("F", bound=Callable[..., Any])
EXIT_USAGE = 2

EXAMPLES_INIT = """\b
Examples:
  sphinx-wsis init my-report --entity "Open Access Networks Alliance" --stakeholder civil-society
  sphinx-wsis init report --entity "ACME Corp" --stakeholder private-sector --format rst
"""
EXAMPLES_CHECK = """\b
Examples:
  sphinx-wsis check                        # the project in the current directory
  sphinx-wsis check my-report              # print the matrix and every gap
  sphinx-wsis check --format json > gaps.json
  sphinx-wsis check --format junit -o wsis-junit.xml
  sphinx-wsis check --format github        # annotations in a GitHub Actions job

Exit status: 0 complete, 1 gaps or Sphinx warnings, 2 the project cannot be read.
"""
EXAMPLES_EXPORT = """\b
Examples:
  sphinx-wsis export -o report.json
  sphinx-wsis export my-report -o - | jq .completeness

Exit status: 0 complete, 1 written but with gaps, 2 the project cannot be read.
"""
EXAMPLES_MAIN = """\b
Examples:
  sphinx-wsis init my-report --entity "My Organization" --stakeholder academia
  cd my-report && sphinx-wsis check
  sphinx-wsis export -o report.json
"""


def err_console() -> Console:
    return Console(stderr=True, highlight=False)


def fail(message: str) -> click.exceptions.Exit:
    """Print ``message`` as an error and stop with exit status 2."""
    err_console().print(f"[bold red]Error:[/] {escape(message)}", soft_wrap=True, markup=True)
    return click.exceptions.Exit(EXIT_USAGE)


def friendly_errors(command: F) -> F:
    """Turn the errors a user can cause into a message and exit status 2."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        # imported when a command runs, not with the command line: `check` never loads the
        # scaffold (half a second of imports), so a ScaffoldError comes only once it is loaded
        from .runner import InternalError, ProjectError

        try:
            return command(*args, **kwargs)
        except InternalError as exc:
            if click.get_current_context().find_root().params.get("debug"):
                traceback.print_exception(exc.original)
            raise fail(f"{exc}\n(run `sphinx-wsis --debug …` to see the traceback)") from None
        except ProjectError as exc:
            raise fail(str(exc)) from None
        except OSError as exc:
            where = f" {exc.filename}" if exc.filename else ""
            raise fail(f"cannot write{where}: {exc.strerror or exc}") from None
        except Exception as exc:
            scaffold = sys.modules.get(f"{__package__}.scaffold")
            if scaffold is not None and isinstance(exc, scaffold.ScaffoldError):
                raise fail(str(exc)) from None
            raise

    return wrapper  # type: ignore[return-value]


@click.group(epilog=EXAMPLES_MAIN, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="sphinx-wsis")
@click.option("--debug", is_flag=True, help="Show the traceback of an unexpected failure.")
def cli(debug: bool) -> None:
    """Write, check and export a WSIS+20 stakeholder report kept as a Sphinx project."""


# -- init -----------------------------------------------------------------------------------------


@cli.command(epilog=EXAMPLES_INIT)
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--entity", "-e", help="The organization the report is by.")
@click.option(
    "--stakeholder",
    "-s",
    help="Stakeholder type: government, civil-society, academia, private-sector, "
    "technical-community or international-organization (as the template lists them).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "rst"]),
    default="md",
    show_default=True,
    help="Source format: MyST Markdown or reStructuredText.",
)
@click.option(
    "--template",
    "template_spec",
    default="wsis20-stakeholder",
    show_default=True,
    metavar="NAME|PATH",
    help="The report template: an installed template's name or a template YAML file "
    "(copied into the project).",
)
@click.option("--title", default="", help="Report title (default: WSIS+20 Report of ENTITY).")
@click.option(
    "--language",
    "-l",
    type=click.Choice(["en", "fr", "es", "ru", "ar", "zh"]),
    default="en",
    show_default=True,
    help="The report's language (a UN language): headings, ITU's questions, placeholder text "
    "and conf.py's language setting.",
)
@friendly_errors
def init(
    directory: Path,
    entity: str | None,
    stakeholder: str | None,
    fmt: str,
    template_spec: str,
    title: str,
    language: str,
) -> None:
    """Create a new report project in DIRECTORY, with a page for every part of the template.

    Every part starts as placeholder text with ITU's question, so `sphinx-wsis check` lists
    each one as a gap until it is written. DIRECTORY must be new or empty. The entity, the
    title and the template's text are written as text in every file: quoted in conf.py,
    escaped in the pages and README.md.
    """
    from .scaffold import Options, check_target, render_project, write_project
    from .template import TemplateError, available_templates, load_template, resolve_template

    check_target(directory)
    try:
        template_path = resolve_template(template_spec, Path.cwd())
        template = load_template(template_path)
    except TemplateError as exc:
        raise click.BadParameter(
            f"WSIS template: {exc} [wsis.template]", param_hint="'--template'"
        ) from None
    copied = None if template_spec in available_templates() else template_path
    entity = _ask("entity", entity, "Organization (entity) the report is by")
    for name, value in (("--entity", entity), ("--title", title)):
        control = next((c for c in value if unicodedata.category(c) in ("Cc", "Cs")), None)
        if control is not None and not control.isspace():
            raise click.BadParameter(
                f"holds the control character U+{ord(control):04X}; write plain text",
                param_hint=f"'{name}'",
            )
    entity = " ".join(entity.split())
    if not entity:
        raise click.BadParameter("must not be empty", param_hint="'--entity'")
    keys = [key for key, _ in template.stakeholders]
    stakeholder = _stakeholder(
        _ask("stakeholder", stakeholder, f"Stakeholder type ({', '.join(keys)})"), template
    )
    options = Options(
        entity=entity,
        stakeholder=stakeholder,
        fmt=fmt,
        title=" ".join(title.split()),
        template_setting=copied.name if copied else "",
        language=language,
    )
    files = render_project(template, options)
    write_project(directory, files, copied)
    out = Console(highlight=False)
    out.print(f"Created the report project [bold]{directory}[/] ({len(files)} files).")
    out.print(
        "Next steps:\n"
        f"  cd {directory}\n"
        "  sphinx-wsis check                      # every part is still a gap\n"
        "  sphinx-build -b html . _build/html     # the website\n"
        "  sphinx-build -M latexpdf . _build      # the PDF\n"
        "Each gap is a warning with its file and line; the website and the PDF are still\n"
        "written. CI adds -W to fail while any gap remains.\n"
        "README.md says how to write, check and submit the report, and how CI installs\n"
        "sphinx-wsis (not on PyPI yet: from a clone or a wheel).",
        markup=False,
    )


def _ask(name: str, value: str | None, prompt: str) -> str:
    """An option's value, asked for on a terminal (as sphinx-quickstart does) when missing."""
    if value is not None:
        return value
    if sys.stdin.isatty():
        return str(click.prompt(prompt))
    raise click.MissingParameter(param_hint=f"'--{name}'", param_type="option")


def _stakeholder(raw: str, template: Any) -> str:
    from .values import InvalidValue, choice

    keys = [key for key, _ in template.stakeholders]
    labels = {label.lower(): key for key, label in template.stakeholders}
    try:
        return labels.get(raw.strip().lower()) or choice(raw, keys, "stakeholder type")
    except InvalidValue:
        close = difflib.get_close_matches(raw.strip().lower(), keys, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        listing = ", ".join(f"{key} ({label})" for key, label in template.stakeholders)
        raise click.BadParameter(
            f"{raw.strip()!r} is not a stakeholder type of the {template.title} ({template.id})."
            f"{hint} Choose one of: {listing}.",
            param_hint="'--stakeholder'",
        ) from None


# -- check ----------------------------------------------------------------------------------------

PROJECT_DIR = click.argument(
    "directory",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path(),
    required=False,
)
JOBS = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=0,
    help="Read pages in N parallel processes (0: one process).",
)


@cli.command(epilog=EXAMPLES_CHECK)
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
    import json

    from .report_output import CheckReport, step_summary, to_github, to_json, to_junit
    from .report_text import render_text
    from .runner import run_sphinx

    with (
        progress("Checking the report") as update,
        run_sphinx(directory, "dummy", parallel=jobs, progress=update) as run,
    ):
        report = CheckReport.from_run(run)
    with _open_output(output) as stream:
        if fmt == "json":
            stream.write(json.dumps(to_json(report), indent=2, ensure_ascii=False) + "\n")
        elif fmt == "junit":
            stream.write(to_junit(report))
        elif fmt == "github":
            stream.write("\n".join(to_github(report)) + "\n")
            summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
            if summary_file:  # the job's summary page on GitHub
                with open(summary_file, "a", encoding="utf-8") as summary:
                    summary.write(step_summary(report))
        else:
            # rich decides what a terminal is (and honours NO_COLOR, FORCE_COLOR, TERM=dumb)
            console = Console(
                file=stream,
                highlight=False,
                force_terminal=color,
                no_color=None if color is None else not color,
            )
            if not stream.isatty():
                console.width = 120  # logs and files: no terminal width to fit
            render_text(report, console, fancy=console.is_terminal)
    raise click.exceptions.Exit(report.exit_code)


# -- pdf ------------------------------------------------------------------------------------------


@cli.command(
    context_settings={"ignore_unknown_options": True},
    epilog="""\b
Examples:
  sphinx-wsis pdf -W                  # CI: fail on any warning, wsis.pdf included
  sphinx-wsis pdf my-report -b out    # the PDF in out/latex/

Exit status: 0 built, 1 warnings with -W or the build failed, 2 bad arguments.
""",
)
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
    from .pdf_check import build_pdf

    status = build_pdf(
        directory, build_dir or directory / "_build", strict=strict, sphinx_args=sphinx_args
    )
    raise click.exceptions.Exit(status)


# -- export ---------------------------------------------------------------------------------------


@cli.command(epilog=EXAMPLES_EXPORT)
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
    from .report_output import CheckReport
    from .runner import ProjectError, run_sphinx

    with (
        progress("Exporting the report") as update,
        run_sphinx(directory, "wsis-json", parallel=jobs, progress=update) as run,
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
    with _open_output(output) as stream:
        stream.write(data)
    if str(output) != "-":
        state = "complete" if report.exit_code == 0 else "incomplete"
        err_console().print(f"Wrote {output} (report {state}: {report.summary()}).", markup=False)
    raise click.exceptions.Exit(report.exit_code)


# -- aggregate ------------------------------------------------------------------------------------

EXAMPLES_AGGREGATE = """\b
Examples:
  sphinx-wsis aggregate submissions/ -o synthesis
  sphinx-wsis aggregate a/report.json b/report.json report-project/ -o synthesis --pdf
  sphinx-wsis aggregate submissions/ -o synthesis --no-site --quiet    # data files only, for CI

Exit status: 0 every input read, 1 some input rejected (each is named with the reason) or
the site did not build cleanly, 2 bad usage.
"""


@cli.command(epilog=EXAMPLES_AGGREGATE)
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
    from .aggregate import aggregate as run
    from .aggregate.inputs import NoInputs
    from .aggregate.progress import progress_for
    from .aggregate.site import SiteError

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


# -- helpers --------------------------------------------------------------------------------------


@contextmanager
def progress(what: str) -> Iterator[Callable[[str], None] | None]:
    """A spinner with Sphinx's latest status line, on a terminal only."""
    console = err_console()
    if not console.is_terminal:
        yield None
        return
    with console.status(f"{what}…") as status:
        yield lambda line: status.update(f"{what}… [dim]{escape(line[:80])}[/]")


@contextmanager
def _open_output(output: Path | None) -> Iterator[Any]:
    if output is None or str(output) == "-":
        with nullcontext(sys.stdout) as stream:
            yield stream
        sys.stdout.flush()
        return
    with output.open("w", encoding="utf-8") as stream:
        yield stream


def _add_import() -> None:
    from .word.command import import_command

    cli.add_command(import_command)


_add_import()


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="sphinx-wsis")


if __name__ == "__main__":
    main()
