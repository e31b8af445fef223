"""The label/value rows of the report's cards, kept as data until a writer needs them.

A card's facts (a story's year and partners, an indicator's baseline and source, the contact's
e-mail) used to be a field list built at read time: five or six doctree nodes per row, which
every read transform, the pickled environment, the post-transforms, the search index and the
writer walked. In a report with many stories and indicators that doubled the doctree. Here a
card keeps its rows in one :class:`~.nodes.wsis_facts` node; HTML writes them directly as the
field list docutils would have written, and every other builder (LaTeX, text, man, linkcheck …)
gets the real field list from a post-transform that runs before any of Sphinx's own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.languages import normalize_language_tag
from docutils.utils import smartquotes
from sphinx.transforms import SphinxSmartQuotes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .addresses import quote_outside_addresses
from .config import build_settings
from .nodes import wsis_facts

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.writers.html5 import HTML5Translator

#: One row: its label, its text, and the address the text links to ("" for plain text).
Row = tuple[str, str, str]
_QUOTER = "wsis:smartquotes"


def facts_node(rows: list[Row], document: nodes.document, *classes: str) -> wsis_facts:
    """The rows as one node; rows without text are left out, values get Sphinx's smart quotes."""
    quote = _smart_quotes(document)
    kept = [
        (str(label), quote_outside_addresses(text, quote), uri) for label, text, uri in rows if text
    ]
    values = "\n".join(text for _, text, _ in kept)
    return wsis_facts(values, values, rows=kept, classes=["wsis-fields", *classes])


def _smart_quotes(document: nodes.document) -> Callable[[str], str]:
    """What Sphinx's SmartQuotes transform would do to a value written as its own paragraph.

    The values never become Text nodes, so the transform cannot see them; asking the transform
    whether it applies keeps ``smartquotes``, ``smartquotes_action`` and
    ``smartquotes_excludes`` in force. Decided once per document.
    """
    temp_data = document.settings.env.temp_data  # cleared after each page is read
    if _QUOTER in temp_data:
        return temp_data[_QUOTER]
    transform = SphinxSmartQuotes(document, startnode=None)
    quoter: Callable[[str], str] = str
    if transform.is_available():
        tags = normalize_language_tag(transform.env.settings["language_code"])
        language = next((tag for tag in tags if tag in smartquotes.smartchars.quotes), "en")
        action = transform.config.smartquotes_action

        def quoter(text: str) -> str:
            return "".join(smartquotes.educate_tokens([("plain", text)], action, language))

    temp_data[_QUOTER] = quoter
    return quoter


def as_field_list(node: wsis_facts) -> nodes.field_list:
    """The field list the rows stand for: label, then a paragraph with the text or its link."""
    fields = nodes.field_list(classes=list(node["classes"]))
    for label, text, uri in node["rows"]:
        body = _value(text, uri)
        fields += nodes.field("", nodes.field_name(label, label), nodes.field_body("", body))
    return fields


def _value(text: str, uri: str) -> nodes.paragraph:
    """A row's value as a paragraph: its text, or its text linking to ``uri``."""
    value = nodes.reference(text, text, refuri=uri, internal=False) if uri else nodes.Text(text)
    return nodes.paragraph("", "", value)


def writes_facts_itself(builder: Builder) -> bool:
    """HTML builders render the node directly; EPUB wants real references (it shows URLs)."""
    return builder.format == "html" and not builder.name.startswith("epub")


def writes_no_pages(builder: Builder) -> bool:
    """The dummy builder (what ``sphinx-wsis check`` runs) resolves pages but writes nothing,
    so rendering for it is wasted: references are still resolved, and warn, without it."""
    return builder.name == "dummy"


def note_builder(app: Sphinx) -> None:
    """``builder-inited``: whether this build's builder needs the facts as field lists."""
    builder = app.builder
    build_settings(app.config).expand_facts = not (
        writes_facts_itself(builder) or writes_no_pages(builder)
    )


class ExpandFacts(SphinxPostTransform):
    """Give builders other than HTML the real field list, before linkcheck or LaTeX look."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        if not build_settings(self.config).expand_facts:
            return
        for node in list(self.document.findall(wsis_facts)):
            node.replace_self(as_field_list(node))


def visit_facts_html(self: HTML5Translator, node: wsis_facts) -> None:
    """Write exactly the markup docutils writes for the field list, so themes style it alike.

    Written as text rather than by walking a field list built here, which would create the
    forty-odd nodes per card this node exists to save; a link still goes through the writer's
    own reference visitor (e-mail cloaking, external-link classes).
    """
    classes = self.attval(" ".join([*node["classes"], "field-list", "simple"]))
    self.body.append(f'<dl class="{classes}">\n')
    for index, (label, text, uri) in enumerate(node["rows"], start=1):
        parity = "field-odd" if index % 2 else "field-even"
        self.body.append(
            f'<dt class="{parity}">{self.encode(label)}<span class="colon">:</span></dt>\n'
            f'<dd class="{parity}"><p>'
        )
        if uri:
            _value(text, uri)[0].walkabout(self)  # the reference needs its paragraph parent
        else:
            self.body.append(self.encode(text))
        self.body.append("</p>\n</dd>\n")
    self.body.append("</dl>\n")
    raise nodes.SkipNode


def depart_facts(self: Any, node: wsis_facts) -> None:
    """Never called: the visitor writes the rows and skips the node."""


def setup(app: Sphinx) -> None:
    """The facts node, written directly in HTML and expanded for every other builder."""
    app.add_node(wsis_facts, html=(visit_facts_html, depart_facts))
    app.add_post_transform(ExpandFacts)
    app.connect("builder-inited", note_builder)
