"""The report's directives (SPEC §3) by name, the same in MyST and reStructuredText.

The aspects' own directives (``wsis-achievements`` …) come from the template: each aspect it
lists gets ``wsis-<key>`` once the template is loaded, unless that name is one of
:data:`DIRECTIVES`; ``wsis-aspect KEY`` writes any aspect.

The directives themselves are in :mod:`.part_directives` and :mod:`.indicator_directives`,
their shared plumbing in :mod:`.directive_base`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util.docutils import SphinxDirective

from .config import template_of
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
    from sphinx.config import Config

    from .template import Template


DIRECTIVES: dict[str, type[SphinxDirective]] = {
    "wsis-report": ReportDirective,
    "wsis-contact": ContactDirective,
    "wsis-section": SectionDirective,
    "wsis-action-line": ActionLineDirective,
    "wsis-aspect": GenericAspectDirective,
    "wsis-success-story": StoryDirective,
    "wsis-indicator": IndicatorDirective,
    "wsis-completeness": CompletenessDirective,
    "wsis-indicators": IndicatorsDirective,
    "wsis-chart": ChartDirective,
}


def aspect_directive_name(key: str) -> str:
    """How an author writes the aspect ``key``: its own directive (``wsis-achievements``), or
    ``wsis-aspect KEY`` when its name would be one of the report's other directives."""
    name = f"wsis-{key}"
    return name if name not in DIRECTIVES else f"wsis-aspect {key}"


def aspect_directives(template: Template) -> dict[str, type[SphinxDirective]]:
    """The directives of the template's aspects that have one of their own, by name."""
    return {
        name: aspect_directive_class(aspect.key)
        for aspect in template.aspects
        if " " not in (name := aspect_directive_name(aspect.key))
    }


def all_directives(template: Template) -> dict[str, type[SphinxDirective]]:
    """Every directive a report written with ``template`` can use, by name."""
    return {**DIRECTIVES, **aspect_directives(template)}


def add_aspect_directives(app: Sphinx, config: Config) -> None:
    """``config-inited``, once the template is loaded: the aspects' own directives."""
    for name, directive in aspect_directives(template_of(config)).items():
        app.add_directive(name, directive, override=True)


def setup(app: Sphinx) -> None:
    """The report's directives, and ``wsis-record``, emitted with each record they collect."""
    app.add_event("wsis-record")
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
    app.connect("config-inited", add_aspect_directives, priority=105)  # template: 100
