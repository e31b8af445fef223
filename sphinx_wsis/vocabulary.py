"""The words of a completeness verdict: part states, their labels, part kinds, the summary sentence.

One vocabulary for the annex matrix, ``sphinx-wsis check`` (text, JSON, JUnit, GitHub) and the
Word document. Plain data and small functions: importing this module loads neither docutils nor
Sphinx, so the command line prints a verdict without them. Labels are English message ids marked
for the ``sphinx_wsis`` catalog; the Sphinx side passes them to ``i18n._`` when it shows them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from typing import TypeVar

T = TypeVar("T")


def N_(message: str) -> str:
    """Mark a message for extraction (``scripts/update-translations``); translated when shown."""
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    """Mark a message with a plural form for extraction; pass both to ``ngettext`` when shown."""
    return singular, plural


class State(StrEnum):
    """What a part of the template is, as judged against what the report holds."""

    DONE = "done"
    MISSING = "missing"
    EMPTY = "empty"
    PLACEHOLDER = "placeholder"
    INVALID = "invalid"
    NOT_APPLICABLE = "not-applicable"


#: The states in the order the matrix legend, totals and JSON list them.
STATES: tuple[State, ...] = tuple(State)

#: States that count as complete: done, or declared not applicable with a reason.
PASSING: frozenset[str] = frozenset({State.DONE, State.NOT_APPLICABLE})

#: The states as the matrix and ``check`` spell them out.
STATE_LABELS: dict[str, str] = {
    State.DONE: N_("Done"),
    State.MISSING: N_("Missing"),
    State.EMPTY: N_("Empty"),
    State.PLACEHOLDER: N_("Placeholder"),
    State.INVALID: N_("Invalid"),
    State.NOT_APPLICABLE: N_("N/A"),
}


class PartKind(StrEnum):
    """What a part of the template is: a matrix cell (aspect, stories) or a row of its own."""

    ASPECT = "aspect"
    STORIES = "stories"
    SECTION = "section"
    INDICATORS = "indicators"
    CONTACT = "contact"


#: Kinds listed in the table below the matrix ("Part of the template" / "State").
ROW_KINDS: frozenset[str] = frozenset({PartKind.SECTION, PartKind.INDICATORS, PartKind.CONTACT})


def matrix_column(aspect: str | None, kind: str) -> str:
    """The matrix column a part fills: its aspect key, or ``stories``."""
    return aspect or kind


def by_subject(cells: Iterable[tuple[str, str, T]]) -> dict[str, dict[str, T]]:
    """``{subject: {column: value}}`` from ``(subject, column, value)`` triples."""
    table: dict[str, dict[str, T]] = {}
    for subject, column, value in cells:
        table.setdefault(subject, {})[column] = value
    return table


def numbered(number: str | int | None, title: str) -> str:
    """A chapter or section heading as the template numbers it: ``2. Implementation``."""
    return f"{number}. {title}" if number else title


SUMMARY = N_plural(
    "%(done)d of %(parts)d parts complete (%(not_applicable)d not applicable); "
    "%(findings)d finding.",
    "%(done)d of %(parts)d parts complete (%(not_applicable)d not applicable); "
    "%(findings)d findings.",
)


def _english(singular: str, plural: str, count: int) -> str:
    return singular if count == 1 else plural


def summary_sentence(
    totals: Mapping[str, int], ngettext: Callable[[str, str, int], str] = _english
) -> str:
    """``5 of 77 parts complete (2 not applicable); 3 findings.`` from the verdict's totals.

    ``ngettext`` picks the plural form; the Sphinx side passes the catalog's, for the report's
    language; the default is English.
    """
    template = ngettext(*SUMMARY, totals["findings"])
    return template % {
        "done": totals[State.DONE] + totals[State.NOT_APPLICABLE],
        "parts": totals["parts"],
        "not_applicable": totals[State.NOT_APPLICABLE],
        "findings": totals["findings"],
    }
