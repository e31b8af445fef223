"""Reading a template file safely and validating it into a :class:`~.template.Template`.

YAML is composed with limits (depth, number of values, no recursive aliases, plain tags only),
so a hostile template cannot exhaust memory or run code; every problem names ``file:line``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from . import yaml_data
from .template import (
    ActionLine,
    Aspect,
    Chapter,
    Section,
    Template,
    TemplateError,
    code_aliases,
    official_template,
)


def parse_template(raw: bytes | str, origin: str) -> Template:
    """Validate template YAML and build the model; every problem names ``origin:line``."""
    text = _decode(raw, origin) if isinstance(raw, bytes) else raw
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    try:
        node = yaml_data.compose(text)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise TemplateError(f"not valid YAML: {exc.problem}", _at(origin, line)) from exc
    except yaml.YAMLError as exc:
        raise TemplateError(f"not valid YAML: {exc}", origin) from exc
    except RecursionError as exc:
        raise TemplateError(
            f"the YAML is nested too deeply (more than {MAX_DEPTH} levels are refused)", origin
        ) from exc
    if node is None:
        raise TemplateError("the template file is empty", origin)
    lines: dict[tuple[Any, ...], int] = {}
    data = _Plain(origin, lines).convert(node)
    return _Validator(data, lines, origin, digest).template()


def _decode(raw: bytes, origin: str) -> str:
    """The template's text; a file that is not UTF-8 is named with its line and column."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise TemplateError(
            f"the template file is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at line {line}, "
            f"column {column}); save it as UTF-8",
            _at(origin, line),
        ) from None


# -- YAML to plain data, keeping line numbers and refusing anything but plain data -------------

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}


#: Limits that keep a hostile or broken template from exhausting the machine: a template holds
#: a few hundred values, nested six levels deep, so these are far above any real one.
MAX_DEPTH = 50
MAX_VALUES = 100_000


class _Plain:
    """Converts a YAML node tree into plain data, recording the line of every value.

    Aliases are followed, so the data a template expands to is counted as it grows: a "billion
    laughs" of nested aliases stops at :data:`MAX_VALUES`, an alias to its own ancestor and
    nesting beyond :data:`MAX_DEPTH` are refused, each with the line where it happens.
    """

    def __init__(self, origin: str, lines: dict) -> None:
        self.origin = origin
        self.lines = lines
        self.scalars = yaml.constructor.SafeConstructor()
        self.values = 0
        self.open: set[int] = set()  # ids of the collections being converted (the current path)

    def convert(self, node: yaml.Node, path: tuple[Any, ...] = ()) -> Any:
        self.values += 1
        if self.values > MAX_VALUES:
            raise TemplateError(
                f"the template expands to more than {MAX_VALUES:,} values (aliases repeated "
                "inside aliases?); refused",
                _at(self.origin, node),
            )
        if len(path) > MAX_DEPTH:
            raise TemplateError(
                f"the YAML is nested more than {MAX_DEPTH} levels deep; refused",
                _at(self.origin, node),
            )
        self.lines[path] = node.start_mark.line + 1
        if not isinstance(node, yaml.MappingNode | yaml.SequenceNode):
            if node.tag not in _PLAIN_TAGS:
                raise _tag_error(node, self.origin)
            return self.scalars.construct_object(node)
        if id(node) in self.open:
            raise TemplateError(
                "an alias refers to a value that contains it (a recursive alias); refused",
                _at(self.origin, node),
            )
        self.open.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path)
            if node.tag != "tag:yaml.org,2002:seq":
                raise _tag_error(node, self.origin)
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        finally:
            self.open.discard(id(node))

    def _mapping(self, node: yaml.MappingNode, path: tuple[Any, ...]) -> dict[str, Any]:
        if node.tag != "tag:yaml.org,2002:map":
            raise _tag_error(node, self.origin)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                raise TemplateError("keys must be plain text", _at(self.origin, key_node))
            key = str(key_node.value)
            if key in result:
                raise TemplateError(f"key {key!r} appears twice", _at(self.origin, key_node))
            result[key] = self.convert(value_node, (*path, key))
            self.lines[(*path, key)] = key_node.start_mark.line + 1  # the key, not its value
        return result


def _tag_error(node: yaml.Node, origin: str) -> TemplateError:
    return TemplateError(
        f"YAML tag {node.tag!r} is not allowed: templates hold plain text, numbers, "
        "lists and mappings only",
        _at(origin, node),
    )


def _at(origin: str, where: yaml.Node | int | None) -> str:
    line = where.start_mark.line + 1 if isinstance(where, yaml.Node) else where
    return f"{origin}:{line}" if line else origin


# -- validation ---------------------------------------------------------------------------------

_CODE_RE = re.compile(r"^C\d{1,2}(\.[a-z][a-z0-9-]*)?$")
_KEY_RE = re.compile(r"^[a-z][a-z0-9-]*$")


class _Validator:
    def __init__(self, data: Any, lines: dict, origin: str, digest: str) -> None:
        self.data = data
        self.lines = lines
        self.origin = origin
        self.digest = digest

    def fail(self, path: tuple[Any, ...], message: str) -> TemplateError:
        where = ".".join(str(p) for p in path) or "top level"
        line = None
        probe = path
        while line is None and probe is not None:
            line = self.lines.get(probe)
            probe = probe[:-1] if probe else None
        return TemplateError(f"{where}: {message}", _at(self.origin, line))

    def mapping(self, value: Any, path: tuple, required: set[str], optional: set[str]) -> dict:
        if not isinstance(value, dict):
            raise self.fail(path, f"expected a mapping, found {_kind(value)}")
        for key in value:
            if key not in required | optional:
                allowed = ", ".join(sorted(required | optional))
                raise self.fail((*path, key), f"unknown key {key!r} (allowed: {allowed})")
        for key in sorted(required):
            if key not in value:
                raise self.fail(path, f"required key {key!r} is missing")
        return value

    def text(self, value: Any, path: tuple, *, required: bool = True) -> str:
        if value is None and not required:
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise self.fail(path, f"expected text, found {_kind(value)}")
        for char in str(value).strip():
            if unicodedata.category(char) in ("Cc", "Cs") and char not in "\t\n":
                raise self.fail(
                    path, f"holds the control character U+{ord(char):04X}: templates hold text"
                )
        text = " ".join(str(value).split())  # titles and prompts are read as one paragraph
        if required and not text:
            raise self.fail(path, "must not be empty")
        return text

    def items(self, value: Any, path: tuple) -> list:
        if not isinstance(value, list):
            raise self.fail(path, f"expected a list, found {_kind(value)}")
        return value

    def count(self, value: Any, path: tuple) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(path, f"expected a whole number 0 or more, found {value!r}")
        return value

    def template(self) -> Template:
        top = self.mapping(
            self.data,
            (),
            {"id", "title", "aspects", "chapters", "stakeholders"},
            {
                "schema",
                "version",
                "subtitle",
                "issuer",
                "source",
                "review",
                "submission",
                "placeholders",
                "rules",
                "indicator-catalogue",
            },
        )
        if top.get("schema", 1) != 1:
            raise self.fail(("schema",), f"unsupported template schema {top['schema']!r}")
        template_id = self.text(top["id"], ("id",))
        if not _KEY_RE.match(template_id):
            raise self.fail(("id",), "use lowercase letters, digits and hyphens")
        rules = self.mapping(
            top.get("rules", {}),
            ("rules",),
            set(),
            {"action-line-min-stories", "sub-line-min-stories"},
        )
        line_stories = self.count(rules.get("action-line-min-stories", 1), ("rules",))
        sub_stories = self.count(rules.get("sub-line-min-stories", 0), ("rules",))

        stakeholders = top["stakeholders"]
        if not isinstance(stakeholders, dict) or not stakeholders:
            raise self.fail(("stakeholders",), "expected a mapping of stakeholder types")
        if not stakeholders:
            raise self.fail(("stakeholders",), "list at least one stakeholder type")
        for key in stakeholders:
            if not _KEY_RE.match(key):
                raise self.fail(("stakeholders", key), "use lowercase letters and hyphens")
        aspects = []
        for i, raw in enumerate(self.items(top["aspects"], ("aspects",))):
            item = self.mapping(raw, ("aspects", i), {"key", "title"}, set())
            key = self.text(item["key"], ("aspects", i, "key"))
            if not _KEY_RE.match(key):
                raise self.fail(("aspects", i, "key"), "use lowercase letters and hyphens")
            aspects.append(Aspect(key, self.text(item["title"], ("aspects", i, "title"))))
        if not aspects:
            raise self.fail(("aspects",), "list at least one aspect")
        placeholders = tuple(
            self.text(p, ("placeholders", i))
            for i, p in enumerate(self.items(top.get("placeholders", []), ("placeholders",)))
        )
        for i, pattern in enumerate(placeholders):
            if problem := pattern_problem(pattern):
                raise self.fail(("placeholders", i), f"{pattern!r} {problem}")
        submission = self.mapping(
            top.get("submission", {}), ("submission",), set(), {"email", "deadline", "url"}
        )
        review_name, period = self.review(top.get("review"))

        chapters: list[Chapter] = []
        sections: list[Section] = []
        lines: list[ActionLine] = []
        for i, raw in enumerate(self.items(top["chapters"], ("chapters",))):
            path = ("chapters", i)
            item = self.mapping(raw, path, {"title"}, {"number", "prompt", "parts", "action-lines"})
            number = self.text(item.get("number"), (*path, "number"), required=False)
            chapter_title = self.text(item["title"], (*path, "title"))
            chapter_sections = [
                self.section(part, (*path, "parts", j), number)
                for j, part in enumerate(self.items(item.get("parts", []), (*path, "parts")))
            ]
            chapter_lines: list[ActionLine] = []
            for j, part in enumerate(
                self.items(item.get("action-lines", []), (*path, "action-lines"))
            ):
                chapter_lines.extend(
                    self.action_line(part, (*path, "action-lines", j), line_stories, sub_stories)
                )
            sections.extend(chapter_sections)
            lines.extend(chapter_lines)
            chapters.append(
                Chapter(
                    number,
                    chapter_title,
                    self.text(item.get("prompt"), (*path, "prompt"), required=False),
                    tuple(s.key for s in chapter_sections),
                    tuple(line.code for line in chapter_lines if line.parent is None),
                )
            )
        self.unique([s.key for s in sections], "section key", ("chapters",))
        self.unique([a.code for a in lines], "action-line code", ("chapters",))
        self.unique([a.key for a in aspects], "aspect key", ("aspects",))
        if not sections and not lines:
            raise self.fail(("chapters",), "the template has no parts")

        return Template(
            id=template_id,
            version=self.text(top.get("version", "1"), ("version",)),
            title=self.text(top["title"], ("title",)),
            subtitle=self.text(top.get("subtitle"), ("subtitle",), required=False),
            issuer=self.text(top.get("issuer"), ("issuer",), required=False),
            source=self.text(top.get("source"), ("source",), required=False),
            review=review_name,
            period=period,
            origin=self.origin,
            digest=self.digest,
            submission=tuple(
                (k, self.text(v, ("submission", k))) for k, v in sorted(submission.items())
            ),
            stakeholders=tuple(
                (k, self.text(v, ("stakeholders", k))) for k, v in stakeholders.items()
            ),
            aspects=tuple(aspects),
            placeholders=placeholders,
            chapters=tuple(chapters),
            sections=tuple(sections),
            action_lines=tuple(lines),
            indicator_catalogues=self.catalogues(top.get("indicator-catalogue")),
            aliases=code_aliases(lines),
        )

    def catalogues(self, value: Any) -> tuple[str, ...]:
        """``indicator-catalogue:``, one file or a list, relative to the template file."""
        if value is None:
            return ()
        names = [value] if isinstance(value, str) else self.items(value, ("indicator-catalogue",))
        base = Path(self.origin).parent
        return tuple(
            str(base / self.text(name, ("indicator-catalogue", i))) for i, name in enumerate(names)
        )

    def review(self, raw: Any) -> tuple[str, tuple[int, int]]:
        """``review``: the review's name and the default period; a template without it takes
        the official template's."""
        if raw is None:
            official = official_template()
            return official.review, official.period
        item = self.mapping(raw, ("review",), {"name", "period"}, set())
        name = self.text(item["name"], ("review", "name"))
        text = self.text(item["period"], ("review", "period"))
        found = re.fullmatch(r"(\d{4})\s*-\s*(\d{4})", text)
        if not found or int(found[1]) > int(found[2]):
            raise self.fail(
                ("review", "period"), f"expected a period such as 2005-2025, not {text!r}"
            )
        return name, (int(found[1]), int(found[2]))

    def section(self, raw: Any, path: tuple, chapter: str) -> Section:
        item = self.mapping(
            raw, path, {"key", "title"}, {"number", "prompt", "min-indicators", "satisfied-by"}
        )
        key = self.text(item["key"], (*path, "key"))
        if not _KEY_RE.match(key):
            raise self.fail((*path, "key"), "use lowercase letters, digits and hyphens")
        satisfied_by = item.get("satisfied-by")
        if satisfied_by not in (None, "contact"):
            raise self.fail((*path, "satisfied-by"), "the only supported value is 'contact'")
        return Section(
            key=key,
            title=self.text(item["title"], (*path, "title")),
            chapter=chapter,
            number=self.text(item.get("number"), (*path, "number"), required=False),
            prompt=self.text(item.get("prompt"), (*path, "prompt"), required=False),
            min_indicators=self.count(item.get("min-indicators", 0), (*path, "min-indicators")),
            satisfied_by=satisfied_by,
        )

    def action_line(
        self, raw: Any, path: tuple, min_stories: int, sub_stories: int
    ) -> list[ActionLine]:
        item = self.mapping(raw, path, {"code", "title"}, {"sub-lines", "min-stories"})
        code = self.text(item["code"], (*path, "code"))
        if not _CODE_RE.match(code) or "." in code:
            raise self.fail((*path, "code"), f"action-line code {code!r} must look like C1")
        stories = self.count(item.get("min-stories", min_stories), (*path, "min-stories"))
        result = [ActionLine(code, self.text(item["title"], (*path, "title")), None, stories)]
        for k, sub in enumerate(self.items(item.get("sub-lines", []), (*path, "sub-lines"))):
            sub_path = (*path, "sub-lines", k)
            sub_item = self.mapping(sub, sub_path, {"code", "title"}, {"min-stories"})
            sub_code = self.text(sub_item["code"], (*sub_path, "code"))
            if not _CODE_RE.match(sub_code) or not sub_code.startswith(code + "."):
                raise self.fail(
                    (*sub_path, "code"), f"sub-line code {sub_code!r} must look like {code}.e-name"
                )
            result.append(
                ActionLine(
                    sub_code,
                    self.text(sub_item["title"], (*sub_path, "title")),
                    code,
                    self.count(sub_item.get("min-stories", sub_stories), (*sub_path,)),
                )
            )
        return result

    def unique(self, values: list[str], what: str, path: tuple) -> None:
        seen: set[str] = set()
        for value in values:
            if value in seen:
                raise self.fail(path, f"{what} {value!r} is defined twice")
            seen.add(value)


def pattern_problem(pattern: Any) -> str | None:
    """Why a placeholder pattern cannot be used, or None (shared with template validation)."""
    if not isinstance(pattern, str) or not pattern.strip():
        return "is not a non-empty text"
    if pattern.startswith("re:"):
        try:
            re.compile(pattern[3:])
        except re.error as exc:
            return f"is not a valid regular expression ({exc})"
        if re.fullmatch(pattern[3:], ""):
            return "is a regular expression that matches empty text"
    return None


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false"}.get(
        type(value), "nothing" if value is None else f"{type(value).__name__} {value!r}"
    )
