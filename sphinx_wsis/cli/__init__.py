"""The ``sphinx-wsis`` command line (SPEC §6): ``init``, ``check``, ``export``, ``pdf``,
``import`` and ``aggregate``, one module each.

Exit status: 0 when the report is complete, 1 while it has gaps (or Sphinx printed warnings),
2 when the command cannot run (bad usage, no conf.py, extension not enabled, broken template).
A user's mistake is a one-line message, never a traceback; ``--debug`` shows the traceback of
an unexpected failure.
"""

from __future__ import annotations

import importlib

import click

from .. import __version__

EXAMPLES = """\b
Examples:
  sphinx-wsis init my-report --entity "My Organization" --stakeholder academia
  cd my-report && sphinx-wsis check
  sphinx-wsis export -o report.json
"""

#: command name → the module that defines it (as a function named like the module): a
#: command's module is imported when it runs (or ``--help`` lists them all), so ``check`` does
#: not pay for ``aggregate``'s or ``import``'s
COMMANDS = {
    "init": "init",
    "check": "check",
    "export": "export",
    "pdf": "pdf",
    "import": "import_draft",
    "aggregate": "aggregate",
}


class Commands(click.Group):
    """A click group whose commands are imported on first use (click's "lazy group")."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        # an unknown name loads them all, so that click's "Did you mean" knows every command
        for name in [cmd_name] if cmd_name in COMMANDS else list(COMMANDS):
            if name not in self.commands:
                module = COMMANDS[name]
                self.add_command(getattr(importlib.import_module(f".{module}", __name__), module))
        return super().get_command(ctx, cmd_name)


@click.group(
    cls=Commands, epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(__version__, "-V", "--version", prog_name="sphinx-wsis")
@click.option("--debug", is_flag=True, help="Show the traceback of an unexpected failure.")
def cli(debug: bool) -> None:
    """Write, check and export a WSIS+20 stakeholder report kept as a Sphinx project."""


#: Set in the click context's ``obj`` by the console script, whose process ends with the command.
ENDS_PROCESS = "ends-process"


def main() -> None:
    """Console-script entry point: the process ends with the command (see
    :func:`.sphinx_run.command_ends_process`)."""
    cli(prog_name="sphinx-wsis", obj={ENDS_PROCESS: True})
