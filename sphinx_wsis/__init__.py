"""sphinx-wsis: write a WSIS+20 stakeholder report as Sphinx docs, and check it is complete."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    """Set up each part of the extension; each module registers its own pieces.

    The order matters where two parts handle one event: the settings and template before
    anything reads them, the toctree guard before the checks, the LaTeX node visitors
    before the chart's own.
    """
    from . import (
        addresses,
        backslashes,
        cards,
        catalogue,
        charts,
        completeness,
        config,
        directives,
        domain,
        guards,
        hints,
        html,
        i18n,
        json_builder,
        json_content,
        latex,
        outputs,
        rtl,
        summaries,
        word,
    )

    for part in (
        config,
        i18n,
        catalogue,
        domain,
        json_builder,
        latex,
        cards,
        addresses,
        backslashes,
        directives,
        html,
        guards,
        outputs,
        completeness,
        summaries,
        charts,
        hints,
        json_content,
        rtl,
        word,
    ):
        part.setup(app)
    if config.use_needs(app.config):  # read now: sphinx-needs is set up now or never
        from . import needs

        needs.setup(app)
    return {
        "version": __version__,
        # what a page's read records and finds: a new value makes every build after an
        # upgrade read the pages again (4: the UN's regions are no longer misspelt countries)
        "env_version": 4,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
