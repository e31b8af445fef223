"""The .tex file, without running TeX: title page, user overrides, logo checks, headings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .conftest import RST_CONF, Built, write_project

REPORT = """\
Report
======

.. wsis-report::
   :entity: Réseau \\input{x} & Co_ 100%
   :stakeholder: academia
   :country: Côte d'Ivoire
   :website: https://example.org/a_b?c=1&d=2#e
{logo}
Opening text of the report.

.. wsis-action-line:: C3

   .. wsis-achievements::

      Achieved.
"""
CONF = RST_CONF + "suppress_warnings = ['wsis.missing']\n"


def tex_of(built: Built) -> str:
    (tex,) = built.outdir.glob("*.tex")
    return tex.read_text("utf-8")


def project(tmp_path: Path, logo: str = "", conf: str = CONF) -> Path:
    option = f"   :logo: {logo}\n" if logo else ""
    src = write_project(
        tmp_path / "src", {"index.rst": REPORT.replace("{logo}\n", option)}, conf=conf
    )
    if logo:
        (src / logo).write_bytes(b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    return src


def test_title_page_is_escaped_and_replaces_the_body_card(
    build: Callable[..., Built], tmp_path: Path
) -> None:
    built = build(project(tmp_path), "latex")
    tex = tex_of(built)
    assert (built.outdir / "sphinxwsis.sty").is_file()
    assert r"\usepackage{sphinxwsis}" in tex
    title = tex[tex.index(r"\sphinxwsistitlepage") : tex.index(r"\sphinxtableofcontents")]
    assert r"{Réseau \textbackslash{}input\{x\} \& Co\_ 100\%}" in title
    assert r"Country & Côte d\textquotesingle{}Ivoire\\" in title
    assert r"\sphinxhref{https://example.org/a\_b?c=1\&d=2\#e}" in title
    body = tex[tex.index(r"\sphinxtableofcontents") :]
    assert "Stakeholder type" not in body  # the facts are on the title page, once
    assert "Opening text of the report." in body
    assert r"\chapter*{Report}" in body  # the root page's text gets its own heading


def test_users_own_title_page_wins_and_the_card_stays(
    build: Callable[..., Built], tmp_path: Path
) -> None:
    conf = CONF + "latex_elements = {'maketitle': r'\\maketitle'}\n"
    tex = tex_of(build(project(tmp_path, conf=conf), "latex"))
    assert r"\sphinxwsistitlepage" not in tex
    assert "\\maketitle\n" in tex
    assert r"\begin{sphinxwsiscard}" in tex and "Stakeholder type" in tex


def test_a_logo_latex_cannot_show_is_a_warning_with_its_line(
    build: Callable[..., Built], tmp_path: Path
) -> None:
    built = build(project(tmp_path, logo="logo.svg"), "latex")
    (warning,) = built.wsis_warnings("invalid")
    assert "index.rst:4" in warning and "logo.svg" in warning and "PNG, JPEG or PDF" in warning
    assert r"\sphinxwsislogo" not in tex_of(built)


def test_action_line_without_own_heading_gets_one_in_the_contents(
    build: Callable[..., Built], tmp_path: Path
) -> None:
    tex = tex_of(build(project(tmp_path), "latex"))
    heading = "C3 Access to information and knowledge"
    assert rf"\chapter*{{{heading}}}\phantomsection\addcontentsline{{toc}}{{chapter}}" in tex
    assert r"\sphinxwsistocdepth{0}" in tex
