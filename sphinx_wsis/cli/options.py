"""Click parameters more than one command declares, and the checks of their values."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from ..template import Template

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
    from ..values import InvalidValue, choice

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
