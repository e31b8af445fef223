"""The ``wsis-docx`` builder, on the example report: read back as Word sees the file.

Each test builds the example report (or a copy with a page added) and reads the ``.docx`` back
with python-docx, docx2python and, for the ``docx`` marker, LibreOffice's PDF of it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx2python import docx2python

from sphinx_wsis.i18n import format_value
from sphinx_wsis.summaries import STATE_LABELS
from sphinx_wsis.template import load_template, resolve_template

from .conftest import EXAMPLE, Built, sphinx_build

TEMPLATE = load_template(resolve_template("", EXAMPLE))


@dataclass
class Report:
    """The example built to DOCX and to JSON from the same doctrees."""

    path: Path
    data: dict[str, Any]
    completeness: dict[str, Any]

    @property
    def document(self) -> Any:
        return docx.Document(str(self.path))


@pytest.fixture(scope="module")
def example_docx(tmp_path_factory: pytest.TempPathFactory) -> Report:
    out = tmp_path_factory.mktemp("docx")
    doctrees = out / ".doctrees"
    for builder in ("wsis-docx", "wsis-json"):
        result = sphinx_build("-b", builder, "-d", doctrees, EXAMPLE, out / builder)
        assert result.returncode == 0, result.stderr
        assert "WARNING" not in result.stderr, result.stderr
    data = json.loads((out / "wsis-json" / "report.json").read_text("utf-8"))
    completeness = json.loads((out / "wsis-docx" / "wsis-completeness.json").read_text("utf-8"))
    return Report(out / "wsis-docx" / "wsis20-report.docx", data, completeness)


def headings(document: Any) -> list[tuple[int, str]]:
    return [
        (int(p.style.style_id.removeprefix("Heading")), p.text)
        for p in document.paragraphs
        if p.style.style_id.startswith("Heading")
    ]


def styled(document: Any, style_id: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.style_id == style_id]


def table_rows(document: Any) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]


def test_the_example_charts_are_pictures_with_their_values_beside(example_docx: Report) -> None:
    """The same charts as in the HTML and the PDF: a PNG per wsis-chart, described."""
    document = example_docx.document
    descriptions = [
        pic.get("descr")
        for pic in document.element.body.iter(qn("wp:docPr"))
        if "chart" in (pic.get("descr") or "").lower()
    ]
    assert any(d.endswith("Internet use and mobile coverage, world") for d in descriptions)
    assert any(d.endswith("OANA's community networks and trainees") for d in descriptions)
    media = [p for p in document.part.package.parts if p.partname.startswith("/word/media/")]
    assert sum(p.content_type == "image/png" for p in media) >= 2
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Internet use and mobile coverage, world" in text  # the caption


def test_every_action_line_has_a_built_in_heading_in_annex_order(example_docx: Report) -> None:
    found = headings(example_docx.document)
    texts = [text for _, text in found]
    positions = []
    for line in TEMPLATE.action_lines:
        code = line.parent or line.code
        matches = [i for i, text in enumerate(texts) if code in text and line.title in text]
        assert matches, f"no heading for {line.code}"
        positions.append(matches[0])
        level = found[matches[0]][0]
        assert level == (3 if line.parent else 2), (line.code, level)
    assert positions == sorted(positions), "action lines out of Annex 1 order"
    chapters = [text for level, text in found if level == 1]
    assert [c.split(".")[0] for c in chapters if c[:2] in ("I.", "II", "IV", "V.", "VI")][:6] == [
        "I", "II", "III", "IV", "V", "VI",
    ]  # fmt: skip


def test_stories_indicators_and_matrix_read_back(example_docx: Report) -> None:
    document = example_docx.document
    story_titles = styled(document, "WSISStoryTitle")
    for story in example_docx.data["stories"]:
        assert any(story["title"] in text for text in story_titles), story["title"]
    values = styled(document, "WSISIndicatorValue")
    rows = table_rows(document)
    for indicator in example_docx.data["indicators"]:
        value = format_value(indicator["value"], indicator["unit"] or "", "en")
        assert any(text.startswith(value) for text in values), indicator["name"]
        # The indicators table names an indicator (with its catalogue code) or, inside one
        # indicator's breakdown, shows the breakdown's row under it ("· Low-income economies").
        assert any(
            row[1] == value and (row[0].startswith(indicator["name"]) or row[0].startswith("· "))
            for row in rows
        ), indicator["name"]
    states = {
        part["id"]: STATE_LABELS[part["state"]] for part in example_docx.completeness["parts"]
    }
    for line in TEMPLATE.action_lines:
        expected = [line.heading, *(states[f"{line.code}/{a.key}"] for a in TEMPLATE.aspects)]
        expected.append(states.get(f"{line.code}/stories", ""))
        assert expected in rows, line.code
    for part in example_docx.completeness["parts"]:
        if part["kind"] in ("section", "indicators", "contact"):
            assert [part["label"], states[part["id"]]] in rows, part["id"]


def test_tables_repeat_their_header_row_and_cards_are_tables(example_docx: Report) -> None:
    document = example_docx.document
    matrix = next(t for t in document.tables if t.rows[0].cells[0].text == "Action line")
    indicators = next(t for t in document.tables if t.rows[0].cells[0].text == "Indicator")
    for table in (matrix, indicators):
        first, second = table.rows[0]._tr, table.rows[1]._tr
        assert first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        assert second.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None
    assert any(row[0] == "Partners" for row in table_rows(document))


def test_title_page_contents_field_and_properties(example_docx: Report) -> None:
    document = example_docx.document
    assert styled(document, "WSISTitleEntity") == ["Open Access Networks Alliance (OANA)"]
    fields = styled(document, "WSISTitleField")
    assert "Stakeholder type: Civil Society" in fields
    assert "Country: Kenya" in fields
    body = document.element.body
    instructions = [t.text for t in body.iter(qn("w:instrText"))]
    assert any(i.strip().startswith("TOC ") for i in instructions)
    assert "C7. E-Health" in styled(document, "TOC3")
    settings = [child.tag.split("}")[1] for child in document.settings.element]
    position = settings.index("updateFields")  # where CT_Settings puts it, or Word repairs
    assert settings[position - 1] in ("savePreviewPicture", "characterSpacingControl")
    assert settings[position + 1] == "compat"
    core = document.core_properties
    own_latex_title = "WSIS+20 Stakeholder Report 2005-2025"  # the example's latex_documents
    root_title = "WSIS+20 Report of the Open Access Networks Alliance (OANA)"
    expected = (
        own_latex_title if "latex_documents" in (EXAMPLE / "conf.py").read_text() else root_title
    )
    assert core.title == expected
    assert expected in styled(document, "WSISTitleLine")
    assert core.author == "Open Access Networks Alliance (OANA)"
    assert core.subject == "20-Year Reporting Template"
    assert core.language == "en-GB"
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)


def test_links_are_real_hyperlinks_to_urls_and_bookmarks(example_docx: Report) -> None:
    document = example_docx.document
    body = document.element.body
    links = list(body.iter(qn("w:hyperlink")))
    external = [link for link in links if link.get(qn("r:id"))]
    internal = [link for link in links if link.get(qn("w:anchor"))]
    assert external and internal
    targets = {document.part.rels[link.get(qn("r:id"))].target_ref for link in external}
    assert "https://oana.example.org" in targets
    bookmarks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    assert {link.get(qn("w:anchor")) for link in internal} <= bookmarks
    # docx2python, an independent reader, finds the same text
    with docx2python(example_docx.path) as read:
        text = read.text
    assert "Digital service points in Kitui market towns" in text


EXTRA_PAGE = """\
# Notes on sources

Figures come from members' returns[^returns] and from ITU.[^itu] See
[ITU's statistics](https://www.itu.int/itu-d/reports/statistics/) and **bold**, *italic* and
`literal` text, and {math}`E = mc^2`.

1. first step
2. second step
   - a nested point

- a bullet

![A small chart](chart.png)

| Year | Networks |
| ---- | -------- |
| 2008 | 3        |
| 2024 | 38       |

```{eval-rst}
+--------+------------+
| Area   | Networks   |
+========+============+
| Both columns span   |
+--------+------------+
| Lake   | 4          |
+--------+------------+
```

[^returns]: Annual returns of 64 member organisations, 2024.
[^itu]: ITU Facts and Figures 2025, with <https://www.itu.int>.
"""


def _chart(path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(3, 2))
    axes.plot([2008, 2024], [3, 38])
    figure.savefig(path, dpi=60)
    plt.close(figure)


@pytest.fixture
def example_with_extras(example_copy: Path) -> Path:
    (example_copy / "sources.md").write_text(EXTRA_PAGE, encoding="utf-8")
    _chart(example_copy / "chart.png")
    index = example_copy / "index.md"
    text = index.read_text("utf-8").replace("annex\n```", "annex\nsources\n```")
    text = text.replace(
        ":website: https://oana.example.org", ":website: https://oana.example.org\n:logo: chart.png"
    )
    index.write_text(text, encoding="utf-8")
    return example_copy


def test_footnotes_lists_images_tables_and_unknown_nodes(
    build: Any, example_with_extras: Path
) -> None:
    built: Built = build(example_with_extras, "wsis-docx")
    assert "WARNING" not in built.warnings and "ERROR" not in built.warnings, built.warnings
    path = built.outdir / "wsis20-report.docx"
    document = docx.Document(str(path))
    part = document.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
    )
    notes = part.blob.decode("utf-8")
    assert "Annual returns of 64 member organisations, 2024." in notes
    assert "https://www.itu.int" in notes
    body = document.element.body
    assert len(list(body.iter(qn("w:footnoteReference")))) == 2
    settings = [child.tag.split("}")[1] for child in document.settings.element]
    assert settings.index("updateFields") < settings.index("footnotePr") < settings.index("compat")
    styles = [p.style.style_id for p in document.paragraphs]
    assert {"ListNumber", "ListBullet2", "ListBullet"} <= set(styles)
    numbered = [p for p in document.paragraphs if p.style.style_id == "ListNumber"]
    num_ids = {p._p.pPr.numPr.numId.val for p in numbered[-2:]}
    assert len(num_ids) == 1  # one list: one numbering that restarts at 1
    assert list(body.iter(qn("w:drawing")))  # the chart is a picture
    assert document.paragraphs[0]._p.find(f".//{qn('w:drawing')}") is not None  # the logo
    names = [b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))]
    assert len(names) == len(set(names))
    table = next(t for t in document.tables if t.rows[0].cells[-1].text == "Networks")
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Year", "Networks"],
        ["2008", "3"],
        ["2024", "38"],
    ]
    assert table.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    spanned = next(t for t in document.tables if t.rows[0].cells[0].text == "Area")
    merged = spanned.rows[1].cells
    assert merged[0]._tc is merged[1]._tc and merged[0].text == "Both columns span"
    assert merged[0]._tc.grid_span == 2
    assert [c.text for c in spanned.rows[2].cells] == ["Lake", "4"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "E = mc^2" in text  # a node the builder does not know: kept as its text …
    assert "writes the math node as plain text" in built.app._status.getvalue()  # … and said


def test_arabic_report_is_right_to_left(build: Any, example_copy: Path) -> None:
    built = build(example_copy, "wsis-docx", confoverrides={"language": "ar"})
    document = docx.Document(str(built.outdir / "wsis20-report.docx"))
    body = document.element.body
    paragraphs = list(body.iter(qn("w:p")))
    assert paragraphs and all(
        p.find(f"{qn('w:pPr')}/{qn('w:bidi')}") is not None for p in paragraphs
    )
    tables = list(body.iter(qn("w:tbl")))
    assert tables and all(
        t.find(f"{qn('w:tblPr')}/{qn('w:bidiVisual')}") is not None for t in tables
    )
    defaults = document.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    assert fonts.get(qn("w:cs")) == "Noto Naskh Arabic"
    lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang.get(qn("w:bidi")) == "ar-SA"
    assert body.find(f"{qn('w:sectPr')}/{qn('w:bidi')}") is not None


def test_chinese_report_has_east_asian_fonts(build: Any, example_copy: Path) -> None:
    built = build(example_copy, "wsis-docx", confoverrides={"language": "zh_CN"})
    document = docx.Document(str(built.outdir / "wsis20-report.docx"))
    defaults = document.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    assert fonts.get(qn("w:eastAsia")) == "Noto Sans CJK SC"
    lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang.get(qn("w:eastAsia")) == "zh-CN"
    assert document.core_properties.language == "zh-CN"
    fonts = document.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable"
    ).blob.decode("utf-8")
    assert '<w:font w:name="Noto Sans CJK SC"><w:altName w:val="SimSun"/>' in fonts


def test_basename_and_users_reference_document(build: Any, example_copy: Path) -> None:
    own = docx.Document()
    own.styles["Normal"].font.name = "Georgia"
    own.save(str(example_copy / "house-style.docx"))
    built = build(
        example_copy,
        "wsis-docx",
        confoverrides={"wsis_docx_basename": "oana", "wsis_docx_reference": "house-style.docx"},
    )
    document = docx.Document(str(built.outdir / "oana.docx"))
    assert document.styles["Normal"].font.name == "Georgia"
    assert "WSIS Story Title" in [s.name for s in document.styles]  # copied from ours
    assert styled(document, "WSISStoryTitle")


def test_without_settings_the_file_is_wsis20_report_titled_as_the_root_page(
    build: Any, example_copy: Path
) -> None:
    conf = example_copy / "conf.py"
    text = conf.read_text("utf-8")
    conf.write_text(text[: text.index("latex_documents")] if "latex_documents" in text else text)
    built = build(example_copy, "wsis-docx")
    document = docx.Document(str(built.outdir / "wsis20-report.docx"))
    title = "WSIS+20 Report of the Open Access Networks Alliance (OANA)"
    assert document.core_properties.title == title
    assert title in styled(document, "WSISTitleLine")


def test_unusable_reference_document_is_a_warning(build: Any, example_copy: Path) -> None:
    (example_copy / "broken.docx").write_text("not a zip", encoding="utf-8")
    built = build(example_copy, "wsis-docx", confoverrides={"wsis_docx_reference": "broken.docx"})
    assert "wsis_docx_reference broken.docx cannot be used" in built.warnings
    assert (built.outdir / "wsis20-report.docx").is_file()


def test_unreadable_logo_is_a_warning_with_its_line(build: Any, example_copy: Path) -> None:
    (example_copy / "logo.png").write_text("not a picture", encoding="utf-8")
    index = example_copy / "index.md"
    index.write_text(
        index.read_text("utf-8").replace(":country: Kenya", ":country: Kenya\n:logo: logo.png"),
        encoding="utf-8",
    )
    built = build(example_copy, "wsis-docx")
    assert "index.md:3: WARNING: wsis-report :logo: logo.png cannot go on the Word title page" in (
        built.warnings
    )
    document = docx.Document(str(built.outdir / "wsis20-report.docx"))
    assert styled(document, "WSISTitleEntity") == ["Open Access Networks Alliance (OANA)"]


def test_other_extensions_tables_are_word_tables(build: Any, example_copy: Path) -> None:
    """sphinx-needs' needtable is a subclass of a docutils table: written as one, silently."""
    conf = example_copy / "conf.py"
    conf.write_text(
        conf.read_text("utf-8").replace(
            '"myst_parser", "sphinx_wsis"', '"myst_parser", "sphinx_needs", "sphinx_wsis"'
        ),
        encoding="utf-8",
    )
    (example_copy / "needs.md").write_text(
        "# Stories as needs\n\n```{needtable}\n:types: wsis_story\n:columns: id, title\n```\n",
        encoding="utf-8",
    )
    index = example_copy / "index.md"
    index.write_text(
        index.read_text("utf-8").replace("annex\n```", "annex\nneeds\n```"), encoding="utf-8"
    )
    built = build(example_copy, "wsis-docx")
    assert "as plain text" not in built.app._status.getvalue()
    document = docx.Document(str(built.outdir / "wsis20-report.docx"))
    table = document.tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["ID", "Title"]
    assert "A digital security helpdesk for journalists" in [r.cells[1].text for r in table.rows]


def test_action_line_without_a_heading_of_its_own_gets_one(build: Any, example_copy: Path) -> None:
    pages = example_copy / "action-lines"
    c10 = (pages / "c10.md").read_text("utf-8").split("\n", 1)[1]  # without its heading
    (pages / "c9.md").write_text((pages / "c9.md").read_text("utf-8") + c10, encoding="utf-8")
    (pages / "c10.md").write_text("# Notes\n\nC10 is reported with C9.\n", encoding="utf-8")
    built = build(example_copy, "wsis-docx")
    assert not built.wsis_warnings(), built.warnings
    document = docx.Document(str(built.outdir / "wsis20-report.docx"))
    found = headings(document)
    line = TEMPLATE.action_line("C10")
    assert (3, line.heading) in found  # under the page "C9. Media", a level below it
    assert line.heading in styled(document, "TOC3")


def soffice_pdf(document: Path, outdir: Path) -> Path:
    """Convert with LibreOffice headless, in a profile of its own (parallel runs don't clash)."""
    profile = outdir / "lo-profile"
    result = subprocess.run(
        [
            shutil.which("soffice") or "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(document),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    pdf = outdir / f"{document.stem}.pdf"
    assert pdf.is_file(), result.stdout + result.stderr
    return pdf


def _words(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


@pytest.mark.docx
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_it_and_the_pdf_holds_every_part(
    example_docx: Report, tmp_path: Path
) -> None:
    pdf = soffice_pdf(example_docx.path, tmp_path)
    text = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = _words(text)
    template = TEMPLATE
    for line in template.action_lines:
        assert _words(f"{line.parent or line.code}") in flat
        assert _words(line.title) in flat, line.code
    for story in example_docx.data["stories"]:
        assert _words(story["title"]) in flat, story["title"]
    for indicator in example_docx.data["indicators"]:
        assert format_value(indicator["value"], indicator["unit"] or "", "en") in flat
    layout = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    states = {p["id"]: STATE_LABELS[p["state"]] for p in example_docx.completeness["parts"]}
    for line in template.action_lines:
        cells = [states[f"{line.code}/{a.key}"] for a in template.aspects]
        if f"{line.code}/stories" in states:
            cells.append(states[f"{line.code}/stories"])
        label = line.heading.split()[:2]  # the row's first line: code and the title's start
        states_pattern = r"\s+".join(map(re.escape, cells))
        row = re.compile(rf"^\s*{re.escape(' '.join(label))}\b.*\s{states_pattern}\s*$")
        assert any(row.match(text) for text in layout), f"matrix row of {line.code}"


@pytest.mark.docx
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_shows_footnotes_numbering_and_pictures(
    build: Any, example_with_extras: Path, tmp_path: Path
) -> None:
    built = build(example_with_extras, "wsis-docx")
    pdf = soffice_pdf(built.outdir / "wsis20-report.docx", tmp_path)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Annual returns of 64 member organisations, 2024." in text  # the footnote's text
    assert re.search(r"^\s*1\.\s+first step$", text, re.MULTILINE)  # numbering starts at 1
    assert re.search(r"^\s*2\.\s+second step$", text, re.MULTILINE)
    assert "Both columns span" in text
