"""Guards against input that would make Sphinx itself stop with a traceback.

Sphinx reads every page with ``read_text`` and stops with a Python traceback at the first byte
that is not valid in the source encoding. A report author saving one page in Latin-1 should get
a message naming the file, line and column instead, and the rest of the report should build.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


def skip_undecodable_pages(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: leave out pages that cannot be decoded, with a clear warning."""
    encoding = env.settings.get("input_encoding", "utf-8-sig")
    for docname in list(docnames):
        path = env.doc2path(docname)
        try:
            raw = path.read_bytes()
        except OSError:
            continue  # Sphinx reports unreadable files itself
        try:
            raw.decode(encoding)
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
            logger.warning(
                "this page is not valid %s (byte 0x%02x at line %d, column %d) and was not "
                "read; save it as UTF-8",
                encoding.removesuffix("-sig").upper(),
                raw[exc.start],
                line,
                column,
                location=(docname, line),
            )
            docnames.remove(docname)
            env.project.docnames.discard(docname)  # so no builder tries to write it
