"""The benchmarks' input stays valid: a scaled report builds with -W, with and without sphinx_wsis.

Nothing here is timed; the figures come from ``benchmarks/run.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import EXAMPLE, ROOT, sphinx_build


@pytest.fixture
def generate(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    """``benchmarks/generate.py``'s ``generate``: the scripts are not a package."""
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    from generate import generate as generate_project

    return generate_project  # type: ignore[no-any-return]


def count(root: Path, opener: str) -> int:
    return sum(p.read_text("utf-8").count(opener) for p in root.rglob("*.md"))


# the richest variant of each side: needs on, and the baseline that also renders options
@pytest.mark.parametrize("variant", ["wsis-needs", "baseline-fields"])
def test_scaled_report_builds_without_warnings(
    generate: Callable[..., Path], tmp_path: Path, variant: str
) -> None:
    src = generate(2, tmp_path / "src", variant)

    result = sphinx_build("-W", "-q", "-b", "dummy", src, tmp_path / "out")

    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    for opener in ("{wsis-success-story}", "{wsis-indicator}"):
        assert count(src, opener) == 2 * count(EXAMPLE, opener)
    for opener in ("{wsis-report}", "{wsis-contact}", "{wsis-action-line} C4\n"):
        assert count(src, opener) == count(EXAMPLE, opener) == 1
