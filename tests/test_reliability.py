"""Robustness: hostile and huge input, random edit sequences, parallel builds, safe output."""

from __future__ import annotations

import contextlib
import random
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx.util.console import strip_colors

from sphinx_wsis import option_values
from sphinx_wsis.directives import all_directives
from sphinx_wsis.template import (
    DEFAULT_TEMPLATE,
    Template,
    TemplateError,
    load_template,
    resolve_template,
)
from sphinx_wsis.template_yaml import parse_template

from .bad_inputs import HEAD
from .conftest import ROOT, Built, write_project

DIRECTIVES = all_directives(load_template(resolve_template(DEFAULT_TEMPLATE, ROOT)))

# -- property tests: values and templates never raise anything but their own error ---------------

PARSERS = [
    option_values.number, option_values.year, option_values.date, option_values.period, option_values.email, option_values.url,
    option_values.unit, option_values.series, option_values.listing, option_values.sdgs, option_values.identifier, option_values.slug,
    lambda raw: option_values.choice(raw, option_values.SCOPES, "scope"),
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(raw=st.text(max_size=80), index=st.integers(0, len(PARSERS) - 1))
def test_value_parsers_only_raise_invalid_value(raw: str, index: int) -> None:
    try:
        PARSERS[index](raw)
    except option_values.InvalidValue as exc:
        assert str(exc)


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "title",
                    "aspects",
                    "chapters",
                    "stakeholders",
                    "key",
                    "code",
                    "parts",
                    "action-lines",
                    "sub-lines",
                    "number",
                    "placeholders",
                    "rules",
                    "x",
                ]
            ),
            children,
            max_size=6,
        )
    ),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=yaml_values)
def test_any_yaml_template_is_a_template_or_a_template_error(data: object) -> None:
    text = yaml.safe_dump(data)
    try:
        assert isinstance(parse_template(text, "t.yaml"), Template)
    except TemplateError as exc:
        assert exc.location and exc.location.startswith("t.yaml")


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200))
def test_any_text_template_is_a_template_or_a_template_error(text: str) -> None:
    with contextlib.suppress(TemplateError):
        parse_template(text, "t.yaml")


option_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")), min_size=0, max_size=30
).map(lambda s: s.replace("\n", " "))


@pytest.fixture(scope="module")
def option_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_project(tmp_path_factory.mktemp("options"), {"index.md": HEAD})


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    directive=st.sampled_from(["wsis-indicator", "wsis-success-story", "wsis-contact",
                               "wsis-report", "wsis-action-line"]),
    picks=st.dictionaries(st.sampled_from(sorted({o for d in DIRECTIVES.values()
                                                  for o in (d.option_spec or {})})),
                          option_text, max_size=6),
)  # fmt: skip
def test_random_options_never_crash_a_build(
    make_app, option_project: Path, directive, picks
) -> None:
    spec = DIRECTIVES[directive].option_spec or {}
    options = "".join(f":{k}: {v}\n" for k, v in picks.items() if k in spec)
    argument = (
        " C3"
        if directive == "wsis-action-line"
        else ("" if directive in ("wsis-contact", "wsis-report") else " Title")
    )
    page = HEAD + f":::{{{directive}}}{argument}\n{options}\nBody text.\n:::\n"
    (option_project / "index.md").write_text(page, "utf-8")
    app = make_app("html", srcdir=option_project, freshenv=True)
    app.build()  # any exception fails the test
    output = strip_colors(app.warning.getvalue())
    assert "Traceback" not in output and "Exception occurred" not in output


# -- huge and deep input --------------------------------------------------------------------------


def test_five_megabyte_aspect_is_kept_whole(build, tmp_path: Path) -> None:
    paragraph = "Community networks connect villages to affordable broadband. " * 20
    paragraphs = [f"Paragraph {i}. {paragraph}" for i in range(4100)]
    body = "\n\n".join(paragraphs)
    assert len(body) > 5_000_000
    page = (
        HEAD
        + f"::::{{wsis-action-line}} C3\n:::{{wsis-achievements}}\n{body}\n\nLAST-PARAGRAPH.\n:::\n::::\n"
    )
    built: Built = build(write_project(tmp_path / "p", {"index.md": page}))
    state = next(p for p in built.completeness["parts"] if p["id"] == "C3/achievements")
    assert state["state"] == "done"
    assert "LAST-PARAGRAPH." in built.html()
    assert "Traceback" not in built.warnings


def test_deeply_nested_directives(build, tmp_path: Path) -> None:
    depth = 30
    opening = "".join(f"{':' * (depth + 4 - i)}{{note}}\nLevel {i}.\n\n" for i in range(depth))
    closing = "".join(f"{':' * (4 + i + 1)}\n" for i in range(depth))
    page = HEAD + (
        f"{':' * (depth + 6)}{{wsis-action-line}} C3\n"
        f"{':' * (depth + 5)}{{wsis-achievements}}\n"
        f"{opening}Deepest text.\n{closing}"
        f"{':' * (depth + 5)}\n{':' * (depth + 6)}\n"
    )
    built: Built = build(write_project(tmp_path / "p", {"index.md": page}))
    assert "Deepest text." in built.html()
    state = next(p for p in built.completeness["parts"] if p["id"] == "C3/achievements")
    assert state["state"] == "done"
    assert "Traceback" not in built.warnings


def test_nested_action_lines_attach_to_the_innermost(build, tmp_path: Path) -> None:
    page = HEAD + (
        "::::::{wsis-action-line} C7\n:::::{wsis-achievements}\nC7 text.\n:::::\n"
        "::::{wsis-action-line} C7.e-health\n:::{wsis-achievements}\nHealth text.\n:::\n::::\n"
        ":::{wsis-challenges}\nBack in C7.\n:::\n::::::\n"
    )
    built: Built = build(write_project(tmp_path / "p", {"index.md": page}))
    states = {p["id"]: p["state"] for p in built.completeness["parts"]}
    assert states["C7/achievements"] == "done"
    assert states["C7.e-health/achievements"] == "done"
    assert states["C7/challenges"] == "done"
    assert states["C7.e-health/challenges"] == "missing"


# -- incremental and parallel builds agree with fresh serial ones ---------------------------------

PAGE_VARIANTS = {
    "c3": [
        "# C3\n\n::::{wsis-action-line} C3\n:::{wsis-achievements}\nDone.\n:::\n::::\n",
        "# C3\n\n::::{wsis-action-line} C3\n:::{wsis-achievements}\nTODO\n:::\n"
        ":::{wsis-challenges}\nCosts.\n:::\n::::\n",
        "# C3\n\n:::{wsis-action-line} C3\n:not-applicable: Not our field.\n:::\n",
    ],
    "c4": [
        "# C4\n\n::::{wsis-action-line} C4\n:::{wsis-priorities}\nSkills.\n:::\n"
        ":::{wsis-success-story} Training\nStory.\n:::\n::::\n",
        "# C4\n\n:::{wsis-priorities}\n:action-line: C4\nSkills again.\n:::\n",
    ],
    "ind": [
        "# IV\n\n::::{wsis-section} key-indicators\nNarrative.\n\n:::{wsis-indicator} Users\n"
        ":value: 74\n:unit: percent\n:year: 2025\n:source: ITU\n:::\n::::\n",
        "# IV\n\n:::{wsis-section} key-indicators\n:::\n",
    ],
    "dup": [
        "# Dup\n\n:::{wsis-action-line} C3\n:::\n",
        "# Dup\n\n:::{wsis-section} executive-summary\nSummary text.\n:::\n",
    ],
    "contact": [
        "# Contact\n\n:::{wsis-contact}\n:name: A. Person\n:email: a@example.org\n:::\n",
        "# Contact\n\n:::{wsis-contact}\n:name: TBD\n:email: broken\n:::\n",
    ],
}


def test_random_edit_sequences_match_fresh_builds(build, tmp_path: Path) -> None:
    rng = random.Random(20251216)
    project = write_project(tmp_path / "inc", {"index.md": HEAD})
    present: dict[str, str] = {}
    build(project)
    for step in range(14):
        name = rng.choice(sorted(PAGE_VARIANTS))
        if name in present and rng.random() < 0.3:
            (project / f"{name}.md").unlink()
            del present[name]
        else:
            present[name] = rng.choice(PAGE_VARIANTS[name])
            (project / f"{name}.md").write_text(present[name], "utf-8")
        incremental = build(project)
        fresh = build(
            write_project(
                tmp_path / f"fresh{step}",
                {"index.md": HEAD} | {f"{k}.md": v for k, v in present.items()},
            ),
            freshenv=True,
        )
        assert incremental.completeness == fresh.completeness, (step, name, sorted(present))
        assert sorted(incremental.wsis_warnings()) == sorted(
            w.replace(f"/fresh{step}/", "/inc/") for w in fresh.wsis_warnings()
        ), step


@pytest.mark.parametrize("jobs", [2, 4])
def test_parallel_example_matches_serial(
    build, example_copy: Path, tmp_path: Path, jobs: int
) -> None:
    other = tmp_path / f"j{jobs}"
    shutil.copytree(example_copy, other, ignore=shutil.ignore_patterns("_build"))
    (other / "action-lines" / "c5.md").write_text("# C5\n\nGone.\n", "utf-8")
    (example_copy / "action-lines" / "c5.md").write_text("# C5\n\nGone.\n", "utf-8")
    serial = build(example_copy)
    parallel = build(other, parallel=jobs)
    assert parallel.completeness == serial.completeness
    assert len(serial.wsis_warnings("missing")) == 4


# -- safe output ------------------------------------------------------------------------------------

HOSTILE = '<script>alert("x")</script>"><img src=x onerror=alert(1)>'


def test_every_option_value_is_escaped_in_html(build, tmp_path: Path) -> None:
    blocks = []
    for name, directive in DIRECTIVES.items():
        options = "".join(f":{option}: {HOSTILE}\n" for option in directive.option_spec or {})
        argument = f" {HOSTILE}" if directive.required_arguments else ""
        blocks.append(f":::{{{name}}}{argument}\n{options}\nBody.\n:::\n")
    page = "# Hostile\n\n" + "\n".join(blocks)
    built: Built = build(write_project(tmp_path / "p", {"index.md": page}))
    for html_file in built.outdir.rglob("*.html"):
        html = html_file.read_text("utf-8")
        assert "<script>alert" not in html, html_file
        assert "<img src=x" not in html, html_file
    assert "&lt;script&gt;alert" in built.html()
    assert "Traceback" not in built.warnings
