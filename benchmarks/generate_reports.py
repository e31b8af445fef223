"""Generate realistic, varied report.json documents for ``sphinx-wsis aggregate``.

Each document is the example report's export (``example_project/``) made into another
organization's report: its own entity (names in the six UN languages' scripts), stakeholder
type (every type the shipped schema lists), country, language and date; some action lines
declared not applicable with a reason; some reports with gaps; aspect text drawn from the
example's paragraphs, so a document is about the example's size; stories with their own titles,
years, partners (from a shared pool, so partners recur across reports) and SDGs; indicators
with and without catalogue codes (codes and the other optional indicator fields are written only
when the shipped schema defines them, so every generated document stays valid).

Usage: ``python benchmarks/generate_reports.py COUNT DEST [--seed N] [--invalid K]`` writes
``DEST/report-0001.json`` … and, with ``--invalid``, K broken files besides.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EXAMPLE = ROOT / "example_project"

NAMES = [
    "Open Access Networks Alliance",
    "Digital Inclusion Forum",
    "Réseau francophone du numérique",
    "Fundación Conectividad Rural",
    "Ассоциация цифрового развития",
    "مؤسسة المعرفة الرقمية",
    "数字发展研究中心",
    "Pacific Islands ICT Council",
    "Université numérique du Sahel",
    "Instituto de Tecnologías Abiertas",
    "Community Radio Network",
    "Global Telecom Partners",
    "Women in Tech Coalition",
    "Open Standards Foundation",
    "Центр сетевых исследований",
    "الاتحاد العربي للاتصالات",
    "亚太互联网协会",
    "African Data Commons",
    "Red de Bibliotecas",
    "Cybersecurity Alliance for Development",
]
COUNTRIES = [
    "Kenya",
    "Senegal",
    "Brazil",
    "India",
    "France",
    "Egypt",
    "China",
    "Russian Federation",
    "Argentina",
    "Fiji",
    "Ghana",
    "Peru",
    "Jordan",
    "Viet Nam",
    None,
]
LANGUAGES = ["en", "en", "en", "fr", "es", "ar", "zh", "ru"]
PARTNERS = [
    "UNESCO",
    "ITU",
    "UNDP",
    "World Bank",
    "Internet Society",
    "Local co-operatives",
    "Ministry of ICT",
    "GSMA",
    "APC",
    "Mozilla Foundation",
    "Wikimedia",
    "Red Cross",
    "Université de Dakar",
    "Universidad de Chile",
    "Tsinghua University",
    "جامعة القاهرة",
    "МГУ",
    "County ICT officers",
    "Women's groups",
    "School boards",
]
CODES = [
    ("17.8.1", "Proportion of individuals using the Internet", "percent"),
    ("17.6.1", "Fixed Internet broadband subscriptions per 100 inhabitants", "per-100"),
    ("9.c.1", "Proportion of population covered by a mobile network", "percent"),
    ("4.4.1", "Proportion of youth and adults with ICT skills", "percent"),
    ("5.b.1", "Proportion of individuals who own a mobile telephone", "percent"),
]
DISAGGREGATIONS = [{}, {}, {"sex": "female"}, {"sex": "male"}, {"area": "rural"}]
UNIT_MEASURES = {"percent": "PERCENT", "per-100": "PER_100_POP"}
NA_REASON = "This line is outside our mandate; related work is reported under C2 and C11."


def example_document() -> dict[str, Any]:
    """The example report exported as JSON (built once, in-process)."""
    sys.path.insert(0, str(ROOT))
    from sphinx.util.docutils import docutils_namespace

    from sphinx_wsis.cli.sphinx_run import run_sphinx

    with docutils_namespace(), run_sphinx(EXAMPLE, "wsis-json") as run:
        return json.loads((run.outdir / "report.json").read_text("utf-8"))


def indicator_fields() -> set[str]:
    schema = json.loads((ROOT / "sphinx_wsis" / "schemas" / "report.schema.json").read_text())
    return set(schema["$defs"]["indicator"]["properties"])


def stakeholder_types() -> list[str]:
    schema = json.loads((ROOT / "sphinx_wsis" / "schemas" / "report.schema.json").read_text())
    enum = schema["properties"]["report"]["oneOf"][1]["properties"]["stakeholder"]["enum"]
    return [key for key in enum if key]


def generate(
    count: int,
    base: dict[str, Any],
    *,
    seed: int = 0,
    fields: set[str] | None = None,
    stakeholders: list[str] | None = None,
) -> list[dict[str, Any]]:
    """``count`` documents made from ``base``; the same seed gives the same documents."""
    rng = random.Random(seed)
    fields = indicator_fields() if fields is None else fields
    stakeholders = stakeholders or stakeholder_types()
    text = json.dumps(base)
    pool = [
        aspect["paragraphs"]
        for line in base["action_lines"]
        for aspect in line["aspects"].values()
        if aspect and aspect["paragraphs"]
    ]
    return [_one(json.loads(text), i, rng, pool, fields, stakeholders) for i in range(count)]


def _one(
    doc: dict[str, Any],
    index: int,
    rng: random.Random,
    pool: list[list[str]],
    fields: set[str],
    stakeholders: list[str],
) -> dict[str, Any]:
    entity = f"{rng.choice(NAMES)} {index + 1:04d}"
    kind = stakeholders[index % len(stakeholders)]
    report = doc["report"]
    report.update(
        entity=entity,
        stakeholder=kind,
        stakeholder_label=kind.replace("-", " ").title(),
        country=rng.choice(COUNTRIES),
        date=f"2025-{rng.randint(1, 6):02d}-{rng.randint(1, 28):02d}",
    )
    doc["language"] = rng.choice(LANGUAGES)
    parts = doc["completeness"]["parts"]
    lines = doc["action_lines"]
    for line in lines:
        for aspect in line["aspects"].values():
            if aspect is not None:
                aspect["paragraphs"] = list(rng.choice(pool))
    # a few lines declared not applicable; their stories go with them
    candidates = [line for line in lines if line["not_applicable"] is None]
    for line in rng.sample(candidates, rng.randint(0, 4)):
        _not_applicable(doc, line, parts)
    if rng.random() < 0.2:  # a report with a gap
        line = rng.choice([line for line in lines if line["not_applicable"] is None])
        key = rng.choice(sorted(line["aspects"]))
        line["aspects"][key] = None
        for part in parts:
            if part["id"] == f"{line['code']}/{key}":
                part.update(state="missing", detail="not written", file=None, line=None)
        doc["completeness"]["findings"].append(
            {
                "subtype": "wsis.missing",
                "message": f"{line['code']} has no {key}",
                "file": None,
                "line": None,
            }
        )
    for story in doc["stories"]:
        story["title"] = f"{story['title']} ({entity})"
        story["year"] = rng.randint(2006, 2025)
        story["partners"] = rng.sample(PARTNERS, rng.randint(0, 3))
        story["sdgs"] = sorted(rng.sample(["1", "4", "5", "8", "9", "10", "16", "17"], 2), key=int)
    for indicator in doc["indicators"]:
        indicator["value"] = round(rng.uniform(1, 99), 1)
        if "code" in fields and rng.random() < 0.6:
            code, name, unit = rng.choice(CODES)
            indicator.update(code=code, name=name, unit=unit)
            if "unit_mult" in fields:
                indicator["unit_mult"] = 0
            if "unit_measure" in fields:
                indicator["unit_measure"] = UNIT_MEASURES[unit]
            if "dimensions" in fields:
                indicator["dimensions"] = rng.choice(DISAGGREGATIONS)
        else:  # an indicator of the organization's own: no catalogue code
            if "code" in fields:
                indicator["code"] = None
            if "catalogue_name" in fields:
                indicator["catalogue_name"] = None
            if "unit_mult" in fields and rng.random() < 0.25:
                indicator.update(unit="people", unit_mult=6)
                if "unit_measure" in fields:
                    indicator["unit_measure"] = None
    _recount(doc)
    return doc


def _not_applicable(doc: dict[str, Any], line: dict[str, Any], parts: list[dict[str, Any]]) -> None:
    code = line["code"]
    line.update(not_applicable=NA_REASON, stories=[], indicators=[])
    line["aspects"] = dict.fromkeys(line["aspects"])
    doc["stories"] = [s for s in doc["stories"] if s["action_lines"] != [code]]
    for story in doc["stories"]:
        if code in story["action_lines"]:
            story["action_lines"].remove(code)
    for part in parts:
        if part["subject"] == code or part["subject"].startswith(code + "."):
            part.update(state="not-applicable", detail=NA_REASON)
    if line["parent"] is None:
        for sub in doc["action_lines"]:
            if sub["parent"] == code:
                sub.update(not_applicable=NA_REASON, stories=[], indicators=[])
                sub["aspects"] = dict.fromkeys(sub["aspects"])


def _recount(doc: dict[str, Any]) -> None:
    completeness = doc["completeness"]
    totals = {key: 0 for key in completeness["totals"]}
    totals["parts"] = len(completeness["parts"])
    for part in completeness["parts"]:
        totals[part["state"]] += 1
    totals["findings"] = len(completeness["findings"])
    completeness["totals"] = totals
    completeness["complete"] = totals["parts"] == totals["done"] + totals["not-applicable"] and (
        not completeness["findings"]
    )


BROKEN = {
    "truncated.json": lambda text: text[: len(text) // 2],
    "not-json.json": lambda text: "this is not JSON {",
    "old-schema.json": lambda text: text.replace(
        "urn:sphinx-wsis:schema:report:1", "urn:sphinx-wsis:schema:report:0"
    ),
    "bad-value.json": lambda text: text.replace('"stakeholder": "', '"stakeholder": "x-', 1),
}


def write(documents: list[dict[str, Any]], dest: Path, *, invalid: int = 0) -> list[Path]:
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for index, document in enumerate(documents, 1):
        path = dest / f"report-{index:04d}.json"
        path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", "utf-8")
        written.append(path)
    sample = written[0].read_text("utf-8") if written else "{}"
    for name, breaks in list(BROKEN.items())[:invalid]:
        path = dest / name
        path.write_text(breaks(sample), "utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--invalid", type=int, default=0, help="broken files to add (max 4)")
    args = parser.parse_args()
    documents = generate(args.count, example_document(), seed=args.seed)
    paths = write(documents, args.dest, invalid=args.invalid)
    print(f"wrote {len(paths)} files to {args.dest}")


if __name__ == "__main__":
    main()
