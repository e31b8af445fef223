"""``sphinx-wsis init`` writes template text and the entity name as data, in every file.

conf.py gets Python literals, pages get Markdown or reStructuredText escapes and quoted MyST
options, README.md gets Markdown escapes: no text a template or the command line supplies can
become code, markup, live HTML or a LaTeX command. Checked on the generated files, on a real
HTML build of them, and with hypothesis on arbitrary text.
"""

from __future__ import annotations

import ast
import html
import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from docutils.core import publish_doctree
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from myst_parser.parsers.options import options_to_items

from sphinx_wsis.cli import cli
from sphinx_wsis.scaffold.escape import markdown_text, myst_option, one_line, rst_text

from .conftest import sphinx_build
from .test_cli import MINI_TEMPLATE, wsis

ENTITIES = [
    "AT&T Foundation",
    "100% Open",
    "Data_Rights #1",
    "Org \\input{/etc/hostname}",
    "Women <in> Tech",
    'O\'Brien & Söhne: "Quotes" -- {{ x }} `code` *bold* [x](y) {raw}`<b>`',
    "- Dash & 1. Number | Pipe",
    "Ünïcødé 组织 منظمة",
]


def conf_constants(path: Path) -> tuple[str | None, dict[str, object]]:
    """conf.py's docstring and its constant assignments, read by ``ast`` (never executed)."""
    module = ast.parse(path.read_text("utf-8"))
    constants = {
        node.targets[0].id: node.value.value
        for node in module.body
        if isinstance(node, ast.Assign)
        and isinstance(node.targets[0], ast.Name)
        and isinstance(node.value, ast.Constant)
    }
    return ast.get_docstring(module, clean=False), constants


def visible_text(markup: str) -> str:
    """The text a reader sees in an HTML fragment."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


@pytest.mark.parametrize("fmt", ["md", "rst"])
@pytest.mark.parametrize("entity", ENTITIES)
def test_entity_is_text_in_every_file_and_in_the_html(
    tmp_path: Path, entity: str, fmt: str
) -> None:
    project = tmp_path / "r"
    result = wsis("init", project, "-e", entity, "-s", "academia", "--format", fmt)
    assert result.returncode == 0, result.stderr

    docstring, constants = conf_constants(project / "conf.py")
    assert constants["author"] == entity
    assert constants["project"] == f"WSIS+20 Report of {entity}"
    assert constants["copyright"] == f"2025, {entity}"
    assert f"of the report WSIS+20 Report of {entity}." in (docstring or "")
    assert "latex_documents" not in (project / "conf.py").read_text("utf-8")  # Sphinx escapes

    readme = (
        MarkdownIt("commonmark").enable("table").render((project / "README.md").read_text("utf-8"))
    )
    assert visible_text(re.search(r"<h1>(.*?)</h1>", readme)[1]) == f"WSIS+20 Report of {entity}"
    assert f"report of {entity} (Academia)" in visible_text(readme)
    workflow = yaml.safe_load((project / ".github/workflows/wsis.yml").read_text("utf-8"))
    assert workflow["name"] == "WSIS report"

    built = sphinx_build("-b", "html", project, tmp_path / "out")
    assert built.returncode == 0, built.stderr
    unexpected = [
        line
        for line in built.stderr.splitlines()
        if "WARNING" in line and not re.search(r"\[wsis\.(missing|placeholder|empty)\]$", line)
    ]
    assert unexpected == []
    page = (tmp_path / "out" / "index.html").read_text("utf-8")
    heading = visible_text(re.search(r"<h1>(.*?)<a class=\"headerlink\"", page)[1])
    card = visible_text(re.search(r'class="wsis-report-entity">(.*?)</', page, re.S)[1])
    if fmt == "rst":  # reStructuredText escapes keep quotes and dashes from smart quotes
        assert heading == f"WSIS+20 Report of {entity}"
    assert _unsmart(heading) == _unsmart(f"WSIS+20 Report of {entity}")
    assert _unsmart(card) == _unsmart(entity)
    for html_page in (tmp_path / "out").rglob("*.html"):  # the theme's sidebar and footer too
        body = html_page.read_text("utf-8")
        assert "<in>" not in body and "<b>" not in body, html_page

    report = json.loads(wsis("check", project, "--format", "json").stdout)["report"]
    assert report["entity"] == entity


@pytest.mark.parametrize("entity", ENTITIES[:4])
def test_entity_is_text_in_the_latex_document(tmp_path: Path, entity: str) -> None:
    """No LaTeX setting of the new project carries the entity raw: Sphinx escapes the title."""
    project = tmp_path / "r"
    assert wsis("init", project, "-e", entity, "-s", "academia").returncode == 0
    built = sphinx_build("-b", "latex", project, tmp_path / "latex")
    assert built.returncode == 0, built.stderr
    (tex,) = (tmp_path / "latex").glob("*.tex")
    source = tex.read_text("utf-8")
    escaped = entity.replace("\\", "\\textbackslash{}").replace("&", "\\&").replace("%", "\\%")
    escaped = escaped.replace("#", "\\#").replace("_", "\\_").replace("{/", "\\{/")
    escaped = escaped.replace("hostname}", "hostname\\}")
    assert f"\\author{{{escaped}}}" in source
    assert f"\\title{{WSIS+20 Report of {escaped}}}" in source
    assert "\\input{/etc/hostname}" not in source


def test_control_characters_in_the_entity_are_refused(tmp_path: Path) -> None:
    result = wsis("init", tmp_path / "r", "-e", "A\x01B", "-s", "academia")
    assert result.returncode == 2
    assert "'--entity': holds the control character U+0001" in result.stderr
    assert not (tmp_path / "r").exists()


def _unsmart(text: str) -> str:
    """Text with Sphinx's smart quotes and dashes undone (they are typography, not loss)."""
    table = str.maketrans(
        {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "--"}
    )
    return text.translate(table)


# -- template text ------------------------------------------------------------------------------

HOSTILE_TEXT = {
    "title": 'Template"\nimport os; os.system("echo owned")\n#',
    "version": "1\nimport os\nos.system('echo owned')",
    "chapter": "Summary\n\n```{raw} html\n<script>alert(1)</script>\n```\n# Injected",
    "section": "Summary <b>bold</b> & *more* :::{note}",
    "prompt": "Summarise.\n\n.. raw:: html\n\n   <script>alert(2)</script>\n\n:::{raw} html\n<i>x</i>\n:::",
    "line": "First line `code` |sub| [link](javascript:alert(3)) %comment",
    "sub-line": "E-One\n:::\n::::{note}",
    "review": "Review </p><script>alert(4)</script> {entity} %(x)s \\input{/etc/hostname}",
}


def hostile_template() -> str:
    data = yaml.safe_load(MINI_TEMPLATE)
    data["title"] = HOSTILE_TEXT["title"]
    data["version"] = HOSTILE_TEXT["version"]
    data["chapters"][0]["title"] = HOSTILE_TEXT["chapter"]
    data["chapters"][0]["prompt"] = HOSTILE_TEXT["prompt"]
    data["chapters"][0]["parts"][0]["title"] = HOSTILE_TEXT["section"]
    data["chapters"][0]["parts"][0]["prompt"] = HOSTILE_TEXT["prompt"]
    data["chapters"][0]["parts"].append({"key": "extra", "title": "Extra", "prompt": "More."})
    data["chapters"][1]["action-lines"][0]["title"] = HOSTILE_TEXT["line"]
    data["chapters"][1]["action-lines"][0]["sub-lines"][0]["title"] = HOSTILE_TEXT["sub-line"]
    data["submission"] = {"email": "a_b@example.org", "url": "https://example.org/<x>"}
    data["review"] = {"name": HOSTILE_TEXT["review"], "period": "2005-2025"}
    return yaml.safe_dump(data, allow_unicode=True)


@pytest.mark.parametrize("fmt", ["md", "rst"])
def test_template_text_is_data_in_every_file(tmp_path: Path, fmt: str) -> None:
    template = tmp_path / "hostile.yaml"
    template.write_text(hostile_template(), "utf-8")
    project = tmp_path / "r"
    result = wsis("init", project, "-e", "E", "-s", "ngo", "--template", template, "--format", fmt)
    assert result.returncode == 0, result.stderr

    docstring, constants = conf_constants(project / "conf.py")
    assert one_line(HOSTILE_TEXT["title"]) in (docstring or "")
    assert one_line(HOSTILE_TEXT["version"]) in (docstring or "")
    assert set(constants) == {"project", "author", "copyright", "wsis_template", "html_theme"}
    assert constants["project"] == f"{HOSTILE_TEXT['review']} Report of E"  # {entity} stays text
    readme = (
        MarkdownIt("commonmark").enable("table").render((project / "README.md").read_text("utf-8"))
    )
    assert one_line(HOSTILE_TEXT["chapter"]) in visible_text(readme)
    assert "https://example.org/<x>" in visible_text(readme)
    assert "<x>" not in readme and "<script>" not in readme

    built = sphinx_build("-b", "html", project, tmp_path / "out")
    assert built.returncode == 0, built.stderr
    assert "ERROR" not in built.stderr and "Unknown directive" not in built.stderr
    pages = "".join(p.read_text("utf-8") for p in (tmp_path / "out").rglob("*.html"))
    assert "<script>alert" not in pages and "<i>x</i>" not in pages and "<b>bold</b>" not in pages
    assert 'class="admonition note"' not in pages
    text = one_line(visible_text(pages))
    for key in ("chapter", "section", "line"):
        assert _unsmart(one_line(HOSTILE_TEXT[key])) in _unsmart(text), key
    assert _unsmart(one_line(HOSTILE_TEXT["prompt"])) in _unsmart(text)
    assert f"{HOSTILE_TEXT['review']} report 2005-2025" in text  # the card's subtitle
    assert "javascript:" not in "".join(re.findall(r'href="([^"]*)"', pages))


CONTROL_FREE = st.text(
    st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=60
).filter(lambda t: t.strip() != "")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=st.text(min_size=1, max_size=60), version=CONTROL_FREE, entity=CONTROL_FREE)
def test_any_template_text_round_trips_into_conf_py(
    tmp_path_factory: pytest.TempPathFactory, title: str, version: str, entity: str
) -> None:
    """Whatever text a template holds, conf.py parses to the same constants: never code."""
    tmp = tmp_path_factory.mktemp("prop")
    data = yaml.safe_load(MINI_TEMPLATE)
    data["title"], data["version"] = title, version
    written = yaml.safe_dump(data, allow_unicode=True)
    (tmp / "t.yaml").write_text(written, "utf-8")
    # what the template file says is what YAML reads back (a NEL, U+0085, is a line break to
    # YAML: "0\x850" reads "0 0")
    title = yaml.safe_load(written)["title"]
    args = ["init", str(tmp / "r"), "-e", entity, "-s", "ngo", "--template", str(tmp / "t.yaml")]
    result = CliRunner().invoke(cli, args)
    if not one_line(title) or re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", title.strip()):
        assert result.exit_code == 2, result.output  # refused as a template problem
        assert "[wsis.template]" in result.output
        return
    assert result.exit_code == 0, result.output
    docstring, constants = conf_constants(tmp / "r" / "conf.py")
    assert docstring is not None
    assert f"follows ITU's {one_line(title)} (mini {one_line(version)})." in docstring
    assert constants["author"] == one_line(entity)
    assert set(constants) == {"project", "author", "copyright", "wsis_template", "html_theme"}


# -- the escapers, against the parsers that read their output ------------------------------------

ONE_LINE = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=80).map(one_line)


@settings(max_examples=300, deadline=None)
@given(text=ONE_LINE)
def test_markdown_text_reads_back_as_the_text(text: str) -> None:
    rendered = MarkdownIt("commonmark").enable("table").render(markdown_text(text) or "x")
    inline = rendered.removeprefix("<p>").removesuffix("</p>\n")
    assert html.unescape(inline) == (text or "x")


@settings(max_examples=300, deadline=None)
@given(text=ONE_LINE.filter(bool))
def test_rst_text_reads_back_as_the_text(text: str) -> None:
    source = f"Before.\n\n{rst_text(text)}\n"
    document = publish_doctree(source, settings_overrides={"report_level": 5})
    paragraphs = [p for p in document.children if p.tagname == "paragraph"]
    assert len(paragraphs) == 2
    assert paragraphs[1].astext() == text
    assert {child.tagname for child in paragraphs[1].children} <= {"#text"}  # no markup at all


@settings(max_examples=300, deadline=None)
@given(text=ONE_LINE)
def test_myst_option_reads_back_as_the_text(text: str) -> None:
    items, state = options_to_items(f"entity: {myst_option(text)}")
    assert items == [("entity", text)]
    assert not state.has_comments
