"""Backslashes are text: SmartQuotes must not read them as escapes.

SmartQuotes (SmartyPants) reads ``\\\\``, ``\\.``, ``\\-``, ``\\"``, ``\\'`` and ``\\```` in plain
text as escapes and drops the backslash. docutils' rST parser stores a backslash the author
wrote as text null-escaped (``\\x00\\\\``), which SmartQuotes keeps and every writer shows as one
backslash (``astext`` drops the null). Text from elsewhere has no such escape: an option's
value made into a node while a page is read, and every text node of a MyST page (Markdown has
already resolved its own escapes). Without this module ``C:\\.git`` or ``e\\-learning`` lose
their backslash in HTML, LaTeX and DOCX and keep it in the JSON and text outputs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util.nodes import is_smartquotable

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def literal_text(text: str) -> nodes.Text:
    """A Text node showing ``text`` as written, for nodes made while a page is read."""
    return nodes.Text(text.replace("\\", "\x00\\"))


class KeepMarkdownBackslashes(SphinxTransform):
    """Null-escape the backslashes of a Markdown page's text before SmartQuotes (priority 750)
    reads them, as docutils does for rST; code, math and raw text are not touched."""

    default_priority = 746  # after KeepAddressesVerbatim, which splits text around addresses

    def apply(self, **kwargs: object) -> None:
        if not self.is_markdown():
            return
        for text in list(self.document.findall(nodes.Text)):
            value = str(text)
            if "\\" not in value or text.parent is None or not is_smartquotable(text):
                continue
            text.parent.replace(text, literal_text(value))

    def is_markdown(self) -> bool:
        suffix = Path(self.document.get("source") or "").suffix
        return self.config.source_suffix.get(suffix) == "markdown"


def setup(app: Sphinx) -> None:
    app.add_transform(KeepMarkdownBackslashes)
