"""``sphinx-wsis init``: a new report project with a page for every part of the template."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import click

from .errors import friendly_errors
from .options import (
    LazyHelpOption,
    ask,
    chosen_template,
    new_project_options,
    stakeholder_key,
)

EXAMPLES = """\b
Examples:
  sphinx-wsis init my-report --entity "Open Access Networks Alliance" --stakeholder civil-society
  sphinx-wsis init report --entity "ACME Corp" --stakeholder private-sector --format rst
"""


def title_help() -> str:
    from ..scaffold.phrases import phrases_for
    from ..template import official_template

    review = official_template().review
    default = phrases_for("en").report_title.format(review=review, entity="ENTITY")
    return f"Report title (default: {default}, in the report's language)."


@click.command(epilog=EXAMPLES)
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@new_project_options
@click.option("--title", default="", cls=LazyHelpOption, help_from=title_help)
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
    template_spec: str | None,
    title: str,
    language: str,
) -> None:
    """Create a new report project in DIRECTORY, with a page for every part of the template.

    Every part starts as placeholder text with ITU's question, so `sphinx-wsis check` lists
    each one as a gap until it is written. DIRECTORY must be new or empty. The entity, the
    title and the template's text are written as text in every file: quoted in conf.py,
    escaped in the pages and README.md.
    """
    from ..scaffold import Options, check_target, render_project, write_project

    check_target(directory)
    template, copied = chosen_template(template_spec)
    entity = ask("entity", entity, "Organization (entity) the report is by")
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
    stakeholder = stakeholder_key(
        ask("stakeholder", stakeholder, f"Stakeholder type ({', '.join(keys)})"), template
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
    from rich.console import Console

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
