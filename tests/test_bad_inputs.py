"""Every mistake in the corpus gets a clear message with file and line, and no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.util.console import strip_colors

from .bad_inputs import CASES, BadInput
from .conftest import write_project


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input_gets_its_message(make_app, tmp_path: Path, case: BadInput) -> None:
    files: dict[str, str | bytes] = {"index.md": case.head + case.body}
    project = write_project(tmp_path / "p", {k: v for k, v in files.items()})
    for name, content in case.files.items():
        target = project / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, "utf-8")
    if case.conf:
        conf = project / "conf.py"
        conf.write_text(conf.read_text("utf-8") + case.conf, "utf-8")

    app = make_app("html", srcdir=project, warningiserror=True, freshenv=True)
    app.build()
    warnings = strip_colors(app.warning.getvalue())
    output = warnings + strip_colors(app.status.getvalue())

    matching = [line for line in warnings.splitlines() if case.message in line]
    assert matching, f"expected {case.message!r} in:\n{warnings}"
    line = matching[0]
    if case.tag:
        assert line.endswith(f"[{case.tag}]"), line
    if case.line is not None:
        assert f"index.md:{case.line}:" in line, line
    else:
        assert ": WARNING:" in line or ": ERROR:" in line, line
    assert app.statuscode == 1  # sphinx-build -W exits 1
    assert "Traceback" not in output
    assert not (project / "PWNED").exists()
