"""Option values MyST cut short at `` #``, found so the author learns what was dropped.

MyST reads directive options as YAML-like scalars, where `` #`` starts a comment: an address
written ``:address: Room #5, Mvule Court`` arrives as ``Room``. MyST's own notice only says that
comments are deprecated; this module compares each option line as written with the value the
directive received and names what was lost and how to keep it (quote the value).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

_COLON_OPTION = re.compile(r"^:(?P<key>[\w.-]+):(?:\s+(?P<value>.*))?$")
_YAML_OPTION = re.compile(r"^(?P<key>[\w.-]+):(?:\s+(?P<value>.*))?$")


@dataclass(frozen=True)
class CutOption:
    """A directive option MyST cut at `` #``: what was written, kept and dropped."""

    option: str
    written: str
    kept: str
    dropped: str
    offset: int  # lines after the directive's first line

    def message(self, directive: str) -> str:
        return (
            f"{directive} :{self.option}: was cut at ' #', which MyST reads as the start of "
            f"a comment: it keeps {self.kept!r} and drops {self.dropped!r}. Put the value in "
            f"quotes to keep all of it: :{self.option}: {myst_option(self.written)}"
        )


_MYST_PLAIN = re.compile(r"^[^\s'\"|>#\[\]{}&*!%@`,?:-][^\n]*$")


def myst_option(text: Any) -> str:
    """A MyST directive option value that MyST reads back as exactly ``text``.

    MyST reads option values as YAML-like scalars: `` #`` starts a comment and a leading quote,
    ``|`` or ``>`` changes the style. Anything but a plain, safe value is single-quoted.
    """
    value = " ".join(str(text).split())
    plain = _MYST_PLAIN.match(value) and " #" not in value and ": " not in value
    if plain and not value.endswith(":"):
        return value
    return "'" + value.replace("'", "''") + "'"


def is_myst(state: Any) -> bool:
    """Whether a directive is being parsed by MyST (whose options drop `` #`` comments)."""
    return type(state).__module__.startswith("myst_parser")


def cut_options(block_text: str, options: dict[str, Any]) -> Iterator[CutOption]:
    """Each option whose written value lost a `` # …`` tail on its way to the directive."""
    for offset, key, written in _option_lines(block_text):
        if written[:1] in ("'", '"', "|", ">") or not re.search(r"(^|\s)#", written):
            continue
        received = options.get(key)
        kept = received if isinstance(received, str) else ""
        if kept == written:
            continue
        cut = re.search(r"(^|\s)#", written)
        assert cut is not None
        dropped = written[cut.start() :].strip()
        yield CutOption(key, written, kept, dropped, offset)


def _option_lines(block_text: str) -> Iterator[tuple[int, str, str]]:
    """``(line offset, key, value as written)`` for the options block of a MyST directive."""
    lines = block_text.splitlines()
    if lines[1:2] == ["---"]:
        for offset, line in enumerate(lines[2:], start=2):
            if line.strip() == "---":
                return
            match = _YAML_OPTION.match(line)
            if match:
                yield offset, match["key"], (match["value"] or "").strip()
        return
    for offset, line in enumerate(lines[1:], start=1):
        match = _COLON_OPTION.match(line)
        if not match:
            return
        yield offset, match["key"], (match["value"] or "").strip()
