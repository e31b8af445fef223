"""The report's cards: built from standard docutils nodes and one facts node per card.

Standard nodes (paragraphs, rubrics) are escaped by every writer, so a ``<script>`` or
``\\input`` in an option stays text everywhere.

A card's facts (a story's year and partners, an indicator's baseline and source, the contact's
e-mail) are label/value rows kept as data in one :class:`~.nodes.wsis_facts` node rather than a
field list of five or six nodes per row, which every read transform, the pickled environment,
the post-transforms, the search index and the writer would walk. HTML writes the rows directly
as the field list docutils would have written; every other builder (LaTeX, text, man,
linkcheck …) gets the real field list from a post-transform that runs before any of Sphinx's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.languages import normalize_language_tag
from docutils.utils import smartquotes
from sphinx import addnodes
from sphinx.transforms import SphinxSmartQuotes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .addresses import quote_outside_addresses
from .backslashes import literal_text
from .config import build_settings
from .i18n import N_, _, format_value, shown_date
from .nodes import wsis_facts
from .records import ContactRecord, IndicatorRecord, ReportRecord, StoryRecord
from .template import Template

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
            # SmartyPants reads ``\\`` ``\"`` ``\-`` ``\.`` as escapes and drops the backslash;
            # a card's value is literal text, so every backslash is escaped to stay as written.
            literal = text.replace("\\", "\\\\")
            return "".join(smartquotes.educate_tokens([("plain", literal)], action, language))

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


# -- the cards ---------------------------------------------------------------------------------

#: Indicator statuses and scopes as the reader sees them (SPEC §3); option values stay as typed.
STATUS_LABELS = {
    "complete": N_("complete"),
    "in-progress": N_("in progress"),
    "not-started": N_("not started"),
    "not-applicable": N_("not applicable"),
}
SCOPE_LABELS = {
    "global": N_("global"),
    "regional": N_("regional"),
    "national": N_("national"),
    # Translators: indicator scope, about the reporting entity itself
    "organisational": N_("organisational"),
}


def status_label(status: str) -> str:
    """``in-progress`` → ``in progress`` in the report's language."""
    known = STATUS_LABELS.get(status)
    return str(_(known)) if known else status.replace("-", " ")


def scope_label(scope: str) -> str:
    known = SCOPE_LABELS.get(scope)
    return str(_(known)) if known else scope


def dimensions_text(dimensions: list[tuple[str, str]]) -> str:
    """``sex: female · area: rural``: a breakdown as it reads in a card or a table."""
    return " · ".join(f"{key}: {value}" for key, value in dimensions)


def report_card(
    record: ReportRecord, template: Template, document: nodes.document
) -> list[nodes.Node]:
    result: list[nodes.Node] = []
    entity = record.entity or _("Unnamed entity")
    if record.logo:
        result.append(_web_logo(record.logo, entity))
    title = nodes.paragraph(classes=["wsis-report-entity"])
    title += nodes.strong(entity, "", literal_text(entity))
    result.append(title)
    subtitle = _("%(review)s report %(period)s: %(template)s") % {
        "review": template.review,
        "period": record.period,
        "template": template.title,
    }
    result.append(nodes.paragraph(subtitle, subtitle, classes=["wsis-report-template"]))
    rows: list[Row] = [
        (_("Stakeholder type"), template.stakeholder_label(record.stakeholder) or "", ""),
        (_("Country"), record.country, ""),
        (_("Reporting period"), record.period, ""),
        (_("Date"), shown_date(record.date, document.settings.env.config.language), ""),
        (_("Website"), record.website, record.website),
    ]
    result.append(facts_node(rows, document, "wsis-report-fields"))
    return result


def _web_logo(logo: str, entity: str) -> addnodes.only:
    """The logo at the head of the card, on web pages only: the PDF and the Word document put
    it on their title page. ``logo`` is relative to the source directory, as Sphinx's image
    collector reads a leading ``/``, so the builder copies it like any image."""
    image = nodes.image(uri=f"/{logo}", alt=entity, classes=["wsis-report-logo"])
    return addnodes.only("", image, expr="html", classes=["wsis-report-logo"])


def contact_card(record: ContactRecord, document: nodes.document) -> list[nodes.Node]:
    rows: list[Row] = [
        (_("Name"), record.name, ""),
        # Translators: contact card field, the person's position
        (_("Role"), record.role, ""),
        # Translators: contact card field, the department the person works in
        (_("Unit"), record.unit, ""),
        (_("E-mail"), record.email, f"mailto:{record.email}"),
        (_("Phone"), record.phone, ""),
        (_("Address"), record.address, ""),
    ]
    return [facts_node(rows, document, "wsis-contact-fields")]


def not_applicable_note(reason: str, template: Template, code: str | None) -> nodes.Node:
    line = template.action_line(code) if code else None
    note = nodes.paragraph(classes=["wsis-na-note"])
    if line:
        label = _("Not applicable (%(action_line)s): ") % {"action_line": line.label}
    else:
        label = str(_("Not applicable: "))
    note += nodes.strong(label, label)
    note += literal_text(reason or _("no reason given"))
    return note


def story_header(
    record: StoryRecord, template: Template, document: nodes.document
) -> list[nodes.Node]:
    title = nodes.rubric(classes=["wsis-story-title"])
    title += literal_text(_("Success story: %(title)s") % {"title": record.title})
    rows: list[Row] = [
        (_("Action lines"), ", ".join(action_line_labels(record.action_lines, template)), ""),
        (_("Year"), str(record.year or ""), ""),
        (_("Location"), record.location, ""),
        (_("Partners"), names_text(record.partners), ""),
        (_("SDGs"), ", ".join(record.sdgs), ""),
        (_("More"), record.url, record.url),
    ]
    return [title, facts_node(rows, document, "wsis-story-fields")]


def indicator_card(
    record: IndicatorRecord, template: Template, document: nodes.document, language: str = "en"
) -> list[nodes.Node]:
    title = nodes.rubric(classes=["wsis-indicator-title"])
    title += literal_text(record.name)
    figure = nodes.paragraph(classes=["wsis-indicator-value"])

    def show(value: int | float | None) -> str:
        return format_value(value, record.unit, language, record.multiplier)

    value_text = show(record.value)
    figure += nodes.strong(value_text, "", literal_text(value_text))
    if record.year:
        figure += nodes.Text(f" ({record.year})")
    series = "; ".join(f"{y}: {show(v)}" for y, v in record.series)
    official = record.catalogue_name if record.catalogue_name != record.name else ""
    code = " ".join(filter(None, [record.code, f"({official})" if official else ""]))
    rows: list[Row] = [
        (_("Indicator code"), code, ""),
        (_("Definition"), record.definition, ""),
        (_("Breakdown"), dimensions_text(record.dimensions), ""),
        (_("Baseline"), dated(record.baseline, record.baseline_year, show), ""),
        (_("Target"), dated(record.target, record.target_year, show), ""),
        (_("Series"), series, ""),
        (_("Source"), record.source, record.source_url),
        (_("Scope"), " · ".join(filter(None, [scope_label(record.scope), record.geo])), ""),
        (_("Action lines"), ", ".join(action_line_labels(record.action_lines, template)), ""),
        (_("SDG"), ", ".join(record.sdg), ""),
        (_("Status"), status_label(record.status), ""),
        (_("Note"), record.note, ""),
    ]
    return [title, figure, facts_node(rows, document, "wsis-indicator-fields")]


def names_text(names: list[str]) -> str:
    """Names as one line: comma-separated, or semicolon-separated when a name holds a comma."""
    return ("; " if any("," in name for name in names) else ", ").join(names)


def dated(value: int | float | None, year: int | None, show: Callable[[Any], str]) -> str:
    """``66% (2022)``: a baseline or target with its year, or nothing."""
    if value is None:
        return ""
    return f"{show(value)} ({year})" if year else show(value)


def dated_value(
    value: int | float | None, year: int | None, unit: str, multiplier: str = "",
    language: str = "en",
) -> str:  # fmt: skip
    return dated(value, year, lambda v: format_value(v, unit, language, multiplier))


def action_line_labels(codes: list[str], template: Template) -> list[str]:
    """How codes read in running text: ``C3``, ``C7 E-Health``."""
    return [line.label if (line := template.action_line(c)) else c for c in codes]


def setup(app: Sphinx) -> None:
    """The facts node, written directly in HTML and expanded for every other builder."""
    app.add_node(wsis_facts, html=(visit_facts_html, depart_facts))
    app.add_post_transform(ExpandFacts)
    app.connect("builder-inited", note_builder)
