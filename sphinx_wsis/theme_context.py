"""The project's name and copyright as text in every HTML theme.

Sphinx hands ``project``, ``copyright``, ``docstitle`` and ``shorttitle`` to the theme's
templates as plain strings, and many templates print them without escaping (Sphinx's own
``basic`` footer, alabaster's sidebar, furo's brand), so a report by ``Women <in> Tech`` would
get a live ``<in>`` element. They are given to the templates as escaped :class:`markupsafe.Markup`
instead: printed raw they are text, and ``|e`` leaves them as they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

if TYPE_CHECKING:
    from sphinx.application import Sphinx

TEXT_KEYS = ("project", "copyright", "docstitle", "shorttitle")


def escape_theme_text(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: the project's own texts as escaped markup."""
    for key in TEXT_KEYS:
        value = context.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            context[key] = escape(value)
