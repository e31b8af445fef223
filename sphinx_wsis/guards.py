"""Guards against input that would make Sphinx itself stop with a traceback.

Sphinx reads every page with ``read_text`` and stops with a Python traceback at the first byte
that is not valid in the source encoding. A report author saving one page in Latin-1 should get
a message naming the file, line and column instead, and the rest of the report should build.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sphinx.util import logging

from .warnings import WsisWarning, warn

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
        warn(
            WsisWarning.INVALID,
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


def break_circular_toctrees(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: a toctree that leads back to a page above it is a warning, not a crash.

    Sphinx 9's ``collect_relations`` (HTML's previous/next links) recurses forever on
    ``a`` → ``b`` → ``a`` and stops the build with a RecursionError. The entry that closes the
    loop is left out of ``env.toctree_includes`` (the navigation still shows it; Sphinx's own
    toctree resolution skips the loop) and reported on every build until the page is fixed.
    """
    includes = env.toctree_includes
    cut: dict[str, list[str]] = env.domains["wsis"].data.setdefault("cut_toctree_entries", {})
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in [env.config.root_doc, *sorted(includes)]:
        if start in state or start not in includes:
            continue
        state[start] = 1
        path = [(start, iter(list(includes.get(start, ()))))]
        while path:
            docname, children = path[-1]
            child = next(children, None)
            if child is None:
                state[docname] = 2
                path.pop()
            elif state.get(child) == 1 and child != docname:  # Sphinx handles self-reference
                includes[docname].remove(child)
                cut.setdefault(docname, []).append(child)
            elif child not in state:
                state[child] = 1
                path.append((child, iter(list(includes.get(child, ())))))
    for docname, children in sorted(cut.items()):
        for child in children:
            logger.warning(
                "circular toctree: this page lists %r, whose toctree leads back here; the "
                "entry is left out of the previous/next links",
                child,
                location=docname,
                type="toc",
                subtype="circular",
            )


def setup(app: Sphinx) -> None:
    """Skip undecodable pages before they are read; cut circular toctrees once all are read
    (before the checks, which follow the toctrees)."""
    app.connect("env-before-read-docs", skip_undecodable_pages)
    app.connect("env-updated", break_circular_toctrees)
