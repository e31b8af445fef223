"""HTML output: the package's stylesheet, and the project's name and copyright as text in
every HTML theme.

Sphinx hands ``project``, ``copyright``, ``docstitle`` and ``shorttitle`` to the theme's
templates as plain strings, and many templates print them without escaping (Sphinx's own
``basic`` footer, alabaster's sidebar, furo's brand), so a report by ``Women <in> Tech`` would
get a live ``<in>`` element. They are given to the templates as escaped :class:`markupsafe.Markup`
instead: printed raw they are text, and ``|e`` leaves them as they are.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC_DIR = Path(__file__).parent / "static"

TEXT_KEYS = ("project", "copyright", "docstitle", "shorttitle")


def escape_theme_text(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: the project's own texts as escaped markup."""
    for key in TEXT_KEYS:
        value = context.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            context[key] = escape(value)


def add_static_path(app: Sphinx, config: Config) -> None:
    """``config-inited``: the directory of ``wsis.css`` among the project's static paths."""
    static = str(STATIC_DIR)
    if static not in config.html_static_path:
        config.html_static_path.append(static)


def setup(app: Sphinx) -> None:
    app.connect("config-inited", add_static_path)
    app.connect("html-page-context", escape_theme_text)
    app.add_css_file("wsis.css")
