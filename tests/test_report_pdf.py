"""A report fit to send from the first ``init``: every stakeholder type, both formats, no LaTeX
settings from the user, and the PDF that comes out of it (A4, no blank page, only the template's
own numbering, the entity on the title page, in the running heads and in the metadata)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from pypdf import PdfReader

from sphinx_wsis.json_builder import SCHEMA_PATH

from .conftest import MYST_CONF, RST_CONF, Built, write_project
from .test_cli import TEMPLATE, fill_every_part, wsis
from .test_pdf import build_pdf, contains, pdftotext, squash

STAKEHOLDERS = [key for key, _ in TEMPLATE.stakeholders]
FORMATS = ["md", "rst"]
ENTITIES = {
    "government": "Ministry of ICT & Innovation",
    "civil-society": "100% Open",
    "academia": "Data_Rights #1",
    "private-sector": "AT&T Foundation",
    "technical-community": r"Org \input{/etc/hostname}",
    "international-organization": "Union {of} $Networks$ ~ ^",
}
#: A heading LaTeX numbered on top of the template's own number: "3.1 1. Digital Strategy".
DOUBLE_NUMBER = re.compile(r"(?m)^[ \t]*\d+(\.\d+)*[ \t]+([IVX]+|C\d+|\d+)\.[ \t]")


def entity_of(stakeholder: str, fmt: str) -> str:
    """The entity of the test project; MyST reads `` #`` in an option as a comment (issue 13)."""
    entity = ENTITIES[stakeholder]
    return entity.replace(" #", " no. ") if fmt == "md" else entity


def init(tmp_path: Path, stakeholder: str, fmt: str) -> Path:
    target = tmp_path / f"{stakeholder}-{fmt}"
    result = wsis("init", target, "--entity", entity_of(stakeholder, fmt),
                  "--stakeholder", stakeholder, "--format", fmt)  # fmt: skip
    assert result.returncode == 0, result.stderr
    # what init promises: a first build shows the gaps and still writes the outputs
    assert "the website and the PDF are still\nwritten. CI adds -W" in result.stdout
    return target


def tex_of(built: Built) -> str:
    (tex,) = built.outdir.glob("*.tex")
    return tex.read_text("utf-8")


def escaped(text: str) -> str:
    from sphinx.util.texescape import escape

    return escape(text)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("stakeholder", STAKEHOLDERS)
def test_a_new_project_of_every_type_builds_html_and_report_grade_latex(
    tmp_path: Path, build: Callable[..., Built], stakeholder: str, fmt: str
) -> None:
    project = init(tmp_path, stakeholder, fmt)
    entity = entity_of(stakeholder, fmt)

    html = build(project, "html")
    assert html.wsis_warnings("missing") or html.wsis_warnings("placeholder")  # gaps shown
    assert entity in html.html().replace("&amp;", "&")

    latex = build(project, "latex")
    assert (latex.outdir / "wsis20-report.tex").is_file()
    tex = tex_of(latex)
    assert r"\documentclass[a4paper,10pt,english,openany,oneside]{sphinxmanual}" in tex
    assert r"\setcounter{secnumdepth}{-1}" in tex.split(r"\begin{document}")[0]
    assert rf"\author{{{escaped(entity)}}}" in tex
    if not (fmt == "rst" and "\\" in entity):  # the scaffold's rST title escapes (issue 13)
        assert rf"\title{{{escaped(f'WSIS+20 Report of {entity}')}}}" in tex
    assert r"\input{/etc/hostname}" not in tex
    assert "pdflang=en" in tex


@pytest.mark.latex
@pytest.mark.parametrize(("stakeholder", "fmt"), [("government", "md"), ("academia", "rst")])
def test_the_pdf_of_a_new_project_is_a4_without_blank_pages_or_double_numbers(
    tmp_path: Path, stakeholder: str, fmt: str
) -> None:
    project = init(tmp_path, stakeholder, fmt)
    entity = entity_of(stakeholder, fmt)
    pdf = build_pdf(project, tmp_path / "out")
    assert pdf.path.name == "wsis20-report.pdf"
    reader = PdfReader(pdf.path)
    for number, page in enumerate(reader.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842), number  # A4 in points
        assert pdftotext(pdf.path, number, number).strip(), f"page {number} is blank"
    assert "Chapter" not in pdf.text and "CHAPTER" not in pdf.text
    assert not DOUBLE_NUMBER.search(pdf.text), DOUBLE_NUMBER.search(pdf.text)
    for heading in ("I. Executive Summary", "C7. ICT applications", "1. Digital Strategy"):
        assert contains(pdf.text, heading), heading
    metadata = reader.metadata
    assert metadata.author == entity
    assert metadata.title == f"WSIS+20 Report of {entity}"
    assert metadata.subject.startswith("20-Year Reporting Template (Annex 1 to ITU")
    assert TEMPLATE.stakeholder_label(stakeholder) in metadata["/Keywords"]
    assert reader.trailer["/Root"]["/Lang"] == "en"


HOSTILE = r"AT&T Foundation 100% Open Data_Rights #1 Org \input{secret.txt}"
RST_HOSTILE = HOSTILE.replace("\\", "\\\\")  # a title in rST escapes its backslash
SECRET = "SECRET-FILE-CONTENTS-91c2"


@pytest.fixture(scope="module")
def hostile_report_pdf(tmp_path_factory: pytest.TempPathFactory):
    """A report whose title and entity hold every TeX special, and no LaTeX settings."""
    src = write_project(
        tmp_path_factory.mktemp("hostile-report") / "src",
        {  # rST: MyST would read " #1" in an option as a comment
            "index.rst": f"{'=' * 80}\nReport of {RST_HOSTILE}\n{'=' * 80}\n\n"
            f".. wsis-report::\n   :entity: {HOSTILE}\n   :stakeholder: government\n\n"
            "We are a ministry.\n\n.. toctree::\n\n   chapter\n",
            "chapter.rst": "I. Executive Summary\n====================\n\n"
            + "Words of the summary. " * 1200
            + "\n",
            "secret.txt": SECRET + "\n",
        },
        conf=RST_CONF + "suppress_warnings = ['wsis']\n",
    )
    (src.parent / "secret.txt").write_text(SECRET + "\n", "utf-8")
    return build_pdf(src, src.parent / "out")


@pytest.mark.latex
def test_the_entity_is_text_on_the_title_page_in_running_heads_and_metadata(
    hostile_report_pdf,
) -> None:
    pdf = hostile_report_pdf
    assert SECRET not in pdf.text
    assert contains(pdf.page_text(1), HOSTILE)  # the title page: title and entity
    assert squash(pdf.page_text(1)).count(squash(HOSTILE)) == 2
    later = [pdf.page_text(n) for n in range(3, len(PdfReader(pdf.path).pages) + 1)]
    heads = [page for page in later if contains(page, f"Report of {HOSTILE}")]
    assert len(heads) >= 2, later  # the running head of every page of the chapter
    metadata = PdfReader(pdf.path).metadata
    assert metadata.author == HOSTILE
    assert metadata.title == f"Report of {HOSTILE}"


def test_what_the_user_sets_wins(tmp_path: Path, build: Callable[..., Built]) -> None:
    conf = MYST_CONF + (
        "latex_elements = {'papersize': 'letterpaper', 'extraclassoptions': 'twoside',\n"
        "                  'preamble': r'\\setcounter{secnumdepth}{2}'}\n"
        "latex_documents = [('index', 'mine.tex', r'My \\emph{Title}', 'Me', 'manual')]\n"
    )
    src = write_project(
        tmp_path / "src",
        {
            "index.md": "# Report\n\n:::{wsis-report}\n:entity: A & B\n:stakeholder: government\n:::\n"
        },
        conf=conf,
    )
    tex = tex_of(build(src, "latex"))
    assert r"\documentclass[letterpaper,10pt,english,twoside]{sphinxmanual}" in tex
    preamble = tex.split(r"\begin{document}")[0]
    assert preamble.index(r"\setcounter{secnumdepth}{-1}") < preamble.index(
        r"\setcounter{secnumdepth}{2}"
    )  # the user's comes last, so it is the one LaTeX keeps
    assert r"\title{My \emph{Title}}" in tex and r"\author{Me}" in tex


def test_a_project_without_a_report_keeps_sphinx_defaults(
    tmp_path: Path, build: Callable[..., Built]
) -> None:
    src = write_project(tmp_path / "src", {"index.md": "# Just docs\n\nText.\n"})
    tex = tex_of(build(src, "latex"))
    assert r"\documentclass[letterpaper,10pt,english]{sphinxmanual}" in tex
    assert "secnumdepth}{-1}" not in tex


def test_a_government_report_validates_against_the_shipped_schema(
    tmp_path: Path, build: Callable[..., Built]
) -> None:
    project = init(tmp_path, "government", "md")
    fill_every_part(project, "md")
    built = build(project, "wsis-json")
    document = json.loads((built.outdir / "report.json").read_text("utf-8"))
    schema = json.loads(SCHEMA_PATH.read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(document)
    assert document["report"]["stakeholder"] == "government"
    assert document["report"]["stakeholder_label"] == "Government"
    assert built.wsis_warnings() == []
