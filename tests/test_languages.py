"""The report in the six UN languages, built as an author would build it.

Labels, titles, numbers and dates in the report's language (HTML and PDF), ids in any script,
right-to-left Arabic in a real browser, a PDF in every language with no LaTeX settings.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import MYST_CONF, write_project

STORIES = """\
# Истории

:::{{wsis-success-story}} {first}
:action-lines: C1
:year: 2019

Текст первой истории.
:::

:::{{wsis-success-story}} {second}
:action-lines: C1
:year: 2021

Текст второй истории.
:::

:::{{wsis-success-story}} Any title at all
:id: {explicit}
:action-lines: C1

Text.
:::

See {{wsis:story}}`{first_ref}` and {{wsis:story}}`{explicit}`.
"""


@pytest.mark.parametrize(
    ("first", "second", "first_id", "second_id"),
    [
        (
            "Сельские сети связи",
            "Сельские школы онлайн",
            "сельские-сети-связи",
            "сельские-школы-онлайн",
        ),
        ("社区网络", "乡村学校上网", "社区网络", "乡村学校上网"),
    ],
)
def test_titles_in_any_script_give_distinct_ids(
    build, tmp_path: Path, first: str, second: str, first_id: str, second_id: str
) -> None:
    page = STORIES.format(first=first, second=second, first_ref=first_id, explicit="наш-рассказ")
    built = build(write_project(tmp_path, {"index.md": page}))
    assert not built.wsis_warnings("duplicate"), built.warnings
    assert not built.wsis_warnings("unknown"), built.warnings
    html = built.html()
    assert f'id="wsis-story-{first_id}"' in html
    assert f'id="wsis-story-{second_id}"' in html
    assert 'id="wsis-story-наш-рассказ"' in html
    assert f'href="#wsis-story-{first_id}"' in html
    stories = {s["slug"] for s in _report_json(build, tmp_path)["stories"]}
    assert {first_id, second_id, "наш-рассказ"} <= stories


def _report_json(build, path: Path) -> dict:
    import json

    built = build(path, "wsis-json")
    return json.loads((built.outdir / "report.json").read_text("utf-8"))


def test_the_same_title_twice_is_still_a_duplicate(build, tmp_path: Path) -> None:
    page = STORIES.format(
        first="Сельские сети", second="Сельские  сети", first_ref="сельские-сети", explicit="x"
    )
    built = build(write_project(tmp_path, {"index.md": page}))
    assert len(built.wsis_warnings("duplicate")) == 1, built.warnings


def test_an_id_option_that_is_not_an_id_is_reported(build, tmp_path: Path) -> None:
    page = STORIES.format(first="А", second="Б", first_ref="а", explicit="два слова")
    built = build(write_project(tmp_path, {"index.md": page}))
    assert any("is not a valid id" in w for w in built.wsis_warnings("invalid")), built.warnings
