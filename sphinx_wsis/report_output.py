"""What ``sphinx-wsis check`` prints for machines: JSON, JUnit XML and GitHub annotations.

All three are built from one :class:`CheckReport`: the completeness document the checks write to
``wsis-completeness.json`` plus the other warnings Sphinx printed while reading the project.

The JSON output is a stable interface, described by the JSON Schema shipped as
``sphinx_wsis/schemas/check.schema.json`` (:data:`CHECK_SCHEMA_PATH`): its ``version`` changes
only when a field is removed or changes meaning. File paths in it are POSIX paths relative to
the project directory (``project``); in JUnit and GitHub output they are relative to the current
directory, which in CI is the repository root that GitHub resolves annotations against.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .runner import SphinxRun, SphinxWarning
from .template import Template
from .vocabulary import PASSING, STATE_LABELS, numbered

CHECK_FORMAT = "sphinx-wsis-check"
CHECK_FORMAT_VERSION = 1
CHECK_SCHEMA_PATH = Path(__file__).parent / "schemas" / "check.schema.json"


@dataclass
class CheckReport:
    srcdir: Path
    template: Template
    document: dict[str, Any]
    warnings: list[SphinxWarning] = field(default_factory=list)
    entity: str | None = None
    stakeholder: str | None = None

    @classmethod
    def from_run(cls, run: SphinxRun) -> CheckReport:
        report = run.report
        return cls(
            run.srcdir,
            run.completeness.template,
            run.document,
            run.warnings,
            report.entity if report else None,
            report.stakeholder if report else None,
        )

    @property
    def complete(self) -> bool:
        return bool(self.document["complete"])

    @property
    def exit_code(self) -> int:
        """0 when every part is done and Sphinx printed no warning, else 1.

        Other warnings count because CI builds with ``sphinx-build -W``: a project that check
        passes must not then fail there (a MyST syntax error can also swallow a whole part).
        """
        return 0 if self.complete and not self.warnings else 1

    @property
    def parts(self) -> list[dict[str, Any]]:
        return self.document["parts"]

    @property
    def findings(self) -> list[dict[str, Any]]:
        return self.document["findings"]

    def other_findings(self) -> list[dict[str, Any]]:
        """Findings that are not already a part's own failure (duplicates, invalid values, …)."""
        failing = {
            (f"wsis.{p['state']}", p["file"], p["line"])
            for p in self.parts
            if p["state"] not in PASSING
        }
        return [f for f in self.findings if (f["subtype"], f["file"], f["line"]) not in failing]

    def shown_path(self, file: str | None) -> str | None:
        """A project file as the user's shell (or CI's checkout) reaches it."""
        if file is None:
            return None
        path = Path(file)
        absolute = path if path.is_absolute() else self.srcdir / path
        try:
            relative = os.path.relpath(absolute, Path.cwd())
        except ValueError:  # another drive on Windows
            return absolute.as_posix()
        return absolute.as_posix() if relative.startswith("..") else Path(relative).as_posix()

    def location(self, file: str | None, line: int | None) -> str:
        shown = self.shown_path(file)
        if shown is None:
            return ""
        return f"{shown}:{line}" if line else shown

    def summary(self) -> str:
        totals = self.document["totals"]
        done = totals["done"] + totals["not-applicable"]
        text = (
            f"{done} of {totals['parts']} parts complete ({totals['not-applicable']} not "
            f"applicable); {totals['findings']} findings"
        )
        if self.warnings:
            text += f", {len(self.warnings)} other Sphinx warnings"
        return text


# -- JSON -----------------------------------------------------------------------------------------


def to_json(report: CheckReport) -> dict[str, Any]:
    """The check result, as described by ``schemas/check.schema.json``."""
    document = report.document
    return {
        "format": CHECK_FORMAT,
        "version": CHECK_FORMAT_VERSION,
        "project": report.srcdir.as_posix(),
        "report": (
            {"entity": report.entity, "stakeholder": report.stakeholder}
            if report.entity is not None
            else None
        ),
        "template": document["template"],
        "complete": report.complete,
        "exit_code": report.exit_code,
        "totals": {**document["totals"], "sphinx_warnings": len(report.warnings)},
        "parts": document["parts"],
        "findings": document["findings"],
        "sphinx_warnings": [w.as_dict() for w in report.warnings],
    }


# -- JUnit XML ------------------------------------------------------------------------------------


def to_junit(report: CheckReport) -> str:
    """JUnit XML: a test suite per template chapter with one test case per part.

    A part that is not done is a ``failure`` (its type is the ``wsis.*`` subtype); a part
    declared not applicable is ``skipped`` with the reason. Findings that are not a part's own
    failure, and other Sphinx warnings, form two more suites, present only when non-empty.
    """
    root = ET.Element("testsuites", name="sphinx-wsis check")
    chapters = _chapters_by_subject(report.template)
    suites: dict[str, ET.Element] = {}
    for part in report.parts:
        chapter, classname = chapters.get(part["subject"], ("Other parts", part["subject"]))
        suite = suites.get(chapter)
        if suite is None:
            suite = suites[chapter] = ET.SubElement(root, "testsuite", name=chapter)
        case = _case(suite, classname, part["label"], report, part["file"], part["line"])
        if part["state"] == "not-applicable":
            ET.SubElement(case, "skipped", message=f"not applicable: {part['detail']}")
        elif part["state"] != "done":
            _fail(case, f"wsis.{part['state']}", part["detail"], report, part["file"], part["line"])
    others = report.other_findings()
    if others:
        suite = ET.SubElement(root, "testsuite", name="Other findings")
        for finding in others:
            where = report.location(finding["file"], finding["line"]) or "project"
            case = _case(suite, "wsis", f"{finding['subtype']} at {where}", report,
                         finding["file"], finding["line"])  # fmt: skip
            _fail(case, finding["subtype"], finding["message"], report,
                  finding["file"], finding["line"])  # fmt: skip
    if report.warnings:
        suite = ET.SubElement(root, "testsuite", name="Sphinx warnings")
        for warning in report.warnings:
            where = report.location(warning.file, warning.line) or "project"
            kind = warning.type or warning.level.lower()
            case = _case(suite, "sphinx", f"{kind} at {where}", report, warning.file, warning.line)
            _fail(case, kind, warning.message, report, warning.file, warning.line)
    for suite in [root, *root]:
        cases = list(suite.iter("testcase"))
        suite.set("tests", str(len(cases)))
        suite.set("failures", str(sum(c.find("failure") is not None for c in cases)))
        suite.set("errors", "0")
        suite.set("skipped", str(sum(c.find("skipped") is not None for c in cases)))
        suite.set("time", "0")
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _chapters_by_subject(template: Template) -> dict[str, tuple[str, str]]:
    """``{subject: (chapter title, classname)}``: action lines are their own class."""
    result: dict[str, tuple[str, str]] = {}
    for chapter in template.chapters:
        title = numbered(chapter.number, chapter.title)
        for key in chapter.sections:
            result[key] = (title, title)
        for line in template.action_lines:
            if line.code in chapter.action_lines or line.parent in chapter.action_lines:
                result[line.code] = (title, line.heading)
    return result


def _case(
    suite: ET.Element, classname: str, name: str, report: CheckReport, file: Any, line: Any
) -> ET.Element:
    case = ET.SubElement(suite, "testcase", classname=classname, name=name, time="0")
    shown = report.shown_path(file)
    if shown:
        case.set("file", shown)
        if line:
            case.set("line", str(line))
    return case


def _fail(
    case: ET.Element, kind: str, message: str, report: CheckReport, file: Any, line: Any
) -> None:
    failure = ET.SubElement(case, "failure", type=kind, message=message)
    where = report.location(file, line)
    failure.text = f"{where}: {message}" if where else message


# -- GitHub workflow commands ---------------------------------------------------------------------


def escape_data(text: str) -> str:
    """Escape a workflow command's message, as the Actions toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value (``file=``, ``title=``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(level: str, message: str, *, file: str | None, line: int | None, title: str) -> str:
    props = []
    if file:
        props.append(f"file={escape_property(file)}")
        if line:
            props.append(f"line={line}")
    props.append(f"title={escape_property(title)}")
    return f"::{level} {','.join(props)}::{escape_data(message)}"


def to_github(report: CheckReport) -> list[str]:
    """One ``::warning`` annotation per finding and per other Sphinx warning."""
    lines = [
        annotation(
            "warning",
            finding["message"],
            file=report.shown_path(finding["file"]),
            line=finding["line"],
            title=finding["subtype"],
        )
        for finding in report.findings
    ]
    lines.extend(
        annotation(
            "warning",
            warning.message,
            file=report.shown_path(warning.file),
            line=warning.line,
            title=warning.type or f"sphinx {warning.level.lower()}",
        )
        for warning in report.warnings
    )
    lines.append(f"sphinx-wsis check: {report.summary()}")
    return lines


def step_summary(report: CheckReport) -> str:
    """A Markdown table of the parts that are not done, for ``$GITHUB_STEP_SUMMARY``."""
    heading = "complete" if report.exit_code == 0 else "incomplete"
    out = [f"## WSIS report {heading}", "", report.summary() + ".", ""]
    gaps = [p for p in report.parts if p["state"] not in PASSING]
    if gaps:
        out += ["| part | state | where |", "| --- | --- | --- |"]
        for part in gaps:
            where = report.location(part["file"], part["line"])
            label = part["label"].replace("|", "\\|")
            out.append(f"| {label} | {STATE_LABELS[part['state']]} | `{where}` |")
    return "\n".join(out) + "\n"
