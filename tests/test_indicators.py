"""Indicators as comparable data: catalogue codes, units, breakdowns, countries and charts."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
from pypdf import PdfReader

from sphinx_wsis import chart_layout, charts, geo
from sphinx_wsis.catalogue import builtin_catalogue, load_catalogue
from sphinx_wsis.json_builder import SCHEMA_PATH
from sphinx_wsis.template import resolve_template
from tests.conftest import MYST_CONF, script_check, sphinx_build, write_project

REPORT = """\
# Report

:::{wsis-report}
:entity: Open Access Network
:stakeholder: civil-society
:country: KE
:::

"""

CODED = (
    REPORT
    + """\
:::{wsis-indicator}
:code: 17.8.1
:value: 74
:year: 2025
:source: ITU Facts and Figures 2025
:geo: Kenya
:baseline: 66
:baseline-year: 2022
:series: 2022: 66; 2023: 67; 2025: 74
:::

:::{wsis-indicator}
:code: 17.6.1
:value: 1.2
:year: 2024
:source: ITU
:chart: none
:::

:::{wsis-indicator} People trained
:value: 41200
:unit: people
:year: 2024
:source: Training records
:::
"""
)


def test_catalogue_codes_fill_the_name_in_english(build, tmp_path: Path) -> None:
    built = build(write_project(tmp_path, {"index.md": CODED}))
    html = built.html()
    assert "Proportion of individuals using the Internet" in html
    assert "used the Internet from any location in the last three months" in html
    assert "Fixed Internet broadband subscriptions per 100 inhabitants, by speed" in html
    assert "1.2 per 100 inhabitants" in html
    assert "41,200 people" in html
    assert built.wsis_warnings("invalid") == built.wsis_warnings("unknown") == []


def test_catalogue_codes_fill_the_name_in_french(build, tmp_path: Path) -> None:
    built = build(
        write_project(tmp_path, {"index.md": CODED}, conf=MYST_CONF + 'language = "fr"\n')
    )
    html = built.html()
    assert "Proportion de la population utilisant Internet" in html
    assert "Abonnements à une connexion à Internet à haut débit fixe pour 100 habitants" in html
    assert "1,2 pour 100 habitants" in html  # the French decimal comma
    assert "41\u202f200 personnes" in html  # narrow no-break space between digit groups
    assert "Proportion of individuals using the Internet" not in html
    # the country is shown in the report's language and the chart's axis too
    assert "Kenya" in html
    svg = next((built.outdir / "_images").glob("wsis-chart-*.svg")).read_text("utf-8")
    assert "<svg" in svg


WRONG = (
    REPORT
    + """\
:::{wsis-indicator}
:code: 17.8.2
:value: 74
:year: 2025
:source: ITU
:unit: percent
:::

:::{wsis-indicator}
:code: 9.c.1
:value: 12
:unit: per-100
:year: 2025
:source: ITU
:::

:::{wsis-indicator}
:value: 3
:year: 2025
:source: ITU
:unit: percent
:::
"""
)


def test_a_wrong_code_and_a_contradicting_unit_are_reported_at_their_line(
    build, tmp_path: Path
) -> None:
    built = build(write_project(tmp_path, {"index.md": WRONG}))
    (unknown,) = built.wsis_warnings("unknown")
    assert re.search(r"index\.md:10: WARNING: wsis-indicator :code: '17\.8\.2' is not in the "
                     r"indicator catalogue; did you mean '17\.8\.1'\?", unknown), unknown  # fmt: skip
    invalid = built.wsis_warnings("invalid")
    assert any(
        "index.md:20: WARNING: wsis-indicator :unit: 'per-100' contradicts the catalogue: "
        "9.c.1 is published in percent" in line
        for line in invalid
    ), invalid
    (missing,) = [w for w in built.wsis_warnings("missing") if "needs a name" in w]
    assert "index.md:25:" in missing


BREAKDOWN = (
    REPORT
    + """\
:::{wsis-indicator}
:code: 17.8.1
:value: 74
:year: 2025
:source: ITU
:geo: Kenya, Uganda
:::

:::{wsis-indicator}
:code: 17.8.1
:disaggregation: sex=female; area=rural
:value: 51
:year: 2025
:source: ITU
:::

:::{wsis-indicator} Women trained
:value: 46
:unit: percent
:year: 2024
:source: Records
:::

:::{wsis-indicator}
:code: 17.8.1
:disaggregation: sex=male; area=rural
:value: 58
:year: 2025
:source: ITU
:::

:::{wsis-indicators}
:::
"""
)


def test_disaggregated_blocks_are_one_indicator(build, tmp_path: Path) -> None:
    built = build(write_project(tmp_path, {"index.md": BREAKDOWN}))
    assert built.wsis_warnings("duplicate") == []
    table = built.html().split('class="wsis-table')[1]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
    firsts = [re.sub(r"<[^>]+>", "", row).split("\n")[0] for row in rows]
    names = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", r)).strip() for r in rows]
    # the breakdown follows its indicator, before the indicator written between them
    assert names[1].startswith("Proportion of individuals using the Internet (17.8.1) 74%")
    assert names[2].startswith("· sex: female · area: rural 51%")
    assert names[3].startswith("· sex: male · area: rural 58%")
    assert names[4].startswith("Women trained")
    assert firsts

    json_built = build(built.srcdir, "wsis-json")
    document = json.loads((json_built.outdir / "report.json").read_text("utf-8"))
    jsonschema.validate(document, json.loads(SCHEMA_PATH.read_text("utf-8")))
    indicators = {i["id"]: i for i in document["indicators"]}
    assert indicators["17.8.1"]["dimensions"] == {}
    assert indicators["17.8.1"]["area_codes"] == ["KEN", "UGA"]
    female = indicators["17.8.1-female-rural"]
    assert female["dimensions"] == {"sex": "female", "area": "rural"}
    assert female["code"] == "17.8.1"
    assert female["catalogue_name"] == "Proportion of individuals using the Internet"
    assert female["unit"] == "percent" and female["unit_measure"] == "PERCENT"
    assert female["unit_mult"] == 0 and female["time_period"] == "2025"
    assert document["report"]["country_code"] == "KEN"
    assert document["report"]["country"] == "Kenya"
    assert indicators["women-trained"]["code"] is None


def test_the_same_code_and_breakdown_twice_is_a_duplicate(build, tmp_path: Path) -> None:
    twice = BREAKDOWN.replace("sex=male; area=rural", "sex=female; area=rural")
    built = build(write_project(tmp_path, {"index.md": twice}))
    (duplicate,) = built.wsis_warnings("duplicate")
    assert "17.8.1-female-rural" in duplicate


def test_the_same_figure_under_another_id_is_a_duplicate(build, tmp_path: Path) -> None:
    again = BREAKDOWN.replace(
        ":::{wsis-indicators}",
        ":::{wsis-indicator}\n:code: 17.8.1\n:id: again\n:disaggregation: sex=male; area=rural\n"
        ":value: 58\n:year: 2025\n:source: ITU\n:::\n\n"
        ":::{wsis-indicator}\n:code: 17.8.1\n:id: last-year\n:disaggregation: sex=male; area=rural\n"
        ":value: 55\n:year: 2024\n:source: ITU\n:::\n\n:::{wsis-indicators}",
    )
    built = build(write_project(tmp_path, {"index.md": again}))
    (duplicate,) = built.wsis_warnings("duplicate")  # another year is not a duplicate
    assert (
        "a second value of 17.8.1 for this breakdown, area and year; the first is at index.md:32"
        in duplicate
    )


def test_units_and_multipliers_are_a_vocabulary(build, tmp_path: Path) -> None:
    page = (
        REPORT
        + """\
:::{wsis-indicator} People offline
:value: 2.2
:unit: people
:unit-multiplier: billion
:year: 2025
:source: ITU
:::

:::{wsis-indicator} Land irrigated
:value: 12
:unit: hectares
:year: 2025
:source: FAO
:::

:::{wsis-indicator} Bad multiplier
:value: 12
:unit: people
:unit-multiplier: dozen
:year: 2025
:source: FAO
:::
"""
    )
    built = build(write_project(tmp_path, {"index.md": page}))
    html = built.html()
    assert "2.2 billion people" in html
    assert "12 hectares" in html  # free text is kept as written, with a note in the log
    assert "index.md:19: wsis-indicator :unit: 'hectares' is not a standard unit" in (
        built.app.status.getvalue()
    )
    (bad,) = built.wsis_warnings("invalid")
    assert "'dozen' is not a unit multiplier (use one of: thousand, million, billion)" in bad
    json_built = build(built.srcdir, "wsis-json")
    found = {
        i["id"]: i
        for i in json.loads((json_built.outdir / "report.json").read_text("utf-8"))["indicators"]
    }
    assert found["people-offline"]["unit_mult"] == 9
    assert found["people-offline"]["unit_measure"] == "NUMBER"
    assert found["land-irrigated"]["unit_measure"] is None


def test_countries_are_iso_codes_with_suggestions(build, tmp_path: Path) -> None:
    page = REPORT.replace(":country: KE", ":country: Kenyaa") + (
        """\
:::{wsis-indicator} Coverage
:value: 90
:unit: percent
:year: 2025
:source: ITU
:geo: Ugnada
:::

:::{wsis-indicator} Coverage world
:value: 90
:unit: percent
:year: 2025
:source: ITU
:geo: Least developed countries (LDCs)
:::

:::{wsis-indicator} Coverage in regions
:value: 90
:unit: percent
:year: 2025
:source: ITU
:geo: Southern Africa, South America, Western Asia, Africa, Asia, North Africa, ASEAN, CIS
:::

"""
    )
    built = build(write_project(tmp_path, {"index.md": page}))
    invalid = built.wsis_warnings("invalid")
    assert any(
        "index.md:6: WARNING: wsis-report :country: 'Kenyaa' is not an ISO 3166 country name or "
        "code; did you mean 'Kenya'?" in w
        for w in invalid
    ), invalid
    assert any("'Ugnada' is not an ISO 3166" in w and "'Uganda'" in w for w in invalid), invalid
    # a region in words is not a country, and not an error (M49's "Southern Africa" is
    # not a misspelt "South Africa")
    assert len(invalid) == 2
    region = REPORT.replace(":country: KE", ":country: Africa")
    (invalid,) = build(write_project(tmp_path / "region", {"index.md": region})).wsis_warnings(
        "invalid"
    )
    assert "'Africa' is not an ISO 3166 country name or code; it names a region" in invalid


def test_country_names_in_every_un_language() -> None:
    for name in ("Kenya", "KE", "KEN", "Kenia", "Кения", "كينيا", "肯尼亚"):
        found = geo.country(name)
        assert found is not None and found.alpha_3 == "KEN", name
    assert geo.country("Côte d\u2019Ivoire").name_in("zh") == "科特迪瓦"
    assert geo.country("World") is None
    # the UN's own short names, where ISO words them otherwise
    for name, code in [
        ("Democratic Republic of the Congo", "COD"), ("République démocratique du Congo", "COD"),
        ("刚果民主共和国", "COD"), ("Republic of Korea", "KOR"), ("Республика Корея", "KOR"),
        ("State of Palestine", "PSE"), ("دولة فلسطين", "PSE"), ("Türkiye", "TUR"),
        ("Bolivia (Plurinational State of)", "BOL"), ("Congo", "COG"),
    ]:  # fmt: skip
        found = geo.country(name)
        assert found is not None and found.alpha_3 == code, name
    # regions: M49's in the six languages (from CLDR), the UN's groupings; never a country
    for name, code in [
        ("World", "001"), ("Monde", "001"), ("世界", "001"), ("Southern Africa", "018"),
        ("Afrique australe", "018"), ("Западная Азия", "145"), ("Latin America and the "
        "Caribbean", "419"), ("Least developed countries (LDCs)", "199"), ("SIDS", "722"),
        ("Pays les moins avancés", "199"), ("أقل البلدان نموا", "199"), ("European Union", "EU"),
    ]:  # fmt: skip
        assert geo.region(name) == code and geo.country(name) is None, name
    assert geo.region("South Africa") is None and geo.region("OANA member countries") is None
    # the UN's and ITU's other wordings are regions too; a misspelt country never is one
    for name in ("North Africa", "Afrique du Nord", "الجنوب الأفريقي", "Arab States", "CIS"):
        assert geo.region(name), name
    for name in ("S. Africa", "LYBIA", "KATAR", "Central Africa Republic", "Ugnada"):
        assert geo.region(name) is None and geo.suggest(name), name
    # an ISO code is a hint only for what is written like one
    assert geo.suggest("ASEAN") is None and geo.suggest("KEM") is not None
    # codes and other languages' names read in the report's language; its own spelling stays
    assert geo.display_name("KE", "zh") == "肯尼亚"
    assert geo.display_name("Kenia", "en") == "Kenya"
    assert geo.display_name("Кыргызстан", "ru") == "Кыргызстан"
    assert geo.display_name("Кыргызстан", "fr") == "Kirghizistan"


def test_country_names_file_is_what_pycountry_gives() -> None:
    """``data/countries.json`` equals what ``scripts/update-countries`` makes from the pinned
    pycountry, so the names a report matches and shows cannot drift from ISO's."""
    assert "is up to date" in script_check("update-countries")


# -- charts --------------------------------------------------------------------------------

CHARTS = (
    REPORT
    + """\
:::{wsis-indicator}
:code: 17.8.1
:id: internet-users
:value: 74
:year: 2025
:source: ITU
:baseline: 66
:baseline-year: 2022
:target: 90
:target-year: 2030
:series: 2022: 66; 2023: 67; 2025: 74
:::

:::{wsis-indicator} Women among trainees
:id: women-trainees
:value: 46
:unit: percent
:year: 2024
:source: Records
:series: 2012: 29; 2016: 35; 2020: 41; 2024: 46
:chart: bar
:::

:::{wsis-chart} Use and skills
:indicators: internet-users, women-trainees
:::

```{toctree}
other
```
"""
)


def test_a_series_gets_an_svg_chart_in_html(build, tmp_path: Path) -> None:
    built = build(write_project(tmp_path, {"index.md": CHARTS, "other.md": "# Other\n\nText.\n"}))
    html = built.html()
    images = re.findall(r'<img src="(_images/wsis-chart-[0-9a-f]+\.svg)" alt="([^"]*)"', html)
    assert len(images) == 3, images
    assert images[2][1] == "Line chart: Use and skills"
    for src, _ in images:
        svg = (built.outdir / src).read_text("utf-8")
        assert svg.lstrip().startswith("<?xml") and "<svg" in svg
        assert 'role="img"' in svg and "<text" in svg  # accessible, its text stays text
    # the accessible description lists every value, baseline and target
    assert (
        "Line chart. Proportion of individuals using the Internet: 2022: 66%; 2023: 67%; "
        "2025: 74%; Baseline 2022: 66%; Target 2030: 90%." in html
    )
    assert "Women among trainees: 2012: 29%; 2016: 35%; 2020: 41%; 2024: 46%." in html


def test_an_incremental_build_redraws_no_chart(build, tmp_path: Path) -> None:
    srcdir = write_project(tmp_path, {"index.md": CHARTS, "other.md": "# Other\n\nText.\n"})
    build(srcdir)
    cached = sorted((srcdir / "_build" / "doctrees" / charts.CACHE_DIR).glob("*.svg"))
    if not cached:  # sphinx.testing puts the doctrees next to the output
        cached = sorted(tmp_path.rglob(f"{charts.CACHE_DIR}/*.svg"))
    assert len(cached) == 3
    times = [p.stat().st_mtime_ns for p in cached]
    drawn = charts.DRAWN["count"]
    (srcdir / "other.md").write_text("# Other\n\nText, edited.\n", encoding="utf-8")
    rebuilt = build(srcdir)
    assert "Text, edited." in rebuilt.html("other")
    assert charts.DRAWN["count"] == drawn
    assert [p.stat().st_mtime_ns for p in cached] == times
    # a changed value draws exactly the charts that show it
    (srcdir / "index.md").write_text(CHARTS.replace(":value: 46", ":value: 47")
                                     .replace("2024: 46", "2024: 47"), encoding="utf-8")  # fmt: skip
    build(srcdir)
    assert charts.DRAWN["count"] == drawn + 2


def test_a_chart_of_unknown_indicators_warns(build, tmp_path: Path) -> None:
    page = REPORT + ":::{wsis-chart} Nothing\n:indicators: nowhere\n:::\n"
    built = build(write_project(tmp_path, {"index.md": page}))
    (unknown,) = built.wsis_warnings("unknown")
    assert "index.md:9: WARNING: wsis-chart: no indicator id 'nowhere' in this report" in unknown


def test_render_chart_is_reproducible_in_every_format() -> None:
    spec = chart_layout.ChartSpec(
        "Доступ",
        "line",
        "ru",
        "%",
        [chart_layout.Series("Total", [(2020, 40.0), (2024, 55.0)], (2020, 40.0), (2030, 80.0))],
    )
    for fmt, magic in (("svg", b"<?xml"), ("pdf", b"%PDF"), ("png", b"\x89PNG")):
        first = charts.render_chart(spec, fmt)
        assert first.startswith(magic)
        assert charts.render_chart(spec, fmt) == first, fmt


def test_a_project_catalogue_adds_codes(build, tmp_path: Path) -> None:
    (tmp_path / "indicators.yaml").write_text(
        "indicators:\n"
        "  OANA-1:\n"
        "    units: [count]\n"
        "    name: {en: Community networks supported, fr: Réseaux communautaires soutenus}\n"
        "    source: OANA monitoring manual 2024\n",
        encoding="utf-8",
    )
    conf = MYST_CONF + 'wsis_indicator_catalogue = "indicators.yaml"\nlanguage = "fr"\n'
    page = REPORT + ":::{wsis-indicator}\n:code: oana-1\n:value: 38\n:year: 2024\n:source: x\n:::\n"
    built = build(write_project(tmp_path, {"index.md": page}, conf=conf))
    assert "Réseaux communautaires soutenus" in built.html()
    assert built.wsis_warnings("unknown") == []


def _template_with_catalogue(tmp_path: Path, catalogue: str) -> None:
    """A renamed copy of the shipped template that names its own indicator catalogue."""
    official = Path(resolve_template("wsis20-stakeholder", None)).read_text("utf-8")
    text = official.replace("id: wsis20-stakeholder", "id: national-review", 1)
    (tmp_path / "national.yaml").write_text(
        text + "\nindicator-catalogue: [catalogues/national.yaml]\n", encoding="utf-8"
    )
    (tmp_path / "catalogues").mkdir()
    (tmp_path / "catalogues/national.yaml").write_text(catalogue, encoding="utf-8")


def test_a_template_catalogue_adds_codes_and_the_project_wins(build, tmp_path: Path) -> None:
    _template_with_catalogue(
        tmp_path,
        "indicators:\n"
        "  NAT-1:\n    units: [count]\n    name: {en: Public Wi-Fi hotspots}\n"
        "  NAT-2:\n    units: [count]\n    name: {en: Template name}\n",
    )
    (tmp_path / "project.yaml").write_text(
        "indicators:\n  NAT-2:\n    units: [count]\n    name: {en: Project name}\n",
        encoding="utf-8",
    )
    conf = MYST_CONF + (
        'wsis_template = "national.yaml"\nwsis_indicator_catalogue = "project.yaml"\n'
    )
    page = REPORT + "".join(
        f":::{{wsis-indicator}}\n:code: {code}\n:value: 3\n:year: 2024\n:source: x\n:::\n"
        for code in ("NAT-1", "NAT-2")
    )
    built = build(write_project(tmp_path, {"index.md": page}, conf=conf))
    html = built.html()
    assert "Public Wi-Fi hotspots" in html and "Project name" in html
    assert "Template name" not in html
    assert built.wsis_warnings("unknown") == [] and built.wsis_warnings("template") == []


def test_a_broken_template_catalogue_is_a_warning_naming_its_file(build, tmp_path: Path) -> None:
    _template_with_catalogue(
        tmp_path, "indicators:\n  X1:\n    name: {en: X}\n    units: [furlongs]\n"
    )
    conf = MYST_CONF + 'wsis_template = "national.yaml"\n'
    built = build(write_project(tmp_path, {"index.md": REPORT}, conf=conf))
    (warning,) = built.wsis_warnings("template")
    assert "catalogues/national.yaml" in warning and "furlongs" in warning


def test_a_broken_catalogue_is_one_clear_warning(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(
        "indicators:\n  X1:\n    units: [furlongs]\n    name: {en: X}\n"
    )
    with pytest.raises(Exception, match="unknown unit 'furlongs'"):
        load_catalogue([tmp_path / "bad.yaml"])


def test_the_builtin_catalogue_has_every_un_language() -> None:
    catalogue = builtin_catalogue()
    for code in ("4.4.1", "5.b.1", "9.c.1", "17.6.1", "17.8.1", "i271mw", "i271GA"):
        entry = catalogue.entry(code)
        assert entry is not None, code
        assert set(entry.names) == set(entry.definitions) == {"ar", "zh", "en", "fr", "ru", "es"}
        assert entry.source and entry.translation
    assert catalogue.entry("SDG 17.8.1") is catalogue.entry("17.8.1")


# -- PDF -----------------------------------------------------------------------------------


@pytest.mark.latex
def test_a_series_chart_is_a_vector_graphic_in_the_pdf(tmp_path: Path) -> None:
    if not shutil.which("latexmk"):
        pytest.fail("latexmk is missing: run scripts/setup-system, or deselect with -m 'not latex'")
    srcdir = write_project(tmp_path / "src", {"index.md": CHARTS, "other.md": "# Other\n\nText.\n"})
    outdir = tmp_path / "out"
    result = sphinx_build("-M", "latexpdf", srcdir, outdir)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    latex = outdir / "latex"
    (tex,) = latex.glob("*.tex")
    included = re.findall(r"\\sphinxincludegraphics\[[^]]*\]\{\{(wsis-charts/wsis-chart-[0-9a-f]+)\}\.pdf\}",
                          tex.read_text("utf-8"))  # fmt: skip
    assert len(included) == 3
    for stem in included:
        assert (latex / f"{stem}.pdf").read_bytes().startswith(b"%PDF")
    (pdf,) = latex.glob("*.pdf")  # the charts are in a folder of their own
    reader = PdfReader(pdf)
    forms = 0
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        forms += sum(1 for x in xobjects.values() if x.get_object().get("/Subtype") == "/Form")
    assert forms >= 3  # each chart is an embedded vector (form XObject) picture


def test_a_value_of_300_digits_is_shown_whole_and_one_of_400_is_refused(
    build, tmp_path: Path
) -> None:
    """Babel rounds in a 28-digit decimal context and charts need a double: neither may stop
    the build; a number past a double's range is a wsis.invalid finding at its line."""
    for language in ("en", "fr"):
        for digits in (300, 400):
            huge = "7" * digits
            page = REPORT + f":::{{wsis-indicator}} Devices counted\n:value: {huge}\n"
            page += ":unit: people\n:year: 2024\n:source: Inventory\n"
            page += f":series: 2023: {huge}; 2024: {huge}\n:::\n"
            conf = MYST_CONF + f'language = "{language}"\n'
            project = write_project(tmp_path / f"{language}{digits}", {"index.md": page}, conf)
            built = build(project)
            assert "Traceback" not in built.warnings
            if digits == 300:
                shown = re.sub(r"\D", "", built.html().split("Devices counted", 1)[1])
                assert huge in shown, language
                assert built.wsis_warnings("invalid") == []
            else:
                value, series = built.wsis_warnings("invalid")  # the value and the series
                assert "index.md:10:" in value and ":value:" in value and "too large" in value
                assert "index.md:14:" in series and ":series:" in series
