"""The ``sphinx-wsis`` command line, run as a real console script in a subprocess."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from sphinx_wsis.cli.formats.check_json import CHECK_SCHEMA_PATH
from sphinx_wsis.cli.formats.github import escape_data, escape_property
from sphinx_wsis.cli.verdict import CheckReport, SphinxWarning
from sphinx_wsis.template import load_template
from sphinx_wsis.templates import WSIS20_STAKEHOLDER

from .conftest import EXAMPLE, ROOT, sphinx_build

TEMPLATE = load_template(Path(str(WSIS20_STAKEHOLDER)))
PARTS = TEMPLATE.parts()
PART_LABELS = {part.label for part in PARTS}


def wsis(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None):
    """Run the installed console script's code (``python -m sphinx_wsis.cli``) as users do."""
    environ = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    environ.pop("GITHUB_STEP_SUMMARY", None) if env is None else None
    return subprocess.run(
        [sys.executable, "-m", "sphinx_wsis.cli", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environ,
        check=False,
    )


def init(tmp_path: Path, fmt: str = "md", name: str = "report") -> Path:
    target = tmp_path / name
    result = wsis("init", target, "--entity", "Example Networks, Inc.",
                  "--stakeholder", "civil-society", "--format", fmt)  # fmt: skip
    assert result.returncode == 0, result.stderr
    return target


def fill_every_part(project: Path, fmt: str, marker: str = "TODO") -> None:
    """Write every generated part as an author would, whatever pages init generated.

    Drops the placeholder marker before ITU's prompts (leaving them as the text), uncomments
    the example indicator, and gives the contact a real name and address.
    """
    for page in project.rglob(f"*.{fmt}"):
        text = page.read_text("utf-8")
        if fmt == "md":  # the example block: every line starts with "% "
            text = re.sub(
                r"^% (:::\{wsis-indicator\}.*?^)% (:::)$",
                lambda m: re.sub(r"^% ", "", m[0], flags=re.M),
                text,
                flags=re.M | re.S,
            )
        else:  # the example block: indented three spaces in a comment, up to its end
            text = re.sub(
                r"^   \.\. wsis-indicator::.*?(?=^\S|\Z)",
                lambda m: re.sub(r"^   ", "", m[0], flags=re.M),
                text,
                flags=re.M | re.S,
            )
        text = re.sub(r"^(\s*:name:).*$", r"\1 Achieng Odhiambo", text, flags=re.M)
        text = text.replace(f"{marker.lower()}@example.org", "a.odhiambo@example.org")
        text = text.replace(f"{marker}: ", "")
        page.write_text(text, "utf-8")


# -- init → check → fill → check → sphinx-build -W → export ---------------------------------------


@pytest.mark.parametrize("fmt", ["md", "rst"])
def test_init_check_fill_check_build(tmp_path: Path, fmt: str) -> None:
    project = init(tmp_path, fmt)
    assert (project / "conf.py").is_file()
    assert (project / ".github/workflows/wsis.yml").is_file()
    assert (project / "README.md").is_file()
    assert (project / f"index.{fmt}").is_file()

    # a new project builds at once: warnings for the gaps, no errors
    built = sphinx_build("-b", "html", project, tmp_path / "html")
    assert built.returncode == 0, built.stderr
    assert "ERROR" not in built.stderr and "Traceback" not in built.stderr
    assert (tmp_path / "html" / "annex.html").is_file()

    first = wsis("check", project)
    assert first.returncode == 1, first.stderr
    assert "Traceback" not in first.stderr
    assert not (project / "_build").exists(), "check must not write into the project"
    for line in TEMPLATE.action_lines:  # every action line and sub-line is in the matrix
        assert line.heading[:30] in first.stdout
    as_json = json.loads(wsis("check", project, "--format", "json").stdout)
    assert [p["id"] for p in as_json["parts"]] == [p.id for p in PARTS]
    gaps = {p["id"]: p["state"] for p in as_json["parts"]}
    assert "done" not in gaps.values(), "every part of a new project must be a gap"
    assert gaps["key-indicators/indicators"] == "missing"
    assert set(gaps.values()) == {"placeholder", "missing"}

    fill_every_part(project, fmt)
    second = wsis("check", project)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Complete" in second.stdout
    done = json.loads(wsis("check", project, "--format", "json").stdout)
    assert {p["state"] for p in done["parts"]} == {"done"}
    assert done["findings"] == [] and done["sphinx_warnings"] == []

    strict = sphinx_build("-W", "-b", "html", project, tmp_path / "html-strict")
    assert strict.returncode == 0, strict.stderr
    assert "WARNING" not in strict.stderr


def test_generated_conf_workflow_and_readme(tmp_path: Path) -> None:
    """Odd entity names stay data; the CI example runs check, the builds and uploads them."""
    import ast

    import yaml

    entity = 'Fundación "Ñandú" O\'Brien, Inc. {{ x }} % 100'
    project = tmp_path / "r"
    assert wsis("init", project, "-e", entity, "-s", "academia").returncode == 0
    conf: dict[str, object] = {}
    exec(compile((project / "conf.py").read_text("utf-8"), "conf.py", "exec"), conf)
    ast.parse((project / "conf.py").read_text("utf-8"))
    assert conf["author"] == entity
    assert conf["extensions"] == ["myst_parser", "sphinx_wsis"]
    document = json.loads(wsis("check", project, "--format", "json").stdout)
    assert document["report"]["entity"] == entity

    workflow = yaml.safe_load((project / ".github/workflows/wsis.yml").read_text("utf-8"))
    steps = workflow["jobs"]["report"]["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert "apt-get install" in runs and "latexmk" in runs and "texlive-xetex" in runs
    assert "pip install wheels/sphinx_wsis-*.whl" in runs  # not on PyPI yet
    assert "sphinx-wsis check --format github" in runs
    assert "sphinx-build -W -b html . _build/html" in runs
    assert "sphinx-wsis pdf -W" in runs  # sphinx-build -M latexpdf, then the TeX log check
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload"))
    assert upload["if"] == "${{ !cancelled() }}"
    readme = (project / "README.md").read_text("utf-8")
    assert "sphinx-wsis check" in readme and "`action-lines/c7.md`" in readme
    assert "wsis-info@itu.int" in readme  # the template's submission details


@pytest.mark.latex
def test_the_workflow_commands_pass_on_a_written_report(tmp_path: Path) -> None:
    """Run the CI example's own check and build commands, PDF included, as the runner would."""
    import yaml

    project = init(tmp_path)
    fill_every_part(project, "md")
    workflow = yaml.safe_load((project / ".github/workflows/wsis.yml").read_text("utf-8"))
    commands = [
        step["run"]
        for step in workflow["jobs"]["report"]["steps"]
        if step.get("run", "").startswith(("sphinx-wsis", "sphinx-build"))
    ]
    assert len(commands) == 3
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])
    for command in commands:
        result = subprocess.run(
            command, shell=True, cwd=project, capture_output=True, text=True, check=False,
            env={**os.environ, "PATH": path, "PYTHONPATH": str(ROOT)},
        )  # fmt: skip
        assert result.returncode == 0, (command, result.stdout[-2000:], result.stderr[-2000:])
    assert (project / "_build/html/index.html").is_file()
    assert (project / "_build/latex/wsis20-report.pdf").is_file()


MINI_TEMPLATE = """\
schema: 1
id: mini
title: Mini Template
stakeholders: {ngo: Non-governmental organization}
aspects:
  - {key: lessons, title: Lessons learned}
  - {key: achievements, title: Achievements}
placeholders: [FIXME]
chapters:
  - {number: I, title: Summary, parts: [{key: summary, title: Summary, prompt: Summarise.}]}
  - number: II
    title: Lines
    action-lines:
      - code: C1
        title: First line
        sub-lines: [{code: C1.e-one, title: E-One}]
      - {code: C2, title: Second line}
  - {title: Contact, parts: [{key: contact, title: Contact, satisfied-by: contact}]}
"""


def test_init_follows_the_template_it_is_given(tmp_path: Path) -> None:
    """Pages come from the template model: its parts, aspects and placeholder, nothing else."""
    template_file = tmp_path / "mini.yaml"
    template_file.write_text(MINI_TEMPLATE, "utf-8")
    mini = load_template(template_file)
    project = tmp_path / "report"
    result = wsis("init", project, "-e", "Mini", "-s", "ngo", "--template", template_file)
    assert result.returncode == 0, result.stderr
    assert "wsis_template = 'mini.yaml'" in (project / "conf.py").read_text("utf-8")
    assert (project / "mini.yaml").read_text("utf-8") == MINI_TEMPLATE
    c1 = (project / "action-lines/c1.md").read_text("utf-8")
    assert ":::{wsis-lessons}\nFIXME: C1 lessons learned." in c1  # the aspect's own directive
    assert "::::{wsis-action-line} C1.e-one" in c1 and "C7" not in c1

    first = json.loads(wsis("check", project, "--format", "json").stdout)
    assert [p["id"] for p in first["parts"]] == [p.id for p in mini.parts()]
    assert "done" not in {p["state"] for p in first["parts"]}
    fill_every_part(project, "md", marker="FIXME")
    second = wsis("check", project)
    assert second.returncode == 0, second.stdout + second.stderr


def test_export_writes_a_schema_valid_report(tmp_path: Path) -> None:
    pytest.importorskip(
        "sphinx_wsis.json_builder", reason="the wsis-json builder is not merged yet"
    )
    jsonschema = pytest.importorskip("jsonschema")
    project = init(tmp_path)
    fill_every_part(project, "md")
    out = tmp_path / "report.json"
    result = wsis("export", project, "-o", out)
    assert result.returncode == 0, result.stderr
    document = json.loads(out.read_text("utf-8"))
    schema = json.loads((ROOT / "sphinx_wsis/schemas/report.schema.json").read_text("utf-8"))
    jsonschema.validate(document, schema)
    assert "Example Networks, Inc." in out.read_text("utf-8")
    assert not (project / "_build").exists()
    to_stdout = wsis("export", project, "-o", "-")
    assert to_stdout.returncode == 0
    assert json.loads(to_stdout.stdout) == document


# -- output formats -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def new_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return init(tmp_path_factory.mktemp("cli"))


def test_json_output_is_valid_against_its_schema(new_project: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    result = wsis("check", new_project, "--format", "json")
    assert result.returncode == 1
    document = json.loads(result.stdout)
    jsonschema.validate(document, json.loads(CHECK_SCHEMA_PATH.read_text("utf-8")))
    assert document["exit_code"] == 1 and document["complete"] is False
    assert document["report"] == {
        "entity": "Example Networks, Inc.",
        "stakeholder": "civil-society",
    }
    placeholder = next(f for f in document["findings"] if f["file"] == "executive-summary.md")
    assert placeholder["subtype"] == "wsis.placeholder" and placeholder["line"] == 3


def test_junit_has_one_case_per_part(new_project: Path, tmp_path: Path) -> None:
    target = tmp_path / "junit.xml"
    result = wsis("check", new_project, "--format", "junit", "-o", target)
    assert result.returncode == 1
    root = ET.parse(target).getroot()
    assert root.tag == "testsuites"
    part_suites = [s for s in root if s.get("name") not in ("Other findings", "Sphinx warnings")]
    cases = [case for suite in part_suites for case in suite.iter("testcase")]
    assert len(cases) == len(PARTS)
    assert {case.get("name") for case in cases} == PART_LABELS
    assert all(case.find("failure") is not None for case in cases)
    for suite in root:  # the counts CI systems display agree with the cases
        suite_cases = list(suite.iter("testcase"))
        assert int(suite.get("tests", -1)) == len(suite_cases)
        assert int(suite.get("failures", -1)) == sum(
            c.find("failure") is not None for c in suite_cases
        )
    assert int(root.get("tests", -1)) == sum(len(list(s.iter("testcase"))) for s in root)
    c3 = next(c for c in cases if c.get("name") == "C3 achievements")
    assert c3.get("classname") == "C3 Access to information and knowledge"
    c3_lines = (new_project / "action-lines/c3.md").read_text("utf-8").splitlines()
    line = c3_lines.index(":::{wsis-achievements}") + 1
    assert c3.get("file", "").endswith("action-lines/c3.md") and c3.get("line") == str(line)
    assert c3.find("failure").get("type") == "wsis.placeholder"  # type: ignore[union-attr]
    junitparser = pytest.importorskip("junitparser")
    parsed = junitparser.JUnitXml.fromfile(str(target))
    assert sum(suite.tests for suite in parsed) == len(list(root.iter("testcase")))


# The workflow-command syntax: ::warning [key=value,...]::message, with the escapes of the
# Actions toolkit (data: % CR LF; properties additionally : and ,).
_PROPERTY = r"(file|line|endLine|col|endColumn|title)=[^,:\r\n]*"
GITHUB_LINE = re.compile(rf"^::(warning|error|notice)( {_PROPERTY}(,{_PROPERTY})*)?::[^\r\n]*$")


def test_github_annotations_follow_the_workflow_command_syntax(
    new_project: Path, tmp_path: Path
) -> None:
    summary = tmp_path / "summary.md"
    result = wsis("check", new_project.name, "--format", "github", cwd=new_project.parent,
                  env={"GITHUB_STEP_SUMMARY": str(summary)})  # fmt: skip
    assert result.returncode == 1
    commands = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert commands and all(GITHUB_LINE.match(line) for line in commands), commands
    expected = (
        "::warning file=report/executive-summary.md,line=3,title=wsis.placeholder::"
        "I. Executive Summary still holds placeholder text 'TODO'"
    )
    assert expected in commands
    assert "| C3 achievements | Placeholder |" in summary.read_text("utf-8")


def test_github_escaping() -> None:
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"


# -- colour, symbols and plain text ---------------------------------------------------------------


def test_plain_text_when_piped_and_symbols_with_color(new_project: Path) -> None:
    plain = wsis("check", new_project)
    assert "\x1b[" not in plain.stdout
    assert "Placeholder" in plain.stdout and "✓" not in plain.stdout
    assert re.search(r"executive-summary\.md:3: .*\[wsis\.placeholder\]", plain.stdout)
    for how in (["--color"], {"FORCE_COLOR": "1"}):  # as on a terminal
        args, env = (how, None) if isinstance(how, list) else ([], how)
        coloured = wsis("check", new_project, *args, env=env)
        assert "\x1b[33m" in coloured.stdout and "⚠" in coloured.stdout
        assert "Placeholder" in coloured.stdout  # the legend says what the symbols mean
    no_color = wsis("check", new_project, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "⚠" in no_color.stdout and "\x1b[33m" not in no_color.stdout
    forced_off = wsis("check", new_project, "--no-color", env={"FORCE_COLOR": "1"})
    assert forced_off.stdout == plain.stdout


def test_plain_text_tables_line_up_in_every_script() -> None:
    """Wide East Asian characters take two cells, Arabic vowel signs none (as rich and
    terminals count them); a long action-line name is cut with an ellipsis."""
    from rich.cells import cell_len

    from sphinx_wsis.cli.formats.text import cell_width, table

    names = ["C1 政府和所有利益相关方在推进信息通信技术促发展方面的作用", "C2 مُتَابَعَة", "C3 Réseaux"]
    for name in names:
        assert cell_width(name) == cell_len(name), name
    lines = table(["Action line", "未来成就", "State"], [[n, "Done", ""] for n in names],
                  centred_from=1, widest_first=20)  # fmt: skip
    assert lines[2] == "C1 政府和所有利益相… |   Done   |      "  # centred in 8 cells
    assert lines[1] == "-" * 21 + "+" + "-" * 10 + "+" + "-" * 6
    for line in lines:
        if "|" in line:
            first, second, _ = line.split("|")
            assert (cell_width(first), cell_width(second)) == (21, 10), line


def test_template_text_on_a_terminal_is_text_not_rich_markup(new_project: Path) -> None:
    """A template's title, column titles and part labels are printed as written, brackets and
    all: rich would read ``[/i]`` as markup and stop with an error."""
    import dataclasses
    from io import StringIO

    from rich.console import Console

    from sphinx_wsis.cli.formats.terminal import render_terminal
    from sphinx_wsis.template import Aspect

    checked = json.loads(wsis("check", new_project, "--format", "json").stdout)
    template = dataclasses.replace(
        TEMPLATE,
        title="Draft [/i] template [bold]",
        aspects=(Aspect("achievements", "[red]Achievements[/]"), *TEMPLATE.aspects[1:]),
    )
    report = CheckReport(Path(checked["project"]), template, checked, [], "Org [x]", None)
    text = StringIO()
    render_terminal(report, Console(file=text, width=200, force_terminal=True, color_system=None))
    shown = text.getvalue()
    assert "Draft [/i] template [bold]" in shown and "[red]Achievements[/]" in shown
    assert "Org [x]" in shown


def test_an_output_that_cannot_hold_the_text_is_a_message_not_a_traceback(
    new_project: Path,
) -> None:
    result = wsis("check", new_project, env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "set PYTHONIOENCODING=utf-8, or write to a file with -o" in result.stderr


def test_a_misspelt_command_is_named_with_the_closest_one() -> None:
    """The commands are imported when they run; an unknown name still gets click's hint."""
    from importlib.metadata import version

    result = wsis("chek")
    assert result.returncode == 2 and "No such command 'chek'." in result.stderr
    if tuple(int(part) for part in version("click").split(".")[:2]) >= (8, 4):  # its hint
        assert "Did you mean 'check'?" in result.stderr


def test_check_prints_plain_text_without_loading_rich(new_project: Path) -> None:
    """Piped, the verdict is written without rich (a tenth of the cost of `check` at the
    example's size goes to importing it); a terminal still gets rich's tables."""
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('rich', 'rich' in sys.modules, file=sys.stderr))\n"
        "from sphinx_wsis.cli import main\n"
        "sys.argv = ['sphinx-wsis', 'check', *sys.argv[1:]]\n"
        "main()\n"
    )
    environ = {**os.environ, "PYTHONPATH": str(ROOT)}
    environ.pop("FORCE_COLOR", None), environ.pop("TTY_COMPATIBLE", None)
    for args, loaded in (([], False), (["--color"], True)):
        run = subprocess.run(
            [sys.executable, "-c", code, str(new_project), *args],
            capture_output=True, text=True, env=environ, check=False,
        )  # fmt: skip
        assert run.returncode == 1, run.stderr
        assert f"rich {loaded}" in run.stderr
        assert ("| Placeholder" in run.stdout) is not loaded  # the plain table spells it out


# -- errors: exit status 2, a message, never a traceback ------------------------------------------


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout


def test_init_refuses_a_non_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "report").mkdir()
    (tmp_path / "report" / "notes.txt").write_text("mine", "utf-8")
    result = wsis("init", tmp_path / "report", "--entity", "X", "--stakeholder", "academia")
    no_traceback(result)
    assert "not empty" in result.stderr and "notes.txt" in result.stderr
    assert (tmp_path / "report" / "notes.txt").read_text("utf-8") == "mine"
    assert not (tmp_path / "report" / "conf.py").exists()
    (tmp_path / "repo" / ".git").mkdir(parents=True)  # `git init` first is fine
    assert wsis("init", tmp_path / "repo", "-e", "X", "-s", "academia").returncode == 0
    assert (tmp_path / "repo" / "conf.py").is_file()


def test_init_validates_the_stakeholder_against_the_template(tmp_path: Path) -> None:
    result = wsis("init", tmp_path / "r", "--entity", "X", "--stakeholder", "acadmia")
    no_traceback(result)
    assert "'acadmia' is not a stakeholder type" in result.stderr
    assert "Did you mean 'academia'?" in result.stderr
    for key, _ in TEMPLATE.stakeholders:
        assert key in result.stderr
    assert not (tmp_path / "r").exists()


def test_init_and_import_share_the_new_project_options_with_help_from_the_template() -> None:
    import click

    from sphinx_wsis.cli import cli
    from sphinx_wsis.template import DEFAULT_TEMPLATE

    context = click.Context(cli)
    helps = {}
    for name in ("init", "import"):
        command = cli.get_command(context, name)
        assert command is not None
        child = click.Context(command, parent=context)
        helps[name] = {
            param.name: param.get_help_record(child)
            for param in command.params
            if param.name in ("entity", "stakeholder", "fmt", "template_spec")
        }
    assert helps["init"] == helps["import"] and len(helps["init"]) == 4
    stakeholder_help = helps["init"]["stakeholder"][1]
    for key, _ in TEMPLATE.stakeholders:
        assert key in stakeholder_help
    assert f"Default: {DEFAULT_TEMPLATE}." in helps["init"]["template_spec"][1]


def test_init_accepts_the_stakeholder_label(tmp_path: Path) -> None:
    result = wsis("init", tmp_path / "r", "-e", "X", "-s", "Private Sector", "--format", "rst")
    assert result.returncode == 0, result.stderr
    assert ":stakeholder: private-sector" in (tmp_path / "r" / "index.rst").read_text("utf-8")


def test_init_without_an_entity_when_not_interactive(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_wsis.cli", "init", str(tmp_path / "r"), "-s", "academia"],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    no_traceback(result)
    assert "Missing option '--entity'" in result.stderr


@pytest.mark.parametrize(
    ("conf", "message"),
    [
        (None, "no conf.py in"),
        ('extensions = ["myst_parser"]\n', 'add "sphinx_wsis" to its extensions'),
        (
            'extensions = ["sphinx_wsis"]\nwsis_template = "broken.yaml"\n',
            "broken.yaml:4: not valid YAML",
        ),
        ("x = 1\nraise RuntimeError('oops')\n", "conf.py:2: RuntimeError: oops"),
        ('extensions = ["sphinx_wsis", "no_such_extension"]\n', "no_such_extension"),
    ],
)
def test_check_configuration_errors_exit_2(tmp_path: Path, conf: str | None, message: str) -> None:
    project = tmp_path / "p"
    project.mkdir()
    if conf is not None:
        (project / "conf.py").write_text(conf, "utf-8")
    (project / "index.rst").write_text("Report\n======\n", "utf-8")
    (project / "broken.yaml").write_text("id: x\ntitle: X\naspects: [\n  - oops: ]\n", "utf-8")
    result = wsis("check", project)
    no_traceback(result)
    assert message in result.stderr, result.stderr
    assert "Error:" in result.stderr


def test_a_crashing_extension_is_a_message_and_debug_shows_the_traceback(tmp_path: Path) -> None:
    project = tmp_path / "p"
    project.mkdir()
    (project / "conf.py").write_text(
        "from docutils.parsers.rst import Directive\n"
        "class Boom(Directive):\n"
        "    def run(self):\n"
        "        raise ValueError('boom')\n"
        'extensions = ["sphinx_wsis"]\n'
        "def setup(app):\n"
        "    app.add_directive('boom', Boom)\n",
        "utf-8",
    )
    (project / "index.rst").write_text("Report\n======\n\n.. boom::\n", "utf-8")
    result = wsis("check", project)
    no_traceback(result)
    assert "ValueError: boom" in result.stderr and "--debug" in result.stderr
    debug = wsis("--debug", "check", project)
    assert debug.returncode == 2
    assert "Traceback" in debug.stderr and "raise ValueError('boom')" in debug.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "--format", "yaml"], "Invalid value for '--format'"),
        (["check", "/no/such/dir"], "does not exist"),
        (["export"], "Missing option '--output'"),
        (["frobnicate"], "No such command 'frobnicate'"),
    ],
)
def test_bad_usage_exits_2_with_a_message(args: list[str], message: str) -> None:
    result = wsis(*args)
    no_traceback(result)
    assert message in result.stderr


def test_help_with_examples_and_version() -> None:
    for command in ([], ["init"], ["check"], ["export"]):
        result = wsis(*command, "--help")
        assert result.returncode == 0
        assert "Examples:" in result.stdout and "sphinx-wsis" in result.stdout
    version = wsis("--version")
    assert version.returncode == 0
    from sphinx_wsis import __version__

    assert version.stdout.strip() == f"sphinx-wsis, version {__version__}"


# -- other Sphinx warnings ------------------------------------------------------------------------


def test_check_reports_other_sphinx_warnings_and_fails(tmp_path: Path) -> None:
    project = tmp_path / "example"
    import shutil

    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("_build"))
    assert wsis("check", project).returncode == 0
    page = project / "challenges.md"
    page.write_text(
        page.read_text("utf-8")
        + "\n{unknown-role}`x`\n\n```{nonexistent}\n```\n"
        + "\nSee {wsis:story}`no-such-story` and {ref}`no-such-label`.\n"
    )
    result = wsis("check", project, "--format", "json")
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document["complete"] is True  # every part is written ...
    warnings = document["sphinx_warnings"]  # ... but Sphinx warned, as -W would fail on
    assert any(w["file"] == "challenges.md" and w["line"] for w in warnings), warnings
    # references are resolved, and warn, although check writes no pages
    messages = " ".join(w["message"] for w in warnings)
    assert "no-such-story" in messages and "no-such-label" in messages, warnings
    text = wsis("check", project)
    assert "Other Sphinx warnings" in text.stdout and "challenges.md:" in text.stdout
    assert text.stdout.rstrip().endswith(f"; 0 findings, {len(warnings)} other Sphinx warnings."), (
        text.stdout
    )


def test_the_summary_counts_one_finding_and_one_warning_in_the_singular() -> None:
    totals = {"parts": 77, "done": 70, "not-applicable": 2, "findings": 1}
    report = CheckReport(Path("."), TEMPLATE, {"totals": totals}, [SphinxWarning("WARNING", "x")])
    assert report.summary() == (
        "72 of 77 parts complete (2 not applicable); 1 finding, 1 other Sphinx warning."
    )
    report.warnings.clear()
    assert report.summary() == "72 of 77 parts complete (2 not applicable); 1 finding."


def test_the_workflow_installs_the_committed_wheel_or_says_what_is_missing(tmp_path: Path) -> None:
    """sphinx-wsis is not on PyPI: CI installs the wheel under wheels/, or fails saying so."""
    import yaml

    project = init(tmp_path)
    workflow = yaml.safe_load((project / ".github/workflows/wsis.yml").read_text("utf-8"))
    steps = workflow["jobs"]["report"]["steps"]
    (install,) = [s for s in steps if s.get("name") == "Install sphinx-wsis"]
    assert workflow["env"]["SPHINX_WSIS"] == ""
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    (fake_bin / "pip").write_text('#!/bin/sh\necho "pip $*"\n')
    (fake_bin / "pip").chmod(0o755)

    def run(**env: str) -> subprocess.CompletedProcess[str]:
        environ = {**os.environ, "PATH": f"{fake_bin}{os.pathsep}{os.environ['PATH']}", **env}
        return subprocess.run(
            ["bash", "-c", install["run"]], cwd=project, env=environ,
            capture_output=True, text=True, check=False,
        )  # fmt: skip

    missing = run(SPHINX_WSIS="")
    assert missing.returncode == 1
    assert "::error::No sphinx-wsis to install: commit its wheel under wheels/" in missing.stdout
    (project / "wheels").mkdir()
    (project / "wheels/sphinx_wsis-0.1.0-py3-none-any.whl").write_bytes(b"")
    assert run(SPHINX_WSIS="").stdout == "pip install wheels/sphinx_wsis-0.1.0-py3-none-any.whl\n"
    requirement = "sphinx-wsis @ git+https://github.com/OWNER/sphinx-wsis"
    assert run(SPHINX_WSIS=requirement).stdout == f"pip install {requirement}\n"
    readme = (project / "README.md").read_text("utf-8")
    assert "not on PyPI yet" in readme and "pip wheel --no-deps -w wheels" in readme
    assert "pip install sphinx-wsis\n" not in readme


def test_check_keeps_sphinx_warnings_as_logged_records(tmp_path: Path) -> None:
    """Type, file, line and a message spanning lines, as logged; suppress_warnings honoured;
    each warning once, also when pages are read in parallel (Sphinx replays postponed ones);
    what Sphinx prints while conf.py runs, before any extension loads, is kept too."""
    project = init(tmp_path, fmt="rst")
    conf = project / "conf.py"
    conf.write_text(  # Sphinx warns about `language = None` while conf.py runs
        conf.read_text("utf-8") + '\nsuppress_warnings = ["ref.ref"]\nlanguage = None\n', "utf-8"
    )
    page = project / "challenges-and-gaps.rst"
    lines = page.read_text("utf-8").splitlines()
    bad_row = len(lines) + 3  # docutils points at the row whose right border is missing
    page.write_text(
        "\n".join([*lines, "", "+---+---+", "| a |", "+---+---+", "", ":ref:`no-such-label`", ""]),
        "utf-8",
    )
    for jobs in ("0", "2"):
        result = wsis("check", project, "--format", "json", "--jobs", jobs)
        assert result.returncode == 1, result.stderr
        warnings = json.loads(result.stdout)["sphinx_warnings"]
        assert warnings == [
            {
                "level": "warning",
                "type": None,
                "message": "Invalid configuration value found: 'language = None'. Update your "
                "configuration to a valid language code. Falling back to 'en' (English).",
                "file": None,
                "line": None,
            },
            {
                "level": "error",
                "type": "docutils",
                "message": "Malformed table.\nRight border not aligned or missing.\n\n"
                "+---+---+\n| a |\n+---+---+",
                "file": "challenges-and-gaps.rst",
                "line": bad_row,
            },
        ], (jobs, warnings)


# -- what the command line imports -----------------------------------------------------------------

HEAVY_MODULES = ("docutils", "sphinx.application", "matplotlib", "babel")

FORMAT_A_VERDICT = """
import json, sys
from io import StringIO
from pathlib import Path

from rich.console import Console

import sphinx_wsis.cli
from sphinx_wsis.cli.formats.check_json import to_json
from sphinx_wsis.cli.formats.github import step_summary, to_github
from sphinx_wsis.cli.formats.junit import to_junit
from sphinx_wsis.cli.formats.terminal import render_terminal
from sphinx_wsis.cli.formats.text import render_plain
from sphinx_wsis.cli.verdict import CheckReport, SphinxWarning
from sphinx_wsis.template import load_template

checked = json.loads(Path(sys.argv[1]).read_text("utf-8"))
report = CheckReport(
    Path(checked["project"]),
    load_template(sys.argv[2]),
    checked,
    [SphinxWarning(**w) for w in checked["sphinx_warnings"]],
    checked["report"]["entity"],
    checked["report"]["stakeholder"],
)
text = StringIO()
render_terminal(report, Console(file=text, width=120))
outputs = [text.getvalue(), render_plain(report), json.dumps(to_json(report)), to_junit(report), *to_github(report),
           step_summary(report)]
for text in outputs[:2]:
    assert "Example Networks, Inc." in text and report.summary() in text, text
heavy = [m for m in sys.modules if m.split(".")[0] in {HEAVY} or m in {HEAVY}]
print(json.dumps(heavy))
"""


def test_help_and_printing_a_verdict_import_no_docutils_sphinx_app_matplotlib_or_babel(
    new_project: Path, tmp_path: Path
) -> None:
    """The command line starts fast: Sphinx and its dependencies load only to read a project."""
    checked = tmp_path / "check.json"
    assert wsis("check", new_project, "--format", "json", "-o", checked).returncode == 1
    program = FORMAT_A_VERDICT.replace("{HEAVY}", repr(set(HEAVY_MODULES)))
    environ = {**os.environ, "PYTHONPATH": str(ROOT)}
    formatted = subprocess.run(
        [sys.executable, "-c", program, str(checked), str(WSIS20_STAKEHOLDER)],
        capture_output=True, text=True, env=environ, check=False,
    )  # fmt: skip
    assert formatted.returncode == 0, formatted.stderr
    assert json.loads(formatted.stdout) == []
    for args in (["--help"], ["check", "--help"]):
        program = (
            "import sys\nfrom sphinx_wsis.cli import cli\n"
            f"try:\n    cli({args!r})\nexcept SystemExit:\n    pass\n"
            f"print([m for m in sys.modules if m.split('.')[0] in {set(HEAVY_MODULES)!r}"
            f" or m in {set(HEAVY_MODULES)!r}])"
        )
        helped = subprocess.run([sys.executable, "-c", program], capture_output=True,
                                text=True, env=environ, check=False)  # fmt: skip
        assert "Usage: " in helped.stdout and helped.stdout.rstrip().endswith("[]"), helped


def test_check_freezes_what_it_loaded_only_when_its_process_ends_with_it(tmp_path: Path) -> None:
    """The console script keeps Sphinx and the extensions out of the garbage collector's
    sight while the pages are read; a command run in-process (click's runner, a tool
    embedding the command line) leaves the collector as it was, so its builds can be freed."""
    import gc

    from click.testing import CliRunner

    from sphinx_wsis.cli import cli

    project = init(tmp_path)
    code = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('frozen', gc.get_freeze_count(), file=sys.stderr))\n"
        "from sphinx_wsis.cli import main\n"
        "sys.argv = ['sphinx-wsis', 'check', sys.argv[1]]\n"
        "main()\n"
    )
    environ = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        [sys.executable, "-c", code, str(project)],
        capture_output=True, text=True, env=environ, check=False,
    )  # fmt: skip
    assert run.returncode == 1, run.stderr  # a fresh scaffold has gaps
    frozen = int(re.search(r"frozen (\d+)", run.stderr).group(1))  # type: ignore[union-attr]
    assert frozen > 10_000

    before = gc.get_freeze_count()
    result = CliRunner().invoke(cli, ["check", str(project)])
    assert result.exit_code == 1, result.output
    assert "Incomplete: 0 of 77 parts complete" in result.output
    assert gc.get_freeze_count() == before
