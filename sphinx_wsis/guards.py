"""Guards against input that would make Sphinx itself stop with a traceback.

Sphinx reads every page with ``read_text`` and stops with a Python traceback at the first byte
that is not valid in the source encoding. A report author saving one page in Latin-1 should get
a message naming the file, line and column instead, and the rest of the report should build.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


def skip_undecodable_pages(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: leave out pages that cannot be decoded, with a clear warning.

    A page that was read by an earlier build and has since become undecodable is forgotten
    (its records, its place in the toctree), and the pages whose toctree lists it are read
    again, so the incremental build says and shows what a fresh build would.
    """
    encoding = env.settings.get("input_encoding", "utf-8-sig")
    for docname in list(docnames):
        problem = _undecodable(env.doc2path(docname).read_bytes, encoding)
        if problem is None:
            continue
        line, column, byte = problem
        logger.warning(
            "this page is not valid %s (byte 0x%02x at line %d, column %d) and was not "
            "read; save it as UTF-8",
            encoding.removesuffix("-sig").upper(),
            byte,
            line,
            column,
            location=(docname, line),
        )
        docnames.remove(docname)
        env.project.docnames.discard(docname)  # so no builder tries to write it
        if docname in env.all_docs:
            parents = set(env.files_to_rebuild.get(docname, ()))
            app.events.emit("env-purge-doc", env, docname)
            env.clear_doc(docname)
            env.files_to_rebuild.pop(docname, None)
            docnames.extend(sorted(parents - set(docnames) - {docname}))


def _undecodable(read: Callable[[], bytes], encoding: str) -> tuple[int, int, int] | None:
    """(line, column, byte) of the first byte that is not valid ``encoding``, or None."""
    try:
        raw = read()
    except OSError:
        return None  # Sphinx reports unreadable files itself
    try:
        raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return line, column, raw[exc.start]
    return None
