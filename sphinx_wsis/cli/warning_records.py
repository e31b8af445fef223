"""Sphinx's warnings as records: level, message, ``type.subtype`` and location, as logged.

A :class:`WarningCollector` is a logging handler beside the one that prints Sphinx's warnings.
It applies the project's ``suppress_warnings`` and Sphinx's once-only rule, as the printing
handler does, so it keeps exactly what ``sphinx-build`` prints and ``-W`` fails on, without
reading the printed text back.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util import logging as sphinx_logging
from sphinx.util.console import strip_colors

from .verdict import SphinxWarning

if TYPE_CHECKING:
    from collections.abc import Collection

    from sphinx.application import Sphinx


class WarningCollector(sphinx_logging.WarningStreamHandler):
    """Every warning the project's build logs, kept as a :class:`logging.LogRecord`.

    A ``WarningStreamHandler``, so that Sphinx treats it as it treats the printing handler:
    while it postpones warnings (reading, parallel writing) it detaches both and replays each
    record once afterwards.
    """

    def __init__(self, app: Sphinx, printed_before: str = "") -> None:
        super().__init__()
        self.setLevel(logging.WARNING)
        self.app = app
        #: what Sphinx printed before the collector was attached (while conf.py ran)
        self.printed_before = printed_before
        self.addFilter(sphinx_logging.WarningSuppressor(app))
        self.addFilter(sphinx_logging.OnceFilter())
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def warnings(
        self, srcdir: Path, *, reported: Collection[tuple[str, str]] = ()
    ) -> list[SphinxWarning]:
        """The records as warnings, without the findings in ``reported`` (type, message).

        The checks' own findings are reported as findings; every other warning, ``wsis.*``
        ones included (a reference to a story the report lacks, a sphinx-needs id clash),
        fails a ``-W`` build and so is kept.
        """
        result = [
            SphinxWarning(*printed.partition(": ")[::2])
            for printed in strip_colors(self.printed_before).splitlines()
            if printed.startswith(("WARNING: ", "ERROR: ", "CRITICAL: "))
        ]
        for record in self.records:
            kind = warning_type(record)
            message = message_of(record, kind)
            if kind is not None and (kind, message) in reported:
                continue
            file, line = self.location(record, srcdir)
            result.append(SphinxWarning(record.levelname, message, kind, file, line))
        return result

    def location(self, record: logging.LogRecord, srcdir: Path) -> tuple[str | None, int | None]:
        """The record's file (relative to ``srcdir`` when inside it) and line.

        Sphinx's printing handler, which sees the record first, has replaced a
        ``(docname, line)`` pair or a node by ``path:line``; both are handled here too, so the
        result does not depend on the order of the handlers.
        """
        location: Any = getattr(record, "location", None)
        if isinstance(location, nodes.Node):
            location = sphinx_logging.get_node_location(location)
        path: str | None
        line: int | None = None
        if isinstance(location, tuple):
            docname, line = location
            path = str(self.app.env.doc2path(docname)) if docname else None
        elif isinstance(location, str) and location:
            path, sep, number = location.rpartition(":")
            if not sep:  # a docname or a path without a line
                path = location
            elif number.isdigit():
                line = int(number)
            elif number:  # a colon inside the path itself
                path = location
        else:
            return None, None
        if path and Path(path).is_absolute() and Path(path).is_relative_to(srcdir):
            path = Path(os.path.relpath(path, srcdir)).as_posix()
        return path or None, line or None


def warning_type(record: logging.LogRecord) -> str | None:
    """``type.subtype`` as ``suppress_warnings`` and ``show_warning_types`` spell it."""
    kind = getattr(record, "type", None)
    subtype = getattr(record, "subtype", None)
    if not kind:
        return None
    return f"{kind}.{subtype}" if subtype else str(kind)


def message_of(record: logging.LogRecord, kind: str | None) -> str:
    """The message alone: without the location and level Sphinx's records prefix, and without
    the `` [type.subtype]`` that ``show_warning_types`` appends to it."""
    message = strip_colors(logging.LogRecord.getMessage(record)).strip()
    return message.removesuffix(f" [{kind}]") if kind else message
