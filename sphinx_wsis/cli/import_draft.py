"""``sphinx-wsis import``: a Word draft into a new report project (the reading is in ``word/``)."""

from __future__ import annotations

from pathlib import Path

import click

from ..vocabulary import PartKind
from .errors import fail, friendly_errors
from .options import chosen_template, new_project_options, stakeholder_key

EXAMPLES = """\b
Examples:
  sphinx-wsis import draft.docx my-report --entity "OANA" --stakeholder civil-society
  sphinx-wsis import report.docx my-report --format rst
  cd my-report && sphinx-wsis check        # lists every part the draft left unanswered

Exit status: 0 imported, 2 the draft cannot be read or the options are wrong.
"""


@click.command("import", epilog=EXAMPLES)
@click.argument("draft", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@new_project_options
@friendly_errors
def import_draft(
    draft: Path,
    directory: Path,
    fmt: str,
    entity: str | None,
    stakeholder: str | None,
    template_spec: str | None,
) -> None:
    """Start a report project in DIRECTORY from the Word draft DRAFT (.docx).

    The draft's text goes under the parts of the template its headings name (Annex 1's
    chapters, sections, action lines and aspects, numbered or not); tables, lists, bold,
    italic, links and pictures are kept. Parts the draft does not answer keep the
    placeholder `init` writes, so `sphinx-wsis check` lists them; text that fits no part is
    put on one page, unplaced, for you to move. Without --entity or --stakeholder, the
    draft's title page says who reports.
    """
    from ..scaffold import check_target, write_project
    from ..word.placing import place
    from ..word.project import UNPLACED, render
    from ..word.project import stakeholder_key as stakeholder_named_in
    from ..word.reader import DraftError, read_draft

    check_target(directory)
    template, copied = chosen_template(template_spec)
    try:
        read = read_draft(draft)
    except DraftError as exc:
        raise fail(str(exc)) from None
    placed = place(read.blocks, template)
    name = entity or placed.report.get("entity") or read.properties.get("author", "")
    name = " ".join(name.split())
    if not name:
        raise click.BadParameter(
            "the draft does not say which organization it is by: give --entity",
            param_hint="'--entity'",
        )
    key = stakeholder or stakeholder_named_in(placed, template)
    if not key:
        raise click.BadParameter(
            "the draft does not name a stakeholder type: give --stakeholder (one of "
            + ", ".join(k for k, _ in template.stakeholders)
            + ")",
            param_hint="'--stakeholder'",
        )
    key = stakeholder_key(key, template)
    result = render(placed, template, fmt, name, key, copied.name if copied else "")
    write_project(directory, result.files, copied)
    for relative, data in result.pictures.items():
        target = directory / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    from rich.console import Console

    out = Console(highlight=False, stderr=True)
    answered = placed.answered()
    written = {PartKind.ASPECT, PartKind.SECTION, PartKind.STORIES}
    required = [p for p in template.parts() if p.kind in written]
    done = sum(1 for p in required if p.id in answered)
    out.print(
        f"Created the report project {directory} from {draft.name}: {done} of "
        f"{len(required)} written parts answered, {len(result.pictures)} "
        f"picture{'' if len(result.pictures) == 1 else 's'}.",
        markup=False,
    )
    if placed.prompts_left_out:
        out.print(f"Left out {placed.prompts_left_out} of ITU's prompts.", markup=False)
    if UNPLACED + f".{fmt}" in result.files:
        out.print(
            f"Warning: some text fits no part of the template; it is on "
            f"{UNPLACED}.{fmt}: move it into its parts.",
            markup=False,
        )
    out.print(f"Next: cd {directory} && sphinx-wsis check", markup=False)
