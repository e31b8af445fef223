"""The indicator table's rows, written straight to HTML, read exactly as docutils writes them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docutils import nodes

from sphinx_wsis import summaries
from sphinx_wsis.nodes import wsis_rows
from tests.conftest import write_project

HOSTILE = """\
# Indicators

:::{wsis-indicator} Tom & Jerry's <b>"bold"</b> @home
:code: 17.8.1
:value: 74
:year: 2025
:baseline: 60
:baseline-year: 2020
:source: Survey <i>&amp;</i> 'census'
:source-url: https://stats.example.org/a?b=1&c=2@e
:action-lines: C2, C7-E-HEALTH
:::

:::{wsis-indicator}
:code: 17.8.1
:disaggregation: sex=female; area=rural
:value: 51
:year: 2025
:source: ITU
:::

:::{wsis-indicator} مؤشر عربي 中文指标
:value: 1234567.5
:unit: number
:year: 2024
:target: 2000000
:target-year: 2030
:source: Records
:::

:::{wsis-indicators}
:::
"""


def _two_builds(
    build, tmp_path: Path, builder: str, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, Path]:
    """The project built as shipped (rows written directly) and with real docutils rows."""
    direct = write_project(tmp_path / "direct", {"index.md": HOSTILE})
    rows = tmp_path / "rows"
    shutil.copytree(direct, rows)
    built = build(direct, builder)
    assert list(built.app.env.get_doctree("index").findall(wsis_rows)) == []  # filled at writing
    with monkeypatch.context() as patch:
        patch.setattr(summaries, "writes_rows_directly", lambda builder: False)
        slow = build(rows, builder)
    return built.outdir, slow.outdir


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_rows_written_directly_equal_docutils_rows(
    build, tmp_path: Path, builder: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, slow = _two_builds(build, tmp_path, builder, monkeypatch)
    page = "index.html"
    direct_html = (fast / page).read_text("utf-8")
    assert direct_html == (slow / page).read_text("utf-8")
    # what the reader sees: the escaped name and its code, the dated baseline, the source link
    assert (
        "<span>Tom &amp; Jerry's &lt;b&gt;&quot;bold&quot;&lt;/b&gt; &#64;home</span>"
        in direct_html
    )
    assert '<span class="wsis-code"> (17.8.1)</span>' in direct_html
    assert (
        '<a class="reference external" href="https://stats.example.org/a?b=1&amp;c=2&#64;e">'
        "Survey &lt;i&gt;&amp;amp;&lt;/i&gt; 'census'</a>" in direct_html
    )
    assert "مؤشر عربي 中文指标" in direct_html
    # search finds the table's words on the page either way
    assert (fast / "searchindex.js").read_text("utf-8") == (slow / "searchindex.js").read_text(
        "utf-8"
    )


def test_the_html_page_holds_one_rows_node_and_other_builders_real_rows(
    build, tmp_path: Path
) -> None:
    built = build(write_project(tmp_path, {"index.md": HOSTILE}))
    html_tree = built.app.env.get_and_resolve_doctree(
        "index", built.app.builder, tags=built.app.builder.tags
    )
    [rows] = list(html_tree.findall(wsis_rows))
    assert len(rows["rows"]) == 3 and "Records" in rows.astext()

    text = build(built.srcdir, "text")
    text_tree = text.app.env.get_and_resolve_doctree(
        "index", text.app.builder, tags=text.app.builder.tags
    )
    assert list(text_tree.findall(wsis_rows)) == []
    table = next(text_tree.findall(nodes.table))
    assert len(list(table.findall(nodes.row))) == 4  # the head and three indicators
    assert "Survey <i>&amp;</i> 'census'" in table.astext()
