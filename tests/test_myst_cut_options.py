"""An option value MyST cut at `` #`` is a ``wsis.invalid`` warning naming what was dropped."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import RST_CONF, sphinx_build, write_project

PAGE = """\
# Report

:::{wsis-report}
:entity: Data_Rights #1
:stakeholder: academia
:::

:::{wsis-contact}
:name: Jane Wanjiru
:email: jane@example.org
:address: Room #5, Mvule Court
:phone: "+254 20 #7"
:::

```{wsis-success-story} Libraries
---
action-line: C3
location: Kilosa #2
---
A story.
```
"""


def test_cut_values_are_warnings_with_what_was_dropped(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"index.md": PAGE})
    built = sphinx_build("-b", "wsis-json", project, tmp_path / "out")
    cut = [w for w in built.stderr.splitlines() if "was cut at ' #'" in w]
    index = project / "index.md"
    assert cut == [
        f"{index}:4: WARNING: wsis-report :entity: was cut at ' #', which MyST reads as the "
        "start of a comment: it keeps 'Data_Rights' and drops '#1'. Put the value in quotes "
        "to keep all of it: :entity: 'Data_Rights #1' [wsis.invalid]",
        f"{index}:11: WARNING: wsis-contact :address: was cut at ' #', which MyST reads as the "
        "start of a comment: it keeps 'Room' and drops '#5, Mvule Court'. Put the value in "
        "quotes to keep all of it: :address: 'Room #5, Mvule Court' [wsis.invalid]",
        f"{index}:18: WARNING: wsis-success-story :location: was cut at ' #', which MyST reads "
        "as the start of a comment: it keeps 'Kilosa' and drops '#2'. Put the value in quotes "
        "to keep all of it: :location: 'Kilosa #2' [wsis.invalid]",
    ]
    document = json.loads((tmp_path / "out" / "report.json").read_text("utf-8"))
    assert document["contact"]["phone"] == "+254 20 #7"  # quoted: kept whole, no warning


def test_the_suggested_quoting_keeps_the_whole_value(tmp_path: Path) -> None:
    fixed = (
        PAGE.replace(":entity: Data_Rights #1", ":entity: 'Data_Rights #1'")
        .replace(":address: Room #5, Mvule Court", ":address: 'Room #5, Mvule Court'")
        .replace("location: Kilosa #2", "location: 'Kilosa #2'")
    )
    project = write_project(tmp_path / "p", {"index.md": fixed})
    built = sphinx_build("-b", "wsis-json", project, tmp_path / "out")
    assert "was cut" not in built.stderr and "directive_comments" not in built.stderr
    document = json.loads((tmp_path / "out" / "report.json").read_text("utf-8"))
    assert document["report"]["entity"] == "Data_Rights #1"
    assert document["contact"]["address"] == "Room #5, Mvule Court"
    assert document["stories"][0]["location"] == "Kilosa #2"


def test_rst_options_keep_the_hash(tmp_path: Path) -> None:
    page = (
        "Report\n======\n\n.. wsis-contact::\n   :name: Jane\n   :email: jane@example.org\n"
        "   :address: Room #5, Mvule Court\n"
    )
    project = write_project(tmp_path / "p", {"index.rst": page}, RST_CONF)
    built = sphinx_build("-b", "wsis-json", project, tmp_path / "out")
    assert "was cut" not in built.stderr
    document = json.loads((tmp_path / "out" / "report.json").read_text("utf-8"))
    assert document["contact"]["address"] == "Room #5, Mvule Court"
