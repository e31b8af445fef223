"""Nothing the author wrote is missing from report.json: the example, round-tripped."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes

from sphinx_wsis.domain import domain_of
from sphinx_wsis.nodes import RECORD_NODES, wsis_facts, wsis_summary
from sphinx_wsis.textify import inline_text

from .conftest import Built, write_project
from .test_json import assert_valid


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def squash(text: str) -> str:
    return " ".join(text.split())


def authored(node: nodes.Node) -> bool:
    """Whether ``node`` is the author's text, not a part sphinx-wsis generated around it."""
    parent: nodes.Node | None = node
    while parent is not None:
        if isinstance(parent, (wsis_summary, wsis_facts, addnodes.toctree, nodes.comment)):
            return False
        if isinstance(parent, nodes.compound) and "toctree-wrapper" in parent["classes"]:
            return False
        if isinstance(parent, RECORD_NODES):
            return True
        if isinstance(parent, nodes.Element) and any(
            c.startswith("wsis-") for c in parent.get("classes", [])
        ):
            return False
        parent = parent.parent
    return True


def test_every_paragraph_table_cell_and_story_of_the_example_is_in_report_json(
    build: Callable[..., Built], example_copy: Path
) -> None:
    built = build(example_copy, "wsis-json")
    document = json.loads((built.outdir / "report.json").read_text("utf-8"))
    assert_valid(document)
    everything = squash("\n".join(strings(document)))
    env, builder = built.app.env, built.app.builder
    checked = {"paragraph": 0, "cell": 0, "story": 0}
    for docname in sorted(env.found_docs):
        tree = env.get_and_resolve_doctree(docname, builder, tags=builder.tags)
        for paragraph in tree.findall(nodes.paragraph):
            if authored(paragraph) and inline_text(paragraph):
                assert squash(inline_text(paragraph)) in everything, (docname, paragraph.astext())
                checked["paragraph"] += 1
        for table in tree.findall(nodes.table):
            if not authored(table):
                continue
            cells = [squash(e.astext()) for e in table.findall(nodes.entry)]
            rows = [row for item in _tables(document) for row in item["rows"]]
            for cell in cells:
                assert any(cell in [squash(c) for c in row] for row in rows), (docname, cell)
                checked["cell"] += 1
    titles = {story["title"] for story in document["stories"]}
    for story in domain_of(env).records("stories"):
        assert story.title in titles
        checked["story"] += 1
    assert min(checked.values()) > 0, checked  # the example has each kind: nothing skipped


def _tables(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        if set(value) == {"table"}:
            yield value["table"]
        for item in value.values():
            yield from _tables(item)
    elif isinstance(value, list):
        for item in value:
            yield from _tables(item)


def test_title_logo_introductions_tables_and_references_are_exported(
    tmp_path: Path, build: Callable[..., Built]
) -> None:
    src = write_project(
        tmp_path / "src",
        {
            "index.md": "# National Report of Ruritania\n\n:::{wsis-report}\n"
            ":entity: Ministry of ICT\n:stakeholder: government\n:logo: logo.png\n:::\n\n"
            "The Ministry regulates {wsis:al}`C2` networks; see {wsis:story}`fibre-for-all`.\n\n"
            "```{toctree}\nlines\n```\n",
            "lines.md": "# II. Progress on WSIS Action Lines\n\nThis chapter covers our lines.\n\n"
            "## C2. Infrastructure\n\n::::{wsis-action-line} C2\n:::{wsis-achievements}\n"
            "See {wsis:al}`C4`.\n\n| Year | Towers |\n|---|---|\n| 2020 | 3 |\n| 2024 | 12 |\n"
            ":::\n:::{wsis-success-story} Fibre for all\nStory text.\n:::\n::::\n",
        },
    )
    (src / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    built = build(src, "wsis-json")
    document = json.loads((built.outdir / "report.json").read_text("utf-8"))
    assert_valid(document)
    report = document["report"]
    assert report["title"] == "National Report of Ruritania"
    assert report["logo"] == "logo.png"
    assert report["introduction"] == [
        "The Ministry regulates C2 Information and communication infrastructure networks; "
        "see Fibre for all."
    ]
    assert document["introductions"] == [
        {
            "title": "II. Progress on WSIS Action Lines",
            "paragraphs": ["This chapter covers our lines."],
            "defined_at": {"file": "lines.md", "line": 1},
        }
    ]
    (c2,) = [line for line in document["action_lines"] if line["code"] == "C2"]
    assert c2["aspects"]["achievements"]["paragraphs"] == [
        "See C4 Capacity building.",
        {"table": {"header_rows": 1, "rows": [["Year", "Towers"], ["2020", "3"], ["2024", "12"]]}},
    ]
