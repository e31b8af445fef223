"""Build real Sphinx projects (MyST and rST) and look at what the author would see."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sphinx.util.console import strip_colors

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "example_project"

MYST_CONF = """\
extensions = ["myst_parser", "sphinx_wsis"]
myst_enable_extensions = ["colon_fence"]
project = "Test report"
exclude_patterns = ["_build"]
"""
RST_CONF = """\
extensions = ["sphinx_wsis"]
project = "Test report"
exclude_patterns = ["_build"]
"""


def write_project(path: Path, files: dict[str, str], conf: str = MYST_CONF) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    files = {"conf.py": conf, **files}
    for name, text in files.items():
        target = path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return path


@dataclass
class Built:
    app: Any
    srcdir: Path
    outdir: Path
    warnings: str

    @property
    def completeness(self) -> dict[str, Any]:
        return json.loads((self.outdir / "wsis-completeness.json").read_text("utf-8"))

    def wsis_warnings(self, subtype: str | None = None) -> list[str]:
        lines = [line for line in self.warnings.splitlines() if "[wsis." in line]
        if subtype:
            lines = [line for line in lines if line.endswith(f"[wsis.{subtype}]")]
        return lines

    def html(self, docname: str = "index") -> str:
        return (self.outdir / f"{docname}.html").read_text("utf-8")

    def gaps(self) -> set[str]:
        return {p["id"] for p in self.completeness["parts"] if p["state"] != "done"}


@pytest.fixture
def build(make_app: Callable[..., Any]) -> Callable[..., Built]:
    """Build a project directory with the real Sphinx application, as sphinx-build would."""

    def _build(
        srcdir: Path,
        buildername: str = "html",
        *,
        confoverrides: dict[str, Any] | None = None,
        parallel: int = 0,
        freshenv: bool = False,
    ) -> Built:
        app = make_app(
            buildername,
            srcdir=srcdir,
            confoverrides=confoverrides or {},
            parallel=parallel,
            freshenv=freshenv,
        )
        app.build()
        return Built(app, srcdir, Path(app.outdir), strip_colors(app.warning.getvalue()))

    return _build


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """A private copy of the example report that a test may edit."""
    target = tmp_path / "example"
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns("_build"))
    return target


def _without_colour(args: list[str]) -> list[str]:
    """CI=true makes Sphinx colour its output; tests read it as an author's log would be.
    ``-M`` must stay first, so the flag goes last there."""
    return [*args, "--no-color"] if args[:1] == ["-M"] else ["--no-color", *args]


def script_check(name: str) -> str:
    """Run ``scripts/<name> --check`` (a generated file is what its sources give) and return
    what it printed; fails with the script's own message when the file is out of date."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / name), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def sphinx_build(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real ``sphinx-build`` command line, as CI does."""
    return subprocess.run(
        [sys.executable, "-m", "sphinx", *_without_colour([str(a) for a in args])],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )
