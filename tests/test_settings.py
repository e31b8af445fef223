"""Bad ``wsis_*`` settings: one ``wsis.config`` message naming conf.py, its line and the setting.

Never a traceback, neither from ``sphinx-build`` nor from the ``sphinx-wsis`` commands.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_wsis.config import CONFIG_VALUES

from .conftest import MYST_CONF, sphinx_build, write_project
from .test_cli import wsis

BAD_SETTINGS = {
    'wsis_placeholder_patterns = ["re:("]': "is not a valid regular expression",
    'wsis_placeholder_patterns = ["re:x*"]': "matches empty text",
    'wsis_placeholder_patterns = "TODO"': "expected a list of texts",
    "wsis_placeholder_patterns = [3]": "is not a non-empty text",
    'wsis_placeholder_patterns = [""]': "is not a non-empty text",
    'wsis_min_words = "abc"': "expected a whole number",
    "wsis_min_words = -1": "expected a whole number",
    "wsis_min_words = 2.5": "expected a whole number",
    "wsis_min_words = True": "expected a whole number",
    "wsis_template = 42": "expected a template name or the path",
    'wsis_template = ""': "expected a template name or the path",
    "wsis_template = None": "expected a template name or the path",
    'wsis_require_success_stories = "no"': "expected True or False",
    "wsis_require_success_stories = 0": "expected True or False",
    'wsis_use_needs = "yes"': "expected True or False",
    "wsis_indicator_catalogue = 42": "expected text or a list",
    "wsis_docx_basename = 42": "expected text",
    "wsis_docx_reference = ['ref.docx']": "expected text",
}


def test_every_setting_has_a_bad_case() -> None:
    assert {value.name for value in CONFIG_VALUES} == {s.split()[0] for s in BAD_SETTINGS}


@pytest.mark.parametrize("setting", list(BAD_SETTINGS))
def test_bad_setting_is_one_message_naming_conf_py(tmp_path: Path, setting: str) -> None:
    name = setting.split()[0]
    project = write_project(
        tmp_path / "p", {"index.md": "# Report\n\nText.\n"}, MYST_CONF + f"\n{setting}\n"
    )
    line = len(MYST_CONF.splitlines()) + 2
    built = sphinx_build("-b", "html", project, tmp_path / "out")
    assert built.returncode == 0, built.stderr
    assert "Traceback" not in built.stderr and "Exception occurred" not in built.stderr
    about = [w for w in built.stderr.splitlines() if name in w]
    assert len(about) == 1, built.stderr  # Sphinx's own type warning does not come on top
    assert about[0].startswith(f"{project / 'conf.py'}:{line}: WARNING: {name} = ")
    assert BAD_SETTINGS[setting] in about[0] and about[0].endswith("[wsis.config]")

    for command in (["check", project], ["export", project, "-o", tmp_path / "r.json"]):
        result = wsis(*command)
        output = " ".join((result.stdout + result.stderr).split())
        assert result.returncode == 2, output
        assert f"conf.py:{line}: {name} = " in output and BAD_SETTINGS[setting] in output
        assert output.count(f"{name} = ") == 1 and "[wsis.config]" in output
        assert "Traceback" not in output


def test_a_bad_setting_given_with_minus_d_says_so(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"index.md": "# Report\n\nText.\n"})
    built = sphinx_build(
        "-b", "html", "-D", "wsis_placeholder_patterns=re:(", project, tmp_path / "out"
    )
    (line,) = [w for w in built.stderr.splitlines() if "wsis_placeholder_patterns" in w]
    assert line.startswith("WARNING: wsis_placeholder_patterns = ['re:(']: 're:(' is not")
    assert line.endswith("(set with -D on the command line) [wsis.config]")


def test_good_settings_give_no_message(tmp_path: Path) -> None:
    conf = MYST_CONF + (
        'wsis_placeholder_patterns = ["DRAFT", "re:X{3,}"]\nwsis_min_words = 0\n'
        "wsis_require_success_stories = False\n"
    )
    project = write_project(tmp_path / "p", {"index.md": "# Report\n\nText.\n"}, conf)
    built = sphinx_build("-b", "html", project, tmp_path / "out")
    assert "[wsis.config]" not in built.stderr, built.stderr


def test_a_setting_without_its_own_rule_is_checked_by_its_type() -> None:
    """A wsis_* setting added later is validated by its declared type until it gets a rule."""
    from sphinx_wsis.config import ConfigValue, _setting_problem

    setting = ConfigValue("wsis_new", 3, "", (int,), "")
    assert _setting_problem(setting, "x") == "expected a whole number"
    assert _setting_problem(setting, True) == "expected a whole number"
    assert _setting_problem(setting, 4) is None
