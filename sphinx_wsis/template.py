"""The report template ("profile") model, found by name or path and loaded once per file.

A template describes what a complete report holds: the chapters of ITU's Annex 1, the action
lines with their official titles, the aspects each one reports on and the placeholder text that
marks a part as unwritten. Templates are data, found by name through the entry-point group
``sphinx_wsis.templates`` or given as a path to a YAML file; :mod:`.template_yaml` reads and
validates that file.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from sphinx.locale import get_translation

from .vocabulary import PartKind, numbered

ENTRY_POINT_GROUP = "sphinx_wsis.templates"
DEFAULT_TEMPLATE = "wsis20-stakeholder"


class TemplateError(Exception):
    """A template that cannot be found, read or validated; ``location`` is ``file:line``."""

    def __init__(self, message: str, location: str | None = None, *, unknown: bool = False):
        super().__init__(message)
        self.message = message
        self.location = location
        self.unknown = unknown

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


#: The ``sphinx_wsis`` catalog (:mod:`.i18n` re-exports it; importing it here would be a cycle).
_ = get_translation("sphinx_wsis")


@dataclass(frozen=True)
class Aspect:
    """A column of the action-line matrix: what each action line reports on."""

    key: str
    title: str


@dataclass(frozen=True)
class ActionLine:
    """An action line of the template (C1 … C11, C7 sub-lines with their parent)."""

    code: str
    title: str
    parent: str | None
    min_stories: int

    @property
    def label(self) -> str:
        """How the code reads in running text: ``C3`` or ``C7 E-Health``."""
        return f"{self.parent} {self.title}" if self.parent else self.code

    @property
    def heading(self) -> str:
        """Code and official title, as ITU writes them in the template."""
        return f"{self.parent} {self.title}" if self.parent else f"{self.code} {self.title}"


@dataclass(frozen=True)
class Section:
    """A section outside the matrix (I. Executive Summary …) with ITU's question."""

    key: str
    title: str
    chapter: str
    number: str
    prompt: str
    min_indicators: int
    satisfied_by: str | None

    @property
    def heading(self) -> str:
        if self.number:
            return f"{self.chapter}.{self.number} {self.title}"
        return numbered(self.chapter, self.title)


@dataclass(frozen=True)
class Chapter:
    """A numbered chapter of the template and the sections and action lines in it."""

    number: str
    title: str
    prompt: str
    sections: tuple[str, ...]
    action_lines: tuple[str, ...]


@dataclass(frozen=True)
class Part:
    """One cell of the completeness matrix: the unit every check judges and reports."""

    id: str
    kind: PartKind
    subject: str  # action-line code or section key
    aspect: str | None
    label: str


@dataclass(frozen=True)
class Template:
    """A report template as its YAML describes it: parts, titles, labels and rules."""

    id: str
    version: str
    title: str
    subtitle: str
    issuer: str
    source: str
    #: The review a report is for (``WSIS+20``), and the period it covers by default.
    review: str
    period: tuple[int, int]
    origin: str
    digest: str
    submission: tuple[tuple[str, str], ...]
    stakeholders: tuple[tuple[str, str], ...]
    aspects: tuple[Aspect, ...]
    placeholders: tuple[str, ...]
    chapters: tuple[Chapter, ...]
    sections: tuple[Section, ...]
    action_lines: tuple[ActionLine, ...]
    #: indicator catalogue files the template adds to the built-in one (absolute paths)
    indicator_catalogues: tuple[str, ...] = ()
    #: every spelling of an action-line code that is accepted (compacted) → the code
    aliases: dict[str, str] = field(default_factory=dict, compare=False, repr=False, hash=False)

    # -- look-ups ---------------------------------------------------------------------------

    def action_line(self, code: str) -> ActionLine | None:
        return next((line for line in self.action_lines if line.code == code), None)

    def section(self, key: str) -> Section | None:
        return next((section for section in self.sections if section.key == key), None)

    def aspect(self, key: str) -> Aspect | None:
        return next((aspect for aspect in self.aspects if aspect.key == key), None)

    def stakeholder_label(self, key: str) -> str | None:
        return dict(self.stakeholders).get(key)

    def normalize_code(self, raw: str) -> str | None:
        """The canonical code for a forgiving spelling (``c7/e-health`` → ``C7.e-health``)."""
        return self.aliases.get(compact_code(raw))

    def suggest_code(self, raw: str) -> str | None:
        """The closest valid code to a misspelt one, for the error message."""
        matches = difflib.get_close_matches(compact_code(raw), list(self.aliases), n=1, cutoff=0.6)
        return self.aliases[matches[0]] if matches else None

    def suggest_section(self, raw: str) -> str | None:
        keys = [section.key for section in self.sections]
        matches = difflib.get_close_matches(raw.strip().lower(), keys, n=1, cutoff=0.6)
        return matches[0] if matches else None

    # -- the parts a complete report holds ---------------------------------------------------

    def parts(self, *, require_stories: bool = True) -> list[Part]:
        """Every part in template order: what the completeness check judges."""
        parts: list[Part] = []
        for chapter in self.chapters:
            for key in chapter.sections:
                parts.extend(self._section_parts(self.section(key)))  # type: ignore[arg-type]
            for code in chapter.action_lines:
                parts.extend(self._action_line_parts(code, require_stories))
        return parts

    def _section_parts(self, section: Section) -> Iterator[Part]:
        if section.satisfied_by == "contact":
            yield Part(section.key, PartKind.CONTACT, section.key, None, section.title)
            return
        yield Part(section.key, PartKind.SECTION, section.key, None, section.heading)
        if section.min_indicators:
            yield Part(
                f"{section.key}/indicators",
                PartKind.INDICATORS,
                section.key,
                None,
                _("%(section)s: indicators") % {"section": section.heading},
            )

    def _action_line_parts(self, code: str, require_stories: bool) -> Iterator[Part]:
        line = self.action_line(code)
        assert line is not None
        for aspect in self.aspects:
            yield Part(
                f"{code}/{aspect.key}",
                PartKind.ASPECT,
                code,
                aspect.key,
                f"{line.label} {aspect.title.lower()}",
            )
        if require_stories and line.min_stories:
            label = _("%(action_line)s success story") % {"action_line": line.label}
            yield Part(f"{code}/stories", PartKind.STORIES, code, None, label)
        for sub in self.action_lines:
            if sub.parent == code:
                yield from self._action_line_parts(sub.code, require_stories)


# -- finding and loading ------------------------------------------------------------------------


class _Builtin:
    """The shipped template, found even when the package's entry points are not installed
    (a source checkout on ``PYTHONPATH``)."""

    value = "sphinx_wsis.templates:WSIS20_STAKEHOLDER"

    def load(self) -> Any:
        from .templates import WSIS20_STAKEHOLDER

        return WSIS20_STAKEHOLDER


def available_templates() -> dict[str, Any]:
    """Template names mapped to loadable entry points: the built-in one, then plugins'.

    The built-in name always means the shipped template (the package's own entry point
    names it too): a plugin cannot pass another file off as ITU's template.
    """
    found = {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}
    return {**found, DEFAULT_TEMPLATE: _Builtin()}


def resolve_template(spec: str, confdir: str | Path) -> Path:
    """Where the YAML of ``wsis_template`` lives: a registered name, or a path from conf.py."""
    spec = (spec or DEFAULT_TEMPLATE).strip()
    # the built-in template needs no look at the installed packages' entry points
    registered = {spec: _Builtin()} if spec == DEFAULT_TEMPLATE else available_templates()
    if spec in registered:
        try:
            target = registered[spec].load()
            if callable(target):
                target = target()
        except Exception as exc:  # a plugin's own bug must not become our traceback
            raise TemplateError(
                f"template {spec!r} is registered by {registered[spec].value!r} "
                f"but could not be loaded: {exc}"
            ) from exc
        return Path(str(target))
    looks_like_path = spec.endswith((".yaml", ".yml")) or "/" in spec or "\\" in spec
    if looks_like_path:
        path = Path(spec)
        if not path.is_absolute():
            path = Path(confdir) / path
        if not path.is_file():
            raise TemplateError(f"template file {spec!r} does not exist (looked at {path})")
        return path.resolve()
    names = sorted(registered)
    close = difflib.get_close_matches(spec, names, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise TemplateError(
        f"unknown template {spec!r}{hint} Installed templates: {', '.join(names) or 'none'}. "
        "wsis_template may also be a path to a .yaml file.",
        unknown=True,
    )


#: What makes a template the template: a copy that changes any of these is another template.
DEFINING_FIELDS = (
    "title", "subtitle", "version", "issuer", "source", "review", "period", "stakeholders",
    "aspects", "placeholders", "chapters", "sections", "action_lines",
)  # fmt: skip


def official_template() -> Template:
    """The template shipped with the package (loaded once per file version)."""
    return load_template(Path(str(_Builtin().load())))


def changed_official_parts(template: Template) -> list[str]:
    """What a template carrying the official id changes of the official one ([] if nothing).

    A copied-and-edited YAML that keeps ``id: wsis20-stakeholder`` would otherwise be published
    (in report.json, on the title page) as if it were ITU's template.
    """
    official = official_template()
    if (
        template.id != official.id
        or Path(template.origin).resolve() == Path(official.origin).resolve()
    ):
        return []
    return [name for name in DEFINING_FIELDS if getattr(template, name) != getattr(official, name)]


_CACHE: dict[tuple[str, int, int], Template] = {}


def load_template(path: str | Path) -> Template:
    """Load and validate a template file; cached on the file's path, size and mtime."""
    path = Path(path)
    try:
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns, stat.st_size)
        if key in _CACHE:
            return _CACHE[key]
        raw = path.read_bytes()
    except OSError as exc:
        raise TemplateError(f"cannot read template: {exc.strerror}", str(path)) from exc
    from .template_yaml import parse_template  # the parser builds this module's classes

    template = parse_template(raw, str(path))
    _CACHE[key] = template
    return template


def compact_code(raw: str) -> str:
    """Lowercase ASCII letters and digits only: the form forgiving codes are compared in."""
    text = unicodedata.normalize("NFKD", str(raw)).encode("ascii", "ignore").decode()
    text = re.sub(r"[^0-9a-z]", "", text.lower())
    return re.sub(r"^(wsis)?(actionline)?", "", text)


def code_aliases(lines: list[ActionLine]) -> dict[str, str]:
    aliases: dict[str, str] = {}
    suffix_owners: dict[str, list[str]] = {}
    for line in lines:
        aliases[compact_code(line.code)] = line.code
        if line.parent:
            suffix = compact_code(line.code.split(".", 1)[1])
            aliases[compact_code(line.parent) + compact_code(line.title)] = line.code
            suffix_owners.setdefault(suffix, []).append(line.code)
    for suffix, owners in suffix_owners.items():
        if len(owners) == 1 and suffix not in aliases:
            aliases[suffix] = owners[0]
    return aliases
