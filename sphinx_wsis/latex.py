"""PDF output: a title page from ``wsis-report``, LaTeX visitors for the report's nodes.

Safety first: every piece of user text reaches LaTeX either through the standard docutils
visitors (which escape it) or through :meth:`LaTeXTranslator.encode` /
:func:`sphinx.util.texescape.escape`; nothing an author writes is ever emitted raw.

Nothing is cut off either: aspects and the bodies of stories and indicators stay ordinary
paragraphs in the page flow (so they may hold long text, lists, tables and footnotes); only the
short facts we generate (fields of a story, an indicator's value, a contact) sit in a breakable
``tcolorbox`` defined by ``sphinxwsis.sty``.

Contents and bookmarks: an action line normally has a heading of its own (``## C7. E-Health``),
which LaTeX lists already; the visitor makes sure the contents are deep enough to show it. An
action line without a heading of its own (several in one section, or none) gets an unnumbered
heading with its official title, a contents entry and so a PDF bookmark.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from docutils import nodes
from sphinx.util import texescape

from . import latex_flow
from .config import template_of
from .domain import domain_of
from .i18n import _, is_rtl, shown_date
from .image_check import image_problem
from .latex_defaults import apply_report_defaults
from .latex_languages import choose_engine, finish_latexmkrc, prepare_languages
from .nodes import (
    ALL_NODES,
    wsis_action_line,
    wsis_aspect,
    wsis_contact,
    wsis_indicator,
    wsis_report,
    wsis_section,
    wsis_story,
    wsis_summary,
)
from .outputs import shown
from .records import ReportRecord
from .warnings import WsisWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.writers.latex import LaTeXTranslator


STYLE_FILE = Path(__file__).parent / "texinputs" / "sphinxwsis.sty"
TITLE_MARKER = "% sphinx-wsis title page"
LATEX_SECTIONS = [
    "part", "chapter", "section", "subsection", "subsubsection", "paragraph", "subparagraph",
]  # fmt: skip
CARD_CLASSES = {"wsis-report-entity", "wsis-report-template", "wsis-report-fields"}
TABLE_COLUMNS = {
    "wsis-indicator-table": [0.2, 0.14, 0.07, 0.15, 0.13, 0.17, 0.14],
    "wsis-matrix-sections": [0.76, 0.24],
}


# -- build-time set-up ---------------------------------------------------------------------


def prepare_latex(app: Sphinx, builder: Builder) -> None:
    """``write-started``: ship the style file and logo, and put our title page in place."""
    if builder.format != "latex":
        return
    prepare_languages(app, builder)  # type: ignore[arg-type]
    outdir = Path(builder.outdir)
    shutil.copyfile(STYLE_FILE, outdir / STYLE_FILE.name)
    reports: list[ReportRecord] = shown(builder.env, domain_of(builder.env).records("reports"))
    if not reports:
        return
    apply_report_defaults(builder, reports[0])  # type: ignore[arg-type]
    if "maketitle" in app.config.latex_elements:
        return
    builder.context["maketitle"] = title_page(reports[0], app.config, _logo(reports[0], app))


def _logo(record: ReportRecord, app: Sphinx) -> str:
    """Copy the report's logo next to the .tex file; the name LaTeX sees is ours, not the user's."""
    if not record.logo:
        return ""
    source = Path(app.srcdir) / record.logo
    suffix = source.suffix.lower()
    problem = image_problem(source)
    if problem:
        warn(
            WsisWarning.INVALID,
            "wsis-report :logo: %s cannot go on the PDF title page: %s",
            record.logo,
            problem,
            location=(record.docname, record.lineno),
        )
        return ""
    name = f"wsis-logo{suffix}"
    shutil.copyfile(source, Path(app.outdir) / name)
    return name


#: Before the title page of a right-to-left report: its rows are {value & label} (sphinxwsis.sty).
RTL_SWITCH = r"\sphinxwsisrtltrue"


def title_page(record: ReportRecord, config: Config, logo: str) -> str:
    """The LaTeX title page: entity, stakeholder type, country, period, date, website, logo."""
    template = template_of(config)

    def plain(text: str) -> str:
        return texescape.escape(text, config.latex_engine)

    def esc(text: str) -> str:  # long tokens (a website, a name without spaces) may break
        return latex_flow.breakable(text, plain)

    rows = [
        (_("Stakeholder type"), esc(template.stakeholder_label(record.stakeholder) or "")),
        (_("Country"), esc(record.country)),
        (_("Reporting period"), esc(record.period.replace("-", "\u2013"))),
        (
            _("Date"),
            esc(shown_date(record.date, config.language))
            if record.date
            else r"\csname @date\endcsname",
        ),
        (_("Website"), _href(record.website, plain, esc) if record.website else ""),
    ]
    rtl = is_rtl(config.language) and config.latex_engine == "lualatex"
    cells = [(plain(str(label)), value) for label, value in rows if value]
    table = "".join(
        f"{value} & {label}\\\\\n" if rtl else f"{label} & {value}\\\\\n" for label, value in cells
    )
    logo_tex = rf"\sphinxwsislogo{{{logo}}}" if logo else ""
    # Translators: footer sentence of the PDF title page; %(template)s is the template's title
    # and source
    footer = _(
        "Report on the implementation of the outcomes of the World Summit on the Information "
        "Society (WSIS), following the %(template)s."
    ) % {"template": f"{template.title} ({template.source})"}
    return (
        f"{TITLE_MARKER}\n{RTL_SWITCH if rtl else ''}\\sphinxwsistitlepage{{{logo_tex}}}"
        f"{{\\csname @title\\endcsname}}{{{esc(record.entity)}}}{{{esc(footer)}}}%\n{{{table}}}\n"
    )


def safe_uri(uri: str) -> str:
    """Percent-encode what RFC 3986 does not allow raw (``\\ { } ^`` …), and ``$``.

    hyperref cannot carry these through an escaped URL; a browser would encode the first
    ones anyway, and ``%24`` means ``$`` to every server, so the link still leads where the
    author meant.
    """
    return quote(uri, safe="%:/?#[]@!&'()*+,;=~-._")


def _href(url: str, esc: Callable[[str], str], visible: Callable[[str], str]) -> str:
    """Like Sphinx's ``encode_uri``: escaped for TeX, with hyperref's literal tilde and dash;
    the visible text is the URL as written."""
    uri = esc(safe_uri(url))
    for escaped, literal in ((r"\textasciitilde{}", "~"), (r"\sphinxhyphen{}", "-"),
                             (r"\textquotesingle{}", "'")):  # fmt: skip
        uri = uri.replace(escaped, literal)
    return rf"\sphinxhref{{{uri}}}{{{visible(url)}}}"


# -- visitors ------------------------------------------------------------------------------
# Each visitor writes its node completely (children included) and raises SkipNode, so the
# generated parts can be laid out while every child still goes through the standard visitors.


def _walk(self: LaTeXTranslator, children: list[nodes.Node]) -> None:
    for child in children:
        child.walkabout(self)


def _anchor(self: LaTeXTranslator, node: nodes.Element) -> None:
    """The block's link target, a source marker for the PDF log check, and its layout fixes."""
    from . import pdf_check  # its log patterns, for a LaTeX build only

    latex_flow.prepare(node)
    marker = pdf_check.source_marker(self.builder, node)
    if marker:
        self.body.append(f"\n{marker}\n")
    if node["ids"]:
        self.body.append("\n" + self.hypertarget_to(node, anchor=True) + "%\n")


def _has_class(node: nodes.Node, name: str) -> bool:
    return isinstance(node, nodes.Element) and name in node["classes"]


def _fields(self: LaTeXTranslator, field_list: nodes.Element) -> None:
    """A card's label/value rows; values keep their links and are escaped by their visitors."""
    self.body.append("\n\\begin{sphinxwsisfields}\n")
    for field in field_list.findall(nodes.field):
        name, body = field.children[0], field.children[1]
        self.body.append(rf"\item[{{{self.encode(name.astext())}}}] ")
        for part in body.children:
            _walk(self, part.children if isinstance(part, nodes.paragraph) else [part])
        self.body.append("\n")
    self.body.append("\\end{sphinxwsisfields}\n")


def _safe_links(node: nodes.Node) -> None:
    """Links we generate from options (website, e-mail, sources) get RFC 3986-clean URIs."""
    for reference in node.findall(nodes.reference):
        if "refuri" in reference:
            reference["refuri"] = safe_uri(reference["refuri"])


def _card(self: LaTeXTranslator, parts: list[nodes.Node]) -> None:
    """Generated facts in a breakable box: field lists as rows, an indicator's big value."""
    if not parts or all(isinstance(p, nodes.field_list) and not len(p) for p in parts):
        return
    for part in parts:
        _safe_links(part)
    self.body.append("\n\\begin{sphinxwsiscard}\n")
    for part in parts:
        if isinstance(part, nodes.field_list):
            _fields(self, part)
        elif _has_class(part, "wsis-indicator-value"):
            self.body.append("\\noindent")
            for child in part.children:
                if isinstance(child, nodes.strong):
                    self.body.append(rf"\sphinxwsisvalue{{{self.encode(child.astext())}}}")
                else:
                    child.walkabout(self)
            self.body.append("\\par\n")
        else:
            part.walkabout(self)
    self.body.append("\\end{sphinxwsiscard}\n")


def _split(node: nodes.Element, generated: Callable[[nodes.Node], bool]) -> tuple[list, list]:
    """The node's generated head (title rubric, fields …) and the author's content after it."""
    children = list(node.children)
    head = 0
    while head < len(children) and generated(children[head]):
        head += 1
    return children[:head], children[head:]


def visit_report(self: LaTeXTranslator, node: wsis_report) -> None:
    card, content = _split(node, lambda n: any(_has_class(n, c) for c in CARD_CLASSES))
    ours = self.elements.get("maketitle", "").startswith(TITLE_MARKER)
    if ours:
        _front_heading(self, node, content)
    _anchor(self, node)
    if not ours:
        _card(self, card)  # the title page is the user's own: keep the facts in the body
    _walk(self, content)
    raise nodes.SkipNode


def _front_heading(self: LaTeXTranslator, node: wsis_report, content: list[nodes.Node]) -> None:
    """Give the root page's own text, which LaTeX puts after the contents, a heading.

    The root page's title becomes the document title, so its text would otherwise run on
    under the running head "Contents". Our title page replaces that title, so it is reused.
    """
    section = _nearest_section(node)
    if section is None or self.sectionlevel >= self.top_sectionlevel or not section.children:
        return
    after = section.children[section.index(node) + 1 :]
    text = [
        n
        for n in after
        if not isinstance(n, (nodes.section, nodes.target, nodes.compound, nodes.comment))
    ]
    if not content and not any(n.astext().strip() for n in text if n.tagname != "start_of_file"):
        return
    name = self.sectionnames[self.top_sectionlevel]
    title = self.encode(section[0].astext()) if isinstance(section[0], nodes.title) else ""
    if title:
        self.body.append(
            rf"\{name}*{{{title}}}\phantomsection\addcontentsline{{toc}}{{{name}}}{{{title}}}"
            rf"\markboth{{{title}}}{{{title}}}" + "\n"
        )


def visit_contact(self: LaTeXTranslator, node: wsis_contact) -> None:
    card, content = _split(node, lambda n: _has_class(n, "wsis-contact-fields"))
    _anchor(self, node)
    _card(self, card)
    _walk(self, content)
    raise nodes.SkipNode


def visit_section(self: LaTeXTranslator, node: wsis_section) -> None:
    _anchor(self, node)
    _walk(self, node.children)
    raise nodes.SkipNode


def visit_aspect(self: LaTeXTranslator, node: wsis_aspect) -> None:
    title, content = _split(node, lambda n: _has_class(n, "wsis-aspect-title"))
    _anchor(self, node)
    for rubric in title:
        self.body.append(rf"\sphinxwsisaspecttitle{{{self.encode(rubric.astext())}}}" + "\n")
    _walk(self, content)
    raise nodes.SkipNode


def visit_story(self: LaTeXTranslator, node: wsis_story) -> None:
    head, content = _split(
        node, lambda n: _has_class(n, "wsis-story-title") or _has_class(n, "wsis-story-fields")
    )
    _anchor(self, node)
    for part in head:
        if isinstance(part, nodes.rubric):
            self.body.append(rf"\sphinxwsisstorytitle{{{self.encode(part.astext())}}}" + "\n")
    _card(self, [p for p in head if isinstance(p, nodes.field_list)])
    _walk(self, content)
    raise nodes.SkipNode


def visit_indicator(self: LaTeXTranslator, node: wsis_indicator) -> None:
    generated = ("wsis-indicator-title", "wsis-indicator-value", "wsis-indicator-fields")
    head, content = _split(node, lambda n: any(_has_class(n, c) for c in generated))
    _anchor(self, node)
    for part in head:
        if isinstance(part, nodes.rubric):
            self.body.append(rf"\sphinxwsisindicatortitle{{{self.encode(part.astext())}}}" + "\n")
    _card(self, [p for p in head if not isinstance(p, nodes.rubric)])
    _walk(self, content)
    raise nodes.SkipNode


def visit_action_line(self: LaTeXTranslator, node: wsis_action_line) -> None:
    section = _nearest_section(node)
    own = section is not None and [
        n for n in section.findall(wsis_action_line) if _nearest_section(n) is section
    ] == [node]
    own = own and self.sectionlevel >= self.top_sectionlevel  # not the document's own title
    level = self.sectionlevel if own else self.sectionlevel + 1
    name = self.sectionnames[min(level, len(self.sectionnames) - 1)]
    self.body.append(f"\n\\sphinxwsistocdepth{{{LATEX_SECTIONS.index(name) - 1}}}%\n")
    if not own:
        heading = _heading(self, node)
        self.body.append(
            rf"\{name}*{{{heading}}}\phantomsection\addcontentsline{{toc}}{{{name}}}{{{heading}}}"
        )
    _anchor(self, node)
    for child in node.children:
        if _has_class(child, "wsis-na-note"):
            self.body.append("\n\\begin{sphinxwsisnote}\n")
            _walk(self, child.children)
            self.body.append("\n\\end{sphinxwsisnote}\n")
        else:
            child.walkabout(self)
    raise nodes.SkipNode


def _nearest_section(node: nodes.Node) -> nodes.section | None:
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.section):
        parent = parent.parent
    return parent


def _heading(self: LaTeXTranslator, node: wsis_action_line) -> str:
    code = node.get("code", "")
    line = template_of(self.config).action_line(code)
    return self.encode(line.heading if line else code.upper())


def visit_summary(self: LaTeXTranslator, node: wsis_summary) -> None:
    """Report-wide tables: fixed column widths (so long cells wrap) and styled states."""
    latex_flow.prepare(node)  # long tokens in indicator names and sources break
    style = self.config.latex_table_style
    rule = "" if ("booktabs" in style or "borderless" in style) else "|"
    _safe_links(node)
    for table in node.findall(nodes.table):
        for entry in table.findall(nodes.entry):
            states = [c for c in entry["classes"] if c.startswith("wsis-state-")]
            for label in entry.findall(nodes.inline):
                label["classes"].extend(states)
    for child in node.children:
        if not isinstance(child, nodes.table):
            child.walkabout(self)
            continue
        widths = _column_widths(child)
        self.next_table_colspec = rule + rule.join(rf"\Y{{{w:.3f}}}" for w in widths) + rule
        size = r"\footnotesize" if len(widths) > 5 else r"\small"
        self.body.append(f"\n\\begin{{sphinxwsistable}}{{{size}}}\n")
        child.walkabout(self)
        self.body.append("\\end{sphinxwsistable}\n")
    raise nodes.SkipNode


def _column_widths(table: nodes.table) -> list[float]:
    count = len(list(table.findall(nodes.colspec)))
    for name, widths in TABLE_COLUMNS.items():
        if name in table["classes"] and len(widths) == count:
            return widths
    if count == 1:
        return [1.0]
    return [0.36] + [0.64 / (count - 1)] * (count - 1)  # the matrix: action line, then states


def _depart(self: LaTeXTranslator, node: nodes.Node) -> None:
    """Never called: every visitor above writes its node whole and raises SkipNode."""


VISITORS: dict[type[nodes.Element], Any] = {
    wsis_report: visit_report,
    wsis_contact: visit_contact,
    wsis_section: visit_section,
    wsis_action_line: visit_action_line,
    wsis_aspect: visit_aspect,
    wsis_story: visit_story,
    wsis_indicator: visit_indicator,
    wsis_summary: visit_summary,
}


def handlers(node_class: type[nodes.Element]) -> dict[str, tuple[Any, Any]]:
    """Keyword arguments for :meth:`Sphinx.add_node`: the LaTeX visitor of ``node_class``."""
    visit = VISITORS.get(node_class)
    return {"latex": (visit, _depart)} if visit else {}


def setup(app: Sphinx) -> None:
    """The report's nodes with their LaTeX visitors (every other builder renders a node's
    children), the LaTeX package, engine and language set-up."""
    for node_class in ALL_NODES:
        app.add_node(node_class, **handlers(node_class))
    app.add_latex_package("sphinxwsis")
    app.connect("config-inited", choose_engine)
    app.connect("build-finished", finish_latexmkrc)
    app.connect("write-started", prepare_latex)


__all__ = ["handlers", "setup", "title_page"]
