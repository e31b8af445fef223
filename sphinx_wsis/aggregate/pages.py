"""The synthesis site's directives, one per kind of page, each rendering from the data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes

from ..vocabulary import State, summary_sentence
from .ext import CHARTS_DIR, SynthesisDirective, fields, section, table, text_nodes

#: Partners named by fewer reports than this are counted on the site, listed in the data files.
PARTNER_MIN_REPORTS = 2


class Overview(SynthesisDirective):
    """How many reports, of whom, in which languages, and how complete."""

    def run(self) -> list[nodes.Node]:
        o = self.data["overview"]
        intro = nodes.paragraph(
            "",
            f"{o['reports']} reports read: {o['complete']} complete, {o['with_gaps']} with gaps. "
            f"{o['rejected']} inputs rejected, {o['duplicates']} entities reported twice "
            "(the later report kept).",
            classes=["wsis-matrix-summary"],
        )
        data_files = nodes.paragraph("", "Data for analysts: ")
        for i, name in enumerate(("synthesis.json", "indicators.csv", "stories.csv",
                                  "synthesis.xlsx")):  # fmt: skip
            if i:
                data_files += nodes.Text(", ")
            data_files += self.source_link(name)
        data_files += nodes.Text(".")
        return [
            intro,
            data_files,
            section(
                "By stakeholder type",
                "by-stakeholder-type",
                table(
                    ("Stakeholder type", "Reports"),
                    ((s["label"], s["reports"]) for s in o["by_stakeholder"]),
                ),
            ),
            section(
                "By country or region",
                "by-country",
                table(
                    ("Country or region", "Reports"),
                    ((c["name"], c["reports"]) for c in o["by_country"]),
                ),
            ),
            section(
                "By language",
                "by-language",
                table(
                    ("Language", "Reports"), ((c["name"], c["reports"]) for c in o["by_language"])
                ),
            ),
        ]


class Coverage(SynthesisDirective):
    """Action lines and sub-lines by stakeholder types: reports that report on each, and N/A."""

    def run(self) -> list[nodes.Node]:
        data = self.data
        types = [s for s in data["overview"]["by_stakeholder"] if s["reports"]]
        header = ["Action line", *(f"{s['label']} ({s['reports']})" for s in types), "All"]
        rows = []
        for line in data["action_lines"]:
            cells = {c["stakeholder"]: c for c in line["coverage"]}
            row: list[Any] = [line["heading"]]
            for s in types:
                cell = cells.get(s["key"], {"reported": 0, "not_applicable": 0})
                row.append(_count(cell["reported"], cell["not_applicable"]))
            row.append(_count(line["reported"], line["not_applicable"]))
            rows.append(row)
        note = nodes.paragraph(
            "",
            "Each cell: the reports of that type that report on the line, and in brackets those "
            "that declared it not applicable. The header gives the number of reports of each type.",
        )
        return [note, table(header, rows, classes=["wsis-synthesis-coverage"])]


def _count(reported: int, not_applicable: int) -> str:
    return f"{reported} ({not_applicable} N/A)" if not_applicable else str(reported)


class ActionLine(SynthesisDirective):
    """One action line: every organization's aspects, N/A declarations and success stories."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        code = self.arguments[0]
        data = self.data
        line = next((x for x in data["action_lines"] if x["code"] == code), None)
        if line is None:
            return [nodes.paragraph("", f"No report covers {code}.")]
        slug = nodes.make_id(code)
        result: list[nodes.Node] = [
            nodes.paragraph(
                "",
                f"Reported on by {line['reported']} of {data['overview']['reports']} reports; "
                f"declared not applicable by {line['not_applicable']}.",
                classes=["wsis-matrix-summary"],
            )
        ]
        for aspect in data["aspects"]:
            body = []
            for contribution in line["contributions"]:
                paragraphs = contribution["aspects"].get(aspect["key"])
                if paragraphs:
                    box = nodes.container(classes=["wsis-synthesis-contribution"])
                    box += self.attribution(contribution["report"])
                    box.extend(text_nodes(paragraphs))
                    body.append(box)
            if not body:
                body = [nodes.paragraph("", "No report writes about this.")]
            result.append(section(aspect["title"], f"{slug}-{aspect['key']}", *body))
        declined = [c for c in line["contributions"] if c["not_applicable"] is not None]
        if declined:
            items = nodes.bullet_list()
            for c in declined:
                para = nodes.paragraph("", "", self.link(c["report"]), nodes.Text(": "))
                para += nodes.Text(c["not_applicable"])
                items += nodes.list_item("", para)
            result.append(section("Declared not applicable", f"{slug}-not-applicable", items))
        stories = [s for s in data["stories"] if code in (s["action_lines"] or [])]
        result.append(
            section(
                f"Success stories ({len(stories)})",
                f"{slug}-stories",
                *([self.story(s) for s in stories] or [nodes.paragraph("", "None.")]),
            )
        )
        return result

    def story(self, story: dict[str, Any]) -> nodes.container:
        box = nodes.container(classes=["wsis-story", "wsis-synthesis-story"])
        box += nodes.rubric("", story["title"], classes=["wsis-story-title"])
        url = story.get("url")
        box += fields(
            [
                ("Organization", self.link(story["report"])),
                ("Year", story.get("year")),
                ("Partners", "; ".join(story.get("partners") or [])),
                ("Location", story.get("location")),
                ("SDGs", ", ".join(story.get("sdgs") or [])),
                ("Action lines", ", ".join(story.get("action_lines") or [])),
                ("Link", nodes.reference("", url, refuri=url) if url else None),
                ("Source", self.source_link(self.report(story["report"])["source"])),
            ]
        )
        box.extend(text_nodes(story.get("paragraphs") or []))
        return box


class Indicators(SynthesisDirective):
    """Indicators side by side, by catalogue code (or name) and disaggregation, with charts."""

    def run(self) -> list[nodes.Node]:
        data = self.data
        indicators = data["indicators"]
        result: list[nodes.Node] = []
        for index, group in enumerate(data["indicator_groups"]):
            title = f"{group['code']} {group['name']}" if group["code"] else group["name"]
            if group["disaggregation"]:
                title += f" ({group['disaggregation']})"
            rows = []
            for i in group["indicators"]:
                ind = indicators[i]
                normalised = ind["normalised_value"]
                rows.append(
                    (
                        self.link(ind["report"]),
                        self.label(self.report(ind["report"])["stakeholder"]),
                        ind.get("geo") or "",
                        ind.get("year") or "",
                        f"{ind['value']} {ind['unit'] or ''}".strip(),
                        "" if normalised is None else f"{normalised:,} {ind['normalised_unit']}",
                        _source(ind),
                        ind.get("note") or "",
                    )
                )
            children: list[nodes.Node] = [
                nodes.paragraph("", f"Reported by {group['reports']} reports.")
            ]
            chart = Path(self.env.srcdir, CHARTS_DIR, f"group-{index}.svg")
            if chart.is_file():
                children.append(
                    nodes.image(uri=f"/{CHARTS_DIR}/group-{index}.*", alt=title, width="100%")
                )
            children.append(
                table(("Organization", "Type", "Where", "Year", "Value", "Normalised", "Source",
                       "Note"), rows)
            )  # fmt: skip
            result.append(section(title, f"indicator-group-{index}", *children))
        return result or [nodes.paragraph("", "No report gives an indicator.")]


def _source(indicator: dict[str, Any]) -> nodes.Node | str:
    """Where a figure comes from, linked to its address (validated ``http(s)`` on input)."""
    source, url = indicator.get("source") or "", indicator.get("source_url")
    return nodes.reference("", source or url, refuri=url) if url else source


class CrossCutting(SynthesisDirective):
    """SDGs cited, partners named, and every report's vision beyond 2025."""

    def run(self) -> list[nodes.Node]:
        data = self.data
        sdgs = table(
            ("SDG", "Reports", "Stories", "Indicators", "Targets and indicators cited"),
            ((f"SDG {g['goal']}", g["reports"], g["stories"], g["indicators"],
              ", ".join(g["codes"])) for g in data["sdgs"]),
        )  # fmt: skip
        partners = [p for p in data["partners"] if len(p["reports"]) >= PARTNER_MIN_REPORTS]
        others = len(data["partners"]) - len(partners)
        partner_rows = []
        for p in partners:
            names = nodes.inline()
            for i, rid in enumerate(p["reports"]):
                if i:
                    names += nodes.Text(", ")
                names += self.link(rid)
            partner_rows.append((p["name"], p["stories"], len(p["reports"]), names))
        partner_nodes: list[nodes.Node] = [
            table(("Partner", "Stories", "Reports", "Named by"), partner_rows)
        ]
        if others:
            partner_nodes.append(
                nodes.paragraph(
                    "",
                    f"{others} more partners are named by one report each: see the partners "
                    "sheet of synthesis.xlsx or the partners list of synthesis.json.",
                )
            )
        beyond = []
        for entry in data["beyond_2025"]:
            box = nodes.container(classes=["wsis-synthesis-contribution"])
            box += self.attribution(entry["report"])
            box.extend(text_nodes(entry["paragraphs"]))
            beyond.append(box)
        return [
            section("Sustainable Development Goals cited", "sdgs", sdgs),
            section("Partners named in success stories", "partners", *partner_nodes),
            section(
                "Priorities beyond 2025",
                "beyond-2025",
                *(beyond or [nodes.paragraph("", "No report writes about this.")]),
            ),
        ]


class Reports(SynthesisDirective):
    """Every report read (each a link target), then the inputs rejected and the duplicates."""

    def run(self) -> list[nodes.Node]:
        data = self.data
        result: list[nodes.Node] = []
        for r in data["reports"]:
            label = f"wsis-report-{r['id']}"
            node = nodes.section(ids=[f"report-{r['id']}"], names=[label])
            node += nodes.title("", r["entity"])
            self.state.document.note_explicit_target(node, node)
            gaps = "; ".join(f"{g['label']} ({g['state']})" for g in r["gaps"])
            node += fields(
                [
                    ("Stakeholder type", r["stakeholder_label"]),
                    ("Country or region", r["country"]),
                    ("Language", r["language"]),
                    ("Date", r["date"]),
                    ("Template", r["template"]),
                    ("Completeness", completeness_sentence(r)),
                    ("Gaps", gaps),
                    ("Website", nodes.reference("", r["website"], refuri=r["website"])
                     if r.get("website") else None),
                    ("Source", self.source_link(r["source"], r["source"])),
                    ("Project", r["project"]),
                ]
            )  # fmt: skip
            result.append(node)
        rejected = table(
            ("Input", "Reason"), ((x["source"], x["reason"]) for x in data["rejected"])
        )
        result.append(section("Inputs rejected", "rejected", rejected))
        if data["duplicates"]:
            dups = table(
                ("Entity", "Kept", "Set aside"),
                ((d["entity"], d["kept"], ", ".join(d["dropped"])) for d in data["duplicates"]),
            )
            result.append(section("Entities that reported twice", "duplicates", dups))
        return result


DIRECTIVES = {
    "wsis-synthesis-overview": Overview,
    "wsis-synthesis-coverage": Coverage,
    "wsis-synthesis-action-line": ActionLine,
    "wsis-synthesis-indicators": Indicators,
    "wsis-synthesis-cross-cutting": CrossCutting,
    "wsis-synthesis-reports": Reports,
}


def completeness_sentence(entry: dict[str, Any]) -> str:
    """A report's verdict in the words the report itself and ``sphinx-wsis check`` use."""
    return summary_sentence(
        {
            State.DONE: entry["done"],
            State.NOT_APPLICABLE: entry["not_applicable"],
            "parts": entry["parts"],
            "findings": entry["findings"],
        }
    )
