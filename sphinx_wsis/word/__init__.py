"""Word in both directions: the ``wsis-docx`` builder (Sphinx side) and ``sphinx-wsis import``.

The builder lives in :mod:`.builder` and :mod:`.writer`; the import of a Word draft, which
never runs Sphinx, in :mod:`.reader`, :mod:`.placing` and :mod:`.project`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    """Register the ``wsis-docx`` builder (its settings are in :mod:`sphinx_wsis.config`)."""
    from .builder import WsisDocxBuilder

    app.add_builder(WsisDocxBuilder)
