"""Verdicts true in every build mode: per output, incremental equals fresh, reading order."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sphinx_wsis

from .conftest import MYST_CONF, Built, write_project

TEMPLATE = Path(sphinx_wsis.__file__).parent / "templates" / "wsis20-stakeholder.yaml"

HEAD = """\
# Report

:::{wsis-report}
:entity: Example Network
:stakeholder: academia
:::

```{toctree}
PAGES
```
"""
SUMMARY = "Executive summary text that the reader must find in the document."
EXEC_SUMMARY = f":::{{wsis-section}} executive-summary\n{SUMMARY}\n:::\n"


def head(*pages: str) -> str:
    return HEAD.replace("PAGES", "\n".join(pages))


def matrix_text(built: Built) -> list[str]:
    """The summary line of every rendered completeness matrix, page by page."""
    found = []
    for page in sorted(built.outdir.rglob("*.html")):
        for match in re.finditer(r'class="wsis-matrix-summary[^"]*">(.*?)</p>', page.read_text()):
            found.append(f"{page.relative_to(built.outdir)}: {match.group(1)}")
    return found


def same_as_fresh(incremental: Built, fresh: Built) -> None:
    """The matrix, the JSON and every warning equal a fresh ``-E`` build's."""
    assert matrix_text(incremental) == matrix_text(fresh)
    assert incremental.completeness == fresh.completeness
    relocate = str(fresh.srcdir), str(incremental.srcdir)
    assert sorted(incremental.warnings.replace(*relocate).splitlines()) == sorted(
        fresh.warnings.replace(*relocate).splitlines()
    )


# -- 1. completeness counts what each output holds ------------------------------------------


def test_orphan_page_is_done_in_html_but_missing_from_the_pdf(build, tmp_path: Path) -> None:
    project = write_project(
        tmp_path / "p",
        {"index.md": head("other"), "other.md": "# Other\n\n:::{wsis-completeness}\n:::\n",
         "orphan.md": f"---\norphan: true\n---\n# Orphan\n\n{EXEC_SUMMARY}"},
    )  # fmt: skip
    html = build(project)
    latex = build(project, "latex")
    assert html.completeness["output"] == "html"
    summary = next(p for p in latex.completeness["parts"] if p["id"] == "executive-summary")
    assert summary["state"] == "missing"
    assert summary["missing_from"] == ["latex", "wsis-docx"]
    state = next(p for p in html.completeness["parts"] if p["id"] == "executive-summary")
    assert (state["state"], state["missing_from"]) == ("done", ["latex", "wsis-docx"])
    assert not [w for w in html.wsis_warnings() if "executive" in w.lower()]
    warning = next(w for w in latex.wsis_warnings("missing") if "xecutive" in w)
    assert "orphan.md:6" in warning and "not in the PDF" in warning
    assert "no toctree from latex_documents includes that page" in warning
    # the PDF's own matrix says so too; the web page's says Done
    tex = (latex.outdir / "wsis20-report.tex").read_text("utf-8")
    row = re.search(r"Executive Summary.{0,400}?DUrole\{wsis-state-(?!label)([\w-]+)\}", tex, re.S)
    assert row and row[1] == "missing"
    page = html.html("other")
    row = re.search(r"Executive Summary.{0,400}?wsis-state-label\">(\w+)<", page, re.S)
    assert row and row[1] == "Done"


@pytest.mark.parametrize("expr", ["html", "html or epub", "not latex"])
def test_only_html_block_is_missing_from_the_pdf(build, tmp_path: Path, expr: str) -> None:
    page = f"# Summary\n\n::::{{only}} {expr}\n{EXEC_SUMMARY}::::\n"
    project = write_project(tmp_path / "p", {"index.md": head("summary"), "summary.md": page})
    html = build(project)
    latex = build(project, "latex")
    part = "executive-summary"
    assert {p["id"]: p["state"] for p in html.completeness["parts"]}[part] == "done"
    assert {p["id"]: p["state"] for p in latex.completeness["parts"]}[part] == "missing"
    warning = next(w for w in latex.wsis_warnings("missing") if "xecutive" in w)
    assert f"inside {{only}} {expr}" in warning
    assert SUMMARY not in (latex.outdir / "wsis20-report.tex").read_text()


def test_only_latex_block_counts_for_the_pdf_only(build, tmp_path: Path) -> None:
    page = f"# Summary\n\n::::{{only}} latex\n{EXEC_SUMMARY}::::\n"
    project = write_project(tmp_path / "p", {"index.md": head("summary"), "summary.md": page})
    html, latex = build(project), build(project, "latex")
    states = {p["id"]: p for p in html.completeness["parts"]}
    assert states["executive-summary"]["state"] == "missing"
    assert states["executive-summary"]["missing_from"] == ["html", "wsis-docx"]
    assert {p["id"]: p["state"] for p in latex.completeness["parts"]}["executive-summary"] == "done"


def test_toctree_only_start_page_leaves_its_own_text_out(build, tmp_path: Path) -> None:
    conf = MYST_CONF + ('latex_documents = [("index", "r.tex", "R", "A", "manual", True)]\n')
    index = head("other").replace(":::\n\n", f":::\n\n{EXEC_SUMMARY}\n", 1)
    project = write_project(
        tmp_path / "p", {"index.md": index, "other.md": "# Other\n\nText.\n"}, conf
    )
    latex = build(project, "latex")
    part = next(p for p in latex.completeness["parts"] if p["id"] == "executive-summary")
    assert part["state"] == "missing"
    assert "toctree_only" in next(w for w in latex.wsis_warnings("missing") if "xecutive" in w)


# -- 2. incremental equals fresh ------------------------------------------------------------

SETTINGS = {
    "wsis_min_words": "wsis_min_words = 100000\n",
    "wsis_placeholder_patterns": 'wsis_placeholder_patterns = ["re:[a-z]"]\n',
    "wsis_require_success_stories": "wsis_require_success_stories = False\n",
    "wsis_template": 'wsis_template = "custom.yaml"\n',
}


@pytest.mark.parametrize("setting", sorted(SETTINGS))
def test_changing_a_setting_gives_what_a_fresh_build_gives(
    build, example_copy: Path, tmp_path: Path, setting: str
) -> None:
    complete = matrix_text(build(example_copy))
    assert complete[0].startswith("annex.html: 77 of 77 parts complete")
    if setting == "wsis_template":
        text = TEMPLATE.read_text("utf-8").replace("min-indicators: 1", "min-indicators: 300")
        assert text != TEMPLATE.read_text("utf-8")
        (example_copy / "custom.yaml").write_text(text, "utf-8")
    with (example_copy / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(SETTINGS[setting])
    incremental = build(example_copy)
    fresh_dir = tmp_path / "fresh"
    shutil.copytree(example_copy, fresh_dir, ignore=shutil.ignore_patterns("_build"))
    fresh = build(fresh_dir, freshenv=True)
    assert matrix_text(fresh) != complete
    same_as_fresh(incremental, fresh)


def test_a_page_that_becomes_unreadable_is_forgotten(build, tmp_path: Path) -> None:
    pages = {"index.md": head("a", "b"), "a.md": "# A\n\nText.\n", "b.md": f"# B\n\n{EXEC_SUMMARY}"}
    project = write_project(tmp_path / "inc", pages)
    before = build(project)
    assert {p["id"]: p["state"] for p in before.completeness["parts"]}[
        "executive-summary"
    ] == "done"
    broken = f"# B\n\n{EXEC_SUMMARY}caf\xe9\n".encode("latin-1")
    (project / "b.md").write_bytes(broken)
    incremental = build(project)
    fresh_dir = write_project(tmp_path / "fresh", pages)
    (fresh_dir / "b.md").write_bytes(broken)
    fresh = build(fresh_dir, freshenv=True)
    states = {p["id"]: p["state"] for p in fresh.completeness["parts"]}
    assert states["executive-summary"] == "missing"
    assert "not valid UTF-8" in incremental.warnings
    same_as_fresh(incremental, fresh)
    # and fixed again: the page is back
    (project / "b.md").write_text(pages["b.md"], "utf-8")
    again = build(project)
    assert again.completeness == before.completeness


# -- 3. duplicates in reading order ---------------------------------------------------------

NA = "# Zeta\n\n:::{wsis-action-line} C3\n:not-applicable: Not our field of work.\n:::\n"
FULL = "# Alpha\n\n::::{wsis-action-line} C3\n:::{wsis-achievements}\nWe did it.\n:::\n::::\n"
PLACEHOLDER = "# Mid\n\n::::{wsis-action-line} C3\n:::{wsis-achievements}\nTODO\n:::\n::::\n"


@pytest.mark.parametrize(
    "first", [("zeta", NA), ("alpha", FULL), ("mid", PLACEHOLDER)], ids=["na", "full", "todo"]
)
def test_the_first_copy_in_toctree_order_counts(build, tmp_path: Path, first) -> None:
    name, text = first
    others = {"zeta": NA, "alpha": FULL, "mid": PLACEHOLDER}
    del others[name]
    order = [name, *sorted(others, reverse=True)]  # never alphabetical
    files = {"index.md": head(*order), f"{name}.md": text}
    files |= {f"{n}.md": t for n, t in others.items()}
    built = build(write_project(tmp_path / "p", files))
    duplicates = [w for w in built.wsis_warnings("duplicate") if "wsis-action-line C3" in w]
    assert len(duplicates) == 2
    for later, line in zip(order[1:], duplicates, strict=True):
        assert line.startswith(str(tmp_path / "p" / f"{later}.md"))
        assert f"the first is at {name}.md:3" in line
    # alpha and mid both hold achievements: the later one is the duplicate, even under N/A
    (aspect,) = [w for w in built.wsis_warnings("duplicate") if "wsis-achievements" in w]
    later, earlier = sorted(["alpha", "mid"], key=order.index)[::-1]
    assert aspect.startswith(str(tmp_path / "p" / f"{later}.md"))
    assert f"the first is at {earlier}.md:4" in aspect
    states = {p["id"]: p["state"] for p in built.completeness["parts"]}
    expected = {"zeta": "not-applicable", "alpha": "done", "mid": "placeholder"}[name]
    assert states["C3/achievements"] == expected
    findings = [
        f for f in built.completeness["findings"] if "a second wsis-action-line" in f["message"]
    ]
    assert [Path(f["file"]).stem for f in findings] == order[1:]


def test_title_page_and_check_take_the_first_report_in_reading_order(build, tmp_path: Path) -> None:
    report = ":::{{wsis-report}}\n:entity: {}\n:stakeholder: academia\n:::\n"
    files = {
        "index.md": "# Report\n\n```{toctree}\nzz\naa\n```\n",
        "zz.md": "# Z\n\n" + report.format("Zulu Foundation"),
        "aa.md": "# A\n\n" + report.format("Alpha Foundation"),
    }
    project = write_project(tmp_path / "p", files)
    latex = build(project, "latex")
    tex = (latex.outdir / "wsis20-report.tex").read_text()
    assert "Zulu Foundation" in tex and "Alpha Foundation" not in tex.split("\\begin{document}")[0]
    (duplicate,) = latex.wsis_warnings("duplicate")
    assert duplicate.startswith(str(project / "aa.md")) and "zz.md:3" in duplicate
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_wsis.cli", "check", "--format", "json", str(project)],
        capture_output=True,
        text=True,
        check=False,
    )
    document = json.loads(result.stdout)
    assert document["report"]["entity"] == "Zulu Foundation"
    (finding,) = [f for f in document["findings"] if f["subtype"] == "wsis.duplicate"]
    assert finding["file"] == "aa.md"


def test_the_pdf_title_page_skips_a_report_block_the_pdf_leaves_out(build, tmp_path: Path) -> None:
    report = ":::{{wsis-report}}\n:entity: {}\n:stakeholder: academia\n:::\n"
    files = {
        "index.md": "# Report\n\n::::{only} html\n" + report.format("Web Only Name") + "::::\n\n"
        "```{toctree}\nother\n```\n",
        "other.md": "# Other\n\n" + report.format("Printed Name"),
    }
    latex = build(write_project(tmp_path / "p", files), "latex")
    tex = (latex.outdir / "wsis20-report.tex").read_text()
    assert "Printed Name" in tex and "Web Only Name" not in tex
    assert not latex.wsis_warnings("duplicate")  # the PDF holds one report block


def test_a_page_listed_only_by_a_toctree_inside_only_html_is_not_in_the_pdf(
    build, tmp_path: Path
) -> None:
    index = head("other") + "\n::::{only} html\n```{toctree}\nweb\n```\n::::\n"
    files = {
        "index.md": index,
        "other.md": "# Other\n\nText.\n",
        "web.md": f"# Web\n\n{EXEC_SUMMARY}",
    }
    project = write_project(tmp_path / "p", files)
    html, latex = build(project), build(project, "latex")
    assert {p["id"]: p["state"] for p in html.completeness["parts"]}["executive-summary"] == "done"
    part = next(p for p in latex.completeness["parts"] if p["id"] == "executive-summary")
    assert part["state"] == "missing" and part["missing_from"] == ["latex", "wsis-docx"]
    assert SUMMARY not in (latex.outdir / "wsis20-report.tex").read_text()


def test_ifconfig_false_content_is_missing_everywhere(build, tmp_path: Path) -> None:
    conf = MYST_CONF.replace('"sphinx_wsis"]', '"sphinx_wsis", "sphinx.ext.ifconfig"]')
    conf += "def setup(app):\n    app.add_config_value('show_summary', False, 'env')\n"
    page = f"# Summary\n\n::::{{ifconfig}} show_summary\n{EXEC_SUMMARY}::::\n"
    project = write_project(tmp_path / "p", {"index.md": head("summary"), "summary.md": page}, conf)
    html = build(project)
    assert SUMMARY not in html.html("summary")
    part = next(p for p in html.completeness["parts"] if p["id"] == "executive-summary")
    assert part["state"] == "missing" and part["missing_from"] == ["html", "latex", "wsis-docx"]
    warning = next(w for w in html.wsis_warnings("missing") if "xecutive" in w)
    assert "inside {ifconfig} show_summary" in warning


def test_a_circular_toctree_is_a_warning_not_a_crash(build, tmp_path: Path) -> None:
    """Sphinx 9 itself recurses forever on a → b → a (collect_relations)."""
    files = {
        "index.md": head("a"),
        "a.md": "# A\n\n```{toctree}\nb\n```\n",
        "b.md": f"# B\n\n{EXEC_SUMMARY}\n```{{toctree}}\na\n```\n",
    }
    project = write_project(tmp_path / "p", files)
    for builder in ("html", "latex", "html"):  # the last one incremental
        built = build(project, builder)
        assert "circular toctree: this page lists 'a'" in built.warnings
        state = {p["id"]: p["state"] for p in built.completeness["parts"]}["executive-summary"]
        assert state == "done"
    assert "B" in built.html("a")
