"""``sphinx-wsis import``: Word drafts into report projects that ``check`` judges.

The drafts are written here with python-docx in the shape of ITU's Annex 1 (the seed's headings
and prompts, numbered and bulleted as the Word template has them), with some parts answered.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from sphinx_wsis.templates import WSIS20_STAKEHOLDER
from sphinx_wsis.word.markup import MySTMarkup, RSTMarkup
from sphinx_wsis.word.placing import Target, Vocabulary, load_aliases, translated_titles
from sphinx_wsis.word.reader import Inline

from .conftest import EXAMPLE, sphinx_build
from .test_cli import PARTS, TEMPLATE, wsis

INVITATION = (
    "Invitation to submit 20-year stakeholders report on the implementation of WSIS outcomes"
)


def _png() -> bytes:
    """A valid 2x2 PNG, written by hand (no imaging library needed)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00\x00\x00\xff" * 2)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


PNG = _png()


def link(paragraph, text: str, url: str) -> None:
    rid = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    element = OxmlElement("w:hyperlink")
    element.set(qn("r:id"), rid)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    element.append(run)
    paragraph._p.append(element)


def tracked(paragraph, tag: str, text: str) -> None:
    """A tracked insertion or deletion, as Word writes it with "Track changes" on."""
    change = OxmlElement(tag)
    change.set(qn("w:id"), "7")
    change.set(qn("w:author"), "Reviewer")
    run = OxmlElement("w:r")
    t = OxmlElement("w:delText" if tag == "w:del" else "w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    change.append(run)
    paragraph._p.append(change)


def in_content_control(paragraph) -> None:
    """Move a paragraph into a content control (``w:sdt``), as form-like templates have it."""
    sdt = OxmlElement("w:sdt")
    content = OxmlElement("w:sdtContent")
    sdt.append(content)
    paragraph._p.addprevious(sdt)
    content.append(paragraph._p)


def bullet(document, text: str, *, bold: bool = False, italic: bool = False) -> None:
    paragraph = document.add_paragraph(style="List Bullet")
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic


def annex1_draft(path: Path, tmp_path: Path) -> None:
    """ITU's Annex 1 as a focal point gets it in Word, half filled in."""
    d = docx.Document()
    d.core_properties.author = "Ministry of Digital Affairs"
    d.add_paragraph(INVITATION)
    bullet(d, "Key achievements")  # an aspect before any action line: nowhere to go
    d.add_paragraph("Our proudest result so far.")
    d.add_paragraph("Annex 1")
    d.add_paragraph("20-Year Reporting Template", style="Title")
    d.add_paragraph(
        "(For Civil Society, Academia, Private Sector, Technical Community, and International "
        "Organizations)"
    )
    d.add_heading("I. Executive Summary", 1)
    d.add_paragraph(TEMPLATE.section("executive-summary").prompt)
    p = d.add_paragraph("Twenty years of work, summarised: see ")
    link(p, "our site", "https://example.org/report?a=1&b=2")
    p.add_run(". We use *stars* and `backticks` and {roles} and :colons: as text.")
    tracked(p, "w:ins", " Inserted later.")
    tracked(p, "w:del", " Deleted words.")
    d.add_heading("II. Progress on WSIS Action Lines", 1)
    d.add_paragraph(TEMPLATE.chapters[1].prompt)
    for number, line in enumerate((ln for ln in TEMPLATE.action_lines if not ln.parent), 1):
        if line.code == "C3":
            d.add_paragraph(f"{number}. Action Line C3 \u2013 access to information and knowledge")
        elif line.code == "C4":
            d.add_heading("C4: CAPACITY BUILDING", 2)
        else:
            p = d.add_paragraph(style="List Number")
            p.add_run(f"Action Line {line.code}: {line.title}").bold = True
        for aspect in ("Achievements", "Challenges", "Future priorities"):
            bullet(d, aspect, bold=True)
            answered = (
                line.code in ("C1", "C3")
                or (line.code == "C2" and aspect == "Achievements")
                or (line.code == "C7" and aspect == "Achievements")
            )
            if answered:
                d.add_paragraph(f"{line.code} {aspect.lower()}: the work of twenty years.")
                if line.code == "C1" and aspect == "Achievements":
                    table = d.add_table(rows=2, cols=2)
                    for cell, text in zip(
                        table._cells, ["Year", "Networks", "2024", "38"], strict=True
                    ):
                        cell.text = text
                    d.add_picture(str(tmp_path / "chart.png"))
                    bullet(d, "first point, in italics", italic=True)
        if line.code == "C1":
            d.add_paragraph("Success story: Village networks", style="Heading 3")
            d.add_paragraph("Twelve villages built their own network.")
        if line.code == "C7":
            for sub in (ln for ln in TEMPLATE.action_lines if ln.parent == "C7"):
                bullet(d, f"C7. {sub.title}", bold=True)
                if sub.code == "C7.e-health":
                    for aspect in ("Achievements", "Challenges", "Future priorities"):
                        bullet(d, f"{aspect}:", bold=True)
                        d.add_paragraph(f"E-health {aspect.lower()} in clinics.")
                else:
                    bullet(d, "[Achievements, challenges, future priorities]", italic=True)
    d.add_heading("III. Strategies and Policy Contributions", 1)
    d.add_paragraph(TEMPLATE.chapters[2].prompt)
    for section in (s for s in TEMPLATE.sections if s.chapter == "III"):
        d.add_paragraph(f"{section.number}. {section.title}", style="List Number")
        bullet(d, section.prompt)
        if section.key == "digital-strategy":
            d.add_paragraph("The national digital strategy of 2019.")
    for key in ("key-indicators", "challenges-and-gaps", "future-directions"):
        section = TEMPLATE.section(key)
        d.add_heading(section.heading, 1)
        d.add_paragraph(section.prompt)
        if key == "challenges-and-gaps":
            in_content_control(d.add_paragraph("Rural backhaul is expensive."))
    p = d.add_paragraph()
    p.add_run(TEMPLATE.section("contact").prompt).bold = True
    d.add_paragraph("Name: Amina Diallo")
    d.add_paragraph("E-mail: focal.point@example.org")
    d.save(str(path))


ANSWERED = {
    "executive-summary",
    "C1/achievements", "C1/challenges", "C1/priorities", "C1/stories",
    "C2/achievements",
    "C3/achievements", "C3/challenges", "C3/priorities",
    "C7/achievements",
    "C7.e-health/achievements", "C7.e-health/challenges", "C7.e-health/priorities",
    "digital-strategy", "challenges-and-gaps", "contact",
}  # fmt: skip


@pytest.fixture
def annex1(tmp_path: Path) -> Path:
    (tmp_path / "chart.png").write_bytes(PNG)
    path = tmp_path / "draft.docx"
    annex1_draft(path, tmp_path)
    return path


@pytest.mark.parametrize("fmt", ["md", "rst"])
def test_annex1_draft_imports_and_check_lists_exactly_the_unanswered_parts(
    annex1: Path, tmp_path: Path, fmt: str
) -> None:
    project = tmp_path / "report"
    result = wsis("import", annex1, project, "--stakeholder", "government"
                  if TEMPLATE.stakeholder_label("government") else "civil-society",
                  "--format", fmt)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "unplaced" in result.stderr
    check = wsis("check", project, "--format", "json")
    assert check.returncode == 1, check.stderr
    states = {p["id"]: p["state"] for p in json.loads(check.stdout)["parts"]}
    gaps = {part for part, state in states.items() if state != "done"}
    assert gaps == {p.id for p in PARTS} - ANSWERED
    index = (project / f"index.{fmt}").read_text("utf-8")
    assert "Ministry of Digital Affairs" in index
    assert INVITATION in index
    unplaced = (project / f"unplaced.{fmt}").read_text("utf-8")
    assert "Our proudest result so far." in unplaced and "warning" in unplaced
    assert "unplaced" in index
    c1 = (project / f"action-lines/c1.{fmt}").read_text("utf-8")
    assert "Village networks" in c1
    assert "Year" in c1 and "Networks" in c1  # the table
    assert (project / "action-lines/c1-image-1.png").read_bytes() == PNG
    assert "c1-image-1.png" in c1
    summary = (project / f"executive-summary.{fmt}").read_text("utf-8")
    assert TEMPLATE.section("executive-summary").prompt not in summary  # ITU's prompt left out
    assert "https://example.org/report?a=1&b=2" in summary
    assert "Inserted later." in summary and "Deleted words." not in summary
    assert "Rural backhaul is expensive." in (project / f"challenges-and-gaps.{fmt}").read_text(
        "utf-8"
    )
    # the draft's text is data: it builds to the same words, markup characters and all
    built = sphinx_build("-b", "html", project, tmp_path / "html")
    html = (tmp_path / "html" / "executive-summary.html").read_text("utf-8")
    assert "*stars* and <code" not in html
    assert "We use *stars* and `backticks` and {roles} and :colons: as text." in html
    assert 'href="https://example.org/report?a=1&amp;b=2"' in html
    assert "ERROR" not in built.stderr, built.stderr


def test_round_trip_of_the_example_through_word(tmp_path: Path) -> None:
    out = tmp_path / "docx"
    built = sphinx_build("-b", "wsis-docx", EXAMPLE, out)
    assert built.returncode == 0, built.stderr
    project = tmp_path / "again"
    result = wsis("import", out / "wsis20-report.docx", project)
    assert result.returncode == 0, result.stderr
    assert not (project / "unplaced.md").exists()
    original = json.loads((out / "wsis-completeness.json").read_text("utf-8"))
    check = wsis("check", project, "--format", "json")
    assert check.returncode == 0, check.stdout
    again = json.loads(check.stdout)
    assert {p["id"]: p["state"] for p in again["parts"]} == {
        p["id"]: p["state"] for p in original["parts"]
    }
    export = wsis("export", project, "-o", tmp_path / "again.json")
    assert export.returncode == 0, export.stderr
    before = sphinx_build("-b", "wsis-json", EXAMPLE, tmp_path / "json")
    assert before.returncode == 0
    first = json.loads((tmp_path / "json" / "report.json").read_text("utf-8"))
    second = json.loads((tmp_path / "again.json").read_text("utf-8"))
    assert [s["title"] for s in second["stories"]] == [s["title"] for s in first["stories"]]
    assert [(i["name"], i["value"], i["unit"], i["year"]) for i in second["indicators"]] == [
        (i["name"], i["value"], i["unit"], i["year"]) for i in first["indicators"]
    ]
    assert second["report"]["entity"] == first["report"]["entity"]
    assert second["contact"]["email"] == first["contact"]["email"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"plain text, not a document", "is not a .docx file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "password-protected"),
        (None, "damaged"),
        (b"", "is not a .docx file"),
    ],
)
def test_bad_drafts_are_one_clear_message_and_exit_2(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    draft = tmp_path / "draft.docx"
    if content is None:  # a zip whose member is cut short
        with zipfile.ZipFile(draft, "w") as archive:
            archive.writestr("word/document.xml", "<w:document/>" * 200)
        data = draft.read_bytes()
        draft.write_bytes(data[:40] + b"\0" * 30 + data[70:])
    else:
        draft.write_bytes(content)
    result = wsis("import", draft, tmp_path / "out", "-e", "X", "-s", "academia")
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_template_file_is_copied_and_named_in_conf(annex1: Path, tmp_path: Path) -> None:
    template = tmp_path / "my-template.yaml"
    template.write_text(Path(str(WSIS20_STAKEHOLDER)).read_text("utf-8"), encoding="utf-8")
    project = tmp_path / "report"
    result = wsis("import", annex1, project, "-s", "academia", "--template", template)
    assert result.returncode == 0, result.stderr
    assert (project / "my-template.yaml").is_file()
    assert "wsis_template = 'my-template.yaml'" in (project / "conf.py").read_text("utf-8")
    bad = wsis("import", annex1, tmp_path / "other", "-s", "academia", "--template", "nope")
    assert bad.returncode == 2 and "unknown template 'nope'" in bad.stderr


def test_import_refuses_a_non_empty_directory(annex1: Path, tmp_path: Path) -> None:
    target = tmp_path / "busy"
    target.mkdir()
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    result = wsis("import", annex1, target, "-s", "academia")
    assert result.returncode == 2
    assert "not empty" in result.stderr
    assert (target / "notes.txt").read_text("utf-8") == "mine"


@pytest.mark.parametrize(
    ("heading", "target"),
    [
        ("2.3 Action Line C3", Target("line", "C3")),
        ("C3 \u2013 Access to information", Target("line", "C3")),
        ("ACCESS TO INFORMATION AND KNOWLEDGE", Target("line", "C3")),
        ("c7 e-health", Target("line", "C7.e-health")),
        ("C7. E-Government", Target("line", "C7.e-government")),
        ("7. Action Line C7: ICT applications: E-government, e-business, e-learning, e-health, etc.",
         Target("line", "C7")),
        ("II. Progress on WSIS Action Lines", Target("chapter", "II")),
        ("IV. Key Indicators of Progress", Target("section", "key-indicators")),
        ("3. Implementation of WSIS Mandates", Target("section", "wsis-mandates")),
        ("Future priorities:", Target("aspect", "priorities")),
        ("Contact details", Target("contact", "contact")),
    ],
)  # fmt: skip
def test_headings_are_recognised_forgivingly(heading: str, target: Target) -> None:
    assert Vocabulary(TEMPLATE, load_aliases()).recognise(heading) == target


def test_titles_in_other_languages_are_data() -> None:
    words = Vocabulary(TEMPLATE, [("Accès à l'information et au savoir", Target("line", "C3"))])
    assert words.recognise("2.3 ACCÈS À L\u2019INFORMATION ET AU SAVOIR") == Target("line", "C3")


@pytest.mark.parametrize(
    ("heading", "target"),
    [
        ("L'accès à l'information et au savoir", Target("line", "C3")),
        ("C7. Administration électronique", Target("line", "C7.e-government")),
        ("Réalisations", Target("aspect", "achievements")),
        ("Достижения", Target("aspect", "achievements")),
        ("挑战", Target("aspect", "challenges")),
        ("Résumé analytique", Target("section", "executive-summary")),
    ],
)  # fmt: skip
def test_the_shipped_translations_name_the_parts(heading: str, target: Target) -> None:
    words = Vocabulary(TEMPLATE, [*load_aliases(), *translated_titles(TEMPLATE)])
    assert words.recognise(heading) == target


@pytest.mark.parametrize("markup", [MySTMarkup(), RSTMarkup()])
def test_user_text_is_escaped(markup) -> None:
    text = "1. *not* `code` {role}`x` :opt: [link](x) <b> |t| _u_ .. note:: \\ end::"
    line = markup.inline([Inline(text)])
    assert "*not*" not in line and "`code`" not in line
    assert line.startswith("\\")
