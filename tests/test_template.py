"""The template is data: found by name or path, validated with file:line messages."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from sphinx_wsis.template import (
    TemplateError,
    available_templates,
    load_template,
    resolve_template,
)
from sphinx_wsis.template_yaml import parse_template
from sphinx_wsis.templates import WSIS20_STAKEHOLDER
from sphinx_wsis.vocabulary import ROW_KINDS, PartKind, matrix_column

from .conftest import MYST_CONF, sphinx_build, write_project


@pytest.fixture(scope="module")
def template():
    return load_template(Path(str(WSIS20_STAKEHOLDER)))


def test_builtin_template_covers_annex_1(template) -> None:
    assert template.id == "wsis20-stakeholder"
    codes = [line.code for line in template.action_lines]
    assert codes[:7] == ["C1", "C2", "C3", "C4", "C5", "C6", "C7"]
    assert codes[7:15] == [
        "C7.e-government", "C7.e-business", "C7.e-learning", "C7.e-health",
        "C7.e-employment", "C7.e-environment", "C7.e-agriculture", "C7.e-science",
    ]  # fmt: skip
    assert codes[15:] == ["C8", "C9", "C10", "C11"]
    assert template.action_line("C1").title == (
        "The role of governments and all stakeholders in the promotion of ICTs for development"
    )
    assert template.action_line("C11").title == "International and regional cooperation"
    assert [s.key for s in template.sections] == [
        "executive-summary", "digital-strategy", "strategic-documents", "wsis-mandates",
        "key-indicators", "challenges-and-gaps", "future-directions", "contact",
    ]  # fmt: skip
    assert [c.number for c in template.chapters][:6] == ["I", "II", "III", "IV", "V", "VI"]
    assert dict(template.stakeholders).keys() == {
        "government", "civil-society", "academia", "private-sector", "technical-community",
        "international-organization",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("C7 E-Health", "C7.e-health"),
        ("c7.ehealth", "C7.e-health"),
        ("C7/e-health", "C7.e-health"),
        ("C7.e-health", "C7.e-health"),
        ("Action Line C11", "C11"),
        (" c3 ", "C3"),
        ("C7 E-Agriculture", "C7.e-agriculture"),
        ("C12", None),
        ("C7.e-helth", None),
    ],
)
def test_forgiving_codes(template, raw: str, code: str | None) -> None:
    assert template.normalize_code(raw) == code


def test_unknown_code_suggests_the_closest(template) -> None:
    assert template.suggest_code("C7.e-helth") == "C7.e-health"
    assert template.suggest_code("C7 e-goverment") == "C7.e-government"


def test_registered_through_entry_point() -> None:
    assert "wsis20-stakeholder" in available_templates()
    assert resolve_template("wsis20-stakeholder", ".").name == "wsis20-stakeholder.yaml"


def test_a_plugin_adds_templates_but_cannot_replace_the_built_in_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from importlib.metadata import EntryPoint

    import sphinx_wsis.template as template_module

    theirs = tmp_path / "acme.yaml"
    plugins = [
        EntryPoint("wsis20-stakeholder", "acme_plugin:IMPOSTOR", "sphinx_wsis.templates"),
        EntryPoint("acme", "acme_plugin:ACME", "sphinx_wsis.templates"),
    ]
    monkeypatch.setattr(template_module, "entry_points", lambda group: plugins)
    monkeypatch.setitem(
        sys.modules, "acme_plugin", SimpleNamespace(ACME=theirs, IMPOSTOR=tmp_path / "x.yaml")
    )
    assert sorted(available_templates()) == ["acme", "wsis20-stakeholder"]
    assert resolve_template("acme", ".") == theirs
    assert resolve_template("wsis20-stakeholder", ".").name == "wsis20-stakeholder.yaml"
    assert available_templates()["wsis20-stakeholder"].load().name == "wsis20-stakeholder.yaml"


def test_unknown_template_name_suggests(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="did you mean 'wsis20-stakeholder'"):
        resolve_template("wsis20-stakeholdr", tmp_path)


BROKEN = {
    "syntax": ("id: x\ntitle: [unclosed\n", "not valid YAML", 3),
    "unknown key": (
        "id: x\ntitle: T\nstakeholders: {a: A}\naspects: []\nchapters: []\ncolour: red\n",
        "unknown key 'colour'",
        6,
    ),
    "wrong type": (
        "id: x\ntitle: T\nstakeholders: {a: A}\naspects: nope\nchapters: []\n",
        "aspects: expected a list",
        4,
    ),
    "python tag": (
        "id: !!python/object/apply:os.system ['echo owned']\n",
        "tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
        1,
    ),
    "missing title": (
        "id: x\nstakeholders: {a: A}\naspects: [{key: a, title: A}]\nchapters: []\n",
        "required key 'title' is missing",
        1,
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_templates_name_file_line_and_problem(case: str) -> None:
    text, message, line = BROKEN[case]
    with pytest.raises(TemplateError) as info:
        parse_template(text, "custom.yaml")
    assert message in str(info.value)
    assert info.value.location == f"custom.yaml:{line}"


def test_project_template_path_and_broken_template_in_a_build(tmp_path: Path) -> None:
    text = Path(str(WSIS20_STAKEHOLDER)).read_text("utf-8")
    custom = text.replace("id: wsis20-stakeholder", "id: my-template").replace(
        "title: Media", "title: Media and journalism"
    )
    project = write_project(
        tmp_path / "p",
        {
            "index.md": "# Report\n\n:::{wsis-action-line} C9\n:not-applicable: Out of scope.\n:::\n",
            "my-template.yaml": custom,
        },
    )
    conf = project / "conf.py"
    conf.write_text(conf.read_text() + 'wsis_template = "my-template.yaml"\n')
    result = sphinx_build("-b", "html", project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert '"id": "my-template"' in (tmp_path / "out" / "wsis-completeness.json").read_text()

    (project / "my-template.yaml").write_text(custom.replace("aspects:", "aspects: 3\nx:"))
    result = sphinx_build("-W", "-b", "html", project, tmp_path / "out2")
    assert result.returncode == 1
    line = custom.splitlines().index("aspects:") + 2  # "x:" comes after "aspects: 3"
    assert f"my-template.yaml:{line}: WARNING: WSIS template: x: unknown key 'x'" in result.stderr
    assert "[wsis.template]" in result.stderr
    assert "Traceback" not in result.stderr
    document = (tmp_path / "out2" / "wsis-completeness.json").read_text()
    assert '"complete": false' in document and "unknown key" in document


def test_a_changed_copy_keeping_the_official_id_is_a_template_warning(tmp_path: Path) -> None:
    text = Path(str(WSIS20_STAKEHOLDER)).read_text("utf-8")
    project = write_project(
        tmp_path / "p",
        {
            "index.md": "# Report\n\n:::{wsis-action-line} C9\n:not-applicable: Out of scope.\n:::\n",
            "same.yaml": "# my copy\n" + text,
            "edited.yaml": text.replace("title: Media", "title: Media and journalism"),
        },
    )
    conf = project / "conf.py"
    base = conf.read_text()
    conf.write_text(base + 'wsis_template = "same.yaml"\n')
    result = sphinx_build("-b", "html", project, tmp_path / "out")
    assert "[wsis.template]" not in result.stderr  # an unchanged copy is still ITU's template

    conf.write_text(base + 'wsis_template = "edited.yaml"\n')
    result = sphinx_build("-W", "-b", "html", project, tmp_path / "out2")
    assert result.returncode == 1
    line = text.splitlines().index("id: wsis20-stakeholder") + 1
    assert (
        f"edited.yaml:{line}: WARNING: WSIS template: edited.yaml keeps the official id "
        "'wsis20-stakeholder' but changes its action lines; it would be published as ITU's "
        "template. Give it an id of its own (e.g. 'wsis20-stakeholder-custom')"
    ) in result.stderr
    assert "[wsis.template]" in result.stderr


def test_the_aspect_directives_come_from_the_template(build, tmp_path: Path) -> None:
    """A template's own aspect (``lessons``) gets ``wsis-lessons``; one it drops has none."""
    text = Path(str(WSIS20_STAKEHOLDER)).read_text("utf-8")
    custom = text.replace("id: wsis20-stakeholder", "id: lessons-template").replace(
        "  - key: priorities\n    title: Future priorities\n",
        "  - key: lessons\n    title: Lessons learned\n",
    )
    assert "key: lessons" in custom
    page = """\
# Report

::::{wsis-action-line} C3
:::{wsis-lessons}
What the project taught us.
:::
:::{wsis-priorities}
Not an aspect of this template.
:::
::::
"""
    project = write_project(tmp_path / "p", {"index.md": page, "custom.yaml": custom})
    conf = project / "conf.py"
    conf.write_text(conf.read_text() + 'wsis_template = "custom.yaml"\n')
    built = build(project, "html")
    html = built.html()
    assert "Lessons learned" in html and "What the project taught us." in html
    assert any(
        "unknown directive 'wsis-priorities'" in line for line in built.wsis_warnings("unknown")
    ), built.warnings
    parts = {(p["subject"], p["aspect"]): p["state"] for p in built.completeness["parts"]}
    assert parts["C3", "lessons"] == "done"


def test_the_review_and_its_default_period_come_from_the_template(build, tmp_path: Path) -> None:
    text = Path(str(WSIS20_STAKEHOLDER)).read_text("utf-8")
    custom = text.replace("id: wsis20-stakeholder", "id: national-review").replace(
        "  name: WSIS+20\n  period: 2005-2025\n",
        "  name: National WSIS review\n  period: 2015-2025\n",
    )
    assert "period: 2015-2025" in custom
    page = "# Report\n\n:::{wsis-report}\n:entity: OANA\n:stakeholder: academia\n:::\n"
    project = write_project(tmp_path / "p", {"index.md": page, "custom.yaml": custom})
    conf = project / "conf.py"
    conf.write_text(conf.read_text() + 'wsis_template = "custom.yaml"\n')
    built = build(project, "wsis-json")
    report = json.loads((built.outdir / "report.json").read_text("utf-8"))
    assert report["report"]["period"] == {"start": 2015, "end": 2025}
    template = load_template(project / "custom.yaml")
    assert (template.review, template.period) == ("National WSIS review", (2015, 2025))
    card = build(project, "html").html()
    assert "National WSIS review report 2015-2025" in card
    assert "WSIS+20" not in card


def test_the_review_name_is_in_the_report_language(build, tmp_path: Path) -> None:
    page = "# Rapport\n\n:::{wsis-report}\n:entity: OANA\n:stakeholder: academia\n:::\n"
    conf = MYST_CONF + 'language = "fr"\n'
    html = build(write_project(tmp_path / "fr", {"index.md": page}, conf=conf)).html()
    assert "Rapport SMSI+20 2005-2025" in html and "WSIS+20" not in html


def test_a_template_without_a_review_takes_the_official_one() -> None:
    text = Path(str(WSIS20_STAKEHOLDER)).read_text("utf-8")
    custom = text.replace("id: wsis20-stakeholder", "id: plain").replace(
        "review:\n  name: WSIS+20\n  period: 2005-2025\n", ""
    )
    assert "review:" not in custom
    template = parse_template(custom, "plain.yaml")
    assert (template.review, template.period) == ("WSIS+20", (2005, 2025))
    with pytest.raises(TemplateError, match=r"plain.yaml:\d+: .*review.period: expected a period"):
        parse_template(custom + "review:\n  name: X\n  period: 2025-2005\n", "plain.yaml")


def test_every_part_is_a_kind_of_the_vocabulary(template) -> None:
    """The matrix, ``check`` and the import place a part by its kind: an unknown kind would
    fall out of every table without a word."""
    parts = list(template.parts())
    assert {part.kind for part in parts} == set(PartKind)
    columns = {*(aspect.key for aspect in template.aspects), PartKind.STORIES}
    for part in parts:
        if part.kind in ROW_KINDS:
            assert part.aspect is None
        else:
            assert matrix_column(part.aspect, part.kind) in columns
