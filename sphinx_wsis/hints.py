"""A misspelt directive name (``wsis-achievment``) gets a "did you mean".

docutils and MyST report an unknown directive without a suggestion, and the block's text is
then missing from the report; the author should learn at once which name was meant. The page's
source is read as written (``source-read``), in either format, and every directive name close to
one of ours but not registered is a ``wsis.unknown`` finding at its line.
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING

from sphinx.util.docutils import is_directive_registered

from .config import template_of
from .domain import domain_of
from .records import Finding

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: ``:::{name}`` / ```` ```{name} ```` (MyST) and ``.. name::`` (rST), at the start of a line.
DIRECTIVE_LINE = re.compile(
    r"^[ \t]*(?:(?::{3,}|`{3,})\{(?P<myst>[^}\s]+)\}|\.\.[ \t]+(?P<rst>[A-Za-z0-9_:.+-]+)::)",
    re.MULTILINE,
)
CUTOFF = 0.75


def check_directive_names(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: a finding for each directive name that looks like a misspelt one of ours."""
    from .directives import all_directives

    directives = all_directives(template_of(app.config))
    ours = sorted(directives)
    text = source[0]
    for match in DIRECTIVE_LINE.finditer(text):
        name = match["myst"] or match["rst"]
        if name in directives or is_directive_registered(name):
            continue
        close = difflib.get_close_matches(name.lower(), ours, n=1, cutoff=CUTOFF)
        if not close and not name.lower().startswith("wsis"):
            continue
        hint = f"; did you mean {close[0]!r}?" if close else f" (ours: {', '.join(ours)})"
        domain_of(app.env).add_finding(
            Finding(
                "unknown",
                f"unknown directive {name!r}{hint} Its content is not part of the report "
                "until the name is fixed",
                docname,
                text.count("\n", 0, match.start()) + 1,
            )
        )


def setup(app: Sphinx) -> None:
    app.connect("source-read", check_directive_names)
