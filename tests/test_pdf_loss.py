"""The PDF never silently loses content: long tables, long tokens, and what TeX reports lost.

Projects are built with the documented command, ``sphinx-wsis pdf``, which runs
``sphinx-build -M latexpdf`` and turns the TeX log into ``wsis.pdf`` warnings.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from .conftest import EXAMPLE, write_project
from .test_pdf import pdftotext, tiny_png

pytestmark = pytest.mark.latex

WEBSITE = (
    "https://www.example-community-network-organization-for-digital-inclusion.org/"
    "reports/wsis-plus-twenty/o'neill--annual-2025"
)
EMAIL = "o'neill--information.desk.for.wsis.reporting.2025@example-community-network.org"
TOKEN = "SPECTRUM0123456789" * 6
ENTITY = "Community-Networks-Association-for-Digital-Inclusion-and-Rights-Worldwide"
CONF = """\
extensions = ["myst_parser", "sphinx_wsis"]
myst_enable_extensions = ["colon_fence"]
project = "Loss"
exclude_patterns = ["_build"]
suppress_warnings = ["wsis.missing"]
"""


def list_table(rows: int, cols: int, cell: str) -> str:
    lines = [".. list-table::", "   :header-rows: 1", ""]
    lines += ["   * - " + "\n     - ".join(f"Head {c}" for c in range(1, cols + 1))]
    for r in range(1, rows + 1):
        cells = [cell.format(r=r, c=c) for c in range(1, cols + 1)]
        lines.append("   * - " + "\n     - ".join(cells))
    return "\n".join(lines)


def pipe_table(rows: int, cols: int, cell: str) -> str:
    lines = ["| " + " | ".join(f"Head {c}" for c in range(1, cols + 1)) + " |"]
    lines.append("|" + "---|" * cols)
    for r in range(1, rows + 1):
        lines.append("| " + " | ".join(cell.format(r=r, c=c) for c in range(1, cols + 1)) + " |")
    return "\n".join(lines)


def indent(text: str, spaces: int) -> str:
    return "\n".join(" " * spaces + line if line else line for line in text.splitlines())


RST_CELL = "R{r}C{c} 470-694 MHz assigned"
MYST_CELL = "M{r}x{c} band"
INDEX = f"""\
Report
======

.. wsis-report::
   :entity: {ENTITY}
   :stakeholder: academia
   :website: {WEBSITE}

.. toctree::

   lines
   summary
"""
LINES = f"""\
Lines
=====

.. wsis-action-line:: C3

   .. wsis-achievements::

      Spectrum assignments of the year:

{indent(list_table(24, 7, RST_CELL), 6)}

      A long token {TOKEN} in running text.

   .. wsis-success-story:: Story
      :url: {WEBSITE}

      Write to {EMAIL} or see {WEBSITE}.

.. wsis-contact::
   :name: A Person
   :email: {EMAIL}
   :address: {TOKEN}
"""
SUMMARY = f"""\
# Summary

::::{{wsis-section}} executive-summary
A MyST table of 40 rows:

{pipe_table(40, 7, MYST_CELL)}
::::
"""


@dataclass
class PdfRun:
    srcdir: Path
    returncode: int
    stderr: str

    @property
    def pdf(self) -> Path:
        (pdf,) = (self.srcdir / "_build" / "latex").glob("*.pdf")
        return pdf

    def warnings(self, subtype: str) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.endswith(f"[wsis.{subtype}]")]

    def text(self) -> str:
        """The PDF's text with every whitespace removed (pypdf keeps hyphens at line ends)."""
        text = "".join(page.extract_text() for page in PdfReader(self.pdf).pages)
        return re.sub(r"\s+", "", text)


def sphinx_wsis_pdf(srcdir: Path, *options: str) -> PdfRun:
    if not shutil.which("latexmk"):
        pytest.fail("latexmk is missing: run scripts/setup-system, or deselect with -m 'not latex'")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_wsis.cli", "pdf", str(srcdir), *options],
        capture_output=True,
        text=True,
        check=False,
    )
    # sphinx-build colours its output where CI=true is set; the tests read the plain text
    return PdfRun(srcdir, result.returncode, re.sub(r"\x1b\[[0-9;]*m", "", result.stderr))


@pytest.fixture(scope="module")
def long_content(tmp_path_factory: pytest.TempPathFactory) -> PdfRun:
    src = write_project(
        tmp_path_factory.mktemp("long") / "src",
        {"index.rst": INDEX, "lines.rst": LINES, "summary.md": SUMMARY},
        CONF,
    )
    return sphinx_wsis_pdf(src, "-W")


def test_long_content_builds_with_no_warning_under_w(long_content: PdfRun) -> None:
    assert long_content.returncode == 0, long_content.stderr[-3000:]
    assert not long_content.warnings("pdf")


@pytest.mark.parametrize(("cell", "rows"), [(RST_CELL, 24), (MYST_CELL, 40)], ids=["rst", "myst"])
def test_every_cell_of_a_long_table_in_a_report_block_is_in_the_pdf(
    long_content: PdfRun, cell: str, rows: int
) -> None:
    text = pdftotext(long_content.pdf)
    lost = [
        cell.format(r=r, c=c).split()[0]
        for r in range(1, rows + 1)
        for c in range(1, 8)
        if cell.format(r=r, c=c).split()[0] not in text
    ]
    assert not lost
    assert "longtable" in long_content.pdf.with_suffix(".tex").read_text("utf-8")


@pytest.mark.parametrize(
    ("value", "times"), [(WEBSITE, 3), (EMAIL, 2), (TOKEN, 2), (ENTITY, 1)],
    ids=["website", "email", "token", "entity"],
)  # fmt: skip
def test_long_tokens_are_whole_and_as_written(long_content: PdfRun, value: str, times: int) -> None:
    """Title page, cards and body: every copy is there, with no dash or curly quote in it."""
    assert long_content.text().count(value) >= times


def test_addresses_are_shown_as_written_in_html(build, tmp_path: Path) -> None:
    src = write_project(
        tmp_path / "src", {"index.rst": INDEX, "lines.rst": LINES, "summary.md": SUMMARY}, CONF
    )
    built = build(src)
    text = html.unescape(re.sub(r"<[^>]+>", "", built.html("lines")))
    assert text.count(EMAIL) == 2  # the story's body and the contact card
    assert text.count(WEBSITE) >= 2  # the story's card and its body
    assert "o\u2019neill" not in text and "neill\u2013" not in text


BAD_LINES = """\
Lines
=====

.. wsis-action-line:: C3

   .. wsis-achievements::

      Code ``{code}`` here.

   .. wsis-challenges::

      The name 漢字 is in Chinese.

   .. wsis-priorities::

      A box taller than a page:

      .. raw:: latex

         \\noindent\\rule{{2pt}}{{1.3\\textheight}}
"""


@pytest.fixture(scope="module")
def lossy(tmp_path_factory: pytest.TempPathFactory) -> PdfRun:
    index = INDEX.replace(f":website: {WEBSITE}", ":logo: logo.png").replace("   summary\n", "")
    src = write_project(
        tmp_path_factory.mktemp("lossy") / "src",
        {"index.rst": index, "lines.rst": BAD_LINES.format(code="x" * 150)},
        CONF + 'latex_engine = "xelatex"\n',
    )
    (src / "logo.png").write_text("not an image\n", "utf-8")
    return sphinx_wsis_pdf(src)


def test_an_unreadable_logo_is_a_warning_not_a_tex_crash(lossy: PdfRun) -> None:
    (warning,) = lossy.warnings("invalid")
    assert warning.startswith(f"{lossy.srcdir / 'index.rst'}:4: WARNING: wsis-report :logo:")
    assert "not a readable PNG image" in warning
    assert lossy.returncode == 0 and lossy.pdf.is_file()


def test_text_past_the_margin_names_the_part(lossy: PdfRun) -> None:
    (warning,) = [w for w in lossy.warnings("pdf") if "past the margin" in w]
    assert warning.startswith(f"{lossy.srcdir / 'lines.rst'}:6: WARNING: C3 achievements:")


def test_a_missing_glyph_names_the_character_and_the_part(lossy: PdfRun) -> None:
    missing = [w for w in lossy.warnings("pdf") if "missing from" in w]
    assert len(missing) == 2
    assert all(
        w.startswith(f"{lossy.srcdir / 'lines.rst'}:10: WARNING: C3 challenges:") for w in missing
    )
    assert "'漢' (U+6F22)" in missing[0]
    assert "the font FreeSerif.otf has no glyph for it" in missing[0]


def test_an_overfull_page_is_reported(lossy: PdfRun) -> None:
    (warning,) = [w for w in lossy.warnings("pdf") if "more than fits" in w]
    assert "text at its foot is lost" in warning


def test_the_pdf_command_fails_under_w_when_tex_lost_text(tmp_path: Path) -> None:
    src = write_project(
        tmp_path / "src",
        {"index.rst": INDEX.replace("   summary\n", ""),
         "lines.rst": BAD_LINES.format(code="y" * 150).split("   .. wsis-challenges::")[0]},
        CONF,
    )  # fmt: skip
    strict = sphinx_wsis_pdf(src, "-W")
    assert strict.returncode == 1
    (warning,) = strict.warnings("pdf")
    assert "C3 achievements" in warning
    muted = src / "conf.py"
    muted.write_text(CONF.replace('"wsis.missing"', '"wsis.missing", "wsis.pdf"'), "utf-8")
    assert sphinx_wsis_pdf(src, "-W").returncode == 0


def test_a_valid_logo_still_goes_on_the_title_page(tmp_path: Path) -> None:
    index = INDEX.replace(f":website: {WEBSITE}", ":logo: logo.png").replace("   summary\n", "")
    src = write_project(tmp_path / "src", {"index.rst": index, "lines.rst": "Lines\n=====\n"}, CONF)
    (src / "logo.png").write_bytes(tiny_png())
    run = sphinx_wsis_pdf(src, "-W")
    assert run.returncode == 0, run.stderr[-2000:]
    assert "wsis-logo.png" in run.pdf.with_suffix(".tex").read_text("utf-8")


def test_the_example_report_loses_nothing(tmp_path: Path) -> None:
    example = tmp_path / "example"
    shutil.copytree(EXAMPLE, example, ignore=shutil.ignore_patterns("_build"))
    run = sphinx_wsis_pdf(example, "-W")
    assert run.returncode == 0, run.stderr[-3000:]
    assert not run.warnings("pdf")


def test_a_character_pdflatex_cannot_typeset_names_the_part(tmp_path: Path) -> None:
    # Arabic or Chinese text moves the PDF to LuaLaTeX (tests/test_languages.py); a script
    # sphinx-wsis has no fonts for leaves an English report with pdflatex, which stops at it
    lines = BAD_LINES.format(code="z").replace("漢字 is in Chinese", "ཀ is in Tibetan")
    src = write_project(
        tmp_path / "src", {"index.rst": INDEX.replace("   summary\n", ""), "lines.rst": lines}, CONF
    )
    run = sphinx_wsis_pdf(src)
    assert run.returncode != 0  # TeX stops: no PDF
    (warning,) = [w for w in run.warnings("pdf") if "pdflatex" in w]
    assert warning.startswith(f"{src / 'lines.rst'}:10: WARNING: C3 challenges:")
    assert "'ཀ' (U+0F40) cannot be typeset by pdflatex" in warning
