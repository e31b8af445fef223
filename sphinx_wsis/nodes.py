"""Doctree nodes of a report.

Each node subclasses :class:`docutils.nodes.container`, so every builder that has no visitor of
its own (text, man, texinfo, xml, …) falls back to rendering the node's children: nothing an
author wrote is dropped. The HTML and LaTeX writers get dedicated visitors.
"""

from __future__ import annotations

from docutils import nodes


class wsis_node(nodes.container):
    """Base of every report node; ``record`` attributes name the domain record it renders."""


class wsis_report(wsis_node):
    """The report's header card (entity, stakeholder type, period …)."""


class wsis_contact(wsis_node):
    """The contact card of the entity responsible for WSIS follow-up."""


class wsis_section(wsis_node):
    """A non-action-line part of the template (executive summary, key indicators …)."""


class wsis_action_line(wsis_node):
    """An action line or C7 sub-line entry; ``code`` is its action-line code (or, for a code
    the template does not know, the slug of what the author wrote)."""


class wsis_aspect(wsis_node):
    """Achievements, challenges or future priorities of one action line."""


class wsis_story(wsis_node):
    """A success story."""


class wsis_indicator(wsis_node):
    """One key indicator card."""


class wsis_facts(nodes.paragraph):
    """A card's label/value rows as data (``rows``: ``(label, text, uri)``); see :mod:`.cards`.

    Its one Text child repeats the values, so search finds them and a builder that somehow
    sees the node shows them as a paragraph: nothing is lost.
    """


class wsis_summary(wsis_node):
    """Where ``wsis-completeness`` or ``wsis-indicators`` puts its table once all pages are read.

    ``kind`` is ``"completeness"`` or ``"indicators"``; ``action_line`` filters indicators.
    """


class wsis_chart(wsis_node):
    """A chart of indicators' series, filled in once every page is read (:mod:`.charts`).

    ``kind`` is ``line`` or ``bar``; ``indicators`` holds the node ids of the indicators it
    draws (its own indicator's chart) or ``indicator_ids`` their indicator ids (``wsis-chart``). Its
    children, a caption and a text description listing every value, are what builders without
    images show.
    """


class wsis_rows(nodes.Element):
    """A summary table's body rows as data, written directly by the HTML writer.

    ``rows`` holds each row's cells (see :mod:`.table_cells`), ``header_rows`` how many rows the
    table's head has (for the odd/even row classes). Its Text children repeat each row's text,
    so search finds it. Only the HTML site's builders get this node; the rest get real rows.
    """


RECORD_NODES = (
    wsis_report,
    wsis_contact,
    wsis_section,
    wsis_action_line,
    wsis_aspect,
    wsis_story,
    wsis_indicator,
)
ALL_NODES = (*RECORD_NODES, wsis_summary, wsis_chart)


def has_ancestor(node: nodes.Node, kinds: type | tuple[type, ...]) -> bool:
    """Whether one of ``node``'s ancestors is of one of ``kinds``."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, kinds):
            return True
        parent = parent.parent
    return False
