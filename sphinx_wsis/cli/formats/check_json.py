"""``sphinx-wsis check --format json``: the verdict as a stable, documented JSON document.

Described by the JSON Schema shipped as ``sphinx_wsis/schemas/check.schema.json``
(:data:`CHECK_SCHEMA_PATH`): its ``version`` changes only when a field is removed or changes
meaning. File paths in it are POSIX paths relative to the project directory (``project``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..verdict import CheckReport

CHECK_FORMAT = "sphinx-wsis-check"
CHECK_FORMAT_VERSION = 1
CHECK_SCHEMA_PATH = Path(__file__).parents[2] / "schemas" / "check.schema.json"


def to_json(report: CheckReport) -> dict[str, Any]:
    """The check result, as described by ``schemas/check.schema.json``."""
    document = report.document
    return {
        "format": CHECK_FORMAT,
        "version": CHECK_FORMAT_VERSION,
        "project": report.srcdir.as_posix(),
        "report": (
            {"entity": report.entity, "stakeholder": report.stakeholder}
            if report.entity is not None
            else None
        ),
        "template": document["template"],
        "complete": report.complete,
        "exit_code": report.exit_code,
        "totals": {**document["totals"], "sphinx_warnings": len(report.warnings)},
        "parts": document["parts"],
        "findings": document["findings"],
        "sphinx_warnings": [w.as_dict() for w in report.warnings],
    }
