"""The records a report is made of, as the WSIS domain collects them from each document.

Records are plain, picklable dataclasses keyed by the document they came from, so the domain
can drop them when a page is re-read and merge them from parallel readers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .warnings import WsisWarning

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


@dataclass
class Record:
    """What every record has: the document and line it was written at, and its anchor."""

    docname: str
    lineno: int
    node_id: str
    #: the ``{only}`` conditions around the block; an output that fails one does not show it
    only: tuple[str, ...] = ()
    #: The file the record is written in, relative to the source directory, when it is not the
    #: document's own (content pulled in by ``include``); ``lineno`` is then a line of it.
    file: str = ""

    @property
    def where(self) -> tuple[str, int, str]:
        return (self.docname, self.lineno, self.file)


@dataclass
class ReportRecord(Record):
    """The ``wsis-report`` block: who reports, for which period, and its introduction."""

    entity: str = ""
    stakeholder: str = ""
    country: str = ""
    period: str = ""
    date: str = ""
    website: str = ""
    logo: str = ""
    paragraphs: list[str] = field(default_factory=list)
    country_code: str = ""  # ISO 3166-1 alpha-3, when :country: names a country


@dataclass
class ContactRecord(Record):
    """The ``wsis-contact`` block: the focal point for WSIS follow-up."""

    name: str = ""
    email: str = ""
    role: str = ""
    phone: str = ""
    address: str = ""
    unit: str = ""
    valid: bool = False
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class SectionRecord(Record):
    """A template section (Executive Summary, III.1 …) and its text."""

    key: str = ""
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class ActionLineRecord(Record):
    """A ``wsis-action-line`` block; ``not_applicable`` holds the reason if it has one."""

    code: str = ""
    not_applicable: str | None = None
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class AspectRecord(Record):
    """One aspect (achievements, challenges …) of an action line, and its text."""

    code: str = ""
    aspect: str = ""
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class StoryRecord(Record):
    """A ``wsis-story``: a success story with its action lines, partners and links."""

    slug: str = ""
    title: str = ""
    action_lines: list[str] = field(default_factory=list)
    year: int | None = None
    partners: list[str] = field(default_factory=list)
    location: str = ""
    url: str = ""
    sdgs: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class IndicatorRecord(Record):
    """A ``wsis-indicator``: a figure with its source, baseline, target and series."""

    id: str = ""
    name: str = ""
    value: int | float | None = None
    unit: str = ""
    year: int | None = None
    source: str = ""
    source_url: str = ""
    baseline: int | float | None = None
    baseline_year: int | None = None
    target: int | float | None = None
    target_year: int | None = None
    scope: str = ""
    geo: str = ""
    action_lines: list[str] = field(default_factory=list)
    sdg: list[str] = field(default_factory=list)
    series: list[tuple[int, int | float]] = field(default_factory=list)
    status: str = ""
    note: str = ""
    paragraphs: list[str] = field(default_factory=list)
    # comparable data (catalogue code, SDMX-like unit and dimensions, ISO area, chart)
    code: str = ""
    catalogue_name: str = ""
    definition: str = ""
    multiplier: str = ""
    dimensions: list[tuple[str, str]] = field(default_factory=list)
    area_codes: list[str] = field(default_factory=list)
    chart: str = ""

    @property
    def breakdown_key(self) -> tuple[str, str]:
        """Blocks with one key are one indicator's breakdown: its code (or its id)."""
        return ("code", self.code) if self.code else ("id", self.id)


@dataclass
class Finding:
    """A problem found while reading a page, re-emitted on every build until it is fixed."""

    subtype: str
    message: str
    docname: str
    lineno: int | None
    file: str = ""  # as Record.file

    def __post_init__(self) -> None:
        self.subtype = WsisWarning(self.subtype).value  # a typo here is a bug, not a finding


def file_of(env: BuildEnvironment, docname: str, source: str = "") -> str:
    """The file a record or finding is in, relative to the source directory (POSIX)."""
    return source or Path(env.doc2path(docname, False)).as_posix()


def warning_location(
    env: BuildEnvironment, docname: str, lineno: int | None, source: str = ""
) -> str | tuple[str, int | None]:
    """A ``location`` for Sphinx's logger: the included file and its line when there is one."""
    if not source:
        return (docname, lineno)
    path = Path(env.srcdir, source)
    return f"{path}:{lineno}" if lineno else str(path)


RECORD_KINDS: dict[str, type[Record]] = {
    "reports": ReportRecord,
    "contacts": ContactRecord,
    "sections": SectionRecord,
    "action_lines": ActionLineRecord,
    "aspects": AspectRecord,
    "stories": StoryRecord,
    "indicators": IndicatorRecord,
}
