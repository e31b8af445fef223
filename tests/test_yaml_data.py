"""The package's YAML documents stored parsed: always PyYAML's parse of the text read."""

from __future__ import annotations

from typing import Any

import pytest

from sphinx_wsis import yaml_data

from .conftest import ROOT, script_check

PACKAGE = ROOT / "sphinx_wsis"
STORED = [
    PACKAGE / "data" / "indicators.yaml",
    PACKAGE / "data" / "units.yaml",
    PACKAGE / "templates" / "wsis20-stakeholder.i18n.yaml",
]


def same(a: Any, b: Any) -> bool:
    """Equal with the same types all the way down (``True == 1`` is not)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def test_stored_parses_are_what_pyyaml_gives():
    """``update-parsed-yaml --check``: one file per package document, none left over."""
    assert "is up to date (3 documents)" in script_check("update-parsed-yaml")


@pytest.mark.parametrize("path", STORED, ids=lambda p: p.name)
def test_a_package_document_reads_from_its_stored_parse(path):
    text = path.read_text("utf-8")
    assert yaml_data.parsed_file(text).is_file()
    loaded = yaml_data.load(text)
    assert same(loaded, yaml_data.parse(text))
    assert loaded is not yaml_data.load(text)  # every reader gets its own data to keep


def test_an_edited_document_is_parsed_not_read_from_the_stored_one():
    text = (PACKAGE / "data" / "units.yaml").read_text("utf-8")
    first_key = next(iter(yaml_data.parse(text)))
    edited = text.replace(f"{first_key}:", "renamed_by_the_test:", 1) + "\n# edited\n"
    assert not yaml_data.parsed_file(edited).is_file()
    loaded = yaml_data.load(edited)
    assert "renamed_by_the_test" in loaded and first_key not in loaded
    assert same(loaded, yaml_data.parse(edited))


def test_a_broken_document_still_gets_pyyamls_message():
    with pytest.raises(yaml_data.yaml.YAMLError, match="could not find expected ':'"):
        yaml_data.load("key: value\nanother line\n")
