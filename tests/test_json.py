"""The ``wsis-json`` builder: report.json is valid, faithful to the sources, and deterministic."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from sphinx_wsis.template import load_template, resolve_template

from .conftest import EXAMPLE, Built, sphinx_build, write_project

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "sphinx_wsis" / "schemas" / "report.schema.json"


def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def assert_valid(document: dict[str, Any]) -> None:
    errors = [f"{e.json_path}: {e.message}" for e in validator().iter_errors(document)]
    assert errors == []


def all_errors(errors: Iterable[jsonschema.ValidationError]) -> Iterator[Any]:
    """Each error with the errors inside it (a ``oneOf`` reports its branches' there)."""
    for error in errors:
        yield error
        yield from all_errors(error.context or [])


def report_of(built: Built) -> dict[str, Any]:
    return json.loads((built.outdir / "report.json").read_text("utf-8"))


@pytest.fixture
def example_json(build: Callable[..., Built], example_copy: Path) -> tuple[Built, dict[str, Any]]:
    built = build(example_copy, "wsis-json")
    return built, report_of(built)


# -- the example report ---------------------------------------------------------------------------


def test_example_report_json_validates_against_the_schema(example_json: tuple) -> None:
    built, report = example_json
    assert built.warnings == ""
    assert_valid(report)
    assert report["template"] == {
        "id": "wsis20-stakeholder",
        "version": "2025.05",
        "title": "20-Year Reporting Template",
    }
    assert report["report"]["stakeholder"] == "civil-society"
    assert report["report"]["period"] == {"start": 2005, "end": 2025}
    assert report["contact"]["email"] == "a.odhiambo@oana.example.org"
    assert report["completeness"]["complete"] is True
    assert report["completeness"] == built.completeness
    # no page is rendered, and the example does not list sphinx_needs: nothing else is written
    assert {p.name for p in built.outdir.iterdir()} == {"report.json", "wsis-completeness.json"}


def test_the_schema_rejects_what_the_document_must_not_hold(example_json: tuple) -> None:
    """The schema is strict enough to catch a wrong type, a stray key or an unknown state."""
    _, report = example_json
    broken = json.loads(json.dumps(report))
    broken["indicators"][0]["value"] = "74"
    broken["stories"][0]["extra"] = 1
    broken["completeness"]["parts"][0]["state"] = "almost"
    broken["report"]["stakeholder"] = "ministry"
    paths = {e.json_path for e in all_errors(validator().iter_errors(broken))}
    assert {
        "$.indicators[0].value",
        "$.stories[0]",
        "$.completeness.parts[0].state",
        "$.report.stakeholder",
    } <= paths


def test_template_order_and_c7_sub_lines(example_json: tuple) -> None:
    _, report = example_json
    template = load_template(resolve_template("wsis20-stakeholder", "."))
    assert [a["code"] for a in report["action_lines"]] == [a.code for a in template.action_lines]
    health = next(a for a in report["action_lines"] if a["code"] == "C7.e-health")
    assert health["parent"] == "C7"
    assert health["heading"] == "C7 E-Health"
    business = next(a for a in report["action_lines"] if a["code"] == "C7.e-business")
    assert business["not_applicable"].startswith("OANA does not run e-commerce")
    assert business["aspects"] == {"achievements": None, "challenges": None, "priorities": None}
    c3 = next(a for a in report["action_lines"] if a["code"] == "C3")
    assert c3["stories"] == ["offline-libraries-for-secondary-schools-in-kilosa"]
    assert "internet-users-2025" in c3["indicators"]
    assert c3["defined_at"] == {"file": "action-lines/c3.md", "line": 3}


# -- round trips: every value in report.json is what the sources say ------------------------------


def myst_blocks(path: Path, name: str) -> Iterator[tuple[int, str, dict[str, str], str]]:
    """``(line, argument, options, body)`` of each ``:::{name}`` block in a MyST page."""
    lines = path.read_text("utf-8").splitlines()
    for i, line in enumerate(lines):
        match = re.match(r"^(:{3,})\{" + re.escape(name) + r"\}\s*(.*)$", line)
        if not match:
            continue
        fence, argument = match[1], match[2].strip()
        end = next(j for j in range(i + 1, len(lines)) if lines[j].rstrip() == fence)
        options: dict[str, str] = {}
        j = i + 1
        while j < end and (option := re.match(r"^:([\w-]+):\s*(.*)$", lines[j])):
            options[option[1]] = option[2]
            j += 1
        yield i + 1, argument, options, "\n".join(lines[j:end])


def source_words(body: str, shown: dict[str, str] | None = None) -> list[str]:
    """The words of a MyST body as a reader sees them: no emphasis, links as ``label (url)``,
    a reference as the text it shows (``shown``: ``{wsis:al}`C3``` to its text)."""
    for role, text in (shown or {}).items():
        body = body.replace(role, text)
    text = re.sub(r"\{[\w:-]+\}`([^`<]*?)\s*(?:<[^>]*>)?`", r"\1", body)
    text = re.sub(r"\[([^\]]+)\]\((https?://[^)\s]+)\)", r"\1 (\2)", text)
    text = re.sub(r"\*\*([^*]+)\*\*", r"\1", text)
    text = re.sub(r"\*([^*]+)\*", r"\1", text)
    return text.split()


def source_number(raw: str) -> int | float:
    raw = raw.strip().replace(",", "")
    return int(raw) if re.fullmatch(r"-?\d+", raw) else float(raw)


def test_every_indicator_value_round_trips(example_json: tuple) -> None:
    _, report = example_json
    by_id = {i["id"]: i for i in report["indicators"]}
    seen = 0
    for page in sorted(EXAMPLE.rglob("*.md")):
        for _, name, options, _body in myst_blocks(page, "wsis-indicator"):
            exported = by_id[options["id"]]
            seen += 1
            assert exported["name"] == name
            for option, key in [("value", "value"), ("baseline", "baseline"), ("target", "target")]:
                if option in options:
                    expected = source_number(options[option])
                    assert exported[key] == expected, (options["id"], option)
                    assert type(exported[key]) is type(expected), (options["id"], option)
            for option in ("year", "baseline-year", "target-year"):
                if option in options:
                    assert exported[option.replace("-", "_")] == int(options[option])
            if "series" in options:
                pairs = [p.split(":") for p in options["series"].split(";")]
                expected_series = [{"year": int(y), "value": source_number(v)} for y, v in pairs]
                assert exported["series"] == expected_series
            assert exported["unit"] == options["unit"]
    assert seen == len(report["indicators"]) >= 9


def test_every_aspect_text_round_trips(example_json: tuple) -> None:
    _, report = example_json
    template = load_template(resolve_template("wsis20-stakeholder", "."))
    lines = {a["code"]: a for a in report["action_lines"]}
    shown = {f"{{wsis:al}}`{line.code}`": line.heading for line in template.action_lines}
    shown.update({f"{{wsis:story}}`{s['slug']}`": s["title"] for s in report["stories"]})
    shown.update({f"{{wsis:ind}}`{i['id']}`": i["name"] for i in report["indicators"]})
    seen = 0
    for page in sorted((EXAMPLE / "action-lines").glob("*.md")):
        owners = sorted(
            (line, template.normalize_code(argument))
            for line, argument, _, _ in myst_blocks(page, "wsis-action-line")
        )
        for aspect in ("achievements", "challenges", "priorities"):
            for line, _, options, body in myst_blocks(page, f"wsis-{aspect}"):
                code = template.normalize_code(options.get("action-line", "")) or next(
                    c for start, c in reversed(owners) if start < line
                )
                exported = lines[code]["aspects"][aspect]
                assert exported["defined_at"]["file"] == page.relative_to(EXAMPLE).as_posix()
                assert exported["defined_at"]["line"] == line
                assert " ".join(exported["paragraphs"]).split() == source_words(body, shown), (
                    code,
                    aspect,
                )
                seen += 1
    written = sum(1 for a in report["action_lines"] for v in a["aspects"].values() if v)
    assert seen == written >= 30


# -- determinism ----------------------------------------------------------------------------------


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    """Two copies in different places, one read in parallel: the same bytes."""
    outputs = []
    for name, jobs in (("first", "1"), ("second", "2")):
        source = tmp_path / name
        shutil.copytree(EXAMPLE, source, ignore=shutil.ignore_patterns("_build"))
        result = sphinx_build("-E", "-j", jobs, "-b", "wsis-json", source, tmp_path / f"{name}-out")
        assert result.returncode == 0, result.stderr
        outputs.append((tmp_path / f"{name}-out" / "report.json").read_bytes())
    assert outputs[0] == outputs[1]
    assert str(tmp_path).encode() not in outputs[0]


def test_sphinx_build_b_wsis_json_without_needs_writes_only_the_report(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = sphinx_build(
        "-W", "-b", "wsis-json", "-d", tmp_path / "doctrees", "-D", "wsis_use_needs=0",
        EXAMPLE, out,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["report.json", "wsis-completeness.json"]
    assert_valid(json.loads((out / "report.json").read_text("utf-8")))


# -- an incomplete report -------------------------------------------------------------------------

PARTIAL = {
    "index.md": """\
# Partial report

::::{wsis-action-line} C3
See the [open data portal](https://data.example.org) and **our** plan.

:::{wsis-achievements}
Reached *2.5* per cent more schools; details at <https://example.org/schools>.

- first item
- second item
:::
::::

::::{wsis-action-line} C7
:not-applicable: We do not run ICT applications.
::::

:::{wsis-indicator} Share of schools online
:id: schools_online
:value: 12.5
:unit: percent
:year: 2024
:source: Ministry of Education
:series: 2020: 3; 2024: 12.5
:::

:::{wsis-indicator} Schools online
:id: schools-online
:value: 1,250
:unit: number
:year: 2024
:source: Ministry of Education
:::
""",
}


def test_an_incomplete_report_still_exports_every_template_part(
    build: Callable[..., Built], tmp_path: Path
) -> None:
    built = build(write_project(tmp_path / "partial", PARTIAL), "wsis-json")
    report = report_of(built)
    assert_valid(report)
    assert report["report"] is None and report["contact"] is None
    assert report["completeness"]["complete"] is False
    assert len(report["sections"]) == 7
    assert all(s["paragraphs"] == [] and s["defined_at"] is None for s in report["sections"])
    lines = {a["code"]: a for a in report["action_lines"]}
    assert lines["C1"]["aspects"]["achievements"] is None and lines["C1"]["defined_at"] is None
    # markup reduced to text, links kept as URLs, a list kept as one paragraph of items
    assert lines["C3"]["paragraphs"] == [
        "See the open data portal (https://data.example.org) and our plan."
    ]
    assert lines["C3"]["aspects"]["achievements"]["paragraphs"] == [
        "Reached 2.5 per cent more schools; details at https://example.org/schools.",
        "- first item\n- second item",
    ]
    # a sub-line inherits its parent's reason
    assert lines["C7.e-health"]["not_applicable"] == "We do not run ICT applications."
    indicators = {i["id"]: i for i in report["indicators"]}
    assert indicators["schools_online"]["value"] == 12.5
    assert indicators["schools_online"]["series"] == [
        {"year": 2020, "value": 3},
        {"year": 2024, "value": 12.5},
    ]
    assert indicators["schools-online"]["value"] == 1250
    assert indicators["schools-online"]["baseline"] is None


def test_a_broken_reference_is_reported_as_in_the_html_build(
    build: Callable[..., Built], tmp_path: Path
) -> None:
    files = {"index.md": PARTIAL["index.md"] + "\nSee {wsis:story}`no-such-story`.\n"}
    built = build(write_project(tmp_path / "partial", files), "wsis-json")
    [line] = built.wsis_warnings("unknown")
    assert "index.md:" in line and "no success story 'no-such-story'" in line


def test_an_incremental_build_exports_the_edited_value(
    build: Callable[..., Built], tmp_path: Path
) -> None:
    project = write_project(tmp_path / "partial", PARTIAL)
    build(project, "wsis-json")
    page = project / "index.md"
    page.write_text(page.read_text("utf-8").replace(":value: 12.5", ":value: 14"), "utf-8")
    report = report_of(build(project, "wsis-json"))
    assert next(i for i in report["indicators"] if i["id"] == "schools_online")["value"] == 14
