"""Completeness checks: one finding per gap, the same whatever the source format or build mode."""

from __future__ import annotations

import json
from pathlib import Path

from sphinx_wsis.config import template_of

from .conftest import RST_CONF, Built, write_project

REPORT_ONLY = """\
# Our report

:::{wsis-report}
:entity: Example Network
:stakeholder: academia
:::
"""


def test_report_only_gets_one_finding_per_missing_part(build, tmp_path: Path) -> None:
    built: Built = build(write_project(tmp_path / "p", {"index.md": REPORT_ONLY}))
    template = template_of(built.app.config)
    parts = template.parts()
    document = built.completeness
    assert {p["id"] for p in document["parts"]} == {p.id for p in parts}
    assert all(p["state"] == "missing" for p in document["parts"])
    missing = built.wsis_warnings("missing")
    assert len(missing) == len(parts) == document["totals"]["missing"] == 77
    assert len(built.wsis_warnings()) == len(parts)
    assert all(line.startswith(f"{tmp_path / 'p' / 'index.md'}:3: WARNING:") for line in missing)
    # every part is named, in template order
    for part, line in zip(parts, missing, strict=True):
        assert part.subject in line or part.label in line, (part, line)
    assert document["complete"] is False


def test_complete_report_has_no_findings(build, example_copy: Path) -> None:
    built: Built = build(example_copy)
    assert built.wsis_warnings() == []
    document = built.completeness
    assert document["complete"] is True
    assert document["totals"]["not-applicable"] == 6
    assert document["totals"]["done"] == 71


def test_placeholder_empty_and_min_words(build, tmp_path: Path) -> None:
    project = write_project(
        tmp_path / "p",
        {
            "index.md": REPORT_ONLY
            + """
:::{wsis-section} executive-summary
TODO: write the summary.
:::

:::{wsis-section} challenges-and-gaps
:::

:::{wsis-section} future-directions
Connectivity.
:::

::::{wsis-action-line} C3
:::{wsis-achievements}
[Achievements, challenges, future priorities]
:::
:::{wsis-challenges}
Our own marker PENDING-REVIEW is still here.
:::
::::
"""
        },
    )
    built = build(
        project,
        confoverrides={"wsis_min_words": 2, "wsis_placeholder_patterns": ["PENDING-REVIEW"]},
    )
    states = {p["id"]: p["state"] for p in built.completeness["parts"]}
    assert states["executive-summary"] == "placeholder"
    assert states["challenges-and-gaps"] == "empty"
    assert states["future-directions"] == "empty"  # one word, two needed
    assert states["C3/achievements"] == "placeholder"
    assert states["C3/challenges"] == "placeholder"
    assert states["C3/priorities"] == "missing"
    placeholder = built.wsis_warnings("placeholder")
    assert any("index.md:8:" in w and "'TODO'" in w for w in placeholder)
    assert any("PENDING-REVIEW" in w for w in placeholder)


def test_placeholder_label_is_the_first_pattern_the_first_such_text_holds() -> None:
    """One screening scan finds a text with any pattern; the label still follows the order
    of the texts, then of the patterns, whole words only, case ignored, ``re:`` included."""
    from sphinx_wsis.checks import PlaceholderMatcher

    matcher = PlaceholderMatcher(["TODO", "TBD", "[À COMPLÉTER]", r"re:draft\s+\d+"])
    assert matcher.search(["Written.", "see draft 2, then tbd and todo"]) == "TODO"
    assert matcher.search(["Draft  7 only", "TODO"]) == r"draft\s+\d+"
    assert matcher.search(["todos, mastodon and TBDs are words"]) is None
    assert matcher.search(["Texte [à compléter] ici"]) == "[À COMPLÉTER]"
    assert PlaceholderMatcher([r"re:^\s*-$"]).search(["text", " -"]) == r"^\s*-$"
    assert PlaceholderMatcher([]).search(["TODO"]) is None


def test_suppress_warnings_mutes_a_category(build, tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"index.md": REPORT_ONLY})
    built = build(project, confoverrides={"suppress_warnings": ["wsis.missing"]})
    assert built.wsis_warnings() == []
    assert built.completeness["totals"]["missing"] == 77  # still recorded for CI tools


def test_stories_can_be_switched_off(build, tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"index.md": REPORT_ONLY})
    built = build(project, confoverrides={"wsis_require_success_stories": False})
    assert not any(p["kind"] == "stories" for p in built.completeness["parts"])


# -- the same findings from MyST and rST, serial and parallel, fresh and incremental -------------

MYST_PAGES = {
    "index.md": REPORT_ONLY
    + """
```{toctree}
c3
c7
```
""",
    "c3.md": """\
# C3. Access to information and knowledge

::::{wsis-action-line} C3
:::{wsis-achievements}
Community networks in 14 countries brought affordable access to 120,000 people.
:::
:::{wsis-challenges}
TBD
:::
:::{wsis-success-story} Mesh networks in rural Kenya
:year: 2019
Text of the story.
:::
::::
""",
    "c7.md": """\
# C7

:::{wsis-action-line} C7 E-Health
:not-applicable: We do not work on health.
:::

:::{wsis-priorities}
:action-line: c7/e-learning
Open courseware.
:::
""",
}

RST_PAGES = {
    "index.rst": """\
Our report
==========

.. wsis-report::
   :entity: Example Network
   :stakeholder: academia

.. toctree::

   c3
   c7
""",
    "c3.rst": """\
C3. Access to information and knowledge
=======================================

.. wsis-action-line:: C3

   .. wsis-achievements::

      Community networks in 14 countries brought affordable access to 120,000 people.

   .. wsis-challenges::

      TBD

   .. wsis-success-story:: Mesh networks in rural Kenya
      :year: 2019

      Text of the story.
""",
    "c7.rst": """\
C7
==

.. wsis-action-line:: C7 E-Health
   :not-applicable: We do not work on health.

.. wsis-priorities::
   :action-line: c7/e-learning

   Open courseware.
""",
}


def comparable(built: Built, *, lines: bool = True) -> dict:
    """The completeness result without the file suffix, which differs between MyST and rST."""
    text = json.dumps(built.completeness).replace(".rst", ".SRC").replace(".md", ".SRC")
    document = json.loads(text)
    if not lines:  # the two syntaxes put the same directive on different lines
        for item in document["parts"] + document["findings"]:
            item.pop("line")
    return document


def test_myst_and_rst_give_the_same_findings(build, tmp_path: Path) -> None:
    myst = build(write_project(tmp_path / "md", MYST_PAGES))
    rst = build(write_project(tmp_path / "rst", RST_PAGES, RST_CONF))
    assert comparable(myst, lines=False) == comparable(rst, lines=False)
    states = {p["id"]: p["state"] for p in myst.completeness["parts"]}
    assert states["C3/achievements"] == "done"
    assert states["C3/challenges"] == "placeholder"
    assert states["C3/stories"] == "done"
    assert states["C7.e-health/achievements"] == "not-applicable"
    assert states["C7.e-learning/priorities"] == "done"


def test_parallel_build_matches_serial(build, tmp_path: Path, example_copy: Path) -> None:
    pages = dict(MYST_PAGES)
    for i in range(6):  # enough pages for Sphinx to split the reading between processes
        pages[f"extra{i}.md"] = (
            f"# Extra {i}\n\n:::{{wsis-section}} wsis-mandates\nText {i}.\n:::\n"
        )
    serial = build(write_project(tmp_path / "serial", pages))
    parallel = build(write_project(tmp_path / "parallel", pages), parallel=2)
    assert comparable(serial) == comparable(parallel)
    assert sorted(serial.wsis_warnings()) == sorted(
        w.replace("/parallel/", "/serial/") for w in parallel.wsis_warnings()
    )
    assert len(serial.wsis_warnings("duplicate")) == 5


def test_incremental_edits_match_fresh_builds(build, tmp_path: Path) -> None:
    """Add, change and delete pages without -E: each result equals a fresh build's."""
    project = write_project(tmp_path / "inc", MYST_PAGES)
    steps = [
        ("change", "c3.md", MYST_PAGES["c3.md"].replace("TBD", "Backhaul costs remain high.")),
        (
            "add",
            "c4.md",
            "# C4\n\n::::{wsis-action-line} C4\n:::{wsis-achievements}\nTrained.\n:::\n::::\n",
        ),
        ("delete", "c7.md", None),
        ("change", "c4.md", "# C4\n\nNothing here any more.\n"),
        ("add", "c7.md", MYST_PAGES["c7.md"]),
    ]
    incremental = build(project)
    for number, (action, name, text) in enumerate(steps):
        if action == "delete":
            (project / name).unlink()
        else:
            (project / name).write_text(text or "", "utf-8")
        incremental = build(project)
        fresh_dir = tmp_path / f"fresh{number}"
        write_project(fresh_dir, {p.name: p.read_text("utf-8") for p in project.glob("*.md")})
        fresh = build(fresh_dir, freshenv=True)
        assert incremental.completeness == fresh.completeness, (action, name)
    assert {p["id"]: p["state"] for p in incremental.completeness["parts"]}[
        "C3/challenges"
    ] == "done"


def test_unchanged_incremental_build_repeats_findings(build, tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", MYST_PAGES)
    first = build(project)
    second = build(project)  # nothing re-read
    assert first.wsis_warnings() and first.wsis_warnings() == second.wsis_warnings()
