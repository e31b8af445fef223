"""Messages that teach: each finding where the author should act, saying what to write instead."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sphinx_wsis import option_values

from .conftest import RST_CONF, Built, write_project

REPORT = ":::{wsis-report}\n:entity: Ministry of ICT\n:stakeholder: government\n:::\n"


def findings(built: Built, needle: str) -> list[str]:
    return [line for line in built.wsis_warnings() if needle in line]


def test_a_missing_part_is_reported_on_the_page_that_should_hold_it(
    tmp_path: Path, build: Callable[..., Built]
) -> None:
    src = write_project(
        tmp_path / "src",
        {
            "index.md": f"# Report\n\n{REPORT}\n```{{toctree}}\nlines\nc4\nstrategies\ncontact\n```\n",
            "lines.md": "# II. Progress on WSIS Action Lines\n\n::::{wsis-action-line} C7\n"
            ":::{wsis-achievements}\nDone.\n:::\n::::\n",
            "c4.md": "# C4. Capacity building\n\nTo be written.\n",
            "strategies.md": "# III. Strategies and Policy Contributions\n\n"
            "## 1. Digital Strategy/Policy\n\n:::{wsis-section} digital-strategy\nOurs.\n:::\n",
            "contact.md": "# Contact for WSIS Follow-Up\n\nSoon.\n",
        },
    )
    built = build(src)
    root = str(src)

    def at(needle: str) -> set[str]:
        return {
            line.split(": WARNING")[0].removeprefix(root + "/") for line in findings(built, needle)
        }

    assert at("C4 Capacity building:") == {"c4.md:1"}  # its own page, by title
    assert at("C2 Information and communication infrastructure:") == {"lines.md:1"}  # chapter II
    assert at("C7 E-Health:") == {"lines.md:3"}  # inside wsis-action-line C7
    assert at("Strategic Documents/Plans missing") == {"strategies.md:5"}  # beside item 1
    assert at("Contact for WSIS Follow-Up missing") == {"contact.md:1"}
    assert at("I. Executive Summary missing") == {"index.md:3"}  # no page for it: the front page


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            "99,3",
            "'99,3' is not a number: the decimal separator is a point in the source "
            "(whatever the report's language), write 99.3",
        ),
        ("-0,25", "write -0.25"),
        (
            "2.2 billion",
            "'2.2 billion' is not a number: write :value: 2.2 with :unit-multiplier: billion, "
            "or the whole number, 2200000000",
        ),
        ("3 million", "write :value: 3 with :unit-multiplier: million"),
        (
            "1.5 trillion",
            "write the whole number, 1500000000000, or :value: 1500 with :unit-multiplier: billion",
        ),
        ("seventy", "'seventy' is not a number"),
    ],
)
def test_numbers_written_another_way_say_what_to_write(raw: str, message: str) -> None:
    with pytest.raises(option_values.InvalidValue) as info:
        option_values.number(raw)
    assert message in str(info.value)


def test_thousands_separators_still_read_as_numbers() -> None:
    assert option_values.number("2,200,000") == 2200000
    assert option_values.number("99.3") == 99.3


@pytest.mark.parametrize("raw", ["2024/25", "2024-25", "2024/2025", "1999/00"])
def test_a_fiscal_year_is_a_year_shown_as_written(raw: str) -> None:
    year = option_values.year(raw)
    assert str(year) == raw and f"{year}" == raw
    assert int(year) == int(raw[:4]) and year < int(raw[:4]) + 1


@pytest.mark.parametrize("raw", ["2024/26", "2024/2023", "24/25"])
def test_a_fiscal_year_spans_two_years_in_a_row(raw: str) -> None:
    with pytest.raises(option_values.InvalidValue):
        option_values.year(raw)


def test_fiscal_years_in_a_build_and_the_value_messages_at_their_lines(
    tmp_path: Path, build: Callable[..., Built]
) -> None:
    src = write_project(
        tmp_path / "src",
        {
            "index.md": f"# Report\n\n{REPORT}\n"
            "::::{wsis-action-line} C1\n:::{wsis-success-story} Budget reform\n:year: 2024/25\n"
            "Text.\n:::\n::::\n\n"
            ":::{wsis-indicator} Users\n:value: 99,3\n:unit: percent\n:year: 2023/24\n"
            ":source: ITU\n:::\n\n"
            ":::{wsis-indicator} People online\n:value: 2.2 billion\n:unit: number\n"
            ":year: 2024\n:source: ITU\n:::\n",
        },
    )
    built = build(src)
    html = built.html()
    assert "2024/25" in html and "2023/24" in html
    assert not findings(built, ":year:")
    (comma,) = findings(built, ":value: '99,3'")
    assert comma.startswith(f"{src}/index.md:16: ") and "99.3" in comma
    (scale,) = findings(built, ":value: '2.2 billion'")
    assert scale.startswith(f"{src}/index.md:23: ") and ":value: 2.2" in scale


@pytest.mark.parametrize("fmt", ["md", "rst"])
def test_a_misspelt_directive_name_gets_a_did_you_mean(
    tmp_path: Path, build: Callable[..., Built], fmt: str
) -> None:
    if fmt == "md":
        files = {
            "index.md": f"# Report\n\n{REPORT}\n::::{{wsis-action-line}} C1\n"
            ":::{wsis-achievment}\nWe did it.\n:::\n::::\n\n```{wsis-indicatr} Users\n```\n"
        }
        conf = None
    else:
        files = {
            "index.rst": "Report\n======\n\n.. wsis-report::\n   :entity: X\n"
            "   :stakeholder: government\n\n.. wsis-action-line:: C1\n\n"
            "   .. wsis-achievment::\n\n      We did it.\n"
        }
        conf = RST_CONF
    src = write_project(tmp_path / "src", files, **({"conf": conf} if conf else {}))
    built = build(src)
    (typo,) = findings(built, "'wsis-achievment'")
    line = 9 if fmt == "md" else 10
    assert typo.startswith(f"{src}/index.{fmt}:{line}: WARNING: unknown directive")
    assert "did you mean 'wsis-achievements'?" in typo and typo.endswith("[wsis.unknown]")
    if fmt == "md":
        assert "did you mean 'wsis-indicator'?" in findings(built, "'wsis-indicatr'")[0]
