"""YAML read by libyaml when PyYAML has it, with PyYAML's own messages when a document is wrong.

Every build reads the template, its translations, the indicator catalogue and the units; PyYAML's
pure-Python parser costs tenths of a second there, libyaml a twentieth of that. libyaml's error
messages are terser ("found character that cannot start any token", without the character), so
a document it refuses is parsed again in Python for the message the author sees.

The package's own documents (the template's translations, the indicator catalogue, the units)
are also stored parsed, as JSON, in ``data/parsed/``, one file named by the SHA-256 of the
document's text (``scripts/update-parsed-yaml`` writes them, and its ``--check``, run by the
tests, fails when they are not what PyYAML gives): a text with a stored parse reads from it in
a tenth of the time, any other text (a project's own file, an edited copy) is parsed. Keyed by
the whole text, a stored parse cannot stand for a document that changed.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import yaml

_FAST: type[Any] | None = getattr(yaml, "CSafeLoader", None)
#: Where the package's own documents are stored parsed, by the SHA-256 of their text.
PARSED_DIR = Path(__file__).resolve().parent / "data" / "parsed"


def parsed_file(text: str) -> Path:
    """The file that holds ``text`` parsed, if the package stores it."""
    return PARSED_DIR / f"{hashlib.sha256(text.encode('utf-8')).hexdigest()}.json"


def load(text: str) -> Any:
    """Plain data (mappings, lists, scalars) of a YAML document."""
    try:
        return json.loads(parsed_file(text).read_bytes())
    except OSError:  # not one of the package's documents: parse it
        pass
    return parse(text)


def parse(text: str) -> Any:
    """:func:`load` without the stored parses."""
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
