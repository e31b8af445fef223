"""``sphinx-wsis check --format github``: workflow annotations and the job's step summary."""

from __future__ import annotations

from ...vocabulary import PASSING, STATE_LABELS
from ..verdict import CheckReport


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
    out = [f"## WSIS report {heading}", "", report.summary(), ""]
    gaps = [p for p in report.parts if p["state"] not in PASSING]
    if gaps:
        out += ["| part | state | where |", "| --- | --- | --- |"]
        for part in gaps:
            where = report.location(part["file"], part["line"])
            label = part["label"].replace("|", "\\|")
            out.append(f"| {label} | {STATE_LABELS[part['state']]} | `{where}` |")
    return "\n".join(out) + "\n"
