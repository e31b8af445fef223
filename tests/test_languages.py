"""The report in the six UN languages, built as an author would build it.

Labels, titles, numbers and dates in the report's language (HTML and PDF), ids in any script,
right-to-left Arabic in a real browser, a PDF in every language with no LaTeX settings.
"""

# ruff: noqa: RUF001 - text in the six languages, written as their readers write it

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from .conftest import sphinx_build, write_project
from .multilingual import LANGUAGES, TEXT, labels, write_report
from .test_pdf import build_pdf

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


# -- the same complete report in each language ------------------------------------------------

#: Labels the cards, the matrix and the title page print (English messages of the catalog).
LABELS = ("Stakeholder type", "Reporting period", "Part of the template", "Baseline", "Partners")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_report_speaks_its_language_in_html(build, tmp_path: Path, language: str) -> None:
    built = build(write_report(tmp_path / language, language))
    assert not built.wsis_warnings(), built.warnings
    text = _text(built.outdir)
    for translated in labels(language, *LABELS):
        assert translated in text, translated
    if language != "en":
        for english in LABELS:
            assert english not in text, english
    story = labels(language, "Success story: %(title)s")[0] % {"title": TEXT[language][3]}
    assert story in text
    not_applicable = labels(language, "Not applicable (%(action_line)s): ")[0]
    assert (not_applicable % {"action_line": "C2"}).strip() in text


def _text(outdir: Path) -> str:
    from bs4 import BeautifulSoup

    pages = [p for p in outdir.glob("*.html") if p.stem not in {"genindex", "search"}]
    return " ".join(
        " ".join(BeautifulSoup(p.read_text("utf-8"), "html.parser").get_text(" ").split())
        for p in pages
    )


def test_french_numbers_and_dates_follow_the_language(build, tmp_path: Path) -> None:
    built = build(write_report(tmp_path, "fr"))
    html = built.html("sections")
    assert "99,3\u00a0%" in html and "66,4\u00a0%" in html
    assert "28 mai 2025" in built.html()


def test_english_labels_numbers_and_dates_are_unchanged(build, tmp_path: Path) -> None:
    built = build(write_report(tmp_path, "en"))
    assert "99.3%" in built.html("sections") and "2025-05-28" in built.html()
    assert "77 of 77 parts complete (64 not applicable); 0 findings." in built.html("annex")


@pytest.mark.latex
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_report_builds_its_pdf_in_every_language(tmp_path: Path, language: str) -> None:
    pdf = build_pdf(write_report(tmp_path / "src", language), tmp_path / "out")
    log = (pdf.outdir / "wsis20-report.log").read_text("utf-8", errors="replace")
    assert "Missing character" not in log
    text = _pdf_words(pdf.text)
    for translated in labels(language, *LABELS[:4]):
        # a label may wrap in its column, and pdftotext reads the columns' lines in turn
        assert all(_pdf_words(word) in text for word in translated.split()), translated
    if language != "en":
        for english in LABELS:
            assert _pdf_words(english) not in text, english
        assert "LuaHBTeX" in log
    assert _pdf_words(TEXT[language][0]) in text
    tex = (pdf.outdir / "wsis20-report.tex").read_text("utf-8")
    # Arabic: babel's right-to-left set-up and a title page whose rows read right to left
    assert ("bidi=basic-r" in tex) == ("\\sphinxwsisrtltrue" in tex) == (language == "ar")


def _pdf_words(text: str) -> str:
    """Text as pdftotext gives it back, compared without layout: Arabic presentation forms
    folded (NFKC), direction marks and whitespace dropped. pdftotext writes the lam-alef
    ligature back as alef then lam (``الإبلاغ`` → ``اإلبالغ``), so lam and alef are dropped."""
    folded = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\u200e\u200f\u202a-\u202e\u0644\u0622\u0623\u0625\u0627]+", "", folded)


@pytest.mark.latex
def test_an_english_report_with_arabic_and_chinese_words_builds_its_pdf(tmp_path: Path) -> None:
    src = write_report(tmp_path / "src", "en", extra="Our partners: مرحبا بالعالم and 开放网络.")
    pdf = build_pdf(src, tmp_path / "out")
    log = (pdf.outdir / "wsis20-report.log").read_text("utf-8", errors="replace")
    assert "Missing character" not in log
    assert "LuaHBTeX" in log
    assert "开放网络" in pdf.text
    assert _pdf_words("مرحبا بالعالم") in _pdf_words(pdf.text)


@pytest.mark.latex
def test_an_english_report_in_latin_script_keeps_pdflatex(tmp_path: Path) -> None:
    pdf = build_pdf(write_report(tmp_path / "src", "en"), tmp_path / "out")
    log = (pdf.outdir / "wsis20-report.log").read_text("utf-8", errors="replace")
    assert "pdfTeX" in log.splitlines()[0]


# -- right to left in a real browser ------------------------------------------------------------

THEMES = ("alabaster", "furo", "pydata_sphinx_theme", "sphinx_rtd_theme", "sphinx_book_theme")


@pytest.fixture(scope="module")
def chromium():
    """Headless Chromium through chromedriver (Debian's chromium and chromium-driver)."""
    import shutil
    import tempfile

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    driver_path = shutil.which("chromedriver")
    if not driver_path or not shutil.which("chromium"):
        pytest.fail(
            "chromium is missing: run scripts/setup-system, or deselect with -m 'not browser'"
        )
    profile = tempfile.mkdtemp(prefix="wsis-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


DIRECTIONS = """
const style = (selector) => {
  const node = document.querySelector(selector);
  return node ? getComputedStyle(node) : null;
};
const card = style("div.wsis-report");
const item = style("div.wsis-story dl.wsis-fields");
const cell = style("table.wsis-matrix td");
const list = style("div.wsis-story");
return {
  html: style("html").direction,
  body: style("body").direction,
  card: card && card.direction,
  accent: card && card.borderRightWidth,
  fields: item && item.direction,
  matrix: cell && cell.direction,
  align: cell && cell.textAlign,
  story: list && list.direction,
};
"""


@pytest.mark.browser
@pytest.mark.parametrize("theme", THEMES)
def test_an_arabic_report_reads_right_to_left_in_every_theme(
    build, tmp_path: Path, chromium, theme: str
) -> None:
    built = build(write_report(tmp_path / theme, "ar", theme=theme))
    assert '<html dir="rtl"' in built.html()
    seen = {}
    for page in ("index", "action-lines", "annex"):
        chromium.get((built.outdir / f"{page}.html").as_uri())
        seen[page] = chromium.execute_script(DIRECTIONS)
    assert seen["index"]["html"] == seen["index"]["body"] == "rtl"
    assert seen["index"]["card"] == "rtl"
    assert seen["index"]["accent"] == "4px"  # the accent bar is on the reading side: the right
    assert seen["action-lines"]["story"] == seen["action-lines"]["fields"] == "rtl"
    assert seen["annex"]["matrix"] == "rtl" and seen["annex"]["align"] in {"start", "right"}


@pytest.mark.browser
def test_an_english_report_stays_left_to_right(build, tmp_path: Path, chromium) -> None:
    built = build(write_report(tmp_path, "en"))
    assert "dir=" not in built.html().split("<head", 1)[0]
    chromium.get((built.outdir / "index.html").as_uri())
    assert chromium.execute_script(DIRECTIONS)["html"] == "ltr"


# -- sphinx-wsis init --language ---------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "rst"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_init_writes_the_report_in_its_language_and_check_sees_every_gap(
    tmp_path: Path, language: str, fmt: str
) -> None:
    from sphinx_wsis.i18n import PLACEHOLDER_MARKERS
    from sphinx_wsis.template_titles import titles_for, translate_template

    from .test_cli import PARTS, TEMPLATE, wsis

    project = tmp_path / "report"
    made = wsis("init", project, "-e", "Example Networks", "-s", "civil-society",
                "--format", fmt, "--language", language)  # fmt: skip
    assert made.returncode == 0, made.stderr
    conf = (project / "conf.py").read_text("utf-8")
    written = "\n".join(p.read_text("utf-8") for p in project.rglob(f"*.{fmt}"))
    sources = re.sub(r"\\(.)", r"\1", written)  # as read: init escapes text for the format
    translated = translate_template(TEMPLATE, titles_for(TEMPLATE.origin), language)
    if language == "en":
        assert "language =" not in conf and "TODO: " in sources
    else:
        assert f"language = {'zh_CN' if language == 'zh' else language!r}" in conf
        assert PLACEHOLDER_MARKERS[language] in sources
        assert "ITU asks" not in sources and "TODO" not in sources.replace("todo@", "")
    for section in translated.sections:  # headings and ITU's questions in the language
        assert section.title in sources, section.title
        if section.prompt:
            assert " ".join(section.prompt.split()[:3]) in " ".join(sources.split())
    for line in translated.action_lines:
        assert line.title in sources, line.title

    checked = wsis("check", project, "--format", "json")
    assert checked.returncode == 1, checked.stderr
    assert "Traceback" not in checked.stderr
    parts = {p["id"]: p["state"] for p in json.loads(checked.stdout)["parts"]}
    assert list(parts) == [p.id for p in PARTS]
    assert parts.pop("key-indicators/indicators") == "missing"  # no indicator yet, as in English
    assert set(parts.values()) == {"placeholder"}, {
        k: v for k, v in parts.items() if v != "placeholder"
    }
    built = sphinx_build("-b", "html", project, tmp_path / "html")
    assert built.returncode == 0 and "Traceback" not in built.stderr, built.stderr
    assert "[docutils]" not in built.stderr and "duplicate_def" not in built.stderr


@pytest.mark.latex
def test_a_glyph_no_font_has_is_a_pdf_warning(tmp_path: Path) -> None:
    """Tibetan is in none of the fonts: ``sphinx-wsis pdf`` names the character and the part."""
    from .test_cli import wsis

    src = write_report(tmp_path / "src", "fr", extra="Partenaire : ཀ.")
    result = wsis("pdf", src, "-b", tmp_path / "out")
    assert "Traceback" not in result.stderr
    output = result.stdout + result.stderr
    assert "U+0F40" in output and "[wsis.pdf]" in output, output[-3000:]
    assert (tmp_path / "out" / "latex" / "wsis20-report.pdf").is_file()
