"""Writing text from a template or the command line into the files ``init`` generates.

Every value is quoted with the escaping of the language of the place it goes to: a Python
string literal in conf.py, Markdown or reStructuredText escapes in page text, a quoted MyST
option value, a one-line comment. The Jinja environments built here apply the target's text
escaping to any value a template writes without a filter, as Jinja's HTML autoescaping does,
and refuse to write an unquoted value into conf.py at all.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from typing import Any

import jinja2
from docutils.utils import column_width

from ..myst_options import myst_option

__all__ = ["environment", "markdown_text", "myst_option", "one_line", "rst_text"]


class Safe(str):
    """Text already written in the target's syntax: the environment writes it unchanged."""

    __slots__ = ()


def one_line(text: Any) -> str:
    """Text on one line: every run of whitespace (line breaks included) becomes one space."""
    return " ".join(str(text).split())


# -- Python -------------------------------------------------------------------------------------


def python_literal(text: Any) -> Safe:
    """A Python string literal with exactly ``text`` as its value.

    A triple-quoted literal when that can be written without any escape (readable as a
    docstring), otherwise ``repr``, which escapes everything.
    """
    text = str(text)
    plain = all(c == "\n" or c.isprintable() for c in text)
    if plain and "\\" not in text and '"""' not in text and not text.endswith('"'):
        return Safe(f'"""{text}"""')
    return Safe(repr(text))


def python_repr(value: Any) -> Safe:
    return Safe(repr(value))


# -- Markdown (MyST) ----------------------------------------------------------------------------

#: Characters that are markup wherever they stand in CommonMark or MyST.
_MD_ALWAYS = frozenset("\\`*_{}[]<>#|~&$")
#: Characters that are markup at the start of a line; a wrapped line may start at any word.
_MD_WORD_START = frozenset("-+=:%>")
#: A word that reads as an ordered-list marker (``1.``, ``2)``) at the start of a line.
_ENUMERATOR = re.compile(r"^(\d+)([.)])$")
#: A word that reads as a MyST target, ``(name)=``, on a line of its own.
_MYST_TARGET = re.compile(r"^\((?=.*\)=$)")


def markdown_text(text: Any) -> Safe:
    """Inline Markdown that shows exactly ``text`` (on one line): nothing becomes markup."""
    words = []
    for word in one_line(text).split(" "):
        forced = {0} if word[:1] in _MD_WORD_START or _MYST_TARGET.match(word) else set()
        if enumerator := _ENUMERATOR.match(word):
            forced.add(len(enumerator[1]))
        words.append(_escape_chars(word, _MD_ALWAYS, forced))
    return Safe(" ".join(words))


def _escape_chars(word: str, always: frozenset[str], forced: set[int]) -> str:
    """``word`` with a backslash before each character in ``always`` or at a ``forced`` index.

    Quotes, ``--`` and ``...`` are escaped too, so Sphinx's smart quotes leave them as written.
    """
    forced = forced | {
        i
        for i, char in enumerate(word)
        if char in "'\""
        or (char == "-" and "--" in word[max(i - 1, 0) : i + 2])
        or (char == "." and "..." in word[max(i - 2, 0) : i + 3])
    }
    return "".join(
        "\\" + char if char in always or i in forced else char for i, char in enumerate(word)
    )


def markdown_code(text: Any) -> Safe:
    """A Markdown code span showing exactly ``text``: fenced by more backticks than it holds."""
    value = one_line(text)
    runs = [len(run) for run in re.findall(r"`+", value)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return Safe(f"{fence}{pad}{value}{pad}{fence}")


# -- reStructuredText ---------------------------------------------------------------------------

_RST_ALWAYS = frozenset("\\`*_|[]<>")
_RST_WORD_START = frozenset("-+*#.|>:=~^")
#: A word that reads as an enumerator (``1.``, ``A)``, ``iv.``, ``#.``, ``(b)``).
_RST_ENUMERATOR = re.compile(r"^(\(?)(\d+|[A-Za-z]|[ivxlcdmIVXLCDM]+|#)([.)])$")


def rst_text(text: Any) -> Safe:
    """Inline reStructuredText that shows exactly ``text`` (on one line)."""
    words = []
    for word in one_line(text).split(" "):
        forced = {0} if word[:1] in _RST_WORD_START else set()
        # "::" ends a paragraph with a literal block; "scheme:rest" is a standalone hyperlink,
        # "name@host" a standalone e-mail address
        forced |= {i for i, char in enumerate(word) if char == ":" and i + 1 < len(word)}
        forced |= {i for i, char in enumerate(word) if char == "@"}
        forced |= {i for i, char in enumerate(word) if char == ":" and word[i - 1 : i] == ":"}
        if enumerator := _RST_ENUMERATOR.match(word):
            forced.add(0 if enumerator[1] else len(word) - 1)
        words.append(_escape_chars(word, _RST_ALWAYS, forced))
    return Safe(" ".join(words))


def rst_option(text: Any) -> Safe:
    """A reStructuredText directive option value: docutils takes the line as it is."""
    return Safe(one_line(text))


# -- shared by both page formats ----------------------------------------------------------------


def wrap(text: str, width: int = 96, prefix: str = "", first: str | None = None) -> Safe:
    """Wrap already-escaped text; ``prefix`` starts every line after the first."""
    lines = textwrap.wrap(
        one_line(text),
        width=width,
        initial_indent=prefix if first is None else first,
        subsequent_indent=prefix,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return Safe("\n".join(lines))


_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
_DOCNAME = re.compile(r"^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*$")


def checked(pattern: re.Pattern[str], what: str) -> Callable[[Any], Safe]:
    """A filter for names init derives itself (slugs, keys): checked, then written as they are."""

    def check(value: Any) -> Safe:
        if not pattern.match(str(value)):
            raise ValueError(f"{what} {value!r} cannot be written into a page")
        return Safe(str(value))

    return check


def _directive(target: str, name: str, argument: str) -> Safe:
    """The start of a directive, ``{name} argument`` (MyST) or ``name:: argument`` (rST)."""
    name = checked(_NAME, "directive")(name)
    head = f"{{{name}}}" if target == "markdown" else f"{name}::"
    return Safe(f"{head} {checked(_NAME, 'argument')(argument)}" if argument else head)


TARGETS: dict[str, Callable[[Any], Safe] | None] = {
    "markdown": markdown_text,
    "rst": rst_text,
    "python": None,  # no default: conf.py says for every value how it is quoted
    "text": None,
}


def environment(loader: jinja2.BaseLoader, target: str) -> jinja2.Environment:
    """A Jinja environment whose every ``{{ value }}`` is escaped for ``target``."""
    default = TARGETS[target]

    def finalize(value: Any) -> Any:
        if isinstance(value, Safe):
            return value
        if default is None:
            raise TypeError(
                f"{value!r} would be written into a {target} file without quoting: give it a filter"
            )
        return default(value)

    text = markdown_text if target == "markdown" else rst_text
    option = (lambda value: Safe(myst_option(value))) if target == "markdown" else rst_option
    env = jinja2.Environment(
        loader=loader,
        autoescape=False,
        finalize=finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(
        {
            # page text: escaped, then wrapped
            "text": lambda value, *args: wrap(text(value), *args),
            # a comment: only kept on its lines
            "comment": lambda value, *args: wrap(str(value), *args),
            "oneline": lambda value: Safe(one_line(value)),
            "option": option,
            "argument": lambda value: Safe(one_line(value)),
            "underline": lambda title, char: Safe(char * max(column_width(text(title)), 3)),
            "directive": lambda name, argument="": _directive(target, name, argument),
            "name": checked(_NAME, "name"),
            "docname": checked(_DOCNAME, "page name"),
            "code": markdown_code,
            "py": python_repr,
            "pystr": python_literal,
        }
    )
    # the filter names the templates had before they were escaped: as safe as their successors
    env.filters["wrap"] = env.filters["text"]
    env.filters["pyrepr"] = python_repr
    return env
