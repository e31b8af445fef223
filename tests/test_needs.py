"""sphinx-needs integration: the report's entries as hidden needs, and a build without it."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from sphinx_wsis.needs import need_id

from .conftest import MYST_CONF, ROOT, Built, sphinx_build, write_project

#: The integration is opt-in: these projects list ``sphinx_needs`` (SPEC §1).
NEEDS_CONF = MYST_CONF.replace('"sphinx_wsis"]', '"sphinx_needs", "sphinx_wsis"]')


def list_sphinx_needs(project: Path) -> Path:
    """Add ``sphinx_needs`` to a copied project's extensions, as an author opting in does."""
    conf = project / "conf.py"
    text = conf.read_text("utf-8")
    assert '"sphinx_wsis"]' in text
    conf.write_text(text.replace('"sphinx_wsis"]', '"sphinx_needs", "sphinx_wsis"]'), "utf-8")
    return project


def needs_of(built: Built) -> dict[str, dict[str, Any]]:
    data = json.loads((built.outdir / "needs.json").read_text("utf-8"))
    return data["versions"][data["current_version"]]["needs"]


def expected_ids(built: Built) -> dict[str, str]:
    """need id → type, for every entry the WSIS domain holds."""
    domain = built.app.env.domains["wsis"]
    ids = {need_id("WSIS_AL_", r.code, unambiguous=True): "wsis_action_line"
           for r in domain.records("action_lines")}  # fmt: skip
    ids |= {need_id("WSIS_STORY_", r.slug, unambiguous=True): "wsis_story"
            for r in domain.records("stories")}  # fmt: skip
    ids |= {need_id("WSIS_IND_", r.id): "wsis_indicator" for r in domain.records("indicators")}
    return ids


# -- the example report ---------------------------------------------------------------------------


@pytest.fixture
def example_needs(build: Callable[..., Built], example_copy: Path) -> Built:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        built = build(
            list_sphinx_needs(example_copy), "html", confoverrides={"needs_build_json": True}
        )
    built.caught = caught  # type: ignore[attr-defined]
    return built


def test_example_builds_with_needs_without_any_warning(example_needs: Built) -> None:
    assert example_needs.warnings == ""
    deprecations = [
        f"{w.filename}:{w.lineno}: {w.message}"
        for w in example_needs.caught  # type: ignore[attr-defined]
        if issubclass(w.category, DeprecationWarning) or "sphinx_wsis" in w.filename
    ]
    assert deprecations == []


def test_needs_json_holds_every_entry_with_its_links(example_needs: Built) -> None:
    needs = needs_of(example_needs)
    expected = expected_ids(example_needs)
    assert (
        len(expected) == 42
    )  # 19 action-line entries (C7's sub-lines too), 14 stories, 9 indicators
    assert {nid: need["type"] for nid, need in needs.items()} == expected
    for nid, need in needs.items():
        codes = need["wsis_action_lines"]
        if need["type"] == "wsis_action_line":
            assert codes == [need["wsis_code"]]
            parent = need["wsis_parent"]
            assert need["wsis_part_of"] == ([f"WSIS_AL_{parent}"] if parent else [])
        else:
            assert need["wsis_reports_on"] == [
                need_id("WSIS_AL_", code, unambiguous=True) for code in codes
            ], nid
    c7 = needs["WSIS_AL_C7"]
    assert len(c7["wsis_part_of_back"]) == 8
    assert (
        "WSIS_STORY_OFFLINE_LIBRARIES_FOR_SECONDARY_SCHOOLS_IN_KILOSA"
        in (needs["WSIS_AL_C3"]["wsis_reports_on_back"])
    )
    users = needs["WSIS_IND_INTERNET_USERS_2025"]
    assert (
        users["wsis_value"] == 74 and users["wsis_year"] == 2025 and users["status"] == "complete"
    )
    assert needs["WSIS_IND_PEOPLE_OFFLINE_2025"]["wsis_value"] == 2200000000
    assert needs["WSIS_AL_C7_E_BUSINESS"]["wsis_not_applicable"].startswith("OANA does not run")


def test_the_report_keeps_its_own_rendering(example_needs: Built) -> None:
    html = example_needs.html("action-lines/c3")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select(".need") == []  # no sphinx-needs boxes
    story = soup.select_one("div.wsis-story")
    assert story is not None and "Offline libraries for secondary schools" in story.get_text()
    # a needtable's link to the need lands on the report's own card
    anchor = soup.find(id="WSIS_STORY_OFFLINE_LIBRARIES_FOR_SECONDARY_SCHOOLS_IN_KILOSA")
    assert anchor is not None and anchor.find_parent("div", class_="wsis-story") is story


def test_parallel_read_gives_the_same_needs(example_copy: Path, tmp_path: Path) -> None:
    """``-j 2`` merges the workers' needs into what a serial build collects."""
    list_sphinx_needs(example_copy)
    found = []
    for jobs in ("1", "2"):
        out = tmp_path / f"j{jobs}"
        result = sphinx_build(
            "-E", "-W", "-j", jobs, "-D", "needs_build_json=1", "-b", "html", example_copy, out,
            "-d", tmp_path / f"doctrees{jobs}",
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert "WARNING" not in result.stderr
        data = json.loads((out / "needs.json").read_text("utf-8"))
        found.append(data["versions"][data["current_version"]]["needs"])
    assert len(found[0]) == 42
    assert found[0] == found[1]


# -- needtable and filters ------------------------------------------------------------------------

STORIES = {
    "index.md": """\
# Report

```{toctree}
c2
```

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
:action-lines: C3, C9
:::

```{needtable}
:filter: type == "wsis_story" and "C3" in wsis_action_lines
:columns: id, title, wsis_year
```

```{needtable}
:filter: type == "wsis_indicator" and wsis_value > 10
:columns: id, title, wsis_value, wsis_reports_on
```
""",
    "c2.md": """\
# C2

::::{wsis-action-line} C2
:::{wsis-success-story} Mesh network
:year: 2015
:partners: A; B
Mesh text.
:::
::::
""",
}


def table_rows(html: str) -> list[list[str]]:
    soup = BeautifulSoup(html, "html.parser")
    return [
        [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        for table in soup.select("table.NEEDS_DATATABLES")
        for row in table.select("tbody tr")
    ]


def test_a_needtable_filters_stories_and_indicators(
    build: Callable[..., Built], tmp_path: Path
) -> None:
    built = build(write_project(tmp_path / "p", STORIES, conf=NEEDS_CONF), "html")
    assert "needs." not in built.warnings  # only the completeness check's own findings
    rows = table_rows(built.html())
    indicator_id = need_id("WSIS_IND_", "schools.online")
    assert rows == [
        ["WSIS_STORY_LIBRARIES_ONLINE", "Libraries online", "2019"],
        [indicator_id, "Schools online", "12.5", "WSIS_AL_C3"],  # no C9 entry: no dead link
    ]
    assert indicator_id.startswith("WSIS_IND_SCHOOLS_ONLINE_")


def test_sphinx_needs_assets_only_on_pages_that_show_needs(
    build: Callable[..., Built], tmp_path: Path
) -> None:
    """The report renders its needs itself: its pages do not load sphinx-needs' eleven files."""
    built = build(write_project(tmp_path / "p", STORIES, conf=NEEDS_CONF), "html")

    def assets(docname: str) -> list[str]:
        soup = BeautifulSoup(built.html(docname), "html.parser")
        links = [tag["href"] for tag in soup.find_all("link", rel="stylesheet")]
        return [*links, *(tag["src"] for tag in soup.find_all("script", src=True))]

    with_table = assets("index")  # holds the needtables
    assert any("sphinx-needs/" in a for a in with_table)
    assert any("sphinx-data-viewer/" in a for a in with_table)
    report_page = assets("c2")  # a story, registered as a hidden need
    assert report_page and not any("sphinx-needs/" in a or "data-viewer" in a for a in report_page)
    assert any("wsis.css" in a for a in report_page)
    assert (built.outdir / "_static" / "sphinx-needs").is_dir()  # still copied for the tables


def test_an_incremental_build_updates_the_needs(
    build: Callable[..., Built], tmp_path: Path
) -> None:
    project = write_project(tmp_path / "p", STORIES, conf=NEEDS_CONF)
    overrides = {"needs_build_json": True}
    first = build(project, "html", confoverrides=overrides)
    assert "WSIS_STORY_MESH_NETWORK" in needs_of(first)
    page = project / "c2.md"
    page.write_text(page.read_text("utf-8").replace("Mesh network", "Solar mesh"), "utf-8")
    second = build(project, "html", confoverrides=overrides)
    needs = needs_of(second)
    assert "WSIS_STORY_MESH_NETWORK" not in needs
    assert needs["WSIS_STORY_SOLAR_MESH"]["wsis_reports_on"] == ["WSIS_AL_C2"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_duplicate_entry_is_reported_once_by_the_checks(tmp_path: Path, jobs: str) -> None:
    """Two pages with C3, read by different workers: wsis.duplicate, not a needs warning too.

    With -j 2, Sphinx reads these nine pages in chunks of four, the first two at once: p0
    and p4 are read by workers that cannot see each other's needs until they are merged.
    """
    pages = [f"p{i}" for i in range(8)]
    files = {
        "index.md": "# Report\n\n```{toctree}\n" + "\n".join(pages) + "\n```\n",
        **{f"{page}.md": f"# {page}\n\nText.\n" for page in pages},
    }
    files["p0.md"] += "\n::::{wsis-action-line} C3\n::::\n"
    files["p4.md"] += "\n::::{wsis-action-line} C3\n::::\n"
    project = write_project(tmp_path / "p", files, conf=NEEDS_CONF)
    result = sphinx_build("-E", "-j", jobs, "-b", "html", project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    duplicates = [line for line in result.stderr.splitlines() if "[wsis.duplicate]" in line]
    assert len(duplicates) == 1 and "p4.md" in duplicates[0], result.stderr
    assert "needs." not in result.stderr
    assert "Traceback" not in result.stderr


def test_an_id_rule_our_ids_break_is_a_clear_warning(
    build: Callable[..., Built], tmp_path: Path
) -> None:
    conf = NEEDS_CONF + 'needs_id_regex = r"^[A-Z]{2}-[0-9]+$"\n'
    built = build(write_project(tmp_path / "p", STORIES, conf=conf), "html")
    lines = built.wsis_warnings("needs")
    assert len(lines) == 5  # two action lines, two stories, one indicator
    assert any(
        "index.md:" in line
        and "WSIS_AL_C3" in line
        and "does not match" in line
        and "wsis_use_needs = False" in line
        for line in lines
    ), lines


# -- opt-in: without sphinx_needs in extensions, sphinx-needs is never imported --------------------

NO_NEEDS_SCRIPT = """\
import sys
from pathlib import Path
from sphinx.cmd.build import build_main

src, builder, *options = sys.argv[1:]
code = build_main([*options, "-W", "-q", "-b", builder, src, src + "/_build"])
print("returncode", code)
print("sphinx_needs imported", any(m.split(".")[0] == "sphinx_needs" for m in sys.modules))
"""


def run_script(project: Path, buildername: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", NO_NEEDS_SCRIPT, str(project), buildername, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


@pytest.mark.parametrize("buildername", ["html", "wsis-json"])
def test_a_project_without_sphinx_needs_never_imports_it(
    example_copy: Path, buildername: str
) -> None:
    result = run_script(example_copy, buildername)
    assert "returncode 0" in result.stdout, result.stderr
    assert "sphinx_needs imported False" in result.stdout
    assert not (example_copy / "_build" / "needs.json").exists()
    assert not (example_copy / "_build" / "_static" / "sphinx-needs").exists()


@pytest.mark.parametrize(
    ("conf_line", "args"),
    [("wsis_use_needs = False\n", []), ("", ["-D", "wsis_use_needs=0"])],
    ids=["conf.py", "-D"],
)
def test_wsis_use_needs_false_registers_no_need(
    build: Callable[..., Built], tmp_path: Path, conf_line: str, args: list[str]
) -> None:
    """A project using sphinx-needs for its own needs can keep the report's entries out."""
    project = write_project(tmp_path / "p", STORIES, conf=NEEDS_CONF + conf_line)
    out = tmp_path / "out"
    result = sphinx_build("-E", "-D", "needs_build_json=1", *args, "-b", "html", project, out)
    assert result.returncode == 0, result.stderr
    data = json.loads((out / "needs.json").read_text("utf-8"))
    assert data["versions"][data["current_version"]]["needs"] == {}


def test_listing_sphinx_needs_turns_the_integration_on(example_copy: Path) -> None:
    """The check above can fail: listed in extensions, the same script sees the import."""
    result = run_script(list_sphinx_needs(example_copy), "html", "-D", "needs_build_json=1")
    assert "returncode 0" in result.stdout, result.stderr
    assert "sphinx_needs imported True" in result.stdout
    assert (example_copy / "_build" / "needs.json").exists()


def test_a_needpie_counts_stories_per_action_line(
    build: Callable[..., Built], tmp_path: Path
) -> None:
    """needpie draws with matplotlib from filters on our fields; filters that matched no
    need would show "No needs passed the filters" instead of a chart."""
    pytest.importorskip("matplotlib")
    pages = dict(STORIES)
    pages["index.md"] += """
```{needpie} Stories per action line
:labels: C2, C3

type == "wsis_story" and "C2" in wsis_action_lines
type == "wsis_story" and "C3" in wsis_action_lines
```
"""
    built = build(write_project(tmp_path / "p", pages, conf=NEEDS_CONF), "html")
    assert "needs." not in built.warnings
    images = list((built.outdir / "_images").glob("need_pie_*.svg")) + list(
        (built.outdir / "_images").glob("need_pie_*.png")
    )
    assert images, sorted(p.name for p in built.outdir.rglob("*need_pie*"))
    assert "Stories per action line" in built.html()
    assert "No needs passed the filters" not in built.html()
