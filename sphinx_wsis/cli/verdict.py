"""The verdict of ``sphinx-wsis check``: what every output format prints, as data.

A :class:`CheckReport` is the completeness document the checks write to
``wsis-completeness.json`` plus the other warnings Sphinx logged while reading the project.
Neither Sphinx nor docutils is imported here: the formats print a verdict without them.

File paths in the document are POSIX paths relative to the project directory; :meth:`shown_path`
makes them relative to the current directory, which in CI is the repository root that GitHub
resolves annotations against.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..vocabulary import PASSING, summary_sentence

if TYPE_CHECKING:
    from ..template import Template
    from .sphinx_run import SphinxRun


@dataclass(frozen=True)
class SphinxWarning:
    """A warning Sphinx or another extension logged; ``file`` is relative to the project."""

    level: str
    message: str
    type: str | None = None
    file: str | None = None
    line: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "level": self.level.lower(),
            "type": self.type,
            "message": self.message,
            "file": self.file,
            "line": self.line,
        }


@dataclass
class CheckReport:
    """The completeness document of one run, the other warnings, and who reports."""

    srcdir: Path
    template: Template
    document: dict[str, Any]
    warnings: list[SphinxWarning] = field(default_factory=list)
    entity: str | None = None
    stakeholder: str | None = None

    @classmethod
    def from_run(cls, run: SphinxRun) -> CheckReport:
        """The verdict of a finished :func:`~.sphinx_run.run_sphinx`."""
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
        """0 when every part is done and Sphinx logged no other warning, else 1.

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
        """The verdict in a sentence: ``5 of 77 parts complete (2 not applicable); 3 findings.``

        The sentence of the annex matrix (:func:`~sphinx_wsis.vocabulary.summary_sentence`),
        with the other warnings Sphinx logged, which fail a ``-W`` build too.
        """
        sentence = summary_sentence(self.document["totals"])
        if not self.warnings:
            return sentence
        count = len(self.warnings)
        plural = "" if count == 1 else "s"
        return f"{sentence.removesuffix('.')}, {count} other Sphinx warning{plural}."
