"""Exports are valid or fail: no value that breaks the JSON Schema reaches report.json.

Each bad value is a ``wsis.invalid`` warning at its file and line, from the directive; the
document left is valid. A value that slips past the directives (a plugin changing a record)
stops report.json from being written, with a warning, instead of writing an invalid file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .conftest import sphinx_build
from .test_cli import wsis
from .test_json import assert_valid

#: A URI as RFC 3986 allows it: ASCII letters, digits, its punctuation and %XX escapes.
RFC3986 = re.compile(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})+")

BAD_VALUES = {
    # (page, option line as in the example, replacement) -> what the warning says
    "date not zero-padded": (
        "index.md",
        ":date: 2025-05-28",
        ":date: 2025-5-2",
        "'2025-5-2' is not a date",
    ),
    "date in year 1": (
        "index.md",
        ":date: 2025-05-28",
        ":date: 0001-01-01",
        "'0001-01-01' is not a plausible",
    ),
    "date in Arabic-Indic digits": (
        "index.md",
        ":date: 2025-05-28",
        ":date: ٢٠٢٥-٠٥-٢٨",  # noqa: RUF001
        "is not a date",
    ),
    "website with a quote": (
        "index.md",
        ":website: https://oana.example.org",
        ':website: https://oana.example.org/"onmouseover="x',
        "'\"' cannot be part of one",
    ),
    "website with angle brackets": (
        "index.md",
        ":website: https://oana.example.org",
        ":website: https://oana.example.org/<script>",
        "'<' cannot be part of one",
    ),
    "source-url with a space": (
        "indicators.md",
        ":source-url: https://www.itu.int/itu-d/reports/statistics/facts-figures-2025/",
        ":source-url: https://www.itu.int/itu-d/reports/facts figures/",
        "a space cannot be part of one",
    ),
    "SDG in Arabic-Indic digits": (
        "action-lines/c3.md",
        ":sdgs: 4, 10",
        ":sdgs: ٤, 10",
        "'٤' is not an SDG goal",
    ),
    "SDG indicator in Devanagari digits": (
        "indicators.md",
        ":sdg: 17.8.1",
        ":sdg: १७.8.1",
        "is not an SDG goal",
    ),
}


def line_of(path: Path, text: str) -> int:
    return path.read_text("utf-8").splitlines().index(text) + 1


@pytest.mark.parametrize("case", list(BAD_VALUES))
def test_bad_value_is_a_warning_at_its_line_and_the_export_stays_valid(
    example_copy: Path, tmp_path: Path, case: str
) -> None:
    page, old, new, message = BAD_VALUES[case]
    source = example_copy / page
    line = line_of(source, old)
    source.write_text(source.read_text("utf-8").replace(old, new, 1), encoding="utf-8")

    built = sphinx_build("-b", "wsis-json", example_copy, tmp_path / "out")
    warning = [w for w in built.stderr.splitlines() if message in w]
    assert warning, built.stderr
    assert warning[0].startswith(f"{source}:{line}: WARNING:")
    assert warning[0].endswith("[wsis.invalid]")
    document = json.loads((tmp_path / "out" / "report.json").read_text("utf-8"))
    assert_valid(document)
    content = {k: v for k, v in document.items() if k != "completeness"}  # findings quote it
    assert new.split(": ", 1)[1] not in json.dumps(content, ensure_ascii=False)

    exported = wsis("export", example_copy, "-o", tmp_path / "r.json")
    assert exported.returncode == 1, exported.stderr  # written, but the report has a gap
    assert_valid(json.loads((tmp_path / "r.json").read_text("utf-8")))


def test_integers_keep_every_digit_and_urls_are_exported_as_uris(
    example_copy: Path, tmp_path: Path
) -> None:
    page = example_copy / "indicators.md"
    text = page.read_text("utf-8")
    text = text.replace(":value: 2200000000", ":value: 12,345,678,901,234,567,891", 1)
    text = text.replace(":baseline: 2700000000", ":baseline: 98765432109876543210", 1)
    text = text.replace(
        "https://www.itu.int/itu-d/reports/statistics/facts-figures-2025/",
        "https://例え.jp/統計?年=2025",
        1,
    )
    page.write_text(text, encoding="utf-8")
    index = example_copy / "index.md"
    index.write_text(
        index.read_text("utf-8").replace(
            ":website: https://oana.example.org",
            ":website: https://oana.example.org/w\\input{x}?a=1&b=%41_c#x~y^z$w{v}%b",
        ),
        encoding="utf-8",
    )
    built = sphinx_build("-b", "wsis-json", example_copy, tmp_path / "out")
    assert "[wsis." not in built.stderr, built.stderr
    raw = (tmp_path / "out" / "report.json").read_text("utf-8")
    assert re.search(r'"value": 12345678901234567891\b', raw)
    assert re.search(r'"baseline": 98765432109876543210\b', raw)
    document = json.loads(raw)
    assert_valid(document)
    assert document["indicators"][1]["baseline"] == 98765432109876543210
    assert document["indicators"][1]["value"] == 12345678901234567891
    indicator = document["indicators"][0]
    assert indicator["source_url"] == ("https://xn--r8jz45g.jp/%E7%B5%B1%E8%A8%88?%E5%B9%B4=2025")
    assert document["report"]["website"] == (
        "https://oana.example.org/w%5Cinput%7Bx%7D?a=1&b=%41_c#x~y%5Ez$w%7Bv%7D%25b"
    )
    for address in (indicator["source_url"], document["report"]["website"]):
        assert RFC3986.fullmatch(address), address
    html = sphinx_build("-b", "html", example_copy, tmp_path / "html")
    assert "https://例え.jp/統計?年=2025" in (tmp_path / "html" / "indicators.html").read_text()
    assert html.returncode == 0


PLUGIN = """
def spoil(app, directive, record, node):
    if hasattr(record, "date"):
        record.date = "the fifth of May"


def setup(app):
    app.connect("wsis-record", spoil)
"""


def test_an_invalid_document_is_not_written(example_copy: Path, tmp_path: Path) -> None:
    """The safety net: a plugin spoils a value after the directive validated it."""
    (example_copy / "spoiler.py").write_text(PLUGIN, encoding="utf-8")
    conf = example_copy / "conf.py"
    conf.write_text(
        "import sys, os\nsys.path.insert(0, os.path.dirname(__file__))\n"
        + conf.read_text("utf-8").replace('"sphinx_wsis"]', '"sphinx_wsis", "spoiler"]', 1),
        encoding="utf-8",
    )
    built = sphinx_build("-b", "wsis-json", example_copy, tmp_path / "out")
    assert not (tmp_path / "out" / "report.json").exists()
    warning = [w for w in built.stderr.splitlines() if "report.json was not written" in w]
    assert len(warning) == 1, built.stderr
    index = example_copy / "index.md"
    assert warning[0].startswith(f"{index}:3: WARNING:")
    assert "report/date: 'the fifth of May'" in warning[0]
    assert warning[0].endswith("[wsis.invalid]")

    exported = wsis("export", example_copy, "-o", tmp_path / "r.json")
    assert exported.returncode == 2
    assert "report.json was not written" in exported.stderr
    assert "index.md:3" in exported.stderr
    assert not (tmp_path / "r.json").exists()
