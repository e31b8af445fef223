"""The example report builds clean with -W; taking any required part out fails CI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import EXAMPLE, Built, sphinx_build


def remove_block(path: Path, opener: str) -> None:
    """Delete the MyST directive block that starts with ``opener`` (up to its closing fence)."""
    lines = path.read_text("utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(opener))
    fence = re.match(r"^(:{3,})", opener)[1]  # type: ignore[index]
    end = next(i for i in range(start + 1, len(lines)) if lines[i].rstrip() == fence)
    path.write_text("".join(lines[:start] + lines[end + 1 :]), "utf-8")


def test_example_builds_with_w_and_no_warnings(tmp_path: Path) -> None:
    result = sphinx_build("-W", "-E", "-b", "html", EXAMPLE, tmp_path / "html")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr


@pytest.mark.parametrize(
    ("page", "opener", "file_line", "words"),
    [
        (
            "action-lines/c4.md",
            ":::{wsis-challenges}",
            "action-lines/c4.md:3",
            ["C4", "challenges"],
        ),
        (
            "action-lines/c9.md",
            ":::{wsis-success-story}",
            "action-lines/c9.md:3",
            ["C9", "success story"],
        ),
        # a missing part is reported where it belongs: beside its chapter's other items, on
        # the page titled for it, inside its parent action line
        (
            "strategies.md",
            ":::{wsis-section} digital-strategy",
            "strategies.md:",
            ["digital-strategy"],
        ),
        ("contact.md", ":::{wsis-contact}", "contact.md:1:", ["Contact", "wsis-contact"]),
        (
            "action-lines/c7.md",
            "::::{wsis-action-line} C7.e-health",
            "action-lines/c7.md:",
            ["C7 E-Health", "achievements"],
        ),
    ],
)
def test_removing_a_part_fails_the_build_naming_file_line_and_part(
    example_copy: Path, tmp_path: Path, page: str, opener: str, file_line: str, words: list[str]
) -> None:
    remove_block(example_copy / page, opener)
    result = sphinx_build("-W", "-b", "html", example_copy, tmp_path / "html")
    assert result.returncode == 1
    missing = [line for line in result.stderr.splitlines() if line.endswith("[wsis.missing]")]
    assert missing, result.stderr
    assert any(file_line in line and all(word in line for word in words) for line in missing), (
        missing
    )
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "buildername",
    ["text", "man", "texinfo", "epub", "singlehtml", "dirhtml", "xml", "latex", "gettext"],
)
def test_every_builder_builds_the_example(
    build: callable, example_copy: Path, buildername: str
) -> None:
    built: Built = build(example_copy, buildername)
    assert "Exception" not in built.warnings
    assert built.wsis_warnings() == []
    assert built.completeness["complete"] is True


def test_text_builder_keeps_every_aspect_and_story(build: callable, example_copy: Path) -> None:
    built: Built = build(example_copy, "text")
    c4 = (built.outdir / "action-lines" / "c4.txt").read_text("utf-8")
    for expected in ("Achievements", "Challenges", "Future priorities", "Network Keepers"):
        assert expected in c4
    assert "Success story: Training Network Keepers in Gulu" in c4
    annex = (built.outdir / "annex.txt").read_text("utf-8")
    assert "C7 E-Science" in annex and "N/A" in annex


def test_linkcheck_builder_runs_on_a_report(build, tmp_path: Path) -> None:
    """linkcheck visits our nodes too; a report with only internal links needs no network."""
    from .bad_inputs import HEAD
    from .conftest import write_project

    page = (
        HEAD + "::::{wsis-action-line} C3\n:::{wsis-achievements}\nSee {wsis:al}`C3`.\n:::\n::::\n"
    )
    built: Built = build(write_project(tmp_path / "p", {"index.md": page}), "linkcheck")
    assert (built.outdir / "output.json").exists()
    assert "Exception" not in built.warnings
