"""The ``sphinx-wsis`` command line (SPEC §6): ``init``, ``check``, ``export``, ``pdf``,
``import`` and ``aggregate``, one module each.

Exit status: 0 when the report is complete, 1 while it has gaps (or Sphinx printed warnings),
2 when the command cannot run (bad usage, no conf.py, extension not enabled, broken template).
A user's mistake is a one-line message, never a traceback; ``--debug`` shows the traceback of
an unexpected failure.
"""

from __future__ import annotations

import click

from .. import __version__
from . import aggregate, check, export, import_draft, init, pdf

EXAMPLES = """\b
Examples:
  sphinx-wsis init my-report --entity "My Organization" --stakeholder academia
  cd my-report && sphinx-wsis check
  sphinx-wsis export -o report.json
"""


@click.group(epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="sphinx-wsis")
@click.option("--debug", is_flag=True, help="Show the traceback of an unexpected failure.")
def cli(debug: bool) -> None:
    """Write, check and export a WSIS+20 stakeholder report kept as a Sphinx project."""


for command in (
    init.init,
    check.check,
    export.export,
    pdf.pdf,
    import_draft.import_draft,
    aggregate.aggregate,
):
    cli.add_command(command)


#: Set in the click context's ``obj`` by the console script, whose process ends with the command.
ENDS_PROCESS = "ends-process"


def main() -> None:
    """Console-script entry point: the process ends with the command (see
    :func:`.sphinx_run.command_ends_process`)."""
    cli(prog_name="sphinx-wsis", obj={ENDS_PROCESS: True})
