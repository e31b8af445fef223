"""sphinx-wsis: write a WSIS+20 stakeholder report as Sphinx docs, and check it is complete."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC_DIR = Path(__file__).parent / "static"


def setup(app: Sphinx) -> dict[str, Any]:
    from . import catalogue, charts, config, hints, i18n, latex, report_content, rtl, word
    from .addresses import KeepAddressesVerbatim
    from .builder import WsisJsonBuilder
    from .checks import run_checks, write_completeness
    from .directives import DIRECTIVES
    from .domain import WsisDomain, outdated_by_template, warn_unknown_target
    from .facts import ExpandFacts, depart_facts, note_builder, visit_facts_html
    from .guards import break_circular_toctrees, skip_undecodable_pages
    from .nodes import ALL_NODES, wsis_facts
    from .outputs import note_only_blocks
    from .tables import fill_summaries
    from .theme_context import escape_theme_text

    config.register(app)
    i18n.setup(app)
    catalogue.setup(app)
    app.add_domain(WsisDomain)
    app.add_builder(WsisJsonBuilder)
    app.add_event("wsis-record")
    for node_class in ALL_NODES:
        app.add_node(node_class, **latex.handlers(node_class))
    app.add_node(wsis_facts, html=(visit_facts_html, depart_facts))
    app.add_post_transform(ExpandFacts)
    app.connect("builder-inited", note_builder)
    app.add_transform(KeepAddressesVerbatim)
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
    app.connect("config-inited", _add_static_path)
    app.connect("env-before-read-docs", skip_undecodable_pages)
    app.connect("env-get-outdated", outdated_by_template)
    app.connect("doctree-read", note_only_blocks)
    app.connect("env-updated", break_circular_toctrees)
    app.connect("env-updated", run_checks)
    app.connect("doctree-resolved", fill_summaries)
    app.connect("warn-missing-reference", warn_unknown_target)
    app.connect("html-page-context", escape_theme_text)
    app.connect("build-finished", write_completeness)
    app.add_css_file("wsis.css")
    latex.setup(app)
    charts.setup(app)
    hints.setup(app)
    report_content.setup(app)
    rtl.setup(app)
    word.setup(app)
    if config.use_needs(app.config):  # read now: sphinx-needs is set up now or never
        from . import needs

        needs.setup(app)
    return {
        "version": __version__,
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def _add_static_path(app: Sphinx, config: Config) -> None:
    static = str(STATIC_DIR)
    if static not in config.html_static_path:
        config.html_static_path.append(static)
