"""``sphinx-wsis check --format junit``: the verdict as JUnit XML, one test case per part."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, Any

from ...vocabulary import State, numbered
from ..verdict import CheckReport

if TYPE_CHECKING:
    from ...template import Template


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
        if part["state"] == State.NOT_APPLICABLE:
            ET.SubElement(case, "skipped", message=f"not applicable: {part['detail']}")
        elif part["state"] != State.DONE:
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
