"""``sphinx-wsis init``: a new report project, generated from the template model.

Every chapter, section, action line, sub-line and aspect on the generated pages comes from the
loaded :class:`~sphinx_wsis.template.Template`, so a new template version (or a plugin template)
scaffolds its own report. Each part holds the template's prompt behind the template's first
placeholder marker (``TODO``), so ``sphinx-wsis check`` lists every part as a gap until the
author writes it. The files themselves are Jinja templates under ``files/``, one set per source
format (``md`` for MyST, ``rst``) plus the files both share.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from ..directives import aspect_directive_name
from ..i18n import PLACEHOLDER_MARKERS, report_language
from ..option_values import slug
from ..template import ActionLine, Chapter, Section, Template
from ..template_titles import titles_for, translate_template
from ..vocabulary import PartKind, numbered
from . import escape
from .phrases import marker_for, phrases_for

FILES = Path(__file__).parent / "files"
#: The files both formats share, with the language each is written in (see :mod:`.escape`).
COMMON_FILES = {
    "conf.py": "python",
    "README.md": "markdown",
    ".gitignore": "text",
    ".github/workflows/wsis.yml": "text",
}
FORMATS = ("md", "rst")
FALLBACK_MARKER = "TODO"
#: conf.py's ``language`` for each UN language: Sphinx and docutils know Chinese as zh_CN.
SPHINX_LANGUAGES = {"zh": "zh_CN"}
#: Entries a directory may already hold and still count as empty (``git init`` first is common).
IGNORED_ENTRIES = frozenset({".git"})


class ScaffoldError(Exception):
    """The project cannot be written as asked (the message says why and what to do)."""


@dataclass
class Options:
    entity: str
    stakeholder: str
    fmt: str = "md"
    title: str = ""
    template_setting: str = ""  # the ``wsis_template`` line for conf.py; "" keeps the default
    language: str = "en"  # one of the six UN languages: conf.py's ``language``, the pages' words


@dataclass
class Page:
    """One generated source page; ``docname`` has no suffix."""

    docname: str
    kind: str  # "index", "chapter", "action-lines", "action-line" or "annex"
    title: str
    context: dict[str, Any] = field(default_factory=dict)


def check_target(directory: Path) -> None:
    """Refuse to write into a directory that already holds anything but ``.git``."""
    if directory.exists() and not directory.is_dir():
        raise ScaffoldError(f"{directory} exists and is not a directory")
    if directory.is_dir():
        entries = sorted(p.name for p in directory.iterdir() if p.name not in IGNORED_ENTRIES)
        if entries:
            shown = ", ".join(entries[:5]) + (", …" if len(entries) > 5 else "")
            raise ScaffoldError(
                f"{directory} is not empty (it holds {shown}); sphinx-wsis init never "
                "overwrites files: choose a new or empty directory"
            )


def marker_of(template: Template, language: str = "en") -> str:
    """The placeholder the generated text carries: the language's own marker (every build
    flags them), else the template's first plain one."""
    translated = marker_for(language)
    if translated:
        return translated
    plain = [p for p in template.placeholders if not p.startswith("re:") and p.isalnum()]
    return plain[0] if plain else FALLBACK_MARKER


def plan_pages(template: Template, options: Options, naming: Template | None = None) -> list[Page]:
    """The pages of a new report, in reading order: start page, chapters, annex.

    File names come from ``naming`` (the template in its own language), so a report has the
    same, ASCII, file names in every language.
    """
    used: set[str] = {"index", "annex"}
    pages: list[Page] = []
    line_chapters = [c for c in template.chapters if c.action_lines]
    named = dict(zip(template.chapters, (naming or template).chapters, strict=True))
    for chapter in template.chapters:
        sections = [s for key in chapter.sections if (s := template.section(key))]
        if chapter.action_lines:
            folder = "action-lines" if len(line_chapters) == 1 else _unique(named[chapter], used)
            used.add(folder)
            line_pages = [
                Page(
                    f"{folder}/{slug(code)}",
                    "action-line",
                    _line_title(template.action_line(code)),  # type: ignore[arg-type]
                    {"lines": _line_family(template, code), "chapter": chapter},
                )
                for code in chapter.action_lines
            ]
            pages.append(
                Page(
                    f"{folder}/index",
                    "action-lines",
                    _chapter_title(chapter),
                    {"chapter": chapter, "sections": sections, "children": line_pages},
                )
            )
            pages.extend(line_pages)
        elif sections:
            docname = sections[0].key if len(sections) == 1 else _unique(named[chapter], used)
            used.add(docname)
            title = sections[0].heading if len(sections) == 1 else _chapter_title(chapter)
            pages.append(
                Page(docname, "chapter", title, {"chapter": chapter, "sections": sections})
            )
    top = [p for p in pages if p.kind != "action-line"]
    words = phrases_for(options.language)
    title = options.title or words.report_title.format(
        review=template.review, entity=options.entity
    )
    start = Page("index", "index", title, {"children": top})
    annex = Page("annex", "annex", words.annex_title)
    return [start, *pages, annex]


def render_project(template: Template, options: Options) -> dict[str, str]:
    """Every file of the new project, as ``{relative path: text}``."""
    if options.fmt not in FORMATS:
        raise ScaffoldError(f"unknown source format {options.fmt!r} (use md or rst)")
    page_env = _environment("markdown" if options.fmt == "md" else "rst")
    naming = template
    template = translate_template(template, titles_for(template.origin), options.language)
    pages = plan_pages(template, options, naming)
    marker = marker_of(template, options.language)
    common = {
        "template": template,
        "options": options,
        "marker": marker,
        "words": phrases_for(options.language),
        # "TODO: ..." in English; a bracketed marker and a colon would be a Markdown link
        # reference definition ("[À COMPLÉTER]: ..."), so the others are followed by a space
        "marker_sep": " " if marker_for(options.language) else ": ",
        "language": SPHINX_LANGUAGES.get(report_language(options.language), options.language),
        # flagged, as the name; an address stays ASCII in any language
        "contact_email": f"{marker_of(template).lower()}@example.org",
        "stakeholder_label": template.stakeholder_label(options.stakeholder),
        "aspect_directive": aspect_directive_call,
        "needs_marker_pattern": marker
        not in (*template.placeholders, *PLACEHOLDER_MARKERS.values()),
        "title": pages[0].title,
        "ext": options.fmt,
        "pages": pages,
    }
    files: dict[str, str] = {}
    for page in pages:
        text = page_env.get_template(f"{options.fmt}/{page.kind}.jinja").render(
            **common, page=page, **page.context
        )
        files[f"{page.docname}.{options.fmt}"] = text
    for name, target in COMMON_FILES.items():
        env = _environment(target)
        files[name] = env.get_template(f"common/{name}.jinja").render(**common)
    return files


def write_project(directory: Path, files: dict[str, str], template_file: Path | None) -> None:
    """Write the files; a template given as a path is copied into the project."""
    check_target(directory)
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        target = directory / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    if template_file is not None:
        shutil.copyfile(template_file, directory / template_file.name)


def aspect_directive_call(key: str) -> tuple[str, str]:
    """``(directive, argument)`` that writes an aspect: its own directive where one exists."""
    name, _, argument = aspect_directive_name(key).partition(" ")
    return name, argument


# -- helpers ------------------------------------------------------------------------------------


def _line_family(template: Template, code: str) -> list[dict[str, Any]]:
    """An action line and its sub-lines, each with the parts the template requires of it."""
    family = [line for line in template.action_lines if code in (line.code, line.parent)]
    parts = template.parts()
    return [
        {
            "line": line,
            "title": _line_title(line),
            "aspects": [
                (p, *aspect_directive_call(p.aspect or ""))
                for p in parts
                if p.subject == line.code and p.kind == PartKind.ASPECT
            ],
            "stories": [p for p in parts if p.subject == line.code and p.kind == PartKind.STORIES],
        }
        for line in family
    ]


def _line_title(line: ActionLine) -> str:
    return line.heading if line.parent else numbered(line.code, line.title)


def _chapter_title(chapter: Chapter) -> str:
    return numbered(chapter.number, chapter.title)


def _unique(chapter: Chapter, used: set[str]) -> str:
    base = slug(chapter.title) or "chapter"
    name, n = base, 2
    while name in used:
        name, n = f"{base}-{n}", n + 1
    return name


def section_title(section: Section) -> str:
    return numbered(section.number, section.title)


def _environment(target: str) -> jinja2.Environment:
    env = escape.environment(jinja2.FileSystemLoader(FILES), target)
    env.globals["section_title"] = section_title
    return env
