"""Where each block of a Word draft belongs in the report: recognising Annex 1's headings.

A heading (or a short or bold paragraph, as ITU's own Word template writes "**Achievements**")
is matched against the titles and codes of the template: chapters, sections, action lines and
sub-lines, aspects. Matching forgives numbering ("2.3", "II.", "1)"), an "Action Line" prefix,
case, punctuation and every kind of dash, so "2.3 Action Line C3", "C3 \u2013 Access to information
and knowledge" and "ACCESS TO INFORMATION AND KNOWLEDGE" all mean C3. Titles come from the
template, plus the aliases of ``headings.yaml``; titles in other languages are added there (or
by the template) as data, never in code.

The ``wsis-docx`` builder's own cards (story, indicator, contact, title page) are read back from
their styles and fact tables, so a DOCX the builder wrote imports into the same parts.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..template import Template
from .reader import Block, Inline

ALIASES_FILE = Path(__file__).parent / "headings.yaml"
NUMBERING = re.compile(
    r"^(?:(?:[ivxlcdm]+|[a-z])[.)]\s*|\d+(?:\.\d+)*(?:[.)]\s*|\s+)|\(\w+\)\s*|[•·▪◦-]\s*)+"
)
PREFIXES = re.compile(r"^(?:action\s*line|line\s*of\s*action|section|chapter|part)\b\W*")
CODE = re.compile(r"^c\s*(\d{1,2})(?![\d])\W*(.*)$")
STORY = re.compile(r"^success\s*story\s*\W\s*(.+)$", re.IGNORECASE)
NOT_APPLICABLE = re.compile(r"^not applicable(?:\s*\([^)]*\))?\s*:\s*(.+)$", re.IGNORECASE)
GENERATED_SUMMARY = re.compile(r"^\d+ of \d+ parts complete")
#: Header cells of the tables the builder generates (the matrix, the indicator table).
GENERATED_TABLES = ("action line", "part of the template", "indicator")
SHORT = 14  # words: a paragraph this short (or all bold) may be a heading in disguise


@dataclass(frozen=True)
class Target:
    """A place in the report: ``kind`` is chapter, section, line, aspect, contact or annex."""

    kind: str
    key: str = ""


def compact(text: str) -> str:
    """Letters and digits only, case-folded: what two spellings of a title share."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def _stripped(text: str) -> str:
    """Without numbering, bullets and an "Action Line" prefix; dashes made plain."""
    text = unicodedata.normalize("NFKC", text).casefold().strip()
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    text = NUMBERING.sub("", text)
    return PREFIXES.sub("", text).strip()


class Vocabulary:
    """The headings of a template, by their compact spelling."""

    def __init__(self, template: Template, extra: Iterable[tuple[str, Target]] = ()) -> None:
        self.template = template
        self.titles: dict[str, Target] = {}
        for chapter in template.chapters:
            if len(chapter.sections) == 1 and not chapter.action_lines:
                target = self._section_target(chapter.sections[0])
            else:
                target = Target("chapter", chapter.number or chapter.title)
            self.titles.setdefault(compact(chapter.title), target)
        for section in template.sections:
            target = self._section_target(section.key)
            self.titles[compact(section.title)] = target
            if section.satisfied_by == "contact" and section.prompt:
                self.titles[compact(section.prompt)] = target  # ITU's closing line
        for line in template.action_lines:
            self.titles.setdefault(compact(line.title), Target("line", line.code))
        for aspect in template.aspects:
            self.titles[compact(aspect.title)] = Target("aspect", aspect.key)
        for title, target in extra:
            self.titles.setdefault(compact(title), target)
        self.subs = {
            (line.parent, compact(line.title)): line.code
            for line in template.action_lines
            if line.parent
        }
        self.prompts = {compact(p) for p in _template_texts(template)}

    def _section_target(self, key: str) -> Target:
        section = self.template.section(key)
        if section is not None and section.satisfied_by == "contact":
            return Target("contact", key)
        return Target("section", key)

    def recognise(self, text: str, *, strict: bool = False) -> Target | None:
        """The part a heading names, or None. ``strict``: the text must be a title and no
        more (for plain paragraphs, which may be a sentence that starts with a code)."""
        stripped = _stripped(text)
        whole = compact(stripped)
        if not whole:
            return None
        match = CODE.match(stripped)
        if match:
            code = f"C{int(match.group(1))}"
            if self.template.action_line(code) is not None:
                rest = compact(match.group(2))
                for (parent, title), sub in self.subs.items():
                    if (
                        parent == code
                        and rest
                        and (rest == title or (not strict and rest.startswith(title)))
                    ):
                        return Target("line", sub)
                named = self.titles.get(rest)  # a sub-line's title in another language
                if named is not None and named.kind == "line":
                    line = self.template.action_line(named.key)
                    if line is not None and line.parent == code:
                        return named
                own = named == Target("line", code)
                if not strict or not rest or own:
                    return Target("line", code)
                return None
        if whole in self.titles:
            return self.titles[whole]
        for (_parent, title), code in self.subs.items():
            if whole == title:
                return Target("line", code)
        if whole.startswith("annex"):
            return Target("annex")
        return None

    def is_prompt(self, text: str) -> bool:
        return compact(_stripped(text)) in self.prompts or compact(text) in self.prompts


def _template_texts(template: Template) -> list[str]:
    """ITU's own words in a draft made from the Word template: prompts, titles, placeholders."""
    texts = [template.title, template.subtitle, f"({template.subtitle})", "Annex 1"]
    texts += [c.prompt for c in template.chapters if c.prompt]
    texts += [s.prompt for s in template.sections if s.prompt and s.satisfied_by != "contact"]
    texts += [p for p in template.placeholders if not p.isalnum()]
    return texts


def load_aliases(path: Path = ALIASES_FILE) -> list[tuple[str, Target]]:
    """Extra spellings of the template's headings, as data (``headings.yaml``)."""
    data = yaml.safe_load(path.read_text("utf-8")) or {}
    found: list[tuple[str, Target]] = []
    for kind in ("section", "line", "aspect", "contact", "chapter", "stories"):
        for key, titles in (data.get(kind) or {}).items():
            for title in titles or []:
                found.append((str(title), Target(kind, str(key))))
    return found


# -- the placed draft ---------------------------------------------------------------------


@dataclass
class Card:
    """A story or indicator: its title, options read from its fact table, and its text."""

    title: str
    options: dict[str, str] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Placed:
    title: str = ""
    report: dict[str, str] = field(default_factory=dict)
    intro: list[Block] = field(default_factory=list)
    chapters: dict[str, list[Block]] = field(default_factory=dict)
    sections: dict[str, list[Block]] = field(default_factory=dict)
    lines: dict[str, list[Block]] = field(default_factory=dict)
    aspects: dict[tuple[str, str], list[Block]] = field(default_factory=dict)
    stories: dict[str, list[Card]] = field(default_factory=dict)
    indicators: list[Card] = field(default_factory=list)
    contact: dict[str, str] = field(default_factory=dict)
    contact_blocks: list[Block] = field(default_factory=list)
    annex: list[Block] = field(default_factory=list)
    unplaced: list[Block] = field(default_factory=list)
    not_applicable: dict[str, str] = field(default_factory=dict)
    document_title: str = ""
    prompts_left_out: int = 0

    def answered(self) -> set[str]:
        """Ids of the parts that got text (as the completeness matrix names them)."""
        found = {key for key, blocks in self.sections.items() if blocks}
        found |= {f"{code}/{aspect}" for (code, aspect), blocks in self.aspects.items() if blocks}
        found |= {f"{code}/stories" for code, cards in self.stories.items() if cards}
        return found


CONTACT_FIELDS = {"name": "name", "role": "role", "unit": "unit", "e-mail": "email",
                  "email": "email", "phone": "phone", "address": "address"}  # fmt: skip
REPORT_FIELDS = {"stakeholder type": "stakeholder", "country": "country",
                 "reporting period": "period", "date": "date", "website": "website"}  # fmt: skip


class _Placer:
    def __init__(self, template: Template, vocabulary: Vocabulary) -> None:
        self.template = template
        self.words = vocabulary
        self.placed = Placed()
        self.target: list[Block] = self.placed.intro
        self.line: str | None = None
        self.card: Card | None = None
        self.stories_next = False  # after a "Success stories" heading: titled stories follow

    def run(self, blocks: list[Block]) -> Placed:
        index = 0
        while index < len(blocks):
            index = self.step(blocks, index)
        return self.placed

    def step(self, blocks: list[Block], index: int) -> int:
        block = blocks[index]
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        style = block.style
        if style.startswith(("TOC", "toc")):
            return index + 1
        if style == "WSIS Title Line":
            self.placed.document_title = self.placed.document_title or block.text
            return index + 1
        if (
            style == "WSIS Note"
            and self.line is not None
            and (na := NOT_APPLICABLE.match(block.text))
        ):
            self.placed.not_applicable[self.line] = na.group(1).strip()
            return index + 1
        if style == "WSIS Title Entity":
            self.placed.report["entity"] = block.text
            return index + 1
        if style == "WSIS Title Field":
            label, _, value = block.text.partition(":")
            if label.strip().lower() in REPORT_FIELDS:
                self.placed.report[REPORT_FIELDS[label.strip().lower()]] = value.strip()
            return index + 1
        if block.kind in ("paragraph", "item", "heading") and self.words.is_prompt(block.text):
            self.placed.prompts_left_out += 1
            return index + 1
        if self.target is self.placed.annex and _generated(block):
            return index + 1
        if style == "WSIS Story Title" or (block.kind != "table" and STORY.match(block.text)):
            return self.start_card(blocks, index, following, story=True)
        if style == "WSIS Indicator":
            return self.start_card(blocks, index, following, story=False)
        if style == "WSIS Indicator Value" and self.card is not None and not self.card.options:
            self.card.options["value-text"] = block.text
            return index + 1
        if self.maybe_heading(block):
            target = self.words.recognise(block.text, strict=not self.emphasised(block))
            if target is not None:
                self.enter(target, block)
                return index + 1
        if self.stories_next and block.kind != "table":
            self.stories_next = False
            if self.maybe_heading(block):
                return self.start_card(blocks, index, following, story=True)
            line = self.template.action_line(self.line or "")
            card = Card(f"{line.label if line else ''} success story".strip())
            self.placed.stories.setdefault(self.line or "", []).append(card)
            self.card, self.target = card, card.blocks
        if block.kind == "heading" and self.target is self.placed.intro and not self.placed.title:
            self.placed.title = block.text
            return index + 1
        if self.target is self.placed.contact_blocks and _fields(
            block, CONTACT_FIELDS, self.placed.contact
        ):
            return index + 1
        self.target.append(block)
        return index + 1

    def maybe_heading(self, block: Block) -> bool:
        if block.kind not in ("heading", "paragraph", "item"):
            return False
        return self.emphasised(block) or len(block.text.split()) <= SHORT

    @staticmethod
    def emphasised(block: Block) -> bool:
        """A Word heading, or a paragraph all in bold: meant as a heading."""
        if block.kind == "heading":
            return True
        return all(i.bold for i in block.inlines if i.text.strip())

    def enter(self, target: Target, block: Block) -> None:
        placed = self.placed
        self.card = None
        self.stories_next = False
        if target.kind == "chapter":
            self.target = placed.chapters.setdefault(target.key, [])
            self.line = None
        elif target.kind == "section":
            self.target = placed.sections.setdefault(target.key, [])
            self.line = None
        elif target.kind == "contact":
            self.target = placed.contact_blocks
            self.line = None
        elif target.kind == "annex":
            self.target = placed.annex
            self.line = None
        elif target.kind == "line":
            self.line = target.key
            self.target = placed.lines.setdefault(target.key, [])
        elif target.kind == "stories" and self.line is not None:
            self.target = placed.lines.setdefault(self.line, [])
            self.stories_next = True
        elif target.kind == "aspect" and self.line is not None:
            self.target = placed.aspects.setdefault((self.line, target.key), [])
        else:  # an aspect with no action line before it: nowhere to go
            self.target = placed.unplaced
            placed.unplaced.append(block)

    def start_card(self, blocks: list[Block], index: int, following: Block | None, *,
                   story: bool) -> int:  # fmt: skip
        block = blocks[index]
        match = STORY.match(block.text)
        title = match.group(1).strip() if match else block.text
        if not match and story and block.style == "WSIS Story Title" and ":" in block.text:
            title = block.text.partition(":")[2].strip()  # the builder's label, translated
        card = Card(title)
        consumed = index + 1
        if story:
            if self.line is None:
                self.target = self.placed.unplaced
                self.placed.unplaced.append(block)
                return consumed
            self.placed.stories.setdefault(self.line, []).append(card)
        else:
            self.placed.indicators.append(card)
        self.card = card
        self.target = card.blocks
        if following is not None and following.style == "WSIS Indicator Value":
            card.options["value-text"] = following.text
            consumed += 1
            following = blocks[consumed] if consumed < len(blocks) else None
        if following is not None and following.kind == "table" and _is_fact_table(following):
            card.options.update(_fact_table(following))
            consumed += 1
        return consumed


def _generated(block: Block) -> bool:
    if block.kind == "table":
        first = compact(_cell_text(block.rows[0][0])) if block.rows and block.rows[0] else ""
        return first in {compact(h) for h in GENERATED_TABLES}
    return bool(GENERATED_SUMMARY.match(block.text))


def _cell_text(cell: list[Inline]) -> str:
    return "".join(i.text for i in cell).strip()


def _is_fact_table(block: Block) -> bool:
    return bool(block.rows) and all(len(row) == 2 for row in block.rows)


def _fact_table(block: Block) -> dict[str, str]:
    """A card's facts: ``{label (lower case): value}``; a link's address as ``label-url``."""
    facts: dict[str, str] = {}
    for label, value in block.rows:
        key = _cell_text(label).lower()
        facts[key] = _cell_text(value)
        url = next((i.url for i in value if i.url), "")
        if url:
            facts[f"{key}-url"] = url
    return facts


def _fields(block: Block, known: dict[str, str], into: dict[str, str]) -> bool:
    """``Label: value`` lines or a fact table of known labels, read into ``into``."""
    if block.kind == "table" and _is_fact_table(block):
        facts = _fact_table(block)
        if any(k in known for k in facts):
            for label, value in facts.items():
                if label in known:
                    into[known[label]] = value
            return True
        return False
    label, sep, value = block.text.partition(":")
    if sep and label.strip().lower() in known and value.strip():
        into[known[label.strip().lower()]] = value.strip()
        return True
    return False


def translated_titles(template: Template) -> list[tuple[str, Target]]:
    """The template's titles in every language its translations file gives (for drafts
    written in Arabic, Chinese, French, Russian or Spanish)."""
    from ..template_titles import titles_for  # Babel is imported only when a draft is placed

    titles = titles_for(template.origin)
    targets: dict[str, Callable[[str], Target]] = {
        "sections": lambda key: Target(
            "contact"
            if getattr(template.section(key), "satisfied_by", "") == "contact"
            else "section",
            key,
        ),
        "action-lines": lambda code: Target("line", code),
        "aspects": lambda key: Target("stories" if key == "stories" else "aspect", key),
    }
    found: list[tuple[str, Target]] = []
    for group, target in targets.items():
        for key, entry in titles.groups.get(group, {}).items():
            found.extend((text, target(key)) for text in entry.texts.values())
    return found


def place(blocks: list[Block], template: Template) -> Placed:
    """Sort the draft's blocks into the parts of ``template``."""
    vocabulary = Vocabulary(template, [*load_aliases(), *translated_titles(template)])
    return _Placer(template, vocabulary).run(blocks)
