"""Right-to-left HTML: an Arabic report's pages read right to left in every theme.

Sphinx has no notion of text direction (sphinx-doc/sphinx#10385), and each theme writes its own
``<html>`` start tag from its own template variables (``language``, ``lang_attr``). Rather than
override every theme's layout, the finished pages of a right-to-left report get ``dir="rtl"``
on their ``<html>`` element: the browser then lays out the theme (sidebars, lists, tables) and
the report's cards right to left, and ``wsis.css`` uses logical properties (``inline-start``,
``text-align: start``) so the cards' accent bar and the tables' alignment follow. No
JavaScript is involved; a page keeps any ``dir`` its theme already wrote.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from .i18n import is_rtl

if TYPE_CHECKING:
    from sphinx.application import Sphinx

HTML_START = re.compile(r"<html(?![^>]*\sdir=)(?=[\s>])", re.IGNORECASE)
#: How far into a page the ``<html>`` start tag may be (after the doctype and comments).
HEAD_LIMIT = 4096


def mark_direction(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: ``dir="rtl"`` on every page of a right-to-left HTML build."""
    builder = app.builder
    if exception is not None or builder.format != "html" or not is_rtl(app.config.language):
        return
    for page in Path(builder.outdir).rglob(f"*{builder.out_suffix}"):
        if "_static" in page.parts or "_sources" in page.parts:
            continue
        set_direction(page, "rtl")


def set_direction(page: Path, direction: str) -> bool:
    """Add ``dir`` to the page's ``<html>`` start tag; False when it has one or none."""
    text = page.read_text("utf-8")
    head, rest = text[:HEAD_LIMIT], text[HEAD_LIMIT:]
    marked, count = HTML_START.subn(f'<html dir="{direction}"', head, count=1)
    if not count:
        return False
    page.write_text(marked + rest, "utf-8")
    return True


def setup(app: Sphinx) -> None:
    app.connect("build-finished", mark_direction)
