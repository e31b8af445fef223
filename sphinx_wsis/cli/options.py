"""Click parameters more than one command declares, and the checks of their values."""

from __future__ import annotations

import difflib
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from ..template import Template

F = TypeVar("F", bound=Callable[..., Any])

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


def ask(name: str, value: str | None, prompt: str) -> str:
    """An option's value, asked for on a terminal (as sphinx-quickstart does) when missing."""
    if value is not None:
        return value
    if sys.stdin.isatty():
        return str(click.prompt(prompt))
    raise click.MissingParameter(param_hint=f"'--{name}'", param_type="option")


def stakeholder_key(raw: str, template: Template) -> str:
    """The template's key for a stakeholder type given as its key or its label."""
    from ..option_values import InvalidValue, choice

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


class LazyHelpOption(click.Option):
    """An option whose help is made when it is shown, from data the command line owns no copy of.

    The help of ``--stakeholder`` lists the default template's stakeholder types; reading the
    template at import would slow every command down, ``check`` included, for a help text.
    """

    def __init__(self, *args: Any, help_from: Callable[[], str], **kwargs: Any) -> None:
        self.help_from = help_from
        super().__init__(*args, **kwargs)

    @property  # type: ignore[override]
    def help(self) -> str:
        return self.help_from()

    @help.setter
    def help(self, value: str | None) -> None:
        """Set by click from ``help=``, which these options do not take."""


@functools.cache
def default_template() -> Template:
    """The template a project gets without ``--template`` (its help lists its values)."""
    from ..template import DEFAULT_TEMPLATE, load_template, resolve_template

    return load_template(resolve_template(DEFAULT_TEMPLATE, Path.cwd()))


def template_spec_or_default(spec: str | None) -> str:
    """``--template``'s value: the default template's id when it is not given."""
    from ..template import DEFAULT_TEMPLATE

    return spec or DEFAULT_TEMPLATE


def _stakeholder_help() -> str:
    template = default_template()
    keys = [key for key, _ in template.stakeholders]
    listing = f"{', '.join(keys[:-1])} or {keys[-1]}" if len(keys) > 1 else "".join(keys)
    return (
        f"Stakeholder type: {listing}, as the {template.id} template lists them (or their "
        "labels); another --template lists its own."
    )


def _template_help() -> str:
    return (
        "The report template: an installed template's name or a template YAML file (copied "
        f"into the project). Default: {template_spec_or_default(None)}."
    )


def new_project_options(command: F) -> F:
    """``--entity``, ``--stakeholder``, ``--format`` and ``--template``: what a new project
    (``init``, ``import``) is for and how it is written, with the same help in both."""
    decorators = [
        click.option("--entity", "-e", help="The organization the report is by."),
        click.option("--stakeholder", "-s", cls=LazyHelpOption, help_from=_stakeholder_help),
        click.option(
            "--format",
            "fmt",
            type=click.Choice(["md", "rst"]),
            default="md",
            show_default=True,
            help="Source format of the pages: MyST Markdown or reStructuredText.",
        ),
        click.option(
            "--template",
            "template_spec",
            cls=LazyHelpOption,
            help_from=_template_help,
            metavar="NAME|PATH",
        ),
    ]
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


def chosen_template(spec: str | None) -> tuple[Template, Path | None]:
    """The template ``--template`` names, and its file when the project gets a copy of it
    (a YAML file rather than an installed template's name)."""
    from ..template import TemplateError, available_templates, load_template, resolve_template

    spec = template_spec_or_default(spec)
    try:
        path = resolve_template(spec, Path.cwd())
        template = load_template(path)
    except TemplateError as exc:
        raise click.BadParameter(
            f"WSIS template: {exc} [wsis.template]", param_hint="'--template'"
        ) from None
    return template, None if spec in available_templates() else path
