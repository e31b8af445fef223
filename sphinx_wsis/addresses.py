"""E-mail addresses and URLs are shown exactly as written, in every output.

Sphinx's SmartQuotes turns ``--`` into a dash and ``'`` into a curly quote in all running text,
which makes ``info--desk@example.org`` or ``https://example.org/o'neill`` wrong to copy. The
transform below marks addresses as not smart-quotable before SmartQuotes runs; the facts of
cards (which are not text nodes) use :func:`quote_outside_addresses`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms import SphinxTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx

ADDRESS = re.compile(
    r"(?:[a-zA-Z][a-zA-Z0-9+.-]*://|www\.)\S+"  # a URL
    r"|[^\s@<>()\[\]]+@[^\s@<>()\[\]]+\.[^\s@<>()\[\]]+"  # an e-mail address
)


def quote_outside_addresses(text: str, quote: Callable[[str], str]) -> str:
    """``quote(text)``, except for the addresses in it, which stay as written."""
    out: list[str] = []
    last = 0
    for match in ADDRESS.finditer(text):
        out += [quote(text[last : match.start()]) if match.start() > last else "", match[0]]
        last = match.end()
    out.append(quote(text[last:]) if last < len(text) else "")
    return "".join(out)


class KeepAddressesVerbatim(SphinxTransform):
    """Exempt addresses from SmartQuotes (which runs at priority 750)."""

    default_priority = 745

    def apply(self, **kwargs: object) -> None:
        for text in list(self.document.findall(nodes.Text)):
            value = str(text)
            if "@" not in value and "://" not in value and "www." not in value:
                continue
            parent = text.parent
            if parent is None or not ADDRESS.search(value):
                continue
            if isinstance(parent, nodes.reference) and ADDRESS.fullmatch(value.strip()):
                parent["support_smartquotes"] = False
                continue
            _isolate_addresses(text)


def _isolate_addresses(text: nodes.Text) -> None:
    """Split ``text`` so each address is its own node that SmartQuotes leaves alone."""
    value = str(text)
    pieces: list[nodes.Node] = []
    last = 0
    for match in ADDRESS.finditer(value):
        if match.start() > last:
            pieces.append(nodes.Text(value[last : match.start()]))
        pieces.append(nodes.inline(match[0], match[0], support_smartquotes=False))
        last = match.end()
    if last < len(value):
        pieces.append(nodes.Text(value[last:]))
    parent = text.parent
    position = parent.index(text)
    parent[position : position + 1] = pieces


def setup(app: Sphinx) -> None:
    app.add_transform(KeepAddressesVerbatim)
