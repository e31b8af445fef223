"""The report's directives (SPEC §3) by name, the same in MyST and reStructuredText.

The directives themselves are in :mod:`.part_directives` and :mod:`.indicator_directives`,
their shared plumbing in :mod:`.directive_base`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util.docutils import SphinxDirective

from .indicator_directives import (
    ChartDirective,
    CompletenessDirective,
    IndicatorDirective,
    IndicatorsDirective,
)
from .part_directives import (
    ActionLineDirective,
    ContactDirective,
    GenericAspectDirective,
    ReportDirective,
    SectionDirective,
    StoryDirective,
    aspect_directive_class,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx


DIRECTIVES: dict[str, type[SphinxDirective]] = {
    "wsis-report": ReportDirective,
    "wsis-contact": ContactDirective,
    "wsis-section": SectionDirective,
    "wsis-action-line": ActionLineDirective,
    "wsis-achievements": aspect_directive_class("achievements"),
    "wsis-challenges": aspect_directive_class("challenges"),
    "wsis-priorities": aspect_directive_class("priorities"),
    "wsis-aspect": GenericAspectDirective,
    "wsis-success-story": StoryDirective,
    "wsis-indicator": IndicatorDirective,
    "wsis-completeness": CompletenessDirective,
    "wsis-indicators": IndicatorsDirective,
    "wsis-chart": ChartDirective,
}


def aspect_directive_name(key: str) -> str:
    """How an author writes an aspect: its own directive (``wsis-achievements``), or
    ``wsis-aspect KEY`` for an aspect without one."""
    for name, directive in DIRECTIVES.items():
        if getattr(directive, "aspect_key", None) == key:
            return name
    return f"wsis-aspect {key}"


def setup(app: Sphinx) -> None:
    """The report's directives, and ``wsis-record``, emitted with each record they collect."""
    app.add_event("wsis-record")
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
