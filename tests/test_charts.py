"""The HTML charts' SVG: written without matplotlib, every value drawn, text escaped, reproducible."""

from __future__ import annotations

import html
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from sphinx_wsis import chart_layout
from sphinx_wsis.chart_layout import describe, nice_ticks, value_axis, year_axis
from sphinx_wsis.chart_svg import svg_chart, text_width, wrap
from tests.conftest import MYST_CONF, ROOT, write_project
from tests.test_languages import chromium  # noqa: F401 (the browser fixture)

SVG = "{http://www.w3.org/2000/svg}"
REPORT = """\
# Report

:::{wsis-report}
:entity: Open Access Network
:stakeholder: civil-society
:::

"""
HOSTILE = "<script>alert('x')</script> & \"quoted\" ]]> <!-- -->"
PAGE = (
    REPORT
    + f"""\
:::{{wsis-indicator}} Users {HOSTILE}
:id: users
:value: 74
:unit: percent
:year: 2025
:source: ITU
:baseline: 66
:baseline-year: 2022
:target: 90
:target-year: 2030
:series: 2022: 66; 2023: 67.5; 2025: 74
:::

:::{{wsis-indicator}} Trainees
:id: trainees
:value: 1234.5
:unit: people
:year: 2024
:source: Records
:series: 2012: 290; 2016: 350.25; 2020: 1100; 2024: 1234.5
:chart: bar
:::

:::{{wsis-chart}} Both {HOSTILE}
:indicators: users, trainees
:chart: bar
:::
"""
)


def parse(svg: bytes) -> ET.Element:
    """The SVG as XML: a file a browser can show at all (an unescaped label would break it)."""
    return ET.fromstring(svg)


def point_titles(root: ET.Element) -> list[str]:
    """The values drawn, one per point, bar or mark (their tooltip titles), in order."""
    return [
        title.text or ""
        for element in root.iter()
        if element is not root
        for title in element.findall(f"{SVG}title")
    ]


def spec(kind: str = "line", language: str = "en", title: str = "Access") -> chart_layout.ChartSpec:
    return chart_layout.ChartSpec(
        title,
        kind,
        language,
        "%",
        [
            chart_layout.Series(
                "Total",
                [(2020, 40.0), (2022, 47.5), (2024, 55.0)],
                (2020, 40.0),
                (2030, 80.0),
                "percent",
            ),
            chart_layout.Series("Women", [(2020, 30.0), (2024, 50.0)], None, None, "percent"),
        ],
    )


# -- a real build -----------------------------------------------------------------------------


def test_an_html_build_with_charts_never_imports_matplotlib(tmp_path: Path) -> None:
    srcdir = write_project(tmp_path / "src", {"index.md": PAGE})
    script = (
        "import sys\n"
        "from sphinx.cmd.build import build_main\n"
        f"status = build_main(['-q', '-b', 'html', {str(srcdir)!r}, {str(tmp_path / 'out')!r}])\n"
        "print(status, sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib'))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=ROOT, check=False)  # fmt: skip
    assert done.stdout.strip().splitlines()[-1] == "0 []", done.stdout + done.stderr
    drawn = sorted((tmp_path / "out" / "_images").glob("wsis-chart-*.svg"))
    assert len(drawn) == 3  # two indicators' charts and the wsis-chart


def test_a_build_that_writes_no_page_loads_no_chart_code(tmp_path: Path) -> None:
    """``sphinx-wsis check`` builds with ``dummy``: it fills no chart and draws none, so the
    layout, the SVG writer and the PDF log checker stay unloaded (they cost every check)."""
    srcdir = write_project(tmp_path / "src", {"index.md": PAGE})
    unwanted = ["sphinx_wsis.chart_layout", "sphinx_wsis.chart_svg", "sphinx_wsis.pdf_check"]
    script = (
        "import sys\n"
        "from sphinx.cmd.build import build_main\n"
        f"status = build_main(['-q', '-b', 'dummy', {str(srcdir)!r}, {str(tmp_path / 'out')!r}])\n"
        f"print(status, [m for m in {unwanted!r} if m in sys.modules])\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=ROOT, check=False)  # fmt: skip
    assert done.stdout.strip().splitlines()[-1] == "0 []", done.stdout + done.stderr
    assert not (tmp_path / "out" / "_images").exists()


def test_hostile_titles_and_labels_stay_text(build, tmp_path: Path) -> None:
    built = build(write_project(tmp_path, {"index.md": PAGE}))
    assert "<script>alert" not in built.html()
    svgs = sorted((built.outdir / "_images").glob("wsis-chart-*.svg"))
    titles = []
    for path in svgs:
        raw = path.read_bytes()
        assert b"<script" not in raw and b"<!-- -->" not in raw
        root = parse(raw)
        assert not list(root.iter(f"{SVG}script")) and not list(root.iter(f"{SVG}foreignObject"))
        titles.append(root.findtext(f"{SVG}title"))
        texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
        if f"Both {HOSTILE}" in texts:  # the wsis-chart: its title and the legend, as written
            assert f"Users {HOSTILE}" in texts
    assert f"Bar chart: Both {HOSTILE}" in titles
    assert f"Line chart: Users {HOSTILE}" in titles


def test_every_chart_kind_draws_every_value_in_the_reports_language(build, tmp_path: Path) -> None:
    conf = MYST_CONF + 'language = "fr"\n'
    built = build(write_project(tmp_path, {"index.md": PAGE}, conf=conf))
    roots = [parse(p.read_bytes()) for p in (built.outdir / "_images").glob("wsis-chart-*.svg")]
    by_title = {root.findtext(f"{SVG}title"): root for root in roots}
    assert set(by_title) == {
        f"Graphique linéaire: Users {HOSTILE}",
        "Graphique à barres: Trainees",
        f"Graphique à barres: Both {HOSTILE}",
    }
    line = point_titles(by_title[f"Graphique linéaire: Users {HOSTILE}"])
    assert line == [
        f"Users {HOSTILE}, 2022: 66\xa0%",
        f"Users {HOSTILE}, 2023: 67,5\xa0%",
        f"Users {HOSTILE}, 2025: 74\xa0%",
        f"Users {HOSTILE}, Référence 2022: 66\xa0%",
        f"Users {HOSTILE}, Cible 2030: 90\xa0%",
    ]
    bars = point_titles(by_title["Graphique à barres: Trainees"])
    assert bars == [
        "Trainees, 2012: 290 personnes",
        "Trainees, 2016: 350,25 personnes",
        "Trainees, 2020: 1\u202f100 personnes",
        "Trainees, 2024: 1\u202f234,5 personnes",
    ]
    both = point_titles(by_title[f"Graphique à barres: Both {HOSTILE}"])
    assert len(both) == 5 + 4
    # the description (the figure caption in the page, <desc> in the file) lists them all
    for root in roots:
        description = root.findtext(f"{SVG}desc") or ""
        assert description.startswith("Graphique")
        assert description in html.unescape(built.html())
    # the value axis is labelled in French, from zero
    trainees = by_title["Graphique à barres: Trainees"]
    labels = [t.text for t in trainees.iter(f"{SVG}text")]
    assert {"0", "500", "1\u202f000", "1\u202f500"} <= set(labels) and "Année" in labels


def test_bars_and_lines_stand_where_their_values_are() -> None:
    for kind in ("line", "bar"):
        root = parse(svg_chart(spec(kind)))
        groups = [g for g in root.iter(f"{SVG}g") if g.get("class") == "wsis-chart-series"]
        assert len(groups) == 2
        if kind == "bar":
            heights = [float(r.get("height", 0)) for r in groups[0].iter(f"{SVG}rect")][::2]
            values = [40.0, 47.5, 55.0]
            ratios = {round(h / v, 3) for h, v in zip(heights, values, strict=True)}
            assert len(ratios) == 1  # from zero, in proportion
        else:
            (path,) = [p for p in groups[0].iter(f"{SVG}path") if p.get("fill") == "none"]
            ys = [float(xy.split(",")[1]) for xy in re.findall(r"[\d.]+,[\d.]+", path.get("d"))]
            assert ys[0] > ys[1] > ys[2]  # higher values higher up
            # the second series has a dash pattern of its own (distinct in grayscale)
            (other,) = [p for p in groups[1].iter(f"{SVG}path") if p.get("fill") == "none"]
            assert other.get("stroke-dasharray") and not path.get("stroke-dasharray")
            assert other.get("stroke") != path.get("stroke")


# -- the file itself ---------------------------------------------------------------------------


def test_the_svg_is_the_same_bytes_for_the_same_chart() -> None:
    for kind in ("line", "bar"):
        first = svg_chart(spec(kind))
        assert svg_chart(spec(kind)) == first
        assert svg_chart(spec(kind, title="Access, edited")) != first


def test_two_builds_of_the_same_sources_give_the_same_files(build, tmp_path: Path) -> None:
    files = []
    for name in ("one", "two"):
        built = build(write_project(tmp_path / name, {"index.md": PAGE}))
        files.append({p.name: p.read_bytes() for p in (built.outdir / "_images").glob("*.svg")})
    assert files[0] == files[1] and len(files[0]) == 3


def test_the_svg_describes_itself_for_assistive_technology() -> None:
    chart = spec()
    root = parse(svg_chart(chart))
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby", "").split()
    assert root.find(f"{SVG}title").get("id") == title_id
    assert root.find(f"{SVG}desc").get("id") == desc_id
    assert root.findtext(f"{SVG}desc") == describe(chart)
    assert root.findtext(f"{SVG}title") == "Line chart: Access"
    (canvas,) = [r for r in root.findall(f"{SVG}rect") if r.get("fill") == "#ffffff"]
    assert canvas.get("width") == root.get("width")


def test_arabic_stays_text_read_right_to_left() -> None:
    chart = spec("bar", "ar", title="استخدام الإنترنت")
    raw = svg_chart(chart).decode("utf-8")
    root = parse(raw.encode("utf-8"))
    assert root.get("direction") == "rtl" and root.get("lang") == "ar"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "استخدام الإنترنت" in texts and "السنة" in texts  # the title and "Year", as text
    numerals = [t for t in root.iter(f"{SVG}text") if t.get("direction") == "ltr"]
    assert {"0", "2020", "2030"} <= {t.text for t in numerals}  # -20 stays -20, not 20-


def test_control_characters_do_not_break_the_file() -> None:
    chart = spec(title="Access\x00\x08 \ufffe now")
    root = parse(svg_chart(chart))
    assert root.findtext(f"{SVG}title") == "Line chart: Access now"


# -- layout ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("low", "high", "ticks"),
    [
        (0, 94.5, [0, 20, 40, 60, 80, 100]),
        (0, 77.7, [0, 20, 40, 60, 80]),
        (0, 0.37, [0, 0.1, 0.2, 0.3, 0.4]),
        (0, 1300, [0, 500, 1000, 1500]),
        (-12, 30, [-20, -10, 0, 10, 20, 30]),
        (0, 0, [0, 0.2, 0.4, 0.6, 0.8, 1]),
    ],
)
def test_value_ticks_are_round(low: float, high: float, ticks: list[float]) -> None:
    assert nice_ticks(low, high) == ticks


def test_the_axes_start_at_zero_and_thin_out_many_years() -> None:
    chart = chart_layout.ChartSpec("T", "bar", "es", "", [
        chart_layout.Series("S", [(2000 + y, 1000.0 + y) for y in range(0, 25)]),
    ])  # fmt: skip
    values = value_axis(chart)
    assert values.low == 0 and values.labels[-1] == "1.200"  # in Spanish
    years = year_axis(chart)
    assert len(years.ticks) <= 9 and years.labels[0] == "2000"


def test_long_titles_and_cjk_wrap_to_the_width() -> None:
    lines = wrap("Proportion of individuals using the Internet " * 4, 15, 300)
    assert len(lines) > 2 and all(text_width(line, 15) <= 300 for line in lines)
    cjk = wrap("使用互联网的个人比例" * 6, 15, 300)
    assert len(cjk) > 1 and "".join(cjk) == "使用互联网的个人比例" * 6
    pasted = wrap("x" * 20000, 15, 600)  # a title pasted without a space: cut, nothing lost
    assert "".join(pasted) == "x" * 20000 and all(text_width(p, 15) <= 600 for p in pasted)


# -- in a real browser -------------------------------------------------------------------------

FITS = """
const svg = document.documentElement;
const box = svg.viewBox.baseVal;
const outside = [...document.querySelectorAll("text")].filter((text) => {
  const b = text.getBBox();
  return b.x < box.x || b.y < box.y || b.x + b.width > box.width || b.y + b.height > box.height;
}).map((text) => text.textContent);
return {direction: getComputedStyle(svg).direction, texts: svg.querySelectorAll("text").length,
        outside: outside};
"""


@pytest.mark.browser
@pytest.mark.parametrize("language", ["ar", "zh", "en"])
def test_every_text_of_a_chart_fits_its_canvas_in_the_browser(
    chromium,  # noqa: F811 (the fixture imported above)
    tmp_path: Path,
    language: str,
) -> None:
    """The browser lays the text out (shaping Arabic, right to left); the widths the writer
    estimated leave room for it: no title, label or legend entry runs off the picture."""
    names = {
        "ar": ("نسبة الأفراد الذين يستخدمون الإنترنت في المناطق الريفية والحضرية", "الإناث"),
        "zh": ("按城乡和性别分列的使用互联网的个人比例以及移动网络覆盖的人口比例", "女性"),
        "en": (
            "Proportion of individuals using the Internet, by sex and urban or rural area",
            "Women",
        ),
    }[language]
    chart = chart_layout.ChartSpec(names[0] * 2, "line", language, "%", [
        chart_layout.Series(names[0], [(2005, 10.0), (2015, 44.5), (2025, 74.0)],
                      (2005, 10.0), (2030, 99.0), "percent"),
        chart_layout.Series(names[1], [(2005, 8.0), (2025, 71.0)], None, None, "percent"),
        chart_layout.Series(f"{names[1]} (2)", [(2010, 20.0), (2020, 60.0)], None, None, "percent"),
    ])  # fmt: skip
    path = tmp_path / "chart.svg"
    path.write_bytes(svg_chart(chart))
    chromium.get(path.as_uri())
    seen = chromium.execute_script(FITS)
    assert seen["texts"] > 10
    assert seen["outside"] == []
    assert seen["direction"] == ("rtl" if language == "ar" else "ltr")
