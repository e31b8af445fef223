"""The synthesis as files for analysts: ``synthesis.json``, tidy CSV files and an XLSX workbook.

Tidy means one row per observed value: ``indicators.csv`` has a row for each reported value,
and one for each earlier value of its series, its baseline and its target (column ``kind``).

CSV cells are text that a spreadsheet may read as a formula. A text cell that starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe (OWASP's advice
against CSV injection); numbers are never changed. The workbook needs no such prefix: its cells
are typed as text (inline strings), which no spreadsheet evaluates.

Every file is byte-identical for the same synthesis: the workbook's timestamps are fixed.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SYNTHESIS_FILE = "synthesis.json"
INDICATORS_CSV = "indicators.csv"
STORIES_CSV = "stories.csv"
WORKBOOK = "synthesis.xlsx"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Table:
    name: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]


def write_all(synthesis: dict[str, Any], outdir: Path) -> list[Path]:
    """Write every data file into ``outdir``; the paths written."""
    outdir.mkdir(parents=True, exist_ok=True)
    tables = build_tables(synthesis)
    written = [outdir / SYNTHESIS_FILE, outdir / INDICATORS_CSV, outdir / STORIES_CSV]
    written[0].write_text(dump(synthesis), encoding="utf-8")
    by_name = {table.name: table for table in tables}
    write_csv(by_name["indicators"], written[1])
    write_csv(by_name["stories"], written[2])
    workbook = outdir / WORKBOOK
    write_xlsx(tables, workbook)
    return [*written, workbook]


def dump(document: dict[str, Any]) -> str:
    """Compact JSON (with ``indent`` Python's encoder is several times slower); ``jq .`` or
    ``python -m json.tool`` show it indented."""
    return json.dumps(document, ensure_ascii=False) + "\n"


# -- tables --------------------------------------------------------------------------------------


def build_tables(s: dict[str, Any]) -> list[Table]:
    reports = {r["id"]: r for r in s["reports"]}
    labels = {t["key"]: t["label"] for t in s["stakeholder_types"]}

    def who(rid: str) -> tuple[Any, ...]:
        r = reports[rid]
        return (rid, r["entity"], r["stakeholder"], r["country"], r["language"])

    who_columns = ("report_id", "entity", "stakeholder", "country", "language")
    return [
        Table(
            "reports",
            ("report_id", "entity", "stakeholder", "stakeholder_label", "country", "language",
             "date", "template", "complete", "parts", "done", "not_applicable", "findings",
             "gaps", "source", "project"),
            [
                (r["id"], r["entity"], r["stakeholder"], r["stakeholder_label"], r["country"],
                 r["language"], r["date"], r["template"], r["complete"], r["parts"], r["done"],
                 r["not_applicable"], r["findings"],
                 "; ".join(f"{g['part']} ({g['state']})" for g in r["gaps"]), r["source"],
                 r["project"])
                for r in s["reports"]
            ],
        ),
        Table(
            "coverage",
            ("action_line", "stakeholder", "stakeholder_label", "reports_of_type", "reported",
             "not_applicable"),
            [
                (line["code"], c["stakeholder"], labels.get(c["stakeholder"], c["stakeholder"]),
                 _count_of(s, c["stakeholder"]), c["reported"], c["not_applicable"])
                for line in s["action_lines"]
                for c in line["coverage"]
            ],
        ),
        Table(
            "indicators",
            (*who_columns, "indicator_id", "code", "name", "disaggregation", "kind", "year",
             "value", "unit", "multiplier", "normalised_value", "normalised_unit", "scope",
             "geo", "status", "source", "source_url", "note"),
            [row for i in s["indicators"] for row in _indicator_rows(i, who(i["report"]))],
        ),
        Table(
            "stories",
            (*who_columns, "slug", "title", "action_lines", "year", "partners", "location",
             "url", "sdgs", "text"),
            [
                (*who(st["report"]), st["slug"], st["title"], "; ".join(st["action_lines"]),
                 st["year"], "; ".join(st["partners"]), st["location"], st["url"],
                 "; ".join(st["sdgs"]), "\n\n".join(map(block_text, st["paragraphs"])))
                for st in s["stories"]
            ],
        ),
        Table(
            "sdgs",
            ("goal", "reports", "stories", "indicators", "targets_and_indicators"),
            [(g["goal"], g["reports"], g["stories"], g["indicators"], "; ".join(g["codes"]))
             for g in s["sdgs"]],
        ),
        Table(
            "partners",
            ("partner", "stories", "reports", "entities"),
            [(p["name"], p["stories"], len(p["reports"]),
              "; ".join(reports[rid]["entity"] for rid in p["reports"]))
             for p in s["partners"]],
        ),
        Table(
            "rejected",
            ("source", "reason"),
            [(r["source"], r["reason"]) for r in s["rejected"]],
        ),
    ]  # fmt: skip


def block_text(paragraph: str | dict[str, Any]) -> str:
    """A paragraph as one string (a table's rows as ``a | b`` lines), for CSV cells."""
    if isinstance(paragraph, dict):
        return "\n".join(" | ".join(row) for row in paragraph["table"]["rows"])
    return paragraph


def _count_of(s: dict[str, Any], stakeholder: str) -> int:
    for entry in s["overview"]["by_stakeholder"]:
        if entry["key"] == stakeholder:
            return int(entry["reports"])
    return 0


def _indicator_rows(i: dict[str, Any], who: tuple[Any, ...]) -> Iterator[tuple[Any, ...]]:
    multiplier = i["multiplier"]

    def row(kind: str, year: Any, value: Any) -> tuple[Any, ...]:
        normalised = _scaled(value, multiplier)
        return (*who, i["id"], i["code"], i["name"], i["disaggregation"], kind, year, value,
                i["unit"], multiplier, normalised, i["normalised_unit"], i["scope"], i["geo"],
                i["status"], i["source"], i["source_url"], i.get("note"))  # fmt: skip

    yield row("value", i["year"], i["value"])
    for point in i.get("series") or []:
        if point["year"] != i["year"]:
            yield row("series", point["year"], point["value"])
    if i.get("baseline") is not None:
        yield row("baseline", i.get("baseline_year"), i["baseline"])
    if i.get("target") is not None:
        yield row("target", i.get("target_year"), i["target"])


def _scaled(value: Any, multiplier: Any) -> Any:
    from decimal import Decimal

    from .indicators import number

    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return number(Decimal(str(value)) * Decimal(str(multiplier)))


# -- CSV -----------------------------------------------------------------------------------------


def csv_cell(value: Any) -> Any:
    """A cell as CSV text: empty for null, ``true``/``false``, formula-like text defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_csv(table: Table, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(table.columns)
        writer.writerows([csv_cell(v) for v in row] for row in table.rows)


# -- XLSX ----------------------------------------------------------------------------------------


def write_xlsx(tables: Iterable[Table], path: Path) -> None:
    """One sheet per table (see :mod:`.xlsx`)."""
    from .xlsx import write_workbook

    write_workbook([(t.name, t.columns, t.rows) for t in tables], path)
