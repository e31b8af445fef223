"""``sphinx-wsis aggregate`` on generated sets of reports: counts, attribution, data files,
determinism, rejections and exit codes, and report projects built on the way."""

from __future__ import annotations

import csv
import json
import random
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from sphinx_wsis.aggregate import data_stage, inputs
from sphinx_wsis.aggregate.synthesis import SCHEMA_PATH, report_id
from sphinx_wsis.cli import cli
from sphinx_wsis.vocabulary import summary_sentence

from .conftest import EXAMPLE, ROOT

#: Indicator fields of the catalogue (added to report.schema.json by the catalogue work); the
#: tests add them to the schema when it lacks them, so codes can be tested either way.
CATALOGUE_FIELDS = {
    "code": {"type": ["string", "null"]},
    "dimensions": {"type": "object", "additionalProperties": {"type": "string"}},
    "unit_mult": {"type": ["integer", "null"]},
}
INJECTED = '=HYPERLINK("http://evil.example","x") <script>alert(1)</script> **b** \\textbf{x}'


@pytest.fixture(scope="module")
def example_document() -> dict[str, Any]:
    from sphinx_wsis.cli.sphinx_run import run_sphinx

    with run_sphinx(EXAMPLE, "wsis-json") as run:
        return json.loads((run.outdir / "report.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def generator() -> Any:
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import generate_reports
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return generate_reports


@pytest.fixture(autouse=True)
def catalogue_schema(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The shipped schema with the catalogue's optional indicator fields (if it lacks them)."""
    schema = json.loads(inputs.SCHEMA_PATH.read_text("utf-8"))
    props = schema["$defs"]["indicator"]["properties"]
    for name, spec in CATALOGUE_FIELDS.items():
        props.setdefault(name, spec)
    import jsonschema_rs

    validator = jsonschema_rs.validator_for(schema)
    monkeypatch.setattr(inputs, "report_schema", lambda: schema)
    monkeypatch.setattr(inputs, "_validator", lambda: validator)
    yield


@pytest.fixture
def reports(
    tmp_path: Path, example_document: dict[str, Any], generator: Any
) -> tuple[Path, list[dict[str, Any]]]:
    """24 varied reports, 4 broken files, a report without entity, an older duplicate."""
    docs = generator.generate(24, example_document, seed=7, fields=set(CATALOGUE_FIELDS))
    docs[0]["stories"][0]["title"] = INJECTED
    docs[1]["report"]["entity"] = "Acme <b>Corp</b> & `Co` \\LaTeX{} $x$"
    docs[4]["report"].update(stakeholder=None, stakeholder_label=None)
    folder = tmp_path / "in"
    generator.write(docs, folder, invalid=4)
    older = json.loads(json.dumps(docs[2]))
    older["report"]["date"] = "2024-01-01"
    older["stories"] = older["stories"][:1]
    (folder / "zz-older-duplicate.json").write_text(json.dumps(older), "utf-8")
    nameless = json.loads(json.dumps(docs[3]))
    nameless["report"] = None
    (folder / "no-entity.json").write_text(json.dumps(nameless), "utf-8")
    return folder, docs


def _aggregate(*args: str | Path) -> Any:
    return CliRunner().invoke(cli, ["aggregate", *map(str, args)], catch_exceptions=False)


def test_counts_of_the_coverage_matrix(
    reports: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    folder, docs = reports
    outcome = data_stage([folder], tmp_path / "out")
    synthesis = outcome.synthesis
    assert synthesis["overview"]["reports"] == 24
    expected: Counter[tuple[str, str, str]] = Counter()
    for doc in docs:
        states = {p["id"]: p["state"] for p in doc["completeness"]["parts"]}
        kind = doc["report"]["stakeholder"] or "not-stated"
        for line in doc["action_lines"]:
            if line["not_applicable"] is not None:
                expected[(line["code"], kind, "not_applicable")] += 1
            elif any(
                states.get(f"{line['code']}/{k}") == "done" for k in [*line["aspects"], "stories"]
            ):
                expected[(line["code"], kind, "reported")] += 1
    seen_na = 0
    for line in synthesis["action_lines"]:
        for cell in line["coverage"]:
            for what in ("reported", "not_applicable"):
                assert cell[what] == expected[(line["code"], cell["stakeholder"], what)], (
                    line["code"],
                    cell,
                )
        assert line["reported"] == sum(c["reported"] for c in line["coverage"])
        seen_na += line["not_applicable"]
    assert seen_na > 10  # the generated set declares lines not applicable
    by_type = {s["key"]: s["reports"] for s in synthesis["overview"]["by_stakeholder"]}
    assert {k: n for k, n in by_type.items() if n} == Counter(
        d["report"]["stakeholder"] or "not-stated" for d in docs
    )
    assert {c["name"] for c in synthesis["overview"]["by_language"]} >= {"en", "fr"}
    assert synthesis["overview"]["with_gaps"] == sum(
        not d["completeness"]["complete"] for d in docs
    )


def test_every_story_and_indicator_appears_once_with_attribution(
    reports: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    folder, docs = reports
    out = tmp_path / "out"
    data_stage([folder], out)
    stories = list(csv.DictReader((out / "stories.csv").open(encoding="utf-8")))
    expected = Counter((d["report"]["entity"], s["slug"]) for d in docs for s in d["stories"])
    assert Counter((r["entity"], r["slug"]) for r in stories) == expected
    assert max(expected.values()) == 1
    for row in stories:
        assert row["report_id"] == report_id(row["entity"], "wsis20-stakeholder")
    values = [
        r
        for r in csv.DictReader((out / "indicators.csv").open(encoding="utf-8"))
        if r["kind"] == "value"
    ]
    expected_ind = Counter((d["report"]["entity"], i["id"]) for d in docs for i in d["indicators"])
    assert Counter((r["entity"], r["indicator_id"]) for r in values) == expected_ind
    assert max(expected_ind.values()) == 1
    coded = [r for r in values if r["code"]]
    assert coded and len(coded) < len(values)  # with and without catalogue codes


def test_indicators_grouped_by_code_and_normalised(
    reports: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    folder, _ = reports
    synthesis = data_stage([folder], tmp_path / "out").synthesis
    indicators = synthesis["indicators"]
    for group in synthesis["indicator_groups"]:
        members = [indicators[i] for i in group["indicators"]]
        if group["code"]:
            assert {(m["code"], m["disaggregation"]) for m in members} == {
                (group["code"], group["disaggregation"])
            }
        else:
            assert {(m["code"], m["name"]) for m in members} == {(None, group["name"])}
    codes = list(dict.fromkeys(g["code"] for g in synthesis["indicator_groups"] if g["code"]))
    assert codes == ["4.4.1", "5.b.1", "9.c.1", "17.6.1", "17.8.1"]  # numeric order
    assert any(g["disaggregation"] == "sex=female" for g in synthesis["indicator_groups"])
    scaled = [i for i in indicators if i["multiplier"] == 10**6]
    assert scaled and all(i["normalised_value"] == round(i["value"] * 10**6) for i in scaled)


def test_csv_and_workbook_contents(
    reports: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    folder, _ = reports
    out = tmp_path / "out"
    data_stage([folder], out)
    stories = list(csv.reader((out / "stories.csv").open(encoding="utf-8")))
    injected = [row for row in stories if "HYPERLINK" in row[6]]
    assert injected[0][6] == "'" + INJECTED  # defused for spreadsheets
    book = load_workbook(out / "synthesis.xlsx")
    assert book.sheetnames == [
        "reports",
        "coverage",
        "indicators",
        "stories",
        "sdgs",
        "partners",
        "rejected",
    ]
    sheet = book["stories"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == stories[0]
    assert len(rows) == len(stories)
    cell = next(c for c in sheet["G"] if c.value and "HYPERLINK" in str(c.value))
    assert cell.value == INJECTED and cell.data_type == "s"  # text, not a formula
    indicators = list(book["indicators"].iter_rows(values_only=True))
    assert len(indicators) == sum(1 for _ in (out / "indicators.csv").open(encoding="utf-8"))
    rejected = dict(list(book["rejected"].iter_rows(values_only=True))[1:])
    assert set(rejected) == {
        "../in/bad-value.json",
        "../in/not-json.json",
        "../in/old-schema.json",
        "../in/truncated.json",
        "../in/no-entity.json",
    }
    schema = json.loads(SCHEMA_PATH.read_text("utf-8"))
    jsonschema.validate(json.loads((out / "synthesis.json").read_text("utf-8")), schema)


def test_duplicate_entity_keeps_the_later_report(
    reports: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    folder, docs = reports
    synthesis = data_stage([folder], tmp_path / "out").synthesis
    [duplicate] = synthesis["duplicates"]
    assert duplicate["entity"] == docs[2]["report"]["entity"]
    assert duplicate["kept"] == "../in/report-0003.json"
    assert duplicate["dropped"] == ["../in/zz-older-duplicate.json"]
    kept = [
        s
        for s in synthesis["stories"]
        if s["report"] == report_id(docs[2]["report"]["entity"], "wsis20-stakeholder")
    ]
    assert len(kept) == len(docs[2]["stories"])


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".doctrees" not in p.parts
    }


def test_same_inputs_in_any_order_give_identical_outputs(
    reports: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    folder, _ = reports
    files = sorted(folder.iterdir())
    shuffled = files[:]
    random.Random(3).shuffle(shuffled)
    out = tmp_path / "out"
    first = _aggregate(*files, "-o", out, "--quiet")
    assert first.exit_code == 1
    snapshot = _tree(out)
    shutil.rmtree(out)
    second = _aggregate(*shuffled, "-o", out, "--quiet")
    assert second.exit_code == 1
    again = _tree(out)
    assert sorted(again) == sorted(snapshot)
    differing = [name for name in snapshot if snapshot[name] != again[name]]
    assert differing == []
    assert any(name.endswith(".svg") for name in snapshot)
    assert "synthesis.xlsx" in snapshot


def test_rejected_inputs_are_named_with_the_reason(
    reports: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    folder, _ = reports
    result = _aggregate(folder, "-o", tmp_path / "out", "--no-site")
    assert result.exit_code == 1
    lines = sorted(line for line in result.stderr.splitlines() if line.startswith("rejected: "))
    expected = [
        (
            "bad-value.json",
            "does not match report.schema.json: at /report/stakeholder: "
            f"{json.loads((folder / 'bad-value.json').read_text('utf-8'))['report']['stakeholder']!r}"
            " is not one of ['",
        ),
        (
            "no-entity.json",
            "the report names no entity (it needs a wsis-report block with :entity:)",
        ),
        ("not-json.json", "not valid JSON: line 1 column 1: Expecting value"),
        (
            "old-schema.json",
            "written for schema 'urn:sphinx-wsis:schema:report:0'; this sphinx-wsis reads 'urn:sphinx-wsis:schema:report:1' (export the report again with this version)",
        ),
        ("truncated.json", "not valid JSON (the file is truncated): line "),
    ]
    assert len(lines) == len(expected)
    for line, (name, reason) in zip(lines, expected, strict=True):
        assert line.startswith(f"rejected: {folder / name}: {reason}")
    assert "Aggregated 24 reports (5 inputs rejected, 1 entities reported twice)" in result.stderr
    assert "Traceback" not in result.output


def test_report_text_is_data_in_html_and_latex(
    reports: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    from sphinx_wsis.aggregate.site import _sphinx, build_site, write_site

    folder, docs = reports
    out = tmp_path / "out"
    outcome = data_stage([folder / "report-0001.json", folder / "report-0002.json"], out)
    write_site(outcome.synthesis, out)
    assert build_site(out) == []
    code = next(c for c in docs[0]["stories"][0]["action_lines"])
    page = (out / "html" / "action-lines" / f"{code.lower().replace('.', '-')}.html").read_text(
        "utf-8"
    )
    assert "<script>alert(1)</script>" not in page
    assert (
        "=HYPERLINK(&quot;http://evil.example&quot;,&quot;x&quot;) &lt;script&gt;alert(1)&lt;/script&gt; **b** \\textbf{x}"
        in page
    )
    entity = "Acme &lt;b&gt;Corp&lt;/b&gt; &amp; `Co` \\LaTeX{} $x$"
    reports_page = (out / "html" / "reports.html").read_text("utf-8")
    assert f"<h2>{entity}" in reports_page
    # the verdict in the words of the report and of sphinx-wsis check
    totals = docs[1]["completeness"]["totals"]
    assert f"<p>{summary_sentence(totals)}</p>" in reports_page
    rid = report_id(docs[1]["report"]["entity"], "wsis20-stakeholder")
    # attributed: linked to the report's entry and to the source file
    assert f'href="../reports.html#report-{rid}"' in page
    assert 'href="../../../in/report-0002.json"' in page
    assert _sphinx(out, "latex", out / "latex", None) == []
    tex = (out / "latex" / "wsis-synthesis.tex").read_text("utf-8")
    assert r"\textbackslash{}textbf\{x\}" in tex
    assert r"Acme <b>Corp</b> \& `Co` \textbackslash{}LaTeX\{\} \$x\$" in tex


def test_report_projects_are_built_and_aggregated(
    tmp_path: Path, example_document: dict[str, Any]
) -> None:
    submissions = tmp_path / "submissions"
    shutil.copytree(EXAMPLE, submissions / "oana", ignore=shutil.ignore_patterns("_build"))
    init = CliRunner().invoke(
        cli,
        [
            "init",
            str(submissions / "beta"),
            "--entity",
            "Beta University",
            "--stakeholder",
            "academia",
        ],
    )
    assert init.exit_code == 0, init.output
    broken = submissions / "broken"
    broken.mkdir()
    (broken / "conf.py").write_text(
        'extensions = ["sphinx_wsis"]\nraise RuntimeError("boom")\n', "utf-8"
    )
    loose = example_document | {"report": example_document["report"] | {"entity": "Loose Org"}}
    (submissions / "loose.json").write_text(json.dumps(loose), "utf-8")
    out = tmp_path / "out"
    result = _aggregate(submissions, "-o", out, "--no-site", "-j", "2")
    assert result.exit_code == 1, result.output
    rejected = [line for line in result.stderr.splitlines() if line.startswith("rejected: ")]
    assert rejected == [
        f"rejected: {broken}: the project does not build: configuration error: "
        f"{broken / 'conf.py'}:2: RuntimeError: boom"
    ]
    synthesis = json.loads((out / "synthesis.json").read_text("utf-8"))
    by_entity = {r["entity"]: r for r in synthesis["reports"]}
    assert set(by_entity) == {
        "Open Access Networks Alliance (OANA)",
        "Beta University",
        "Loose Org",
    }
    assert by_entity["Beta University"]["project"] == "../submissions/beta"
    assert not by_entity["Beta University"]["complete"] and by_entity["Beta University"]["gaps"]
    assert by_entity["Open Access Networks Alliance (OANA)"]["complete"]
    built = by_entity["Open Access Networks Alliance (OANA)"]["source"]
    assert built.startswith("projects/oana-") and built.endswith("/report.json")
    assert (out / built).is_file()
    assert by_entity["Loose Org"]["project"] is None


@pytest.mark.latex
def test_pdf_of_the_synthesis_prints_every_script(
    tmp_path: Path, example_document: dict[str, Any], generator: Any
) -> None:
    from pypdf import PdfReader

    [doc] = generator.generate(1, example_document, seed=2, fields=set(CATALOGUE_FIELDS))
    doc["report"]["entity"] = "数字发展研究中心 & Co {x}"
    doc["stories"][0]["partners"] = ["جامعة القاهرة", "МГУ"]
    folder = tmp_path / "in"
    generator.write([doc], folder)
    out = tmp_path / "out"
    result = _aggregate(folder, "-o", out, "--pdf", "--quiet")
    assert result.exit_code == 0, result.stderr
    text = " ".join(page.extract_text() for page in PdfReader(out / "wsis-synthesis.pdf").pages)
    assert "数字发展研究中心 & Co {x}" in text
    assert "МГУ" in text
    log = (out / "latex" / "wsis-synthesis.log").read_text("utf-8", "replace")
    assert "Missing character" not in log


def test_output_inside_an_input_folder_is_not_read_back(
    reports: tuple[Path, list[dict[str, Any]]],
) -> None:
    folder, _ = reports
    first = data_stage([folder], folder / "synthesis").synthesis
    (folder / "synthesis" / "projects" / "x").mkdir(parents=True)
    shutil.copy(
        folder / "report-0001.json", folder / "synthesis" / "projects" / "x" / "report.json"
    )
    again = data_stage([folder], folder / "synthesis").synthesis
    assert again["overview"] == first["overview"]
    assert again["duplicates"] == first["duplicates"]


def test_exit_status_says_whether_every_input_was_read(
    reports: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    folder, _ = reports
    good = sorted(folder.glob("report-*.json"))
    read_all = _aggregate(*good, "-o", tmp_path / "all", "--no-site", "--quiet")
    assert (read_all.exit_code, read_all.stderr) == (0, "")
    some_rejected = _aggregate(
        *good, folder / "truncated.json", "-o", tmp_path / "some", "--no-site", "--quiet"
    )
    assert some_rejected.exit_code == 1
    assert some_rejected.stderr.startswith(f"rejected: {folder / 'truncated.json'}: not valid JSON")
    (tmp_path / "empty").mkdir()
    nothing = _aggregate(tmp_path / "empty", "-o", tmp_path / "none")
    assert nothing.exit_code == 2
    assert (
        f"no report.json files or report projects found in {tmp_path / 'empty'}" in nothing.stderr
    )
    assert _aggregate(folder).exit_code == 2  # no -o
    (tmp_path / "theirs" / "source").mkdir(parents=True)
    (tmp_path / "theirs" / "source" / "notes.txt").write_text("mine", "utf-8")
    refused = _aggregate(folder, "-o", tmp_path / "theirs")
    assert refused.exit_code == 2
    assert "was not written by sphinx-wsis aggregate" in refused.stderr
    assert (tmp_path / "theirs" / "source" / "notes.txt").read_text("utf-8") == "mine"


@pytest.mark.parametrize("cut", ['{"$schema": "urn:sphinx-wsis:sch', '{"$schema": "x", ', "[1, 2"])
def test_a_file_cut_anywhere_is_reported_as_truncated(tmp_path: Path, cut: str) -> None:
    path = tmp_path / "cut.json"
    path.write_text(cut, "utf-8")
    rejection = inputs.read_report(path)
    assert isinstance(rejection, inputs.Rejection)
    assert rejection.reason.startswith("not valid JSON (the file is truncated): line 1 column ")
