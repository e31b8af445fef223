"""HTML: the example in every common theme without warnings, and user text always escaped."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import MYST_CONF, RST_CONF, Built, write_project

THEMES = ["alabaster", "furo", "pydata_sphinx_theme", "sphinx_rtd_theme", "sphinx_book_theme"]


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.filterwarnings("ignore::PendingDeprecationWarning:sphinx_book_theme")
def test_example_builds_in_theme_without_warnings(
    build: Callable[..., Built], example_copy: Path, theme: str
) -> None:
    built = build(example_copy, confoverrides={"html_theme": theme})
    assert built.warnings.strip() == ""
    assert (built.outdir / "_static" / "wsis.css").is_file()
    page = built.html("indicators")
    assert re.search(r'<link [^>]*href="_static/wsis\.css', page)
    assert 'class="wsis-indicator docutils container"' in page
    annex = built.html("annex")
    assert re.search(r'<td class="[^"]*wsis-state-not-applicable[^"]*">', annex)
    assert ">N/A</span>" in annex and ">Done</span>" in annex  # words, not colour alone


SCRIPT = "<script>alert(1)</script>"
URL = 'https://example.org/"><script>alert(2)</script>'

# (directive, argument, options, body): every option of every directive holds a script.
BLOCKS: list[tuple[str, str, dict[str, str], str]] = [
    (
        "wsis-report",
        "",
        {
            "entity": f"ENTITY {SCRIPT}", "stakeholder": SCRIPT, "country": f"COUNTRY {SCRIPT}",
            "period": SCRIPT, "date": SCRIPT, "website": URL, "logo": SCRIPT,
        },
        f"REPORT-BODY {SCRIPT}",
    ),
    (
        "wsis-contact",
        "",
        {
            "name": f"NAME {SCRIPT}", "email": SCRIPT, "role": f"ROLE {SCRIPT}",
            "phone": f"PHONE {SCRIPT}", "address": f"ADDRESS {SCRIPT}", "unit": f"UNIT {SCRIPT}",
        },
        "",
    ),
    ("wsis-section", SCRIPT, {}, f"SECTION-BODY {SCRIPT}"),
    ("wsis-action-line", SCRIPT, {"not-applicable": f"REASON {SCRIPT}"}, ""),
    ("wsis-action-line", "C4", {"not-applicable": f"REASON2 {SCRIPT}"}, ""),
    ("wsis-achievements", "", {"action-line": SCRIPT}, f"ASPECT-BODY {SCRIPT}"),
    (
        "wsis-success-story",
        f"STORY {SCRIPT}",
        {
            "action-lines": SCRIPT, "year": SCRIPT, "partners": f"PARTNERS {SCRIPT}",
            "location": f"LOCATION {SCRIPT}", "url": URL, "sdgs": SCRIPT,
        },
        f"STORY-BODY {SCRIPT}",
    ),
    (
        "wsis-indicator",
        f"INDICATOR {SCRIPT}",
        {
            "value": "12", "unit": f"UNITS {SCRIPT}", "year": "2024",
            "source": f"SOURCE {SCRIPT}", "id": SCRIPT, "source-url": URL, "baseline": SCRIPT,
            "baseline-year": SCRIPT, "target": SCRIPT, "target-year": SCRIPT, "scope": SCRIPT,
            "geo": f"GEO {SCRIPT}", "action-lines": SCRIPT, "sdg": SCRIPT, "series": SCRIPT,
            "status": SCRIPT, "note": f"NOTE {SCRIPT}",
        },
        f"INDICATOR-BODY {SCRIPT}",
    ),
    ("wsis-indicators", "", {"action-line": SCRIPT}, ""),
    ("wsis-completeness", "", {}, ""),
]  # fmt: skip
SHOWN = [
    "ENTITY", "COUNTRY", "NAME", "ROLE", "PHONE", "ADDRESS", "UNIT", "REASON", "REASON2",
    "STORY", "PARTNERS", "LOCATION", "INDICATOR", "UNITS", "SOURCE", "GEO", "NOTE",
]  # fmt: skip
# In rST a body is text too. In MyST, HTML in a body is CommonMark's raw HTML: the author's
# own markup (myst-parser's to allow or not), so MyST bodies hold the markers only.
SHOWN_BODIES = ["REPORT-BODY", "SECTION-BODY", "ASPECT-BODY", "STORY-BODY", "INDICATOR-BODY"]


def as_rst(blocks: list[tuple[str, str, dict[str, str], str]]) -> str:
    out = ["Hostile page\n============\n"]
    for name, argument, options, body in blocks:
        out.append(f".. {name}:: {argument}".rstrip())
        out.extend(f"   :{key}: {value}" for key, value in options.items())
        out.append(f"\n   {body}\n" if body else "")
    return "\n".join(out)


def as_myst(blocks: list[tuple[str, str, dict[str, str], str]]) -> str:
    out = ["# Hostile page\n"]
    for name, argument, options, body in blocks:
        out.append(f":::{{{name}}} {argument}".rstrip())
        out.extend(f":{key}: {value}" for key, value in options.items())
        marker = body.replace(SCRIPT, "").strip()
        out.append(f"\n{marker}\n:::\n" if body else ":::\n")
    return "\n".join(out)


@pytest.fixture(params=["rst", "md"])
def hostile_html(request: Any, build: Callable[..., Built], tmp_path: Path) -> Built:
    fmt = request.param
    text = as_rst(BLOCKS) if fmt == "rst" else as_myst(BLOCKS)
    conf = RST_CONF if fmt == "rst" else MYST_CONF
    src = write_project(tmp_path / fmt, {f"index.{fmt}": text}, conf=conf)
    return build(src)


def test_script_in_any_option_is_shown_as_text(hostile_html: Built) -> None:
    pages = {p.name: p.read_text("utf-8") for p in hostile_html.outdir.rglob("*.html")}
    for name, page in pages.items():
        assert "<script>alert" not in page, name
    index = pages["index.html"]
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    rst = hostile_html.srcdir.joinpath("index.rst").exists()
    for label in SHOWN + (SHOWN_BODIES if rst else []):
        assert f"{label} {escaped}" in index, label
    for label in SHOWN_BODIES:
        assert label in index, label
    # a URL with a quote or angle brackets is refused at its option, so no link carries it
    assert "alert(2)" not in index
    refused = [w for w in hostile_html.wsis_warnings("invalid") if "cannot be part of one" in w]
    assert len(refused) == 3, hostile_html.warnings  # website, story url, source-url


def test_rejected_values_are_reported_not_rendered(hostile_html: Built) -> None:
    invalid = hostile_html.wsis_warnings("invalid") + hostile_html.wsis_warnings("unknown")
    for option in ("stakeholder", "period", "date", "logo", "email", "year", "scope", "status"):
        assert any(f":{option}:" in line for line in invalid), option
    assert "Traceback" not in hostile_html.warnings
