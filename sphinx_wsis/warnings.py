"""The warning categories of sphinx-wsis, and :func:`warn`, the one way a finding is reported.

Every finding is a Sphinx warning of ``type="wsis"`` with one of these subtypes, so
``sphinx-build -W`` fails CI and ``suppress_warnings = ["wsis.placeholder"]`` mutes one category.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from docutils import nodes

WARNING_TYPE = "wsis"

_logger = logging.getLogger("sphinx_wsis")


class WsisWarning(StrEnum):
    """Subtypes of ``wsis`` warnings, with what each means to an author."""

    MISSING = "missing"
    EMPTY = "empty"
    PLACEHOLDER = "placeholder"
    INVALID = "invalid"
    DUPLICATE = "duplicate"
    UNKNOWN = "unknown"
    TEMPLATE = "template"
    CONFIG = "config"
    NEEDS = "needs"
    PDF = "pdf"

    @property
    def description(self) -> str:
        return _DESCRIPTIONS[self]

    @property
    def category(self) -> str:
        """What ``suppress_warnings`` takes: ``wsis.missing``."""
        return f"{WARNING_TYPE}.{self.value}"


_DESCRIPTIONS = {
    WsisWarning.MISSING: "a required part is absent (a section, an aspect, a success story, "
    "the contact, a required option)",
    WsisWarning.EMPTY: "a part is present but has no text, or fewer words than wsis_min_words",
    WsisWarning.PLACEHOLDER: "a part still holds placeholder text (TODO, TBD, Lorem ipsum, …)",
    WsisWarning.INVALID: "a value is malformed: number, year, date, e-mail, URL, enum value, "
    "an aspect outside any action line, N/A without a reason or with content, an option value "
    "MyST cut at ' #', a page not saved as UTF-8 (it is not read); or report.json would not be "
    "valid against its schema (it is then not written)",
    WsisWarning.DUPLICATE: "the same part, indicator id, story or report block appears twice",
    WsisWarning.UNKNOWN: "an unknown action-line code, section key, aspect, template or "
    "cross-reference target",
    WsisWarning.TEMPLATE: "the template file does not load or validate (not UTF-8, not YAML, "
    "aliases expanding past 100,000 values or containing themselves, nested deeper than 50 "
    "levels, a key or value the template format does not allow)",
    WsisWarning.CONFIG: "a wsis_* setting in conf.py has a value sphinx-wsis cannot use (it "
    "falls back to its default; sphinx-wsis commands stop), or a setting of the project "
    "conflicts with sphinx-wsis (for example a needs_types entry with the name of a wsis_ "
    "need type)",
    WsisWarning.NEEDS: "an entry cannot be registered as a sphinx-needs need (for example an "
    "id the project's needs_id_regex rejects)",
    WsisWarning.PDF: "the PDF lost something the sources hold: a page that overflows, a "
    "character the font has no glyph for, text running past the margin (reported by "
    "sphinx-wsis pdf after LaTeX ran)",
}


def warn(
    subtype: WsisWarning,
    message: str,
    *args: object,
    location: nodes.Node | tuple[str, int | None] | str | None = None,
) -> None:
    """Report one finding as a ``wsis.<subtype>`` Sphinx warning at ``location``.

    ``message`` is %-formatted with ``args`` by Sphinx's logger, as ``logger.warning`` does.
    """
    _logger.warning(message, *args, type=WARNING_TYPE, subtype=subtype.value, location=location)
