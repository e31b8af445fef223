"""Directives and roles as an author meets them: placement rules, validation, rendering."""

from __future__ import annotations

from pathlib import Path

from .conftest import Built, write_project

HEAD = """\
# Report

:::{wsis-report}
:entity: Example Network
:stakeholder: civil-society
:::

"""


def one_page(build, tmp_path: Path, body: str, **kwargs) -> Built:
    return build(write_project(tmp_path / "p", {"index.md": HEAD + body}), **kwargs)


def states(built: Built) -> dict[str, str]:
    return {p["id"]: p["state"] for p in built.completeness["parts"]}


def test_aspects_attach_enclosing_option_then_previous(build, tmp_path: Path) -> None:
    built = one_page(
        build,
        tmp_path,
        """\
::::{wsis-action-line} C3
:::{wsis-achievements}
Inside C3.
:::
::::

:::{wsis-challenges}
Follows C3 on the page, so it is C3's.
:::

:::{wsis-priorities}
:action-line: C5
Given by option.
:::
""",
    )
    result = states(built)
    assert result["C3/achievements"] == "done"
    assert result["C3/challenges"] == "done"
    assert result["C5/priorities"] == "done"
    assert result["C3/priorities"] == "missing"
    assert built.wsis_warnings("invalid") == []


def test_aspect_with_no_action_line_is_an_error(build, tmp_path: Path) -> None:
    built = one_page(build, tmp_path, ":::{wsis-achievements}\nOrphan text.\n:::\n")
    invalid = built.wsis_warnings("invalid")
    assert len(invalid) == 1
    assert "index.md:8:" in invalid[0] and "outside any wsis-action-line" in invalid[0]


def test_contradicting_option_inside_action_line(build, tmp_path: Path) -> None:
    built = one_page(
        build,
        tmp_path,
        "::::{wsis-action-line} C3\n:::{wsis-challenges}\n:action-line: C4\nText.\n:::\n::::\n",
    )
    (warning,) = built.wsis_warnings("invalid")
    assert "contradicts the enclosing wsis-action-line C3" in warning
    assert "index.md:10:" in warning  # the option's own line
    assert states(built)["C3/challenges"] == "done"


def test_unknown_code_suggests_closest(build, tmp_path: Path) -> None:
    built = one_page(build, tmp_path, ":::{wsis-action-line} C7 e-helth\nText.\n:::\n")
    (warning,) = built.wsis_warnings("unknown")
    assert "index.md:8:" in warning
    assert "unknown action-line code 'C7 e-helth'; did you mean 'C7.e-health'?" in warning


def test_unknown_section_key(build, tmp_path: Path) -> None:
    built = one_page(build, tmp_path, ":::{wsis-section} executive-sumary\nText.\n:::\n")
    (warning,) = built.wsis_warnings("unknown")
    assert "did you mean 'executive-summary'?" in warning


def test_not_applicable_needs_a_reason_and_no_content(build, tmp_path: Path) -> None:
    built = one_page(
        build,
        tmp_path,
        """\
:::{wsis-action-line} C9
:not-applicable:
:::

:::{wsis-action-line} C10
:not-applicable: We do not work on ethics.
But here is some text.
:::
""",
    )
    invalid = built.wsis_warnings("invalid")
    assert any("C9 is marked :not-applicable: without a reason" in w for w in invalid)
    assert any("C10 is marked not applicable but has content" in w for w in invalid)
    html = built.html()
    assert "We do not work on ethics." in html and "But here is some text." in html
    assert states(built)["C10/achievements"] == "not-applicable"


def test_duplicates_are_reported(build, tmp_path: Path) -> None:
    built = one_page(
        build,
        tmp_path,
        """\
:::{wsis-report}
:entity: Again
:stakeholder: academia
:::

::::{wsis-action-line} C3
:::{wsis-achievements}
One.
:::
:::{wsis-achievements}
Two.
:::
::::

:::{wsis-action-line} C3
:::

:::{wsis-indicator} Users
:value: 5
:unit: percent
:year: 2024
:source: Survey
:::

:::{wsis-indicator} Users
:value: 6
:unit: percent
:year: 2024
:source: Survey
:::
""",
    )
    duplicate = built.wsis_warnings("duplicate")
    assert len(duplicate) == 4, duplicate
    assert any("second wsis-report block; the first is at index.md:3" in w for w in duplicate)
    assert any("second wsis-achievements for C3" in w for w in duplicate)
    assert any("second wsis-action-line C3" in w for w in duplicate)
    assert any("second indicator id 'users'" in w for w in duplicate)


def test_indicator_validation_messages(build, tmp_path: Path) -> None:
    built = one_page(
        build,
        tmp_path,
        """\
:::{wsis-indicator} Internet users
:value: seventy
:unit: percent
:year: 25
:baseline: 120
:baseline-year: 2030
:target-year: 2020
:source-url: javascript:alert(1)
:scope: galactic
:series: 2005: 16; 2015 43
:status: done
:::

:::{wsis-indicator} Offline
:unit: number
:::
""",
    )
    invalid = "\n".join(built.wsis_warnings("invalid"))
    assert "index.md:9:" in invalid and "'seventy' is not a number" in invalid
    assert "'25' is not a year" in invalid
    assert "120 is not a percentage" in invalid
    assert "'javascript:alert(1)' is not a web address" in invalid
    assert "'galactic' is not a valid scope" in invalid
    assert "series entry '2015 43' must be 'year: value'" in invalid
    assert "'done' is not a valid status" in invalid
    missing = "\n".join(built.wsis_warnings("missing"))
    assert "wsis-indicator needs :value:" in missing
    assert "wsis-indicator needs :source:" in missing
    assert "wsis-indicator needs :year:" in missing
    assert ":target-year: needs :target:" in missing


def test_indicator_card_and_table(build, tmp_path: Path) -> None:
    built = one_page(
        build,
        tmp_path,
        """\
:::{wsis-indicator} Individuals using the Internet
:id: internet-users
:value: 74
:unit: percent
:year: 2025
:source: ITU Facts and Figures 2025
:source-url: https://www.itu.int/itu-d/reports/statistics/facts-figures-2025/
:baseline: 66
:baseline-year: 2022
:action-lines: C2, c3
:::

:::{wsis-indicator} People offline
:value: 2,200,000,000
:unit: number
:year: 2025
:source: ITU Facts and Figures 2025
:action-lines: C3
:::

See {wsis:ind}`internet-users` and {wsis:al}`c7/e-health`.

:::{wsis-indicators}
:action-line: C2
:::
""",
    )
    html = built.html()
    assert "74%" in html and "66% (2022)" in html
    assert "2,200,000,000" in html
    assert 'href="https://www.itu.int/itu-d/reports/statistics/facts-figures-2025/"' in html
    table = html[html.index("wsis-indicator-table") :]
    assert "Individuals using the Internet" in table and "People offline" not in table
    assert 'href="#wsis-ind-internet-users"' in html
    assert "C7 E-Health" in html  # the role shows the code and title even for a missing part


def test_roles_resolve_across_pages(build, tmp_path: Path) -> None:
    project = write_project(
        tmp_path / "p",
        {
            "index.md": HEAD
            + "```{toctree}\nc3\n```\n\nSee {wsis:al}`C3`, {wsis:story}`mesh-networks-in-kenya` "
            "and {wsis:story}`no-such-story`.\n",
            "c3.md": "# C3\n\n::::{wsis-action-line} C3\n:::{wsis-success-story} Mesh networks"
            " in Kenya\nStory.\n:::\n::::\n",
        },
    )
    built = build(project)
    html = built.html()
    assert 'href="c3.html#wsis-al-c3"' in html
    assert "C3 Access to information and knowledge" in html
    assert 'href="c3.html#wsis-story-mesh-networks-in-kenya"' in html
    (unknown,) = built.wsis_warnings("unknown")
    assert "no success story 'no-such-story' in this report" in unknown


def test_user_text_is_escaped_in_html(build, tmp_path: Path) -> None:
    built = one_page(
        build,
        tmp_path,
        """\
:::{wsis-contact}
:name: <script>alert(1)</script>
:email: a@example.org
:role: <b>boss</b>
:::
""",
    )
    html = built.html()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;boss&lt;/b&gt;" in html


def test_contact_email_validated(build, tmp_path: Path) -> None:
    built = one_page(build, tmp_path, ":::{wsis-contact}\n:name: A. Person\n:email: nobody\n:::\n")
    (invalid,) = built.wsis_warnings("invalid")
    assert "'nobody' is not an e-mail address" in invalid
    assert states(built)["contact"] == "invalid"


def test_report_metadata_required_and_validated(build, tmp_path: Path) -> None:
    project = write_project(
        tmp_path / "p",
        {
            "index.md": "# R\n\n:::{wsis-report}\n:stakeholder: governments\n:logo: ../../etc/passwd\n:::\n"
        },
    )
    built = build(project)
    assert any("wsis-report needs :entity:" in w for w in built.wsis_warnings("missing"))
    invalid = "\n".join(built.wsis_warnings("invalid"))
    assert "'governments' is not a valid stakeholder type" in invalid
    assert "'../../etc/passwd' is outside the project" in invalid
