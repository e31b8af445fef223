"""A card's facts (a story's year and partners, an indicator's source …) in every builder.

The facts are kept as one compact node while Sphinx reads and resolves the pages (see
``sphinx_wsis/cards.py``); these tests check that every builder still shows each of them, that
HTML gets the same field list docutils writes, and that smart quotes still apply.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup
from docutils import nodes

from sphinx_wsis.nodes import wsis_facts

from .conftest import MYST_CONF, Built, write_project

STORY = """\
# Report

::::{wsis-action-line} C3
:::{wsis-success-story} Libraries online
:year: 2019
:location: Kilosa, Tanzania
:partners: the "Open Shelves" Trust; the district's schools
:url: https://example.org/libraries?a=1&b=2
:sdgs: 4, 9
The story's own text.
:::

:::{wsis-indicator} Schools online
:id: schools.online
:value: 12.5
:unit: percent
:year: 2024
:source: District survey
:source-url: https://example.org/survey
:action-lines: C3
Counted by the district.
:::
::::
"""

STORY_ROWS = [
    ("Action lines", "C3"),
    ("Year", "2019"),
    ("Location", "Kilosa, Tanzania"),
    ("Partners", "the \u201cOpen Shelves\u201d Trust, the district\u2019s schools"),
    ("SDGs", "4, 9"),
    ("More", "https://example.org/libraries?a=1&b=2"),
]


def project(tmp_path: Path, conf: str = MYST_CONF) -> Path:
    return write_project(tmp_path / "p", {"index.md": STORY}, conf)


def html_rows(built: Built, kind: str) -> list[tuple[str, str]]:
    soup = BeautifulSoup(built.html(), "html.parser")
    field_list = soup.select_one(f"dl.field-list.wsis-fields.wsis-{kind}-fields")
    assert field_list is not None
    labels = [dt.get_text().rstrip(":") for dt in field_list.find_all("dt")]
    values = [dd.get_text().strip() for dd in field_list.find_all("dd")]
    return list(zip(labels, values, strict=True))


def test_html_shows_every_fact_as_a_field_list(build: Callable[..., Built], tmp_path: Path):
    built = build(project(tmp_path), "html")
    assert html_rows(built, "story") == STORY_ROWS
    soup = BeautifulSoup(built.html(), "html.parser")
    story_link = soup.select_one("dl.wsis-story-fields a.reference.external")
    assert story_link["href"] == "https://example.org/libraries?a=1&b=2"
    assert dict(html_rows(built, "indicator"))["Source"] == "District survey"
    source_link = soup.select_one("dl.wsis-indicator-fields a.reference.external")
    assert source_link["href"] == "https://example.org/survey"
    # docutils' own markup, so themes and the package stylesheet style it as before
    assert '<dt class="field-odd">Action lines<span class="colon">:</span></dt>' in built.html()
    assert "simple" in soup.select_one("dl.wsis-story-fields")["class"]


def test_smart_quotes_follow_the_project_setting(build: Callable[..., Built], tmp_path: Path):
    plain = build(project(tmp_path, MYST_CONF + "smartquotes = False\n"), "html")
    assert dict(html_rows(plain, "story"))["Partners"] == (
        'the "Open Shelves" Trust, the district\'s schools'
    )


def test_the_pickled_page_keeps_one_node_per_card(build: Callable[..., Built], tmp_path: Path):
    """What makes big reports cheap: no field list nodes until a writer needs them."""
    built = build(project(tmp_path), "html")
    doctree_path = Path(built.app.doctreedir) / "index.doctree"
    doctree = pickle.loads(doctree_path.read_bytes())
    assert not list(doctree.findall(nodes.field_list))
    facts = list(doctree.findall(wsis_facts))
    assert len(facts) == 2
    assert "Kilosa, Tanzania" in facts[0].astext()  # and the search index sees the values


def test_text_builder_shows_every_fact(build: Callable[..., Built], tmp_path: Path):
    built = build(project(tmp_path), "text")
    text = (built.outdir / "index.txt").read_text("utf-8")
    straight = str.maketrans("\u201c\u201d\u2019", '""\'')  # Sphinx keeps text output plain
    for label, value in STORY_ROWS:
        assert f"{label}:" in text
        assert value.translate(straight) in text
    assert "District survey" in text


def test_xml_and_latex_get_real_field_lists_and_links(build: Callable[..., Built], tmp_path: Path):
    xml = (build(project(tmp_path), "xml").outdir / "index.xml").read_text("utf-8")
    assert "wsis_facts" not in xml
    assert 'classes="wsis-fields wsis-story-fields"' in xml
    assert 'refuri="https://example.org/libraries?a=1&amp;b=2"' in xml
    latex = build(project(tmp_path), "latex")
    tex = next(latex.outdir.glob("*.tex")).read_text("utf-8")
    assert r"\item[{Partners}]" in tex
    assert r"\sphinxhref{https://example.org/survey}{District survey}" in tex


def test_linkcheck_sees_the_links_of_a_card(build: Callable[..., Built], tmp_path: Path):
    """linkcheck collects links before writing: the card's links must be real references."""
    built = build(project(tmp_path, MYST_CONF + "linkcheck_ignore = [r'.*']\n"), "linkcheck")
    report = (built.outdir / "output.json").read_text("utf-8")
    assert "https://example.org/libraries?a=1&b=2" in report
    assert "https://example.org/survey" in report
