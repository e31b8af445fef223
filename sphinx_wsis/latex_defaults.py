"""Report-grade LaTeX defaults: a project with a ``wsis-report`` gets a PDF fit to send to ITU.

Without any LaTeX setting in conf.py the PDF is ``wsis20-report.pdf``, A4 (UN documents are),
one-sided, chapters open on any page (no blank pages), headings carry only the template's own
numbering (I. to VI., C1. to C11.) so LaTeX adds none, the title page and the running heads name
the report and the entity, and the PDF's information dictionary holds title, author (the
entity), subject (the template), keywords and language.

Every default gives way to the user: a key set in ``latex_elements`` (``papersize``,
``extraclassoptions``, ``preamble`` is extended, not replaced) or ``latex_theme_options``, and a
``latex_documents`` that differs from Sphinx's own default, are left as the user wrote them.
Every string taken from the report is escaped for TeX: it is text, never markup.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sphinx.builders.latex import default_latex_documents
from sphinx.util import texescape

from .config import template_of

if TYPE_CHECKING:
    from sphinx.builders.latex import LaTeXBuilder
    from sphinx.config import Config

    from .records import ReportRecord

PAPER = "a4paper"
#: The PDF's name: the same for every report, so scripts and CI can rely on it.
TEX_FILE = "wsis20-report.tex"
CLASS_OPTIONS = "openany,oneside"
#: The headings hold the template's numbering (``I. Executive Summary``, ``C3. …``): no more.
NUMBERING = r"\setcounter{secnumdepth}{-1}"
LANGUAGE_FALLBACK = "en"


def report_title(builder: LaTeXBuilder, record: ReportRecord) -> str:
    """The report's title as the author wrote it: the title of the page holding ``wsis-report``."""
    title = builder.env.titles.get(record.docname)
    text = title.astext().strip() if title is not None else ""
    return text or builder.config.project


def apply_report_defaults(builder: LaTeXBuilder, record: ReportRecord) -> None:
    """Put the report's defaults in place for this build, where the user set nothing."""
    config = builder.config
    elements = config.latex_elements
    context = builder.context

    def esc(text: str) -> str:
        return texescape.escape(text, config.latex_engine)

    title, entity = esc(report_title(builder, record)), esc(record.entity)
    if _documents_are_default(config):
        # Read by the builder when it prepares writing, right after ``write-started``.
        config.latex_documents = [
            (entry[0], TEX_FILE, title, entity or entry[3], *entry[4:])
            if entry[0] == config.root_doc
            else entry
            for entry in config.latex_documents
        ]
    if "papersize" not in elements and "papersize" not in config.latex_theme_options:
        for theme in builder.themes.themes.values():  # the built-in ones, kept by the factory
            theme.papersize = PAPER
    if "extraclassoptions" not in elements:
        context["extraclassoptions"] = CLASS_OPTIONS
    # The catalogue's /Lang is written as hyperref starts, so it is a package option.
    context["passoptionstopackages"] = "\n".join(
        part for part in (context.get("passoptionstopackages", ""), _pdf_language(config)) if part
    )
    context["preamble"] = "\n".join(
        part for part in (NUMBERING, _pdf_info(config, record, esc), elements.get("preamble", ""))
        if part
    )  # fmt: skip


def _documents_are_default(config: Config) -> bool:
    """Whether ``latex_documents`` is Sphinx's own default, i.e. the user did not set it."""
    return [tuple(entry) for entry in config.latex_documents] == default_latex_documents(config)


def _pdf_info(config: Config, record: ReportRecord, esc: Callable[[str], str]) -> str:
    """The PDF's information dictionary (``\\sphinxwsispdfinfo`` of ``sphinxwsis.sty``).

    Title and author are the document's (``\\@title``, ``\\@author``), so a ``latex_documents``
    of the user's names the PDF as it names the title page.
    """
    template = template_of(config)
    words = [
        template.review,
        template.title,
        template.stakeholder_label(record.stakeholder) or "",
        record.country,
    ]
    keywords = ", ".join(word for word in words if word)
    subject = f"{template.title} ({template.source})"
    return rf"\sphinxwsispdfinfo{{{esc(subject)}}}{{{esc(keywords)}}}"


def _pdf_language(config: Config) -> str:
    """hyperref's ``pdflang``: a BCP 47 tag, which Sphinx's ``language`` is with ``_`` for ``-``."""
    language = (config.language or LANGUAGE_FALLBACK).replace("_", "-")
    if not all(part.isascii() and part.isalnum() for part in language.split("-")):
        return ""  # not a tag: leave the PDF without one rather than pass markup to hyperref
    return rf"\PassOptionsToPackage{{pdflang={language}}}{{hyperref}}"
