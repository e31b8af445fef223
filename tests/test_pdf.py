"""Real PDFs: ``sphinx-build -M latexpdf`` with TeX Live, then the PDF's text and outline.

Each fixture builds one project once per module (a latexmk run takes seconds), and the tests
read what a reader of the PDF would see: its text (``pdftotext``) and its bookmarks (pypdf).
"""

from __future__ import annotations

import pickle
import re
import shutil
import struct
import subprocess
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from sphinx_wsis.i18n import format_value
from sphinx_wsis.template import Template, load_template, resolve_template

from .conftest import EXAMPLE, RST_CONF, sphinx_build, write_project

pytestmark = pytest.mark.latex

# Every character LaTeX treats specially, and the commands an attacker would try.
INJECTION = r"\input{secret.txt} \write18{touch pwned} 100% & a_b #1 $x$ {y} ~z ^w \end{document}"
SECRET = "SECRET-FILE-CONTENTS-7f3a"


@dataclass
class Pdf:
    path: Path
    text: str
    outdir: Path
    stderr: str

    @property
    def tex(self) -> str:
        return self.path.with_suffix(".tex").read_text("utf-8")

    def outline(self) -> list[tuple[int, str]]:
        """The bookmarks as (depth, title), in order."""
        found: list[tuple[int, str]] = []

        def walk(items: list[Any], depth: int) -> None:
            for item in items:
                if isinstance(item, list):
                    walk(item, depth + 1)
                else:
                    found.append((depth, item.title))

        walk(PdfReader(self.path).outline, 0)
        return found

    def page_text(self, first: int, last: int | None = None) -> str:
        return pdftotext(self.path, first, last or first)


def pdftotext(path: Path, first: int | None = None, last: int | None = None) -> str:
    pages = ["-f", str(first), "-l", str(last)] if first else []
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *pages, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def squash(text: str) -> str:
    """Text without whitespace or hyphens, so line breaks and hyphenation do not matter."""
    return re.sub(r"[\s\-\u00ad\u2010]+", "", text)


def contains(text: str, needle: str) -> bool:
    return squash(needle) in squash(text)


def build_pdf(srcdir: Path, outdir: Path, *options: str) -> Pdf:
    if not shutil.which("latexmk"):
        pytest.fail("latexmk is missing: run scripts/setup-system, or deselect with -m 'not latex'")
    result = sphinx_build("-M", "latexpdf", srcdir, outdir, *options)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr
    (pdf,) = (outdir / "latex").glob("*.pdf")
    return Pdf(pdf, pdftotext(pdf), outdir / "latex", result.stderr)


def example_template() -> Template:
    return load_template(resolve_template("wsis20-stakeholder", EXAMPLE))


# -- the example report -------------------------------------------------------------------


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory: pytest.TempPathFactory) -> Pdf:
    return build_pdf(EXAMPLE, tmp_path_factory.mktemp("example"), "-W", "-E")


@pytest.fixture(scope="module")
def example_records(example_pdf: Pdf) -> dict[str, list[Any]]:
    """The records the build collected, from its own pickled environment."""
    with (example_pdf.outdir.parent / "doctrees" / "environment.pickle").open("rb") as f:
        env = pickle.load(f)
    return env.domaindata["wsis"]


def test_example_pdf_builds_without_warnings(example_pdf: Pdf) -> None:
    assert "WARNING" not in example_pdf.stderr
    assert example_pdf.path.name == "wsis20-report.pdf"


def test_title_page_comes_from_wsis_report(example_pdf: Pdf) -> None:
    first = example_pdf.page_text(1)
    for expected in (
        "WSIS+20 Report of the Open Access Networks Alliance (OANA)",
        "Open Access Networks Alliance (OANA)",
        "Civil Society",
        "Kenya",
        "2005\u20132025",
        "2025-05-28",
        "https://oana.example.org",
    ):
        assert contains(first, expected), expected
    assert example_pdf.page_text(2).startswith("CONTENTS")


def test_text_holds_every_action_line_story_and_indicator_value(
    example_pdf: Pdf, example_records: dict[str, list[Any]]
) -> None:
    text = example_pdf.text
    for line in example_template().action_lines:
        assert contains(text, line.title), line.code
    assert len(example_records["stories"]) >= 11
    for story in example_records["stories"]:
        assert contains(text, f"Success story: {story.title}"), story.title
    assert len(example_records["indicators"]) >= 5
    for indicator in example_records["indicators"]:
        assert contains(text, format_value(indicator.value, indicator.unit, "en")), indicator.id
        assert contains(text, indicator.name), indicator.id


def test_outline_lists_c1_to_c11_and_the_eight_c7_sub_lines(example_pdf: Pdf) -> None:
    outline = example_pdf.outline()
    titles = [title for _, title in outline]
    template = example_template()
    for code in (f"C{n}" for n in range(1, 12)):
        assert any(t.startswith(f"{code}. ") for t in titles), code
    c7 = next(i for i, (_, t) in enumerate(outline) if t.startswith("C7. ICT applications"))
    depth = outline[c7][0]
    children = []
    for level, title in outline[c7 + 1 :]:
        if level <= depth:
            break
        children.append(title)
    subs = [line.title for line in template.action_lines if line.parent == "C7"]
    assert len(subs) == 8
    assert children == [f"C7. {title}" for title in subs]


def test_contents_page_lists_every_sub_line(example_pdf: Pdf) -> None:
    contents = example_pdf.page_text(2, 3)
    for line in example_template().action_lines:
        assert contains(contents, line.title), line.code


def test_tables_are_longtables_with_every_state(example_pdf: Pdf) -> None:
    tex = example_pdf.tex
    assert tex.count(r"\begin{longtable}") >= 3
    assert r"\DUrole{wsis-state-not-applicable}" in tex
    assert contains(example_pdf.text, "77 of 77 parts complete")


# -- hostile and long input ----------------------------------------------------------------

HOSTILE_INDEX = f"""\
Hostile report
==============

.. wsis-report::
   :entity: ENTITY {INJECTION}
   :stakeholder: academia
   :country: COUNTRY {INJECTION}
   :date: 2025-05-28
   :website: https://example.org/w\\input{{secret.txt}}?a=1&b=%41_c#x~y^z$w{{v}}
   :logo: logo.png

Accented Latin with the default engine: Genève, São Paulo, Łódź, Ærøskøbing, Dvořák, Kraków, Ñuñoa.

.. toctree::

   lines
   long
"""

HOSTILE_LINES = f"""\
Action lines without headings of their own
==========================================

.. wsis-action-line:: C1

   .. wsis-achievements::

      Body with *EMPHASIS-TEXT*, a `LINK-TEXT <https://example.org/x_y>`_, a footnote [#f]_
      and, in plain text, BODY \\\\input{{secret.txt}}.

      - ITEM-ONE
      - ITEM-TWO

      ======== ========
      CELL-A   CELL-B
      ======== ========

      .. [#f] FOOTNOTE-TEXT here.

   .. wsis-challenges::

      Challenges text.

   .. wsis-priorities::

      Priorities text.

   .. wsis-success-story:: STORY {INJECTION}
      :partners: PARTNER {INJECTION}
      :location: LOCATION {INJECTION}
      :url: https://example.org/s\\write18{{touch_pwned}}#a%b

      Story body.

.. wsis-action-line:: C2
   :not-applicable: REASON {INJECTION}

.. wsis-indicator:: INDICATOR {INJECTION}
   :value: 12.5
   :unit: UNIT {INJECTION}
   :year: 2024
   :source: SOURCE {INJECTION}
   :source-url: https://example.org/src\\input{{secret.txt}}
   :geo: GEO {INJECTION}
   :note: NOTE {INJECTION}
   :action-lines: C1

.. wsis-contact::
   :name: NAME {INJECTION}
   :email: x_y%z#w{{v}}~u^t$s&r@example.org
   :role: ROLE {INJECTION}
   :phone: PHONE {INJECTION}
   :address: ADDRESS {INJECTION}
   :unit: OFFICE {INJECTION}

.. wsis-completeness::

.. wsis-indicators::
"""

LONG_PARAGRAPH = (
    "Paragraph {n} of the long aspect. Community networks keep growing in rural districts, "
    "and each paragraph here adds another line of ordinary report text to fill page after page."
)


def long_page(paragraphs: int) -> str:
    body = "\n\n".join(
        "      " + LONG_PARAGRAPH.format(n=n) for n in range(1, paragraphs)
    )  # fmt: skip
    return (
        "A very long aspect\n==================\n\n.. wsis-action-line:: C3\n\n"
        "   .. wsis-achievements::\n\n"
        f"{body}\n\n      The last paragraph: END-OF-THE-LONG-ASPECT-{paragraphs}.\n"
    )


def tiny_png() -> bytes:
    """A valid 2x1 PNG, so the title page has a real logo to include."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 2, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00\x55\x8c\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def hostile_pdf(tmp_path_factory: pytest.TempPathFactory) -> Pdf:
    src = write_project(
        tmp_path_factory.mktemp("hostile") / "src",
        {
            "index.rst": HOSTILE_INDEX,
            "lines.rst": HOSTILE_LINES,
            "long.rst": long_page(300),
            "secret.txt": SECRET + "\n",
        },
        conf=RST_CONF + "suppress_warnings = ['wsis.missing']\n",
    )
    (src / "logo.png").write_bytes(tiny_png())
    (src.parent / "secret.txt").write_text(SECRET + "\n", "utf-8")
    return build_pdf(src, src.parent / "out")


def test_hostile_project_builds_and_only_reports_wsis_gaps(hostile_pdf: Pdf) -> None:
    warnings = [line for line in hostile_pdf.stderr.splitlines() if "WARNING" in line]
    # the one finding: the country is no ISO 3166 country (it is still shown as written)
    assert len(warnings) == 1, warnings
    assert "index.rst:7: WARNING: wsis-report :country: 'COUNTRY" in warnings[0]
    assert warnings[0].endswith("is not an ISO 3166 country name or code [wsis.invalid]")


@pytest.mark.parametrize(
    "label",
    [
        "ENTITY", "COUNTRY", "STORY", "PARTNER", "LOCATION", "REASON", "INDICATOR", "UNIT",
        "SOURCE", "GEO", "NOTE", "NAME", "ROLE", "PHONE", "ADDRESS", "OFFICE",
    ],
)  # fmt: skip
def test_injection_in_every_text_option_is_literal_text(hostile_pdf: Pdf, label: str) -> None:
    # pdftotext may read a justified box's last line out of place; -raw keeps TeX's order
    raw = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(hostile_pdf.path), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert contains(hostile_pdf.text, f"{label} {INJECTION}") or contains(
        raw, f"{label} {INJECTION}"
    )


def test_injection_pulls_in_no_file_and_runs_nothing(hostile_pdf: Pdf) -> None:
    assert SECRET not in hostile_pdf.text
    assert not list(hostile_pdf.outdir.parent.rglob("pwned*"))
    assert "BODY \\input{secret.txt}" in hostile_pdf.text


def test_urls_with_tex_characters_stay_links(hostile_pdf: Pdf) -> None:
    assert contains(
        hostile_pdf.text, r"https://example.org/w\input{secret.txt}?a=1&b=%41_c#x~y^z$w{v}"
    )
    assert contains(hostile_pdf.text, "x_y%z#w{v}~u^t$s&r@example.org")
    links = {
        annotation.get_object()["/A"].get("/URI")
        for page in PdfReader(hostile_pdf.path).pages
        for annotation in page.get("/Annots") or []
        if "/A" in annotation.get_object()
    }
    assert "mailto:x_y%z#w%7Bv%7D~u%5Et%24s&r@example.org" in links
    assert "https://example.org/src%5Cinput%7Bsecret.txt%7D" in links
    assert "https://example.org/w%5Cinput%7Bsecret.txt%7D?a=1&b=%41_c#x~y%5Ez%24w%7Bv%7D" in links


def test_markup_inside_aspects_still_renders(hostile_pdf: Pdf) -> None:
    for text in ("EMPHASIS-TEXT", "LINK-TEXT", "ITEM-ONE", "CELL-A", "CELL-B", "FOOTNOTE-TEXT"):
        assert contains(hostile_pdf.text, text), text
    tex = hostile_pdf.tex
    assert r"\sphinxstyleemphasis{EMPHASIS\sphinxhyphen{}TEXT}" in tex
    assert r"\begin{itemize}" in tex
    assert r"\begin{footnote}" in tex or r"\sphinxfootnotemark" in tex


def test_a_300_paragraph_aspect_is_printed_to_its_last_paragraph(hostile_pdf: Pdf) -> None:
    assert contains(hostile_pdf.text, "END-OF-THE-LONG-ASPECT-300")
    for n in (1, 150, 299):
        assert contains(hostile_pdf.text, LONG_PARAGRAPH.format(n=n))


def test_accented_latin_with_the_default_engine(hostile_pdf: Pdf) -> None:
    assert "pdfTeX" in PdfReader(hostile_pdf.path).metadata.get("/Producer", "")
    assert "Genève, São Paulo, Łódź, Ærøskøbing, Dvořák, Kraków, Ñuñoa" in hostile_pdf.text


def test_action_lines_without_headings_get_contents_entries(hostile_pdf: Pdf) -> None:
    outline = hostile_pdf.outline()
    parent = next(d for d, t in outline if t == "Action lines without headings of their own")
    entries = {title: depth for depth, title in outline}
    template = example_template()
    for code in ("C1", "C2"):
        heading = template.action_line(code).heading  # type: ignore[union-attr]
        assert entries.get(heading) == parent + 1, (heading, outline)


def test_logo_is_on_the_title_page(hostile_pdf: Pdf) -> None:
    assert (hostile_pdf.outdir / "wsis-logo.png").is_file()
    images = PdfReader(hostile_pdf.path).pages[0].images
    assert len(images) == 1


# -- Unicode engines -----------------------------------------------------------------------

RUSSIAN = """\
# Отчёт ВВУИО+20

:::{wsis-report}
:entity: Ассоциация открытых сетей доступа
:stakeholder: civil-society
:country: Кыргызстан
:::

::::{wsis-action-line} C3
:::{wsis-achievements}
Общинные сети связали 120 000 человек в сельских районах.
:::
::::
"""

FRENCH = """\
# Rapport SMSI+20

:::{wsis-report}
:entity: Réseau d'accès ouvert — Genève
:stakeholder: civil-society
:country: Côte d'Ivoire
:::

::::{wsis-action-line} C3
:::{wsis-achievements}
Les réseaux communautaires ont relié 120 000 personnes à Abidjan, Bouaké et
Yamoussoukro ; « élèves » et enseignants compris.
:::
::::
"""


@pytest.mark.parametrize(
    ("language", "page", "expected"),
    [
        ("ru", RUSSIAN, ["Ассоциация открытых сетей доступа", "Кыргызстан", "120 000 человек"]),
        ("fr", FRENCH, ["Réseau d'accès ouvert — Genève", "Côte d'Ivoire", "« élèves »"]),
    ],
)
def test_xelatex_builds_russian_and_french(
    tmp_path: Path, language: str, page: str, expected: list[str]
) -> None:
    conf = (
        'extensions = ["myst_parser", "sphinx_wsis"]\nmyst_enable_extensions = ["colon_fence"]\n'
        f'project = "Report"\nlanguage = "{language}"\nlatex_engine = "xelatex"\n'
        "suppress_warnings = ['wsis.missing']\n"
    )
    src = write_project(tmp_path / "src", {"index.md": page}, conf=conf)
    pdf = build_pdf(src, tmp_path / "out")
    assert "xdvipdfmx" in PdfReader(pdf.path).metadata.get("/Producer", "")
    text = " ".join(pdf.text.split()).replace("\u2019", "'")
    for phrase in expected:
        assert " ".join(phrase.split()) in text, phrase
