"""Titles of a template in the six UN languages: the ``<template>.i18n.yaml`` file beside it.

Chapters, sections, action lines, aspects, stakeholder types, ITU's prompts and the review's
name, each an entry of texts by language: the official UN wording of the Geneva Plan of Action
and the Tunis Agenda where it exists (each official text citing, per language, where it was
read: ``source``), a translation marked ``unofficial`` otherwise. English (the template itself)
is the fallback. The file is data: plain mappings of language to text, no aliases, every problem
named with the file and the entry.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import yaml_data
from .i18n import DEFAULT_LANGUAGE, LANGUAGES, report_language
from .template import Template, compact_code

I18N_SUFFIX = ".i18n.yaml"
#: The groups of an ``.i18n.yaml`` file and what their keys are.
GROUPS = {
    "template": "fields of the template (review, title, subtitle, issuer, source)",
    "chapters": "chapter numbers (I … VI) or 'contact' for the unnumbered chapter",
    "sections": "section keys (executive-summary …)",
    "action-lines": "action-line and sub-line codes (C1 … C11, C7.e-health …)",
    "aspects": "aspect keys (achievements …) and 'stories'",
    "stakeholders": "stakeholder-type keys (government …)",
    "prompts": "section keys and chapter numbers: ITU's question for that part",
}


class TitlesError(Exception):
    """A translations file that cannot be read; the message names the file and the entry."""


@dataclass(frozen=True)
class Entry:
    """One text in several languages, the languages whose text is not the official one, and
    per language the official text it was checked against (URL, paragraph, what was read)."""

    texts: Mapping[str, str]
    unofficial: frozenset[str] = frozenset()
    sources: Mapping[str, str] = field(default_factory=dict)

    def official(self, language: str) -> bool:
        return language in self.texts and language not in self.unofficial


@dataclass(frozen=True)
class TemplateTitles:
    """Titles and prompts of one template in several languages, English being the fallback."""

    origin: str
    sources: Mapping[str, Any] = field(default_factory=dict)
    groups: Mapping[str, Mapping[str, Entry]] = field(default_factory=dict)

    def entry(self, group: str, key: str) -> Entry | None:
        return self.groups.get(group, {}).get(key)

    def text(self, group: str, key: str, language: str | None, default: str) -> str:
        """The text in ``language``; else ``default`` (the template's own English)."""
        found = self.entry(group, key)
        if found is None:
            return default
        return found.texts.get(report_language(language)) or default

    def keys(self, group: str) -> set[str]:
        return set(self.groups.get(group, {}))


def titles_path(template_path: str | Path) -> Path:
    """Where a template's translations live: ``x.yaml`` → ``x.i18n.yaml`` beside it."""
    path = Path(template_path)
    return path.with_name(path.name.rsplit(".", 1)[0] + I18N_SUFFIX)


_TITLES_CACHE: dict[tuple[str, int, int], TemplateTitles] = {}


def titles_for(template_path: str | Path) -> TemplateTitles:
    """The translations of the template at ``template_path``, cached on the file's stat."""
    path = titles_path(template_path)
    try:
        stat = path.stat()
    except OSError:
        return TemplateTitles(str(path))
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _TITLES_CACHE:
        _TITLES_CACHE[key] = load_titles(path)
    return _TITLES_CACHE[key]


def translate_template(
    template: Template, titles: TemplateTitles, language: str | None
) -> Template:
    """The template with its titles and prompts in ``language``; codes and keys unchanged.

    Every look-up a report's author types (action-line codes, the forgiving ``C7 E-Health``
    spellings, section keys) keeps working: the English aliases are kept, and a translated
    sub-line title adds an alias only where its ASCII form is new and not empty, so a
    Russian or Chinese title can never shadow ``C7`` itself.
    """
    lang = report_language(language)
    if lang == DEFAULT_LANGUAGE or not titles.groups:
        return template

    def text(group: str, key: str, default: str) -> str:
        return titles.text(group, key, lang, default)

    chapters = tuple(
        dataclasses.replace(
            chapter,
            title=text("chapters", chapter_key(chapter.number, chapter.sections), chapter.title),
            prompt=text("prompts", chapter_key(chapter.number, chapter.sections), chapter.prompt)
            if chapter.prompt
            else "",
        )
        for chapter in template.chapters
    )
    sections = tuple(
        dataclasses.replace(
            section,
            title=text("sections", section.key, section.title),
            prompt=text("prompts", section.key, section.prompt) if section.prompt else "",
        )
        for section in template.sections
    )
    lines = tuple(
        dataclasses.replace(line, title=text("action-lines", line.code, line.title))
        for line in template.action_lines
    )
    aliases = dict(template.aliases)
    for line in lines:
        if line.parent:
            suffix = compact_code(line.title)
            alias = compact_code(line.parent) + suffix
            if suffix and alias not in aliases:
                aliases[alias] = line.code
    return dataclasses.replace(
        template,
        review=text("template", "review", template.review),
        title=text("template", "title", template.title),
        subtitle=text("template", "subtitle", template.subtitle),
        issuer=text("template", "issuer", template.issuer),
        source=text("template", "source", template.source),
        stakeholders=tuple(
            (key, text("stakeholders", key, label)) for key, label in template.stakeholders
        ),
        aspects=tuple(
            dataclasses.replace(aspect, title=text("aspects", aspect.key, aspect.title))
            for aspect in template.aspects
        ),
        chapters=chapters,
        sections=sections,
        action_lines=lines,
        aliases=aliases,
    )


def chapter_key(number: str, section_keys: tuple[str, ...] | list[str]) -> str:
    """A chapter's key in the translations: its number, else its first section's key."""
    return number or (section_keys[0] if section_keys else "")


def load_titles(path: str | Path) -> TemplateTitles:
    """Read and validate a translations file; a missing file means English only."""
    path = Path(path)
    if not path.is_file():
        return TemplateTitles(str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TitlesError(f"{path}: cannot read the translations file: {exc}") from exc
    return parse_titles(text, str(path))


def parse_titles(text: str, origin: str) -> TemplateTitles:
    """Validate translations YAML: plain mappings of language → text, nothing else."""
    try:
        if yaml_data.has_alias(text):
            raise TitlesError(f"{origin}: YAML aliases are not allowed in translations")
        data = yaml_data.load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{origin}:{mark.line + 1}" if mark else origin
        raise TitlesError(f"{where}: not valid YAML: {getattr(exc, 'problem', exc)}") from exc
    if not isinstance(data, dict):
        raise TitlesError(f"{origin}: expected a mapping at the top level")
    unknown = set(data) - {"schema", "sources", *GROUPS}
    if unknown:
        raise TitlesError(f"{origin}: unknown top-level key(s): {', '.join(sorted(unknown))}")
    groups: dict[str, dict[str, Entry]] = {}
    for group in GROUPS:
        raw = data.get(group) or {}
        if not isinstance(raw, dict):
            raise TitlesError(f"{origin}: {group}: expected a mapping of {GROUPS[group]}")
        groups[group] = {
            str(key): _entry(value, f"{origin}: {group}.{key}") for key, value in raw.items()
        }
    sources = data.get("sources") or {}
    if not isinstance(sources, dict):
        raise TitlesError(f"{origin}: sources: expected a mapping of language → source")
    return TemplateTitles(origin, sources, groups)


def _entry(value: Any, where: str) -> Entry:
    if not isinstance(value, dict):
        raise TitlesError(f"{where}: expected a mapping of language → text")
    texts: dict[str, str] = {}
    unofficial: frozenset[str] = frozenset()
    sources: dict[str, str] = {}
    for key, text in value.items():
        if key == "unofficial":
            if not isinstance(text, list) or not all(t in LANGUAGES for t in text):
                raise TitlesError(f"{where}: unofficial: expected a list of language codes")
            unofficial = frozenset(text)
        elif key == "source":
            sources = _sources(text, f"{where}.source")
        elif key not in LANGUAGES:
            raise TitlesError(
                f"{where}: {key!r} is not one of the UN languages ({', '.join(LANGUAGES)})"
            )
        elif not isinstance(text, str) or not text.strip():
            raise TitlesError(f"{where}.{key}: expected non-empty text")
        else:
            texts[key] = " ".join(text.split())
    uncited = set(sources) - set(texts)
    if uncited:
        raise TitlesError(f"{where}: source given for a language without text: {sorted(uncited)}")
    return Entry(texts, unofficial, sources)


def _sources(value: Any, where: str) -> dict[str, str]:
    """Per-language citations of the official text an entry's wording was checked against."""
    if not isinstance(value, dict):
        raise TitlesError(f"{where}: expected a mapping of language → citation")
    sources: dict[str, str] = {}
    for language, citation in value.items():
        if language not in LANGUAGES:
            raise TitlesError(f"{where}: {language!r} is not one of the UN languages")
        if not isinstance(citation, str) or not citation.strip():
            raise TitlesError(f"{where}.{language}: expected non-empty text")
        sources[language] = " ".join(citation.split())
    return sources


__all__ = [
    "GROUPS",
    "Entry",
    "TemplateTitles",
    "TitlesError",
    "chapter_key",
    "load_titles",
    "parse_titles",
    "titles_for",
    "titles_path",
    "translate_template",
]
