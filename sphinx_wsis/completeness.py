"""The completeness result of a build: judged once all pages are read, emitted as ``wsis.*``
warnings, written to ``<outdir>/wsis-completeness.json``, and kept for the summaries.

The report is judged on every build (``env-updated`` fires for full, incremental and parallel
builds alike), for the output being built and for every other output whose pages differ.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .checks import Checker, Completeness, PartState
from .domain import WsisDomain, domain_of
from .outputs import Output, outputs_of
from .records import RECORD_KINDS, file_of, warning_location
from .vocabulary import by_subject, matrix_column
from .warnings import WsisWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

COMPLETENESS_FILE = "wsis-completeness.json"


def run_checks(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: judge the report for the output being built, emit every finding as a
    ``wsis.*`` warning, and return the summary pages to rewrite when what they show changed."""
    current, outputs = outputs_of(app, env)
    domain = domain_of(env)
    domain.sort_records(current.sort_key)
    domain.output = current
    result = Checker(env, current).run()
    result.output = current.name
    states = {p.part.id: p.state for p in result.parts}
    shown_here = records_shown(domain, current)
    for output in outputs:
        if output.name == current.name or records_shown(domain, output) == shown_here:
            result.by_output[output.name] = states  # the same records: the same verdicts
        else:
            judged = Checker(env, output).run()
            result.by_output[output.name] = {p.part.id: p.state for p in judged.parts}
    domain.result = result
    for finding in result.findings:
        if finding.subtype == "template":
            continue  # warned when the configuration was read
        location = (
            warning_location(env, finding.docname, finding.lineno, finding.file)
            if finding.docname
            else None
        )
        warn(WsisWarning(finding.subtype), finding.message, location=location)
    return domain.summaries_to_rewrite(summary_fingerprint(env, result))


def records_shown(domain: WsisDomain, output: Output) -> list[list[int]]:
    """Which records of each kind ``output`` shows (verdicts depend on nothing else of it)."""
    return [
        [index for index, record in enumerate(domain.records(kind)) if output.holds(record)]
        for kind in RECORD_KINDS
    ]


#: record fields no summary table shows: an edit that only moves or rewrites text changes them
NOT_SHOWN = frozenset({"paragraphs", "lineno"})


def summary_fingerprint(env: BuildEnvironment, result: Completeness) -> dict[str, str]:
    """A digest of what each kind of summary shows, so that an edit which changes none of it (a
    sentence reworded, a line inserted) rewrites no summary page, and a changed verdict only the
    completeness matrices. ``completeness``: the verdicts, the number of findings and the action
    lines it links to; ``indicators`` (tables and charts): every indicator, in order."""

    def shown(kind: str) -> Iterator[bytes]:
        for record in domain.records(kind):
            yield repr([(k, v) for k, v in vars(record).items() if k not in NOT_SHOWN]).encode()

    domain = domain_of(env)
    completeness = hashlib.sha256()
    for state in result.parts:
        completeness.update(repr((state.part.id, state.state, state.docname)).encode())
    completeness.update(repr((result.output, result.totals(), len(result.findings))).encode())
    for line in shown("action_lines"):
        completeness.update(line)
    indicators = hashlib.sha256()
    for line in shown("indicators"):
        indicators.update(line)
    return {"completeness": completeness.hexdigest(), "indicators": indicators.hexdigest()}


def result_of(env: BuildEnvironment) -> Completeness:
    domain = domain_of(env)
    if getattr(domain, "result", None) is None:
        domain.result = Checker(env).run()
    return domain.result


def completeness_document(env: BuildEnvironment) -> dict[str, Any]:
    """The machine-readable completeness result (``wsis-completeness.json``)."""
    result = result_of(env)

    def where(docname: str | None, lineno: int | None, source: str = "") -> dict[str, Any]:
        if not docname:
            return {"file": None, "line": None}
        return {"file": file_of(env, docname, source), "line": lineno}

    return {
        "template": {"id": result.template.id, "version": result.template.version},
        "output": result.output,
        "complete": result.complete,
        "totals": result.totals(),
        "parts": [
            {
                "id": p.part.id,
                "kind": p.part.kind,
                "subject": p.part.subject,
                "aspect": p.part.aspect,
                "label": p.part.label,
                "state": p.state,
                "detail": p.detail,
                "missing_from": result.missing_from(p.part.id),
                **where(p.docname, p.lineno, p.file),
            }
            for p in result.parts
        ],
        "findings": [
            {
                "subtype": f"wsis.{f.subtype}",
                "message": f.message,
                **where(f.docname, f.lineno, f.file),
            }
            for f in result.findings
        ],
    }


def write_completeness(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write ``<outdir>/wsis-completeness.json``, unless the application
    takes the verdict from memory into a temporary directory (``sphinx-wsis check``)."""
    if exception is not None or app.env is None or getattr(app, "verdict_in_memory", False):
        return
    document = completeness_document(app.env)
    outdir = Path(app.outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    text = json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    (outdir / COMPLETENESS_FILE).write_text(text, encoding="utf-8")


def states_by_subject(result: Completeness) -> dict[str, dict[str, PartState]]:
    """``{subject: {column: state}}`` for the matrix: columns are aspects and ``stories``."""
    return by_subject(
        (state.part.subject, matrix_column(state.part.aspect, state.part.kind), state)
        for state in result.parts
    )


def setup(app: Sphinx) -> None:
    """Judge the report once every page is read; write ``wsis-completeness.json`` at the end."""
    app.connect("env-updated", run_checks)
    app.connect("build-finished", write_completeness)
