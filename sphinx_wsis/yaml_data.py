"""YAML read by libyaml when PyYAML has it, with PyYAML's own messages when a document is wrong.

Every build reads the template, its translations, the indicator catalogue and the units; PyYAML's
pure-Python parser costs tenths of a second there, libyaml a twentieth of that. libyaml's error
messages are terser ("found character that cannot start any token", without the character), so
a document it refuses is parsed again in Python for the message the author sees.
"""

from __future__ import annotations

from typing import Any

import yaml

_FAST: type[Any] | None = getattr(yaml, "CSafeLoader", None)


def load(text: str) -> Any:
    """Plain data (mappings, lists, scalars) of a YAML document."""
    if _FAST is not None:
        try:
            return yaml.load(text, Loader=_FAST)
        except yaml.YAMLError:
            pass
    return yaml.safe_load(text)


def compose(text: str) -> yaml.Node | None:
    """The document's node tree, which keeps the line of every value."""
    if _FAST is not None:
        try:
            return yaml.compose(text, Loader=_FAST)
        except yaml.MarkedYAMLError as exc:
            if "nesting depth" in str(exc.problem):  # libyaml's own limit: do not recurse again
                raise
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def has_alias(text: str) -> bool:
    """Whether the document uses an alias (``*name``), found without building any value."""
    if "*" not in text:  # every alias starts with one: no need to parse the document
        return False
    if _FAST is not None:
        try:
            return any(isinstance(e, yaml.AliasEvent) for e in yaml.parse(text, Loader=_FAST))
        except yaml.YAMLError:
            pass
    return any(isinstance(e, yaml.AliasEvent) for e in yaml.parse(text, Loader=yaml.SafeLoader))
