"""Template files that try to exhaust the machine, or are not text: refused with a message.

Every case is tried through each way a template is read: ``sphinx-build`` (``wsis_template``),
``sphinx-wsis init --template``, ``sphinx-wsis check`` and ``sphinx-wsis export``. Each gives a
``wsis.template`` message naming the file, quickly, and never a traceback.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from sphinx_wsis.template import TemplateError
from sphinx_wsis.template_yaml import MAX_DEPTH, parse_template

from .conftest import sphinx_build, write_project
from .test_cli import wsis


def billion_laughs() -> str:
    """The classic: nine levels of nine aliases each, 9**9 strings from a few hundred bytes."""
    names = "abcdefghi"
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i in range(1, 9):
        text += f"{names[i]}: &{names[i]} [" + ",".join([f"*{names[i - 1]}"] * 9) + "]\n"
    return text


HOSTILE: dict[str, tuple[bytes, str]] = {
    "billion laughs": (billion_laughs().encode(), "expands to more than"),
    "recursive alias": (b"id: x\ntitle: &t [a, *t]\n", "recursive alias"),
    "recursive mapping": (b"id: x\nmore: &m {again: *m}\n", "recursive alias"),
    "500-deep nesting": (b"a: " + b"[" * 500 + b"]" * 500 + b"\n", "nested more than"),
    "100000-deep nesting": (b"a: " + b"[" * 100_000 + b"]" * 100_000 + b"\n", "nesting"),
    "500-deep mappings": (b"".join(b"  " * i + b"k:\n" for i in range(500)), "nested more than"),
    "latin-1 file": ("id: café\ntitle: Été\n".encode("latin-1"), "not valid UTF-8 (byte 0xe9"),
    "utf-16 file": ("id: x\n".encode("utf-16"), "not valid UTF-8"),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_parse_refuses_quickly(case: str) -> None:
    raw, message = HOSTILE[case]
    start = time.perf_counter()
    with pytest.raises(TemplateError) as info:
        parse_template(raw, "hostile.yaml")
    assert time.perf_counter() - start < 0.5
    assert message in info.value.message
    assert (info.value.location or "").startswith("hostile.yaml")


def test_nesting_a_real_template_needs_is_accepted() -> None:
    """The limit is far above the six levels a template uses: only the validator objects."""
    nested = "x:\n" + "".join("  " * i + "k:\n" for i in range(1, MAX_DEPTH - 1))
    with pytest.raises(TemplateError) as info:
        parse_template(nested, "t.yaml")
    assert "nested" not in info.value.message


@pytest.mark.parametrize(
    "case", ["billion laughs", "recursive alias", "500-deep nesting", "latin-1 file"]
)
def test_every_command_gives_a_wsis_template_message(tmp_path: Path, case: str) -> None:
    raw, message = HOSTILE[case]
    template = tmp_path / "hostile.yaml"
    template.write_bytes(raw)
    project = write_project(tmp_path / "p", {"index.md": "# Report\n\nText.\n"})
    conf = project / "conf.py"
    conf.write_text(conf.read_text() + f"wsis_template = {str(template)!r}\n")

    start = time.perf_counter()
    built = sphinx_build("-b", "html", project, tmp_path / "out")
    assert time.perf_counter() - start < 60  # a whole Sphinx run; the parse itself is < 0.5 s
    assert built.returncode == 0, built.stderr
    assert f"{template}:" in built.stderr and message in built.stderr
    assert "[wsis.template]" in built.stderr

    runs = {
        "init": wsis(
            "init",
            tmp_path / "new",
            "--entity",
            "E",
            "--stakeholder",
            "academia",
            "--template",
            template,
        ),
        "check": wsis("check", project),
        "export": wsis("export", project, "-o", tmp_path / "r.json"),
    }
    for command, result in runs.items():
        output = " ".join((result.stdout + result.stderr).split())
        assert result.returncode == 2, (command, output)
        assert str(template) in output and message in output, (command, output)
        assert "[wsis.template]" in output, (command, output)
        assert "Traceback" not in output, (command, output)
    assert not (tmp_path / "new").exists()
    assert not (tmp_path / "r.json").exists()
