"""``sphinx-wsis check`` counts each finding once; a ``wsis:`` reference warns once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import MYST_CONF, sphinx_build, write_project
from .test_cli import wsis

PAGE = """\
# Report

See {wsis:al}`C99`, {wsis:ind}`nope` and {wsis:story}`nada`.

:::{wsis-section} introduction
TODO
:::
"""
UNKNOWN = [
    "unknown action-line code 'C99'; did you mean 'C9'?",
    "no indicator id 'nope' in this report",
    "no success story 'nada' in this report",
]


@pytest.mark.parametrize("show_types", [True, False])
def test_each_finding_once_and_one_warning_per_unknown_target(
    tmp_path: Path, show_types: bool
) -> None:
    conf = MYST_CONF + f"show_warning_types = {show_types}\nnitpicky = True\n"
    project = write_project(tmp_path / "p", {"index.md": PAGE}, conf)

    built = sphinx_build("-b", "html", project, tmp_path / "out")
    assert "reference target not found" not in built.stderr
    for message in UNKNOWN:
        assert built.stderr.count(message) == 1, built.stderr

    result = wsis("check", project, "--format", "json")
    report = json.loads(result.stdout)
    others = [w["message"] for w in report["sphinx_warnings"]]
    assert sorted(others) == sorted(UNKNOWN)  # no finding counted again as a Sphinx warning
    assert report["totals"]["sphinx_warnings"] == 3
    findings = [f["message"] for f in report["findings"]]
    assert len(findings) == len(set(findings)) == report["totals"]["findings"]
    warned = [line for line in built.stderr.splitlines() if ": WARNING: " in line]
    assert len(warned) == len(findings) + len(UNKNOWN)  # the build and check agree


def test_nitpicky_still_warns_for_other_domains(tmp_path: Path) -> None:
    conf = MYST_CONF + "nitpicky = True\n"
    project = write_project(tmp_path / "p", {"index.md": "# R\n\n{py:func}`nowhere`\n"}, conf)
    built = sphinx_build("-b", "html", project, tmp_path / "out")
    assert "py:func reference target not found: nowhere" in built.stderr
