"""Findings in content pulled in by ``include`` name the included file and its line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import MYST_CONF, RST_CONF, sphinx_build, write_project
from .test_cli import wsis

MYST_PART = """\
Some text before.

::::{wsis-action-line} C3
:::{wsis-achievements}
TODO: write this.
:::

:::{wsis-success-story} Libraries
:year: 20x5
A story of offline libraries in secondary schools.
:::
::::
"""
RST_PART = """\
Some text before.

.. wsis-action-line:: C3

   .. wsis-achievements::

      TODO: write this.

   .. wsis-success-story:: Libraries
      :year: 20x5

      A story of offline libraries in secondary schools.
"""
PROJECTS = {
    "md": (
        MYST_CONF + 'exclude_patterns = ["_build", "parts"]\n',
        {
            "index.md": "# Report\n\nIntro.\n\n\n\n\n\n```{include} parts/c3.md\n```\n",
            "parts/c3.md": MYST_PART,
        },
        "parts/c3.md",
        {"placeholder": 4, "year": 9, "record": 3},
    ),
    "rst": (
        RST_CONF + 'exclude_patterns = ["_build", "parts"]\n',
        {
            "index.rst": "Report\n======\n\nIntro.\n\n\n\n\n\n.. include:: parts/c3.rst\n",
            "parts/c3.rst": RST_PART,
        },
        "parts/c3.rst",
        {"placeholder": 5, "year": 10, "record": 3},
    ),
}


@pytest.mark.parametrize("fmt", list(PROJECTS))
def test_included_content_is_located_in_its_own_file(tmp_path: Path, fmt: str) -> None:
    conf, files, part, lines = PROJECTS[fmt]
    project = write_project(tmp_path / "p", files, conf)
    built = sphinx_build("-b", "wsis-json", project, tmp_path / "out")
    warnings = built.stderr.splitlines()
    year = next(w for w in warnings if "'20x5' is not a year" in w)
    assert year.startswith(f"{project / part}:{lines['year']}: WARNING:")
    placeholder = next(w for w in warnings if "C3 achievements still holds placeholder" in w)
    assert placeholder.startswith(f"{project / part}:{lines['placeholder']}: WARNING:")

    document = json.loads((tmp_path / "out" / "report.json").read_text("utf-8"))
    c3 = next(line for line in document["action_lines"] if line["code"] == "C3")
    assert c3["defined_at"] == {"file": part, "line": lines["record"]}
    parts = {p["id"]: p for p in document["completeness"]["parts"]}
    assert (parts["C3/achievements"]["file"], parts["C3/achievements"]["line"]) == (
        part,
        lines["placeholder"],
    )

    checked = json.loads(wsis("check", project, "--format", "json").stdout)
    located = {(f["file"], f["line"]) for f in checked["findings"] if "C3" in f["message"]}
    assert (part, lines["placeholder"]) in located
    text = wsis("check", project).stdout
    assert f"{part}:{lines['year']}: wsis-success-story :year: '20x5'" in text


INDICATOR = """\
:::{wsis-indicator} %(name)s
:id: %(id)s
:value: 42
:unit: percent
:year: %(year)s
:source: %(source)s
:source-url: https://stats.example.org/%(id)s
:::
"""


def test_an_indicators_data_source_is_kept_apart_from_the_file_it_is_in(tmp_path: Path) -> None:
    """``:source:`` (where the figure comes from) is shown, linked and exported, whether the
    indicator is on the page or pulled in by ``include``; the include's file is only its place."""
    here = INDICATOR % {"name": "Schools online", "id": "schools", "source": "Ministry survey",
                        "year": "2024"}  # fmt: skip
    there = INDICATOR % {"name": "Clinics online", "id": "clinics", "source": "Health census",
                         "year": "20x4"}  # fmt: skip
    files = {
        "index.md": "# Report\n\n" + here + "\n```{include} parts/more.md\n```\n\n"
        ":::{wsis-indicators}\n:::\n",
        "parts/more.md": "Text.\n\n" + there,
    }
    conf = MYST_CONF + 'exclude_patterns = ["_build", "parts"]\n'
    project = write_project(tmp_path / "p", files, conf)
    html = sphinx_build("-b", "html", project, tmp_path / "html")
    page = (tmp_path / "html" / "index.html").read_text("utf-8")
    for source, ident in (("Ministry survey", "schools"), ("Health census", "clinics")):
        link = (
            f'<a class="reference external" href="https://stats.example.org/{ident}">{source}</a>'
        )
        assert page.count(link) == 2, source  # the card's Source and the indicator table's
    year = next(w for w in html.stderr.splitlines() if "'20x4' is not a year" in w)
    assert year.startswith(f"{project / 'parts/more.md'}:"), year

    sphinx_build("-b", "wsis-json", project, tmp_path / "json")
    document = json.loads((tmp_path / "json" / "report.json").read_text("utf-8"))
    indicators = {i["id"]: i for i in document["indicators"]}
    assert indicators["schools"]["source"] == "Ministry survey"
    assert indicators["clinics"]["source"] == "Health census"
    assert indicators["clinics"]["defined_at"]["file"] == "parts/more.md"
    assert indicators["schools"]["defined_at"]["file"] == "index.md"
