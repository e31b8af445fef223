"""A ``:logo:`` TeX cannot include is a warning at the wsis-report block, never a TeX crash."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from .conftest import RST_CONF, write_project
from .test_pdf import tiny_png
from .test_pdf_loss import sphinx_wsis_pdf

INDEX = """\
Report
======

.. wsis-report::
   :entity: Example Network
   :stakeholder: academia
   :logo: {logo}
"""
CONF = RST_CONF + "suppress_warnings = ['wsis.missing']\n"


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 3), (0, 85, 140)).save(out, "JPEG")
    return out.getvalue()


def pdf() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 3), (0, 85, 140)).save(out, "PDF")
    return out.getvalue()


BROKEN: dict[str, tuple[str, Callable[[Path], None], str]] = {
    "text-as-png": ("logo.png", lambda p: p.write_text("not an image\n"), "readable PNG"),
    "truncated-png": ("logo.png", lambda p: p.write_bytes(tiny_png()[:40]), "readable PNG"),
    "bad-crc-png": (
        "logo.png",
        lambda p: p.write_bytes(tiny_png().replace(b"IDAT", b"IDAT\x00", 1)),
        "readable PNG",
    ),
    "empty-png": ("logo.png", lambda p: p.write_bytes(b""), "readable PNG"),
    "truncated-jpeg": ("logo.jpg", lambda p: p.write_bytes(jpeg()[:60]), "readable JPEG"),
    "html-as-jpeg": ("logo.jpeg", lambda p: p.write_text("<html></html>"), "readable JPEG"),
    "truncated-pdf": ("logo.pdf", lambda p: p.write_bytes(pdf()[:100]), "readable PDF"),
    # the directive itself already says so, at the option's line
    "directory": ("logo.png", lambda p: p.mkdir(), "does not exist"),
    "missing": ("logo.png", lambda p: None, "does not exist"),
    "gif": ("logo.gif", lambda p: p.write_bytes(b"GIF89a" + b"\x00" * 20), "PNG, JPEG or PDF"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_logo_tex_cannot_read_is_a_located_warning(build, tmp_path: Path, case: str) -> None:
    name, make, words = BROKEN[case]
    project = write_project(tmp_path / "p", {"index.rst": INDEX.format(logo=name)}, CONF)
    make(project / name)
    built = build(project, "latex")
    (warning,) = built.wsis_warnings("invalid")
    assert re.match(
        rf"{re.escape(str(project / 'index.rst'))}:[47]: WARNING: wsis-report :logo:", warning
    )
    assert name in warning
    assert words in warning
    assert "wsis-logo" not in (built.outdir / "wsis20-report.tex").read_text("utf-8")


@pytest.mark.parametrize("name", ["logo.png", "logo.jpg", "logo.pdf"])
def test_real_images_are_accepted(build, tmp_path: Path, name: str) -> None:
    project = write_project(tmp_path / "p", {"index.rst": INDEX.format(logo=name)}, CONF)
    content = {"logo.png": tiny_png, "logo.jpg": jpeg, "logo.pdf": pdf}[name]()
    (project / name).write_bytes(content)
    built = build(project, "latex")
    assert not built.wsis_warnings("invalid")
    suffix = Path(name).suffix
    assert f"wsis-logo{suffix}" in (built.outdir / "wsis20-report.tex").read_text("utf-8")


@pytest.mark.latex
def test_a_truncated_png_gives_a_pdf_not_a_tex_crash(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"index.rst": INDEX.format(logo="logo.png")}, CONF)
    (project / "logo.png").write_bytes(tiny_png()[:40])
    run = sphinx_wsis_pdf(project)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.pdf.is_file()
    assert len(run.warnings("invalid")) == 1
