"""The edit-and-rebuild loop: an incremental build rewrites the summary pages (the annex's
completeness matrix and indicator table) only when what they show changed."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

from .conftest import Built

EDITED = "action-lines/c4.md"
SENTENCE = "Capacity building is OANA's largest programme by budget."


def stamps(built: Built) -> dict[str, tuple[int, str]]:
    """Every HTML page's modification time and content digest."""
    return {
        page.relative_to(built.outdir).as_posix(): (
            page.stat().st_mtime_ns,
            hashlib.sha256(page.read_bytes()).hexdigest(),
        )
        for page in built.outdir.rglob("*.html")
    }


def summary_pages(built: Built) -> set[str]:
    return {
        name
        for name in stamps(built)
        if 'class="wsis-summary' in (built.outdir / name).read_text("utf-8")
    }


def edit(project: Path, old: str, new: str) -> None:
    page = project / EDITED
    text = page.read_text("utf-8")
    assert old in text
    page.write_text(text.replace(old, new, 1), "utf-8")


def matrix_cell(built: Built, state: str) -> list[str]:
    """The annex matrix's cells in one state, as the reader sees them."""
    html = (built.outdir / "annex.html").read_text("utf-8")
    return re.findall(rf'<td class="wsis-state-{state}">', html)


def test_an_edit_that_changes_no_verdict_rewrites_no_summary_page(build, example_copy) -> None:
    first = build(example_copy)
    summaries = summary_pages(first)
    assert "annex.html" in summaries
    before = stamps(first)
    # a sentence changed in one aspect, and a line inserted above every record of the page
    # (their line numbers move; nothing a summary shows does)
    edit(example_copy, SENTENCE, "Capacity building is by far OANA's largest programme.")
    edit(example_copy, "# C4. Capacity building\n", "# C4. Capacity building\n\n<!-- edited -->\n")
    again = build(example_copy)
    after = stamps(again)
    assert "by far OANA" in (again.outdir / "action-lines/c4.html").read_text("utf-8")
    assert after["action-lines/c4.html"] != before["action-lines/c4.html"]
    for name in summaries:
        assert after[name] == before[name], f"{name} was rewritten"
    states = [(p["id"], p["state"]) for p in first.completeness["parts"]]
    assert [(p["id"], p["state"]) for p in again.completeness["parts"]] == states


def test_an_edit_that_changes_a_verdict_updates_the_annex(build, example_copy, tmp_path) -> None:
    first = build(example_copy)
    assert matrix_cell(first, "placeholder") == []
    before = stamps(first)
    achievements = (example_copy / EDITED).read_text("utf-8").split(":::{wsis-achievements}\n")[1]
    edit(example_copy, achievements.split(":::")[0], "TODO: write our achievements.\n")
    again = build(example_copy)
    after = stamps(again)
    assert after["annex.html"] != before["annex.html"]
    assert len(matrix_cell(again, "placeholder")) == 1
    # only the completeness matrix is rewritten for it, besides the edited page and its
    # neighbours: the charts on the indicators page show no verdict
    rewritten = {name for name in after if after[name] != before.get(name)}
    assert "annex.html" in rewritten
    assert 'class="wsis-chart' in (again.outdir / "indicators.html").read_text("utf-8")
    assert "indicators.html" not in rewritten
    assert len(rewritten) < len(after) / 2
    # and the matrix is the one a fresh build shows
    fresh_dir = tmp_path / "fresh"
    shutil.copytree(example_copy, fresh_dir, ignore=shutil.ignore_patterns("_build"))
    fresh = build(fresh_dir, freshenv=True)
    assert again.completeness == fresh.completeness
    matrix = re.compile(r'<table class="[^"]*wsis-matrix.*?</table>', re.S)
    assert matrix.findall((again.outdir / "annex.html").read_text("utf-8")) == matrix.findall(
        (fresh.outdir / "annex.html").read_text("utf-8")
    )


def test_an_edited_indicator_rewrites_its_tables_and_charts(build, example_copy) -> None:
    first = build(example_copy)
    before = stamps(first)
    page = example_copy / "indicators.md"
    text = page.read_text("utf-8")
    value = re.search(r"^:value: (.+)$", text, re.M)
    assert value is not None
    page.write_text(text.replace(value.group(0), ":value: 12345", 1), "utf-8")
    again = build(example_copy)
    after = stamps(again)
    assert "12,345" in (again.outdir / "annex.html").read_text("utf-8")
    assert after["annex.html"] != before["annex.html"]
    assert after["indicators.html"] != before["indicators.html"]
