"""The synthesis of many reports as plain data: the one source for every output.

Everything is ordered by stable keys (a report's id is made from its entity and template), never
by the order inputs were given or read, so the same inputs in any order give the same document.
Its shape is ``sphinx_wsis/schemas/synthesis.schema.json``.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .. import __version__
from ..vocabulary import PASSING, PartKind, State
from .indicators import code_sort_key, disaggregation_of, group_key, normalise
from .inputs import Loaded, Report, report_schema

SCHEMA_ID = "urn:sphinx-wsis:schema:synthesis:1"
SCHEMA_PATH = Path(__file__).resolve().parents[1] / "schemas" / "synthesis.schema.json"
#: The template section whose text is the report's vision beyond 2025.
BEYOND_2025_SECTION = "future-directions"
NOT_STATED = "not stated"
#: The stakeholder-type key counted for a report that gives no type (the schema allows null).
UNSTATED_TYPE = "not-stated"
INCLUDED_STATES = frozenset({State.DONE, State.EMPTY, State.INVALID})  # not placeholder, missing


def report_id(entity: str, template: str) -> str:
    """A stable, ASCII id of a reporting entity under a template."""
    return "r-" + hashlib.sha1(f"{template}\0{entity}".encode()).hexdigest()[:10]


def same_entity(entity: str) -> str:
    return " ".join(entity.split()).casefold()


def relative(path: Path, base: Path) -> str:
    """``path`` relative to ``base`` with ``/``; absolute where no relative path exists."""
    try:
        return Path(os.path.relpath(path.resolve(), base.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return path.resolve().as_posix()


def synthesise(loaded: Loaded, base: Path) -> dict[str, Any]:
    """The synthesis document of the reports and rejections in ``loaded``; paths relative to
    ``base`` (the output folder)."""
    kept, duplicates = _latest_per_entity(loaded.reports, base)
    kept.sort(key=lambda r: (same_entity(r.entity), r.entity, r.template))
    reports = [_report_entry(r, base) for r in kept]
    ids = [entry["id"] for entry in reports]
    stakeholders = _stakeholder_types(kept)
    stories = [
        {"report": rid, **_story(story)}
        for rid, r in zip(ids, kept, strict=True)
        for story in r.document["stories"]
    ]
    indicators = [
        _indicator(rid, indicator)
        for rid, r in zip(ids, kept, strict=True)
        for indicator in r.document["indicators"]
    ]
    return {
        "$schema": SCHEMA_ID,
        "generator": {"name": "sphinx-wsis", "version": __version__},
        "templates": _templates(kept),
        "stakeholder_types": stakeholders,
        "aspects": _aspects(kept),
        "overview": _overview(reports, stakeholders, len(loaded.rejected), len(duplicates)),
        "reports": reports,
        "rejected": [
            {"source": relative(r.source, base), "reason": r.reason}
            for r in sorted(loaded.rejected, key=lambda r: relative(r.source, base))
        ],
        "duplicates": duplicates,
        "action_lines": _action_lines(kept, ids, stakeholders),
        "stories": stories,
        "indicators": indicators,
        "indicator_groups": _indicator_groups(indicators),
        "sdgs": _sdgs(stories, indicators),
        "partners": _partners(stories),
        "beyond_2025": _beyond_2025(kept, ids),
    }


def _latest_per_entity(
    reports: list[Report], base: Path
) -> tuple[list[Report], list[dict[str, Any]]]:
    """One report per entity and template: the latest by date, then by file name."""
    groups: dict[tuple[str, str], list[Report]] = defaultdict(list)
    for report in reports:
        groups[(same_entity(report.entity), report.template)].append(report)
    kept: list[Report] = []
    duplicates: list[dict[str, Any]] = []

    def order(r: Report) -> tuple[str, str]:
        return (r.document["report"].get("date") or "", relative(r.source, base))

    for (_, template), group in sorted(groups.items()):
        group.sort(key=order)
        kept.append(group[-1])
        if len(group) > 1:
            duplicates.append(
                {
                    "entity": group[-1].entity,
                    "template": template,
                    "kept": relative(group[-1].source, base),
                    "dropped": [relative(r.source, base) for r in group[:-1]],
                }
            )
    return kept, duplicates


def _report_entry(r: Report, base: Path) -> dict[str, Any]:
    doc = r.document
    meta = doc["report"]
    completeness = doc["completeness"]
    totals = completeness["totals"]
    return {
        "id": report_id(r.entity, r.template),
        "entity": r.entity,
        "template": r.template,
        "stakeholder": meta.get("stakeholder"),
        "stakeholder_label": meta.get("stakeholder_label") or meta.get("stakeholder"),
        "country": meta.get("country"),
        "language": doc.get("language") or meta.get("language"),
        "date": meta.get("date"),
        "website": meta.get("website"),
        "source": relative(r.source, base),
        "project": relative(r.project, base) if r.project else None,
        "complete": bool(completeness["complete"]),
        "parts": totals["parts"],
        "done": totals[State.DONE],
        "not_applicable": totals[State.NOT_APPLICABLE],
        "findings": totals["findings"],
        "gaps": [
            {"part": p["id"], "label": p["label"], "state": p["state"]}
            for p in completeness["parts"]
            if p["state"] not in PASSING
        ],
    }


def _templates(reports: Iterable[Report]) -> list[dict[str, str]]:
    found = {r.template: r.document["template"] for r in reports}
    return [
        {"id": t["id"], "version": t["version"], "title": t["title"]}
        for _, t in sorted(found.items())
    ]


def _schema_stakeholders() -> list[str]:
    """The stakeholder types the shipped schema lists, in its order (read, not hard-coded)."""
    report = report_schema()["properties"]["report"]
    for option in report.get("oneOf", [report]):
        enum = option.get("properties", {}).get("stakeholder", {}).get("enum")
        if enum:
            return [key for key in enum if isinstance(key, str)]
    return []


def _stakeholder_types(reports: list[Report]) -> list[dict[str, str]]:
    labels: dict[str, str] = {}
    for r in reports:
        meta = r.document["report"]
        key = meta.get("stakeholder")
        labels.setdefault(key or UNSTATED_TYPE, meta.get("stakeholder_label") or key or NOT_STATED)
    keys = _schema_stakeholders()
    keys += sorted(set(labels) - set(keys) - {UNSTATED_TYPE})
    keys += [UNSTATED_TYPE] if UNSTATED_TYPE in labels else []
    return [{"key": k, "label": labels.get(k) or k.replace("-", " ").capitalize()} for k in keys]


def _aspects(reports: list[Report]) -> list[dict[str, str]]:
    """The aspect keys in template order, with titles from the installed template if known
    (only an installed one: a template id in a report is data, never a path to read)."""
    from ..template import TemplateError, available_templates, load_template, resolve_template

    keys: list[str] = []
    titles: dict[str, str] = {}
    for r in reports:
        for line in r.document["action_lines"]:
            keys += [k for k in line["aspects"] if k not in keys]
    installed = available_templates()
    for template in sorted({r.template for r in reports} & set(installed)):
        try:
            loaded = load_template(resolve_template(template, Path.cwd()))
        except (TemplateError, OSError):
            continue
        for aspect in loaded.aspects:
            titles.setdefault(aspect.key, aspect.title)
    return [{"key": k, "title": titles.get(k, k.replace("-", " ").capitalize())} for k in keys]


def _overview(
    reports: list[dict[str, Any]], stakeholders: list[dict[str, str]], rejected: int, dups: int
) -> dict[str, Any]:
    def tally(values: Iterable[str | None]) -> list[dict[str, Any]]:
        spelling: dict[str, str] = {}
        counts: Counter[str] = Counter()
        for value in values:
            shown = " ".join((value or "").split()) or NOT_STATED
            key = shown.casefold()
            spelling.setdefault(key, shown)
            counts[key] += 1
        return [
            {"name": spelling[k], "reports": n}
            for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        ]

    by_type = Counter(r["stakeholder"] or UNSTATED_TYPE for r in reports)
    return {
        "reports": len(reports),
        "complete": sum(r["complete"] for r in reports),
        "with_gaps": sum(not r["complete"] for r in reports),
        "rejected": rejected,
        "duplicates": dups,
        "by_stakeholder": [
            {"key": s["key"], "label": s["label"], "reports": by_type.get(s["key"], 0)}
            for s in stakeholders
        ],
        "by_country": tally(r["country"] for r in reports),
        "by_language": tally(r["language"] for r in reports),
    }


def _part_states(doc: dict[str, Any]) -> dict[str, str]:
    return {p["id"]: p["state"] for p in doc["completeness"]["parts"]}


def _action_lines(
    reports: list[Report], ids: list[str], stakeholders: list[dict[str, str]]
) -> list[dict[str, Any]]:
    lines: dict[str, dict[str, Any]] = {}
    for rid, r in zip(ids, reports, strict=True):
        states = _part_states(r.document)
        kind = r.document["report"].get("stakeholder") or UNSTATED_TYPE
        for line in r.document["action_lines"]:
            code = line["code"]
            entry = lines.setdefault(
                code,
                {
                    "code": code,
                    "parent": line["parent"],
                    "title": line["title"],
                    "heading": line["heading"],
                    "coverage": {
                        s["key"]: {"reported": 0, "not_applicable": 0} for s in stakeholders
                    },
                    "reported": 0,
                    "not_applicable": 0,
                    "contributions": [],
                },
            )
            cell = entry["coverage"].setdefault(kind, {"reported": 0, "not_applicable": 0})
            if line["not_applicable"] is not None:
                cell["not_applicable"] += 1
                entry["not_applicable"] += 1
                entry["contributions"].append(
                    {"report": rid, "not_applicable": line["not_applicable"], "aspects": {}}
                )
                continue
            aspects = {
                key: aspect["paragraphs"]
                for key, aspect in line["aspects"].items()
                if aspect
                and aspect["paragraphs"]
                and states.get(f"{code}/{key}", State.DONE) in INCLUDED_STATES
            }
            done = any(
                states.get(f"{code}/{key}") == State.DONE
                for key in [*line["aspects"], PartKind.STORIES]
            ) or (not states and bool(aspects))
            if done:
                cell["reported"] += 1
                entry["reported"] += 1
            if aspects:
                entry["contributions"].append(
                    {"report": rid, "not_applicable": None, "aspects": aspects}
                )
    result = []
    for entry in lines.values():
        entry["coverage"] = [
            {"stakeholder": key, **counts} for key, counts in entry["coverage"].items()
        ]
        result.append(entry)
    return result


def _story(story: dict[str, Any]) -> dict[str, Any]:
    keys = (
        "slug",
        "title",
        "action_lines",
        "year",
        "partners",
        "location",
        "url",
        "sdgs",
        "paragraphs",
        "defined_at",
    )
    return {key: story.get(key) for key in keys}


def _indicator(rid: str, indicator: dict[str, Any]) -> dict[str, Any]:
    value, unit, multiplier = normalise(indicator)
    result = {
        "report": rid,
        "id": indicator["id"],
        "code": indicator.get("code") or None,
        "name": indicator["name"],
        "disaggregation": disaggregation_of(indicator),
        "value": indicator["value"],
        "unit": indicator["unit"],
        "multiplier": multiplier,
        "normalised_value": value,
        "normalised_unit": unit,
    }
    keys = (
        "year",
        "scope",
        "geo",
        "source",
        "source_url",
        "baseline",
        "baseline_year",
        "target",
        "target_year",
        "status",
        "action_lines",
        "sdgs",
        "series",
        "note",
        "defined_at",
    )
    result.update({key: indicator.get(key) for key in keys})
    result["paragraphs"] = indicator.get("paragraphs") or []  # the author's comment on it
    return result


def _indicator_groups(indicators: list[dict[str, Any]]) -> list[dict[str, Any]]:
    groups: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for index, indicator in enumerate(indicators):
        groups[group_key(indicator)].append(index)

    def order(key: tuple[str, str, str]) -> tuple[Any, ...]:
        kind, name, disaggregation = key
        return (kind != "code", code_sort_key(name) if kind == "code" else (), name, disaggregation)

    result = []
    for key in sorted(groups, key=order):
        members = groups[key]
        first = indicators[members[0]]
        result.append(
            {
                "code": first["code"] if key[0] == "code" else None,
                "name": first["name"],
                "disaggregation": key[2],
                "reports": len({indicators[i]["report"] for i in members}),
                "indicators": members,
            }
        )
    return result


def _sdgs(stories: list[dict[str, Any]], indicators: list[dict[str, Any]]) -> list[dict[str, Any]]:
    goals: dict[str, dict[str, Any]] = {}
    for kind, items in (("stories", stories), ("indicators", indicators)):
        for item in items:
            for sdg in item.get("sdgs") or []:
                goal = sdg.split(".")[0]
                entry = goals.setdefault(
                    goal,
                    {"goal": goal, "reports": set(), "stories": 0, "indicators": 0, "codes": set()},
                )
                entry["reports"].add(item["report"])
                entry[kind] += 1
                if sdg != goal:
                    entry["codes"].add(sdg)
    return [
        {**e, "reports": len(e["reports"]), "codes": sorted(e["codes"], key=code_sort_key)}
        for _, e in sorted(goals.items(), key=lambda kv: code_sort_key(kv[0]))
    ]


def _partners(stories: list[dict[str, Any]]) -> list[dict[str, Any]]:
    partners: dict[str, dict[str, Any]] = {}
    for story in stories:
        for name in story.get("partners") or []:
            shown = " ".join(name.split())
            entry = partners.setdefault(
                shown.casefold(), {"name": shown, "stories": 0, "reports": []}
            )
            entry["stories"] += 1
            if story["report"] not in entry["reports"]:
                entry["reports"].append(story["report"])
    return sorted(
        partners.values(), key=lambda p: (-len(p["reports"]), -p["stories"], p["name"].casefold())
    )


def _beyond_2025(reports: list[Report], ids: list[str]) -> list[dict[str, Any]]:
    result = []
    for rid, r in zip(ids, reports, strict=True):
        for section in r.document["sections"]:
            if section["key"] == BEYOND_2025_SECTION and section["paragraphs"]:
                result.append({"report": rid, "paragraphs": section["paragraphs"]})
    return result
