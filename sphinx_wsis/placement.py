"""Where a missing part belongs, so its finding points at the page the author should edit.

A part that is absent has no line of its own. It is reported, in this order of preference, at:
the parent action line (a missing C7 sub-line, inside ``wsis-action-line C7``); the page whose
title is the part's own (``C4. Capacity building``, ``Contact for WSIS Follow-Up``); the last
written part of its chapter (``2. Strategic Documents/Plans`` beside ``1. Digital
Strategy/Policy``); the chapter's page (``II. Progress on WSIS Action Lines``); and only then the
report's front page.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from .template import Chapter, Template

Where = tuple[str, "int | None"]


class Homes:
    """The place each missing part of ``template`` belongs, for one environment."""

    def __init__(
        self,
        env: BuildEnvironment,
        template: Template,
        lines: dict[Any, list[Any]],
        sections: dict[Any, list[Any]],
        fallback: Where,
    ) -> None:
        self.env = env
        self.template = template
        self.lines = lines
        self.sections = sections
        self.fallback = fallback
        self.titles = {
            docname: title.astext().strip().casefold()
            for docname, title in sorted(env.titles.items())
            if docname in env.found_docs
        }

    def of(self, subject: str) -> Where:
        """Where the part ``subject`` (an action-line code or a section key) should be written."""
        line = self.template.action_line(subject)
        if line is not None:
            if line.parent and self.lines.get(line.parent):
                return self.lines[line.parent][0].where
            own = self.page_titled([f"{line.code}.", f"{line.code} "], [line.title])
            chapter = self.chapter_of(line.parent or line.code)
            return own or self.chapter_page(chapter) or self.fallback
        section = self.template.section(subject)
        own = self.page_titled([], [section.title, section.heading]) if section else None
        chapter = self.chapter_of(subject)
        siblings = [
            record
            for key in (chapter.sections if chapter else ())
            for record in self.sections.get(key, [])
        ]
        written = siblings[-1].where if siblings else None
        return own or written or self.chapter_page(chapter) or self.fallback

    def chapter_of(self, key: str) -> Chapter | None:
        return next(
            (c for c in self.template.chapters if key in c.sections or key in c.action_lines),
            None,
        )

    def chapter_page(self, chapter: Chapter | None) -> Where | None:
        if chapter is None:
            return None
        prefixes = [f"{chapter.number}."] if chapter.number else []
        return self.page_titled(prefixes, [chapter.title])

    def page_titled(self, prefixes: Iterable[str], titles: Iterable[str]) -> Where | None:
        """The first page whose title starts with a prefix or is one of ``titles``."""
        prefixes = [p.casefold() for p in prefixes]
        wanted = {t.casefold() for t in titles}
        for docname, title in self.titles.items():
            if title in wanted or any(title.startswith(p) for p in prefixes):
                return docname, self.title_line(docname, title)
        return None

    def title_line(self, docname: str, title: str) -> int:
        """The line of the page's title in its source (1 when it cannot be told)."""
        try:
            text = Path(self.env.doc2path(docname)).read_text("utf-8", errors="replace")
        except OSError:
            return 1
        for number, line in enumerate(text.splitlines(), start=1):
            if title in line.casefold():
                return number
        return 1
