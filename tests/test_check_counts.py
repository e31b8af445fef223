"""``sphinx-wsis check`` counts each finding once; a ``wsis:`` reference warns once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

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


ENTRIES = """\
# Report

See {any}`C3`, {any}`schools.online`, {any}`libraries-online` and {any}`nothing-here`.

::::{wsis-action-line} C3
:::{wsis-success-story} Libraries online
:year: 2019
Text of the story.
:::
::::

:::{wsis-indicator} Schools online
:id: schools.online
:value: 12.5
:unit: percent
:year: 2024
:source: Ministry
:action-lines: C3
:::
"""


def test_any_role_links_to_report_entries(build, tmp_path: Path) -> None:
    built = build(write_project(tmp_path / "p", {"index.md": ENTRIES}), "html")
    soup = BeautifulSoup(built.html(), "html.parser")
    paragraph = next(p for p in soup.find_all("p") if p.get_text().startswith("See"))
    links = {a.get_text(): a["href"] for a in paragraph.find_all("a", class_="reference")}
    assert set(links) == {
        "C3 Access to information and knowledge",
        "Schools online",
        "Libraries online",
    }, paragraph
    for href in links.values():
        assert href.startswith("#") and soup.find(id=href[1:]) is not None
    assert "nothing-here" in paragraph.get_text()
    assert "'any' reference target not found: nothing-here" in built.warnings


def test_an_undecodable_page_is_a_wsis_invalid_warning_suppress_warnings_mutes(
    build, tmp_path: Path
) -> None:
    project = write_project(tmp_path / "p", {"index.md": "# Report\n\n```{toctree}\nlatin\n```\n"})
    (project / "latin.md").write_bytes("# Caf\xe9\n".encode("latin-1"))
    assert any(
        "not valid UTF-8" in line for line in build(project, freshenv=True).wsis_warnings("invalid")
    )
    muted = build(project, freshenv=True, confoverrides={"suppress_warnings": ["wsis.invalid"]})
    assert "not valid UTF-8" not in muted.warnings
