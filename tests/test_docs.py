"""The documentation site builds with -W, and its reference covers everything the code registers.

The reference pages are generated from the code; these tests make sure nothing the code
registers (directive, option, role, config value, warning subtype, CLI command and option) is
missing from the built HTML, and that the examples the how-to guides show really work.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from sphinx_wsis.config import CONFIG_VALUES
from sphinx_wsis.directives import all_directives
from sphinx_wsis.domain import WsisDomain
from sphinx_wsis.reference import DIRECTIVE_DOCS, ROLE_DOCS
from sphinx_wsis.template import DEFAULT_TEMPLATE, load_template, resolve_template
from sphinx_wsis.warnings import WsisWarning

from .conftest import ROOT, RST_CONF, Built, sphinx_build, write_project

#: The directives of a report written with the built-in template.
DIRECTIVES = all_directives(load_template(resolve_template(DEFAULT_TEMPLATE, ROOT)))

DOCS = ROOT / "docs"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The documentation site, built once with the real sphinx-build -W."""
    outdir = tmp_path_factory.mktemp("docs") / "html"
    result = sphinx_build("-W", "--keep-going", "-E", "-b", "html", DOCS, outdir)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return outdir


def page_ids(site: Path, page: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', (site / page).read_text("utf-8")))


def page_text(site: Path, page: str) -> str:
    markup = (site / page).read_text("utf-8")
    main = markup[markup.index("<article") :]
    text = html.unescape(re.sub(r"<[^>]+>", "", main))
    return text.translate(SMART_QUOTES)  # Sphinx's smartquotes typeset the prose


SMART_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def test_docs_build_with_w_and_no_warnings(site: Path) -> None:
    for page in ("index", "tutorial/index", "howto/ci-github", "explanation/completeness"):
        assert (site / f"{page}.html").is_file()


def test_every_directive_and_option_has_a_description() -> None:
    assert set(DIRECTIVE_DOCS) == set(DIRECTIVES)
    for name, directive in DIRECTIVES.items():
        assert set(DIRECTIVE_DOCS[name].options) == set(directive.option_spec or {}), name
        takes_argument = directive.required_arguments or directive.optional_arguments
        assert bool(DIRECTIVE_DOCS[name].argument) == bool(takes_argument), name
    assert set(ROLE_DOCS) == set(WsisDomain.roles)


@pytest.fixture(scope="module")
def registered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What a real Sphinx application holds once sphinx_wsis is set up: its directives,
    config values and roles, whichever module registered them."""
    from docutils.parsers.rst import directives as rst_directives
    from sphinx.application import Sphinx

    srcdir = write_project(tmp_path_factory.mktemp("registered"), {"index.md": "# R\n"})
    app = Sphinx(srcdir, srcdir, srcdir / "_build", srcdir / "_build" / ".doctrees", "html",
                 status=None, warning=None)  # fmt: skip
    return {
        "directives": {
            name: cls
            for name, cls in vars(rst_directives)["_directives"].items()
            if name.startswith("wsis-")
        },
        "config": sorted(name for name in app.config._options if name.startswith("wsis_")),
        "roles": sorted(app.registry.domains["wsis"].roles),
    }


def test_the_registry_tests_see_what_setup_registers(registered: dict[str, Any]) -> None:
    assert set(registered["directives"]) >= set(DIRECTIVES)
    assert set(registered["config"]) >= {value.name for value in CONFIG_VALUES}


def test_reference_lists_every_directive_and_option(site: Path, registered: dict[str, Any]) -> None:
    ids = page_ids(site, "reference/directives.html")
    for name, directive in registered["directives"].items():
        assert f"directive-{name}" in ids
        for option in directive.option_spec or {}:
            assert f"directive-option-{name}-{option}" in ids, (name, option)


def test_reference_lists_every_role(site: Path, registered: dict[str, Any]) -> None:
    ids = page_ids(site, "reference/roles.html")
    for role in registered["roles"]:
        assert f"role-wsis-{role}" in ids


def test_reference_lists_every_config_value_with_its_default(
    site: Path, registered: dict[str, Any]
) -> None:
    ids = page_ids(site, "reference/config.html")
    text = page_text(site, "reference/config.html")
    for name in registered["config"]:
        assert f"confval-{name}" in ids, name
    for value in CONFIG_VALUES:
        assert f"confval-{value.name}" in ids
        assert repr(value.default) in text


def test_reference_lists_every_warning_subtype(site: Path) -> None:
    text = page_text(site, "reference/warnings.html")
    for warning in WsisWarning:
        assert warning.category in text
        assert " ".join(warning.description.split()) in " ".join(text.split())


def test_warnings_page_lists_every_bad_input_case(site: Path) -> None:
    from .bad_inputs import CASES

    text = page_text(site, "reference/warnings.html")
    for case in CASES:
        assert case.message.translate(SMART_QUOTES) in text, case.id


def test_reference_lists_every_cli_command_and_option(site: Path) -> None:
    import click

    from sphinx_wsis import cli

    group = next(v for v in vars(cli).values() if isinstance(v, click.Group))
    ids = page_ids(site, "reference/cli.html")
    text = page_text(site, "reference/cli.html")
    context = click.Context(group, info_name="sphinx-wsis")
    commands = {"": group}
    for name in group.list_commands(context):
        commands[name] = group.get_command(context, name)
        assert f"sphinx-wsis {name}" in text
    for name, command in commands.items():
        program = f"sphinx-wsis-{name}" if name else "sphinx-wsis"
        for param in command.params:
            if isinstance(param, click.Option):
                anchor = f"cmdoption-{program}-{param.opts[0].lstrip('-')}"
            else:
                anchor = f"cmdoption-{program}-arg-{param.human_readable_name}"
            assert anchor in ids, (name, param.name, anchor)
    assert "Exit status" in text and all(code in text for code in ("0 ", "1 ", "2 "))


def test_reference_lists_every_part_of_the_template(site: Path) -> None:
    from sphinx_wsis.templates import WSIS20_STAKEHOLDER

    template = load_template(Path(str(WSIS20_STAKEHOLDER)))
    text = page_text(site, "reference/template.html")
    for line in template.action_lines:
        assert line.code in text and line.heading in text
    for section in template.sections:
        assert section.key in text and section.title in text
    assert f"{len(template.parts())} parts" in text


def test_reference_renders_the_json_schema(site: Path) -> None:
    schema = (ROOT / "sphinx_wsis" / "schemas" / "report.schema.json").read_text("utf-8")
    text = page_text(site, "reference/schema.html")
    for name in yaml.safe_load(schema)["properties"]:
        assert name in text


def test_tutorial_gives_the_templates_submission_address_and_deadline(site: Path) -> None:
    text = page_text(site, "tutorial/index.html")
    assert "wsis-info@itu.int" in text
    assert "30 May 2025" in text
    assert "{{" not in text


# -- the how-to guides' examples work ----------------------------------------------------------


def pipeline_commands(path: Path) -> list[str]:
    """Every shell line a CI file runs (GitHub ``run:`` steps, GitLab ``script:`` lists)."""
    data = yaml.safe_load(path.read_text("utf-8"))
    lines: list[str] = []

    def walk(node: object, key: str = "") -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, str(k))
        elif isinstance(node, list):
            for item in node:
                walk(item, key)
        elif isinstance(node, str) and key in ("run", "script", "before_script"):
            lines.extend(node.replace("\\\n", " ").splitlines())

    walk(data)
    return lines


SETUP_SYSTEM = (ROOT / "scripts" / "setup-system").read_text("utf-8")


@pytest.mark.parametrize("name", ["github-wsis.yml", "gitlab-ci.yml"])
def test_ci_pipelines_install_known_packages_and_fail_on_gaps(name: str) -> None:
    lines = pipeline_commands(DOCS / "howto" / "ci" / name)
    commands = " ".join(lines)
    installs = [line.split("apt-get install", 1)[1] for line in lines if "apt-get install" in line]
    assert len(installs) == 1, lines
    packages = [p for p in installs[0].split() if not p.startswith("-")]
    # the PDF needs LaTeX; every package named is one the project's own CI installs
    # (make is preinstalled there, but not in a slim container image)
    assert {"latexmk", "texlive-latex-recommended"} <= set(packages)
    for package in packages:
        assert package == "make" or re.search(rf"\b{re.escape(package)}\b", SETUP_SYSTEM), package
    assert "pip install" in commands and "sphinx-wsis" in commands
    assert re.search(r"sphinx-wsis check(?! --format junit -o \S+ \|\| true)", commands)
    assert "sphinx-build -W" in commands and "sphinx-wsis pdf -W" in commands
    for line in lines:  # sphinx-build rejects -M anywhere but first
        if "sphinx-build" in line and " -M " in line:
            assert line.split("sphinx-build", 1)[1].split()[0] == "-M", line


def test_custom_template_example_loads() -> None:
    template = load_template(DOCS / "howto" / "snippets" / "national-review.yaml")
    assert template.id == "national-wsis-review"
    assert [a.key for a in template.aspects] == ["achievements", "challenges", "lessons"]


def test_rst_example_is_a_complete_action_line(build: callable, tmp_path: Path) -> None:
    index = "Report\n======\n\n.. toctree::\n\n   c3\n"
    project = write_project(tmp_path / "rst", {"index.rst": index}, RST_CONF)
    shutil.copy(DOCS / "howto" / "snippets" / "c3.rst", project / "c3.rst")
    built: Built = build(project)
    assert "ERROR" not in built.warnings
    for subtype in ("invalid", "unknown", "duplicate", "empty", "placeholder"):
        assert built.wsis_warnings(subtype) == []
    gaps = built.gaps()
    assert not {"C3/achievements", "C3/challenges", "C3/priorities", "C3/stories"} & gaps
    assert "C4/achievements" in gaps


def test_muting_a_category_hides_its_warnings_but_not_the_gap(
    build: callable, example_copy: Path
) -> None:
    page = example_copy / "action-lines" / "c4.md"
    page.write_text(
        page.read_text("utf-8").replace(
            ":::{wsis-challenges}\n", ":::{wsis-challenges}\nTODO\n", 1
        ),
        "utf-8",
    )
    built: Built = build(example_copy, confoverrides={"suppress_warnings": ["wsis.placeholder"]})
    assert built.wsis_warnings() == []
    assert "C4/challenges" in built.gaps()
    assert built.completeness["complete"] is False
    (example_copy / "conf.py").write_text(
        (example_copy / "conf.py").read_text("utf-8")
        + 'suppress_warnings = ["wsis.placeholder"]\n',
        "utf-8",
    )
    check = sphinx_wsis("check", "--no-color", cwd=example_copy)
    assert check.returncode == 1, check.stdout + check.stderr
    assert "C4 challenges still holds placeholder text 'TODO'" in check.stdout


def test_tutorial_mistakes_are_the_messages_sphinx_wsis_prints(
    build: callable, tmp_path: Path
) -> None:
    page = """# C3

::::{wsis-action-line} C44
:::{wsis-success-story} Story
:year: twenty-nineteen
Text.
:::
::::
"""
    built: Built = build(write_project(tmp_path / "p", {"index.md": page}))
    for shown in (DOCS / "tutorial" / "mistakes.txt").read_text("utf-8").splitlines():
        message = re.sub(r"^\S+:\d+: ", "", shown)
        assert any(line.endswith(message) for line in built.warnings.splitlines()), message


def test_needs_overview_example_renders_tables_and_a_chart(
    example_copy: Path, tmp_path: Path
) -> None:
    shutil.copy(DOCS / "howto" / "snippets" / "needs-overview.md", example_copy / "overview.md")
    conf = example_copy / "conf.py"  # the how-to's first step: list sphinx_needs
    conf.write_text(
        conf.read_text("utf-8").replace('"sphinx_wsis"]', '"sphinx_needs", "sphinx_wsis"]'), "utf-8"
    )
    index = example_copy / "index.md"
    index.write_text(
        index.read_text("utf-8").replace("annex\n```", "annex\noverview\n```"), "utf-8"
    )
    result = sphinx_build("-W", "-b", "html", example_copy, tmp_path / "html")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "html" / "overview.html").read_text("utf-8")
    assert "Offline libraries for secondary schools in Kilosa" in page  # a story in the table
    assert "OANA does not run e-commerce" in page  # a not-applicable reason
    assert re.search(r'<img[^>]+need_pie_[^"]*\.(png|svg)', page)


def test_json_howto_scripts_run_on_an_exported_report(tmp_path: Path) -> None:
    result = sphinx_build("-W", "-b", "wsis-json", ROOT / "example_project", tmp_path)
    assert result.returncode == 0, result.stderr
    for script in ("validate_report.py", "list_indicators.py"):
        run = subprocess.run(
            [sys.executable, DOCS / "howto" / "snippets" / script],
            cwd=tmp_path, capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert run.returncode == 0, run.stderr
    assert "Individuals using the Internet (world): 74 percent (2025)" in run.stdout
    assert "'parts': 77" in run.stdout


def sphinx_wsis(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The real ``sphinx-wsis`` command, as the tutorial runs it (output not a terminal)."""
    command = [sys.executable, "-m", "sphinx_wsis.cli", *map(str, args)]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def test_tutorial_shows_what_init_and_check_really_print(tmp_path: Path) -> None:
    entity = "Open Access Networks Alliance (OANA)"
    init = sphinx_wsis("init", "oana-report", "--entity", entity, "--stakeholder", "civil-society", cwd=tmp_path)  # fmt: skip
    assert init.returncode == 0, init.stderr
    project = tmp_path / "oana-report"
    created = sorted(p.relative_to(tmp_path).as_posix() for p in project.rglob("*") if p.is_file())
    assert created == (DOCS / "tutorial" / "init-files.txt").read_text("utf-8").split()

    check = sphinx_wsis("check", "--no-color", cwd=project)
    assert check.returncode == 1, check.stderr
    printed = [line.rstrip() for line in check.stdout.splitlines()]
    for shown in (DOCS / "tutorial" / "check-before.txt").read_text("utf-8").splitlines():
        if shown.strip() not in ("", "…"):
            assert shown.rstrip() in printed, shown

    done = sphinx_wsis("check", "--no-color", cwd=ROOT / "example_project")
    assert done.returncode == 0, done.stdout + done.stderr
    last = (DOCS / "tutorial" / "check-after.txt").read_text("utf-8").strip()
    assert done.stdout.rstrip().splitlines()[-1] == last


def test_the_architecture_page_maps_every_module() -> None:
    """A newcomer finds every module of the package, Sphinx side and command line, on one page:
    in a row of its own, or by name in the row of its folder (``word/``: ``builder``, …)."""
    page = (ROOT / "docs" / "explanation" / "architecture.md").read_text("utf-8")
    rows = [line for line in page.splitlines() if line.startswith("| `")]
    named = {name for row in rows for name in re.findall(r"`([\w/.]+\.py)`", row.split(" | ")[0])}
    folders = {
        match.group(1): set(re.findall(r"`([\w.]+?)(?:\.py)?`", row))
        for row in rows
        if (match := re.match(r"\| `([\w/]+/)` \|", row))
    }
    package = ROOT / "sphinx_wsis"
    missing = []
    for path in sorted(package.rglob("*.py")):
        module = path.relative_to(package).as_posix()
        folder, _, name = module.rpartition("/")
        if module == "__init__.py" or module in named or f"{folder}/{name}" in named:
            continue
        in_folder = folders.get(f"{folder}/", set())
        if name[:-3] in in_folder or (name == "__init__.py" and f"{folder}/" in folders):
            continue
        missing.append(module)
    assert not missing, f"not on docs/explanation/architecture.md: {missing}"
