"""Nothing the author writes is lost: every argument, option and kind of body text, in every output.

One report uses every directive and option with a distinctive value (``Zq…`` words, numbers such
as 12345.5), and the text values end in characters that every output must escape (``&``, ``<``,
``%``, backslashes, ``_``, ``~``, ``^``, braces, an emoji, Arabic, Chinese). It is built once with
``html``, ``wsis-json``, ``latex`` (the ``.tex`` only), ``text`` and ``wsis-docx``, and each value
is looked for where the reference says it is shown. Where an output does not show a value by
design, :data:`NOT_SHOWN` says so and why.
"""

from __future__ import annotations

import csv
import dataclasses
import importlib
import inspect
import json
import pkgutil
import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import openpyxl
import pytest
from docx2python import docx2python

import sphinx_wsis

from .conftest import MYST_CONF, RST_CONF, sphinx_build, write_project
from .test_cli import wsis
from .test_pdf import tiny_png

#: Characters each output escapes its own way; a backslash before ``.``, ``-`` and ``\``
#: is what SmartQuotes reads as an escape.
TAIL = r" & <i>x</i> 50% C:\.x e\-f g\\h a_b ~c ^d {e} 😀 مرحبا 中文"
#: The same in running text, as Markdown (which reads ``<i>`` as HTML), and as it is shown.
BODY = r"& 50% a_b ^d {e} 😀 مرحبا 中文 C:\\Temp\\.git e\\-learning"
SHOWN_BODY = BODY.replace("\\\\", "\\")

INDEX = f"""\
# Zqtitle report

:::{{wsis-report}}
:entity: Zqentity Alliance{TAIL}
:stakeholder: civil-society
:country: Kenya
:period: 2006-2024
:date: 2025-05-28
:website: https://zqwebsite.example.org
:logo: logo.png

Zqreportintro about the entity {BODY}.
:::

- Zqlistitem one
- Zqlistitem two

| Zqtablehead | B |
| --- | --- |
| Zqtablecell | 2 |

See [Zqlinktext](https://zqlink.example.org/page) and a footnote[^intro].

[^intro]: Zqintrofootnote text.

```{{image}} figure.png
:alt: Zqimagealt
```

```{{only}} html
Zqonlyhtml text.
```

```{{only}} latex
Zqonlylatex text.
```

Roles: {{wsis:al}}`C1`, {{wsis:ind}}`zqind`, {{wsis:story}}`zqstory-id`.

```{{toctree}}
executive
c1
indicators
contact
```
"""
EXECUTIVE = f"""\
# Executive summary

::::{{wsis-section}} executive-summary
Zqexecsummary {BODY}.

## Zqsubheading

Zqexecsecond paragraph.

```{{include}} parts/included.md
```
::::

:::{{wsis-section}} digital-strategy
Zqdigitalstrategy text.
:::
"""
C1 = f"""\
# Action lines

::::{{wsis-action-line}} C1
:::{{wsis-achievements}}
Zqachievements {BODY}.
:::
:::{{wsis-challenges}}
Zqchallenges text.
:::
:::{{wsis-priorities}}
Zqpriorities text.
:::
:::{{wsis-success-story}} Zqstorytitle{TAIL}
:id: zqstory-id
:action-lines: C1, C3
:year: 2019
:partners: Zqpartnerone, Zqpartnerdept; Zqpartnertwo{TAIL}
:location: Zqlocation{TAIL}
:url: https://zqstoryurl.example.org/story
:sdgs: 4, 9.c

Zqstorybody text.

| Zqstoryhead | Year |
| --- | --- |
| Zqstorycell | 2019 |
:::
::::

:::{{wsis-action-line}} C2
:not-applicable: Zqnotapplicable{TAIL}
:::

:::{{wsis-achievements}}
:action-line: C7 E-Health
Zqehealth achievements.
:::

:::{{wsis-challenges}}
:action-line: C7 E-Health
Zqehealthchallenges with a footnote[^aspect].

[^aspect]: Zqaspectfootnote text.
:::
"""
INDICATORS = f"""\
# Indicators

::::{{wsis-section}} key-indicators
Zqkeyindicators narrative.

:::{{wsis-indicator}} Zqindname{TAIL}
:id: zqind
:value: 12345.5
:unit: Zqunit{TAIL}
:year: 2024
:source: Zqsource Facts 2025{TAIL}
:source-url: https://zqsourceurl.example.org/facts
:baseline: 1111.25
:baseline-year: 2010
:target: 99999.75
:target-year: 2030
:scope: national
:geo: Zqgeoregion{TAIL}
:action-lines: C1
:sdg: 9.c
:series: 2010: 1111.25; 2020: 6666.5; 2024: 12345.5
:chart: bar
:status: in-progress
:note: Zqnote{TAIL}

Zqindbody comment.
:::

:::{{wsis-indicator}}
:code: 17.8.1
:id: zqcoded
:value: 0
:unit: percent
:year: 2023
:source: Zqcodedsource
:disaggregation: sex=female; area=rural
:geo: Kenya, Uganda
:::

:::{{wsis-indicator}} Zqscaled people
:value: 2.5
:unit: number
:unit-multiplier: millions
:year: 2022/23
:source: Zqscaledsource
:::

:::{{wsis-chart}} Zqcharttitle{TAIL}
:indicators: zqind
:chart: line
:::

:::{{wsis-indicators}}
:action-line: C1
:::

:::{{wsis-completeness}}
:::
::::
"""
CONTACT = f"""\
Zqbeforeheading note, above the title.

# Contact

:::{{wsis-contact}}
:name: Zqname Person{TAIL}
:email: zqemail@example.org
:role: Zqrole{TAIL}
:phone: +254 20 5550147
:address: Zqaddress Street{TAIL}
:unit: Zqunitdept{TAIL}

Zqcontactbody note.
:::
"""
FILES = {
    "conf.py": MYST_CONF + 'exclude_patterns = ["_build", "parts"]\n',
    "index.md": INDEX,
    "executive.md": EXECUTIVE,
    "parts/included.md": "Zqincluded paragraph from an include.\n",
    "c1.md": C1,
    "indicators.md": INDICATORS,
    "contact.md": CONTACT,
}
OUTPUTS = ("html", "json", "tex", "text", "docx")


@dataclass(frozen=True)
class Shown:
    """A value the author wrote, and how each output shows it (``text``, unless ``as_in``)."""

    field: str
    text: str
    as_in: dict[str, str] = field(default_factory=dict)

    def expected(self, output: str) -> str:
        return self.as_in.get(output, self.text)


def _tex(text: str) -> str:
    return text.replace("-", r"\sphinxhyphen{}")


SHOWN = [
    # wsis-report
    Shown("report :entity:", "Zqentity Alliance" + TAIL),
    Shown("report :stakeholder:", "Civil Society", {"json": "civil-society"}),
    Shown("report :country:", "Kenya"),
    Shown(
        "report :period:",
        "2006-2024",
        {"json": '"start": 2006, "end": 2024', "tex": "2006\u20132024"},
    ),
    Shown("report :date:", "2025-05-28"),
    Shown("report :website:", "https://zqwebsite.example.org"),
    Shown("report body", f"Zqreportintro about the entity {SHOWN_BODY}."),
    # the page's own text: lists, tables, links, footnotes, images, only, include, roles
    Shown("list item", "Zqlistitem two"),
    Shown("table cell", "Zqtablecell"),
    Shown("link text", "Zqlinktext"),
    Shown("link address", "https://zqlink.example.org/page"),
    Shown("footnote", "Zqintrofootnote text."),
    Shown("image alt text", "Zqimagealt"),
    Shown("only html", "Zqonlyhtml"),
    Shown("only latex", "Zqonlylatex"),
    Shown("included file", "Zqincluded paragraph from an include."),
    Shown("text before a page's first heading", "Zqbeforeheading note, above the title."),
    Shown(
        "roles",
        "Roles: C1 The role of governments",
        {"text": "Roles: *C1 The role", "tex": "{wsis-al}{C1 The role of governments"},
    ),
    # wsis-section
    Shown("section body", f"Zqexecsummary {SHOWN_BODY}."),
    Shown("heading in a section", "Zqsubheading"),
    Shown("second section", "Zqdigitalstrategy text."),
    # action lines and aspects
    Shown("aspect body", f"Zqachievements {SHOWN_BODY}."),
    Shown("challenges", "Zqchallenges text."),
    Shown("priorities", "Zqpriorities text."),
    Shown("action line :not-applicable:", "Zqnotapplicable" + TAIL),
    Shown("aspect :action-line:", "Achievements (C7 E-Health)", {"json": '"code": "C7.e-health"'}),
    Shown("aspect footnote", "Zqaspectfootnote text."),
    # wsis-success-story
    Shown(
        "story title on its card",
        "Success story: Zqstorytitle" + TAIL,
        {"json": '"title": "Zqstorytitle' + TAIL.replace("\\", "\\\\") + '"'},
    ),
    Shown("story :id:", "zqstory-id"),
    Shown("story :action-lines:", "C1, C3", {"json": '"action_lines": ["C1", "C3"]'}),
    Shown("story :year:", "2019"),
    Shown(
        "story :partners:",
        "Zqpartnerone, Zqpartnerdept; Zqpartnertwo" + TAIL,
        {"json": '"partners": ["Zqpartnerone, Zqpartnerdept", "Zqpartnertwo'},
    ),
    Shown("story :location:", "Zqlocation" + TAIL),
    Shown("story :url:", "https://zqstoryurl.example.org/story"),
    Shown("story :sdgs:", "4, 9.c", {"json": '"sdgs": ["4", "9.c"]'}),
    Shown("story body", "Zqstorybody text."),
    Shown("table in a story", "Zqstorycell"),
    # wsis-indicator
    Shown(
        "indicator name on its card",
        "Zqindname" + TAIL + " 12,345.5 Zqunit",
        {
            "json": '"name": "Zqindname' + TAIL.replace("\\", "\\\\") + '"',
            "tex": r"\sphinxwsisindicatortitle{Zqindname" + TAIL + "}",
            "text": "Zqindname" + TAIL + " ]-",
        },
    ),
    Shown("indicator :id:", "zqind"),
    Shown(
        "indicator :value: and :unit: on its card",
        "12,345.5 Zqunit" + TAIL + " (2024)",
        {
            "json": '"value": 12345.5',
            "tex": r"\sphinxwsisvalue{12,345.5 Zqunit" + TAIL,
            "text": "12,345.5 Zqunit" + TAIL + "** (2024)",
        },
    ),
    Shown("indicator :unit:", "Zqunit" + TAIL),
    Shown("indicator :year:", "(2024)", {"json": '"year": 2024'}),
    Shown("indicator :source:", "Zqsource Facts 2025" + TAIL),
    Shown("indicator :source-url:", "https://zqsourceurl.example.org/facts"),
    Shown(
        "indicator :baseline: and :baseline-year:",
        "1,111.25 Zqunit" + TAIL + " (2010)",
        {"json": '"baseline": 1111.25, "baseline_year": 2010'},
    ),
    Shown(
        "indicator :target: and :target-year:",
        "99,999.75 Zqunit" + TAIL + " (2030)",
        {"json": '"target": 99999.75, "target_year": 2030'},
    ),
    Shown(
        "indicator :scope: and :geo:",
        "national · Zqgeoregion" + TAIL,
        {"json": "Zqgeoregion" + TAIL},
    ),
    Shown("indicator :action-lines:", "C1", {"json": '"action_lines": ["C1"]'}),
    Shown("indicator :sdg:", "9.c", {"json": '"sdgs": ["9.c"]'}),
    Shown(
        "indicator :series:", "2020: 6,666.5 Zqunit", {"json": '{"year": 2020, "value": 6666.5}'}
    ),
    Shown("indicator :chart:", "Bar chart", {"json": '"chart": "bar"'}),
    Shown("indicator :status:", "in progress", {"json": '"status": "in-progress"'}),
    Shown("indicator :note:", "Zqnote" + TAIL),
    Shown("indicator body", "Zqindbody comment."),
    Shown("indicator :code:", "17.8.1", {"json": '"code": "17.8.1"'}),
    Shown("catalogue name", "Proportion of individuals using the Internet"),
    Shown("indicator :value: 0", "0%", {"json": '"value": 0,'}),
    Shown("indicator :disaggregation:", "sex: female · area: rural", {"json": '"sex": "female"'}),
    Shown("indicator :geo: countries", "Kenya, Uganda", {"json": '"area_codes": ["KEN", "UGA"]'}),
    Shown("indicator :unit-multiplier:", "2.5 million", {"json": '"unit_mult": 6'}),
    Shown(
        "indicator :year: as a fiscal year",
        "(2022/23)",
        {"json": '"year": 2022,', "text": "** (2022/23)"},
    ),
    # wsis-chart, wsis-indicators, wsis-completeness
    Shown("chart title", "Zqcharttitle" + TAIL),
    Shown("chart :indicators:", "Line chart. Zqindname" + TAIL),
    Shown("indicators table", "Zqsource Facts 2025" + TAIL),
    Shown("completeness matrix", "C1 The role of governments"),
    # wsis-contact
    Shown("contact :name:", "Zqname Person" + TAIL),
    Shown("contact :email:", "zqemail@example.org"),
    Shown("contact :role:", "Zqrole" + TAIL),
    Shown("contact :phone:", "+254 20 5550147"),
    Shown("contact :address:", "Zqaddress Street" + TAIL),
    Shown("contact :unit:", "Zqunitdept" + TAIL),
    Shown("contact body", "Zqcontactbody note."),
]

#: (field, output): why that output does not show the value, by design.
NOT_SHOWN = {
    ("only html", "json"): "an {only} block is kept by the outputs its condition names",
    ("only html", "tex"): "idem",
    ("only html", "text"): "idem",
    ("only html", "docx"): "idem",
    ("only latex", "html"): "idem",
    ("only latex", "json"): "idem",
    ("only latex", "text"): "idem",
    ("only latex", "docx"): "idem",
    ("image alt text", "json"): "the JSON document holds text, not pictures",
    ("image alt text", "tex"): "LaTeX has no alternative text for an image",
    ("link address", "text"): "Sphinx's text builder shows a link's text, not its address",
    ("indicator :source-url:", "text"): "idem: the Source row links its text to the address",
    ("story :id:", "text"): "an id is an anchor: HTML ids, LaTeX labels, JSON slugs",
    ("story :id:", "docx"): "idem",
    ("indicator :id:", "text"): "idem",
    ("indicator :id:", "docx"): "idem",
    ("indicator :chart:", "json"): "how the series is drawn; the JSON has the series itself",
}

_TEX_ESCAPES = {
    r"\&": "&",
    r"\%": "%",
    r"\_": "_",
    r"\{": "{",
    r"\}": "}",
    r"\textbackslash{}": "\\",
    r"\textasciitilde{}": "~",
    r"\textasciicircum{}": "^",
    r"\textless{}": "<",
    r"\textgreater{}": ">",
    r"\textendash{}": "\u2013",
    r"\sphinxhyphen{}": "-",
    r"\allowbreak{}": "",
    r"\textquotesingle{}": "'",
}


class _HTMLText(HTMLParser):
    """The text a reader sees on a page, then images' alternative text, ids and addresses."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.attributes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.attributes += [values[name] or "" for name in ("alt", "id", "href") if name in values]
        if tag in ("p", "dd", "dt", "td", "li", "div", "figcaption", "h1", "h2", "h3"):
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _html_text(paths: list[Path]) -> str:
    reader = _HTMLText()
    for path in paths:
        reader.feed(path.read_text("utf-8"))
    return _squash("".join(reader.parts) + " " + " ".join(reader.attributes))


def _tex_text(tex: str) -> str:
    for escaped, char in _TEX_ESCAPES.items():
        tex = tex.replace(escaped, char)
    return _squash(tex)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    return [s for item in value for s in _strings(item)] if isinstance(value, list) else []


def _json_text(document: Any) -> str:
    """The document as written (for ``"key": value`` checks), then its strings as they are."""
    return _squash(json.dumps(document, ensure_ascii=False) + " " + " ".join(_strings(document)))


@dataclass
class Built:
    srcdir: Path
    out: Path
    text: dict[str, str]
    report: dict[str, Any]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("fidelity")
    srcdir = write_project(root / "src", FILES, conf=FILES["conf.py"])
    (srcdir / "logo.png").write_bytes(tiny_png())
    (srcdir / "figure.png").write_bytes(tiny_png())
    out = root / "out"
    for builder in ("html", "wsis-json", "latex", "text", "wsis-docx"):
        result = sphinx_build("-q", "-b", builder, srcdir, out / builder)
        assert result.returncode == 0, result.stderr
        problems = [line for line in result.stderr.splitlines() if "wsis.missing" not in line]
        assert not problems, f"{builder}: {problems}"
    pages = [out / "html" / f"{name}.html" for name in ("index", "executive", "c1")]
    pages += [out / "html" / f"{name}.html" for name in ("indicators", "contact")]
    report_path = out / "wsis-json" / "report.json"
    with docx2python(out / "wsis-docx" / "wsis20-report.docx") as docx:
        docx_text = docx.text
    text = {
        "html": _html_text(pages),
        "json": _json_text(json.loads(report_path.read_text("utf-8"))),
        "tex": _tex_text((out / "latex" / "wsis20-report.tex").read_text("utf-8")),
        "text": _squash(
            "\n".join(p.read_text("utf-8") for p in sorted((out / "text").glob("*.txt")))
        ),
        "docx": _squash(docx_text),
    }
    return Built(srcdir, out, text, json.loads(report_path.read_text("utf-8")))


@pytest.mark.parametrize("output", OUTPUTS)
@pytest.mark.parametrize("shown", SHOWN, ids=lambda shown: shown.field)
def test_every_value_is_in_every_output(built: Built, shown: Shown, output: str) -> None:
    expected = _squash(shown.expected(output))
    found = expected in built.text[output]
    if output == "text":  # the text builder wraps lines anywhere in Chinese
        found = re.sub(r"\s", "", expected) in re.sub(r"\s", "", built.text[output])
    if (shown.field, output) in NOT_SHOWN:
        assert not found, f"{shown.field} is now in {output}: update NOT_SHOWN"
    else:
        assert found, f"{shown.field}: {expected!r} is not in the {output} output"


def test_every_not_shown_names_a_field_and_an_output() -> None:
    fields = {shown.field for shown in SHOWN}
    assert {f for f, _ in NOT_SHOWN} <= fields
    assert {o for _, o in NOT_SHOWN} <= set(OUTPUTS)


def test_the_json_fields_hold_each_value_as_written(built: Built) -> None:
    report = built.report
    assert report["report"]["entity"] == "Zqentity Alliance" + TAIL
    assert report["report"]["logo"] == "logo.png"
    assert report["contact"] == {
        "name": "Zqname Person" + TAIL,
        "email": "zqemail@example.org",
        "role": "Zqrole" + TAIL,
        "unit": "Zqunitdept" + TAIL,
        "phone": "+254 20 5550147",
        "address": "Zqaddress Street" + TAIL,
        "paragraphs": ["Zqcontactbody note."],
        "defined_at": {"file": "contact.md", "line": 5},
    }
    (story,) = report["stories"]
    assert story["title"] == "Zqstorytitle" + TAIL
    assert story["partners"] == ["Zqpartnerone, Zqpartnerdept", "Zqpartnertwo" + TAIL]
    assert story["location"] == "Zqlocation" + TAIL
    assert story["url"] == "https://zqstoryurl.example.org/story"
    indicators = {i["id"]: i for i in report["indicators"]}
    zqind = indicators["zqind"]
    assert {k: zqind[k] for k in ("name", "unit", "source", "source_url", "geo", "note")} == {
        "name": "Zqindname" + TAIL,
        "unit": "Zqunit" + TAIL,
        "source": "Zqsource Facts 2025" + TAIL,
        "source_url": "https://zqsourceurl.example.org/facts",
        "geo": "Zqgeoregion" + TAIL,
        "note": "Zqnote" + TAIL,
    }
    assert (zqind["value"], zqind["baseline"], zqind["target"]) == (12345.5, 1111.25, 99999.75)
    assert (zqind["year"], zqind["baseline_year"], zqind["target_year"]) == (2024, 2010, 2030)
    assert zqind["scope"] == "national" and zqind["status"] == "in-progress"
    assert zqind["paragraphs"] == ["Zqindbody comment."]
    zero = indicators["zqcoded"]
    assert zero["value"] == 0 and zero["source"] == "Zqcodedsource"
    assert zero["dimensions"] == {"sex": "female", "area": "rural"}
    assert indicators["zqscaled-people"]["unit_mult"] == 6
    assert indicators["zqscaled-people"]["year"] == 2022  # a fiscal year is its first year
    assert indicators["zqscaled-people"]["time_period"] == "2022"
    lines = {line["code"]: line for line in report["action_lines"]}
    assert lines["C2"]["not_applicable"] == "Zqnotapplicable" + TAIL
    assert lines["C7.e-health"]["aspects"]["challenges"]["paragraphs"] == [
        "Zqehealthchallenges with a footnote[1].",
        "[1] Zqaspectfootnote text.",
    ]
    assert report["report"]["introduction"][-1] == "[1] Zqintrofootnote text."


def test_the_logo_is_on_the_web_card_and_the_title_pages(built: Built) -> None:
    """``:logo:`` is for "the header card and the PDF title page" (and Word's title page)."""
    index = (built.out / "html" / "index.html").read_text("utf-8")
    assert re.search(r'<img alt="Zqentity Alliance[^"]*" class="wsis-report-logo" src="', index)
    assert (built.out / "html" / "_images" / "logo.png").is_file()
    assert (
        r"\sphinxwsislogo{wsis-logo.png}" in (built.out / "latex" / "wsis20-report.tex").read_text()
    )
    assert (built.out / "latex" / "wsis-logo.png").is_file()
    tex = built.text["tex"]
    assert tex.count("logo") == 3, "the logo is on the PDF title page, not again in the card"
    with zipfile.ZipFile(built.out / "wsis-docx" / "wsis20-report.docx") as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    assert 0 <= body.find("<pic:pic") < body.find("Zqentity"), "the Word title page's logo"


# -- the secretariat's side: sphinx-wsis aggregate ----------------------------------------------


@pytest.fixture(scope="module")
def aggregated(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two reports from the project (the second under another entity), aggregated."""
    root = tmp_path_factory.mktemp("aggregate")
    first = root / "first.json"
    first.write_text(json.dumps(built.report, ensure_ascii=False), "utf-8")
    second = json.loads(json.dumps(built.report))
    second["report"]["entity"] = "Zqother entity"
    (root / "second.json").write_text(json.dumps(second, ensure_ascii=False), "utf-8")
    result = wsis("aggregate", first, root / "second.json", "-o", root / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "missing from font" not in result.stderr, "a chart lost characters of a unit or name"
    return root / "out"


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_indicator_files_keep_source_address_and_note(aggregated: Path) -> None:
    rows = [r for r in _csv_rows(aggregated / "indicators.csv") if r["indicator_id"] == "zqind"]
    assert rows and all(r["source"] == "Zqsource Facts 2025" + TAIL for r in rows)
    assert all(r["source_url"] == "https://zqsourceurl.example.org/facts" for r in rows)
    assert all(r["note"] == "Zqnote" + TAIL for r in rows)
    assert {r["kind"] for r in rows} == {"value", "series", "baseline", "target"}
    sheet = openpyxl.load_workbook(aggregated / "synthesis.xlsx")["indicators"]
    header, *values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    zqind = [dict(zip(header, row, strict=True)) for row in values if "zqind" in row]
    assert zqind and all(r["note"] == "Zqnote" + TAIL for r in zqind)
    assert all(r["source_url"] == "https://zqsourceurl.example.org/facts" for r in zqind)


def test_the_stories_file_keeps_every_story_field(aggregated: Path) -> None:
    rows = _csv_rows(aggregated / "stories.csv")
    assert len(rows) == 2
    assert {k: rows[0][k] for k in ("title", "partners", "location", "url", "sdgs", "text")} == {
        "title": "Zqstorytitle" + TAIL,
        "partners": "Zqpartnerone, Zqpartnerdept; Zqpartnertwo" + TAIL,
        "location": "Zqlocation" + TAIL,
        "url": "https://zqstoryurl.example.org/story",
        "sdgs": "4; 9.c",
        "text": "Zqstorybody text.\n\nZqstoryhead | Year\nZqstorycell | 2019",
    }


def test_the_synthesis_site_shows_each_indicator_source_link_and_note(aggregated: Path) -> None:
    page = (aggregated / "html" / "indicators.html").read_text("utf-8")
    text = _html_text([aggregated / "html" / "indicators.html"])
    assert "Zqsource Facts 2025" + TAIL in text
    assert 'href="https://zqsourceurl.example.org/facts"' in page
    assert "Zqnote" + TAIL in text
    c1 = _html_text([aggregated / "html" / "action-lines" / "c1.html"])
    for value in ("Zqstorytitle" + TAIL, "Zqlocation" + TAIL, "Zqpartnertwo" + TAIL):
        assert value in c1
    assert f"Zqachievements {SHOWN_BODY}." in c1
    assert "Zqstoryhead Year Zqstorycell 2019" in c1  # the story's table, as a table


def test_the_synthesis_is_valid_with_tables_in_the_text(aggregated: Path) -> None:
    synthesis = json.loads((aggregated / "synthesis.json").read_text("utf-8"))
    schema = json.loads(
        (Path(sphinx_wsis.__file__).parent / "schemas" / "synthesis.schema.json").read_text("utf-8")
    )
    jsonschema.validate(synthesis, schema)
    table = {
        "table": {"header_rows": 1, "rows": [["Zqstoryhead", "Year"], ["Zqstorycell", "2019"]]}
    }
    assert synthesis["stories"][0]["paragraphs"] == ["Zqstorybody text.", table]
    comments = {i["id"]: i["paragraphs"] for i in synthesis["indicators"]}
    assert comments["zqind"] == ["Zqindbody comment."]


# -- the bug class behind the lost :source: -----------------------------------------------------


def _dataclasses() -> list[type]:
    found = []
    for module_info in pkgutil.walk_packages(sphinx_wsis.__path__, "sphinx_wsis."):
        if module_info.name.endswith("__main__"):
            continue
        module = importlib.import_module(module_info.name)
        found += [
            cls
            for _, cls in inspect.getmembers(module, inspect.isclass)
            if cls.__module__ == module.__name__ and dataclasses.is_dataclass(cls)
        ]
    return found


def test_no_dataclass_field_redefines_a_field_of_its_base() -> None:
    """``IndicatorRecord.source`` (the data's source) once redefined ``Record.source`` (the
    file), so recording an indicator overwrote what the author wrote with a path."""
    clashes = []
    for cls in _dataclasses():
        own = set(inspect.get_annotations(cls))
        for base in cls.__mro__[1:]:
            if dataclasses.is_dataclass(base):
                inherited = {f.name for f in dataclasses.fields(base)}
                clashes += [f"{cls.__name__}.{name} ({base.__name__})" for name in own & inherited]
    assert len(_dataclasses()) > 10
    assert not clashes


def test_every_indicator_field_is_a_need_field(built: Built) -> None:
    """With sphinx-needs, an indicator's need carries what its card shows."""
    out = built.out / "needs"
    extensions = "myst_parser,sphinx_needs,sphinx_wsis"
    result = sphinx_build("-q", "-b", "needs", "-D", f"extensions={extensions}", built.srcdir, out)
    assert result.returncode == 0, result.stderr
    document = json.loads((out / "needs.json").read_text("utf-8"))
    needs = document["versions"][document["current_version"]]["needs"]
    zqind, coded = needs["WSIS_IND_ZQIND"], needs["WSIS_IND_ZQCODED"]
    assert zqind["title"] == "Zqindname" + TAIL
    assert zqind["status"] == "in-progress"
    assert {k: zqind[f"wsis_{k}"] for k in ("source", "source_url", "unit", "geo", "note")} == {
        "source": "Zqsource Facts 2025" + TAIL,
        "source_url": "https://zqsourceurl.example.org/facts",
        "unit": "Zqunit" + TAIL,
        "geo": "Zqgeoregion" + TAIL,
        "note": "Zqnote" + TAIL,
    }
    assert (zqind["wsis_value"], zqind["wsis_baseline"], zqind["wsis_target"]) == (
        12345.5,
        1111.25,
        99999.75,
    )
    assert zqind["wsis_series"] == "2010: 1111.25; 2020: 6666.5; 2024: 12345.5"
    assert coded["wsis_indicator_code"] == "17.8.1"
    assert coded["wsis_disaggregation"] == "sex=female; area=rural"
    assert needs["WSIS_IND_ZQSCALED_PEOPLE"]["wsis_unit_multiplier"] == "million"
    story = needs["WSIS_STORY_ZQSTORY_ID"]
    assert story["wsis_location"] == "Zqlocation" + TAIL
    assert story["wsis_partners"] == ["Zqpartnerone, Zqpartnerdept", "Zqpartnertwo" + TAIL]
    assert needs["WSIS_AL_C2"]["wsis_not_applicable"] == "Zqnotapplicable" + TAIL


# -- the rST twin of what this module found lost in MyST ----------------------------------------

RST_INDEX = """\
Report
======

.. wsis-report::
   :entity: Rentity C:\\.x e\\-f g\\\\h
   :stakeholder: academia
   :logo: logo.png

   Rintro with a footnote [#intro]_.

   .. [#intro] Rintrofootnote text.

.. wsis-action-line:: C1

   .. wsis-achievements::

      Rachievements [#aspect]_.

      .. [#aspect] Raspectfootnote text.

.. wsis-challenges::
   :action-line: C7 E-Health

   Rehealth text.

.. wsis-success-story:: Rstory C:\\.x e\\-f g\\\\h
   :action-lines: C1
   :location: Rlocation C:\\.x e\\-f g\\\\h

   Rstorybody.
"""


def test_rst_keeps_the_same_values(tmp_path: Path) -> None:
    srcdir = write_project(tmp_path / "src", {"index.rst": RST_INDEX}, conf=RST_CONF)
    (srcdir / "logo.png").write_bytes(tiny_png())
    for builder in ("html", "wsis-json"):
        result = sphinx_build("-q", "-b", builder, srcdir, tmp_path / builder)
        assert result.returncode == 0, result.stderr
    html = _html_text([tmp_path / "html" / "index.html"])
    for shown in (
        r"Rentity C:\.x e\-f g\\h",
        r"Success story: Rstory C:\.x e\-f g\\h",
        r"Rlocation C:\.x e\-f g\\h",
        "Challenges (C7 E-Health) Rehealth text.",
    ):
        assert shown in html
    assert 'class="wsis-report-logo" src="_images/logo.png"' in (
        tmp_path / "html" / "index.html"
    ).read_text("utf-8")
    report = json.loads((tmp_path / "wsis-json" / "report.json").read_text("utf-8"))
    assert report["report"]["paragraphs"] == [
        "Rintro with a footnote [1].",
        "[1] Rintrofootnote text.",
    ]
    lines = {line["code"]: line for line in report["action_lines"]}
    assert lines["C1"]["aspects"]["achievements"]["paragraphs"] == [
        "Rachievements [2].",
        "[2] Raspectfootnote text.",
    ]


def test_a_word_round_trip_keeps_the_story_and_contact_fields(built: Built, tmp_path: Path) -> None:
    """``sphinx-wsis import`` of the report's own DOCX reads back what the cards wrote (the
    partners with their separators: a name holding a comma stays one name; every action line
    a story is about, not only the one it stands under; the logo)."""
    project = tmp_path / "again"
    result = wsis("import", built.out / "wsis-docx" / "wsis20-report.docx", project)
    assert result.returncode == 0, result.stderr
    export = wsis("export", project, "-o", tmp_path / "again.json")
    assert export.returncode in (0, 1), export.stderr
    again = json.loads((tmp_path / "again.json").read_text("utf-8"))
    first = built.report
    assert again["contact"] == {**first["contact"], "defined_at": again["contact"]["defined_at"]}
    story = again["stories"][0]  # then the scaffold's TODO stories for the other lines
    fields = ("title", "action_lines", "year", "partners", "location", "url", "sdgs", "paragraphs")
    assert {f: story[f] for f in fields} == {f: first["stories"][0][f] for f in fields}
    assert again["report"]["entity"] == first["report"]["entity"]
    # the title page's picture is the report's logo again, the same image
    logo = again["report"]["logo"]
    assert logo and (project / logo).read_bytes() == (built.srcdir / "logo.png").read_bytes()
