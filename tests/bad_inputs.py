"""A corpus of authors' mistakes and the message each one gets.

Each case is one small MyST project: ``HEAD`` (a valid report block) followed by ``body`` on
line 8 of ``index.md``. The docs render this list as the table of bad inputs, so what the docs
promise is exactly what the tests check.
"""

from __future__ import annotations

from dataclasses import dataclass, field

HEAD = """\
# Report

:::{wsis-report}
:entity: Example Network
:stakeholder: civil-society
:::

"""
BODY_LINE = 8  # the first line of ``body`` in index.md


@dataclass(frozen=True)
class BadInput:
    id: str
    category: str
    what: str
    body: str
    tag: str  # the warning's [type.subtype], or "" for a plain Sphinx/docutils message
    message: str  # a fragment of the message the author sees
    line: int | None = BODY_LINE  # the line in index.md the message points at
    files: dict[str, str | bytes] = field(default_factory=dict)
    conf: str = ""
    head: str = HEAD


def indicator(**options: str) -> str:
    base = {"value": "5", "unit": "percent", "year": "2024", "source": "Survey"}
    base.update(options)
    lines = "".join(f":{k}: {v}\n" for k, v in base.items() if v is not None)
    return f":::{{wsis-indicator}} Users\n{lines}:::\n"


def story(**options: str) -> str:
    lines = "".join(f":{k}: {v}\n" for k, v in options.items())
    return (
        f"::::{{wsis-action-line}} C3\n:::{{wsis-success-story}} A story\n{lines}Text.\n:::\n::::\n"
    )


def report(**options: str) -> str:
    base = {"entity": "Example Network", "stakeholder": "academia"}
    base.update(options)
    lines = "".join(f":{k}: {v}\n" for k, v in base.items() if v is not None)
    return f"# Report\n\n:::{{wsis-report}}\n{lines}:::\n\n"


def template_conf(name: str = "bad.yaml") -> str:
    return f'wsis_template = "{name}"\n'


CASES: list[BadInput] = [
    # -- action-line codes and where parts belong -------------------------------------------
    BadInput("unknown-code", "codes", "an action line that does not exist",
             ":::{wsis-action-line} C12\nText.\n:::\n", "wsis.unknown",
             "unknown action-line code 'C12'; did you mean"),
    BadInput("malformed-code", "codes", "a code in the wrong shape",
             ":::{wsis-action-line} 7C\nText.\n:::\n", "wsis.unknown",
             "unknown action-line code '7C'"),
    BadInput("misspelt-sub-line", "codes", "a misspelt C7 sub-line",
             ":::{wsis-action-line} C7 e-helth\nText.\n:::\n", "wsis.unknown",
             "did you mean 'C7.e-health'?"),
    BadInput("unknown-code-option", "codes", "an unknown code in :action-line:",
             ":::{wsis-achievements}\n:action-line: C99\nText.\n:::\n", "wsis.unknown",
             "unknown action-line code 'C99'", BODY_LINE + 1),
    BadInput("unknown-code-story", "codes", "an unknown code in a story's :action-lines:",
             ":::{wsis-success-story} A story\n:action-lines: C3, X1\nText.\n:::\n",
             "wsis.unknown", "unknown action-line code 'X1'", BODY_LINE + 1),
    BadInput("missing-code", "codes", "wsis-action-line without its code",
             ":::{wsis-action-line}\nText.\n:::\n", "",
             "1 argument(s) required, 0 supplied"),
    BadInput("unknown-section", "codes", "an unknown section key",
             ":::{wsis-section} summary\nText.\n:::\n", "wsis.unknown",
             "unknown section key 'summary'"),
    BadInput("section-is-action-line", "codes", "an action line written as a section",
             ":::{wsis-section} C3\nText.\n:::\n", "wsis.unknown",
             "'C3' is an action line: use wsis-action-line"),
    BadInput("unknown-aspect", "codes", "an aspect the template does not have",
             "::::{wsis-action-line} C3\n:::{wsis-aspect} lessons\nText.\n:::\n::::\n",
             "wsis.unknown", "the template has no aspect 'lessons'", BODY_LINE + 1),
    BadInput("orphan-aspect", "placement", "an aspect outside any action line",
             ":::{wsis-achievements}\nText.\n:::\n", "wsis.invalid",
             "wsis-achievements is outside any wsis-action-line"),
    BadInput("orphan-story", "placement", "a success story outside any action line",
             ":::{wsis-success-story} Lost story\nText.\n:::\n", "wsis.invalid",
             "wsis-success-story is outside any wsis-action-line"),
    BadInput("contradicting-option", "placement", "an aspect naming another action line",
             "::::{wsis-action-line} C3\n:::{wsis-challenges}\n:action-line: C4\nText.\n:::\n::::\n",
             "wsis.invalid", "contradicts the enclosing wsis-action-line C3", BODY_LINE + 2),
    BadInput("unknown-role-indicator", "codes", "a reference to an indicator that does not exist",
             "See {wsis:ind}`no-such-indicator`.\n", "wsis.unknown",
             "no indicator id 'no-such-indicator' in this report"),
    BadInput("unknown-role-code", "codes", "a reference to an unknown action line",
             "See {wsis:al}`C99`.\n", "wsis.unknown", "unknown action-line code 'C99'"),
    # -- duplicates --------------------------------------------------------------------------
    BadInput("duplicate-action-line", "duplicates", "the same action line twice",
             ":::{wsis-action-line} C3\n:::\n\n:::{wsis-action-line} c3\n:::\n",
             "wsis.duplicate", "a second wsis-action-line C3", BODY_LINE + 3),
    BadInput("duplicate-aspect", "duplicates", "the same aspect twice in one action line",
             "::::{wsis-action-line} C3\n:::{wsis-challenges}\nOne.\n:::\n:::{wsis-challenges}\nTwo.\n:::\n::::\n",
             "wsis.duplicate", "a second wsis-challenges for C3", BODY_LINE + 4),
    BadInput("duplicate-indicator", "duplicates", "two indicators with the same id",
             indicator() + "\n" + indicator(), "wsis.duplicate",
             "a second indicator id 'users'", BODY_LINE + 7),
    BadInput("duplicate-report", "duplicates", "a second report block",
             ":::{wsis-report}\n:entity: Again\n:stakeholder: academia\n:::\n",
             "wsis.duplicate", "a second wsis-report block; the first is at index.md:3"),
    BadInput("duplicate-contact", "duplicates", "two contact blocks",
             ":::{wsis-contact}\n:name: A\n:email: a@example.org\n:::\n\n"
             ":::{wsis-contact}\n:name: B\n:email: b@example.org\n:::\n",
             "wsis.duplicate", "a second wsis-contact block", BODY_LINE + 5),
    BadInput("duplicate-section", "duplicates", "the same section twice",
             ":::{wsis-section} executive-summary\nOne.\n:::\n\n"
             ":::{wsis-section} executive-summary\nTwo.\n:::\n",
             "wsis.duplicate", "a second wsis-section executive-summary", BODY_LINE + 4),
    BadInput("duplicate-story", "duplicates", "two stories with the same title",
             story() + "\n" + story().replace("C3", "C4"), "wsis.duplicate",
             "a second success story 'a-story'", BODY_LINE + 7),
    # -- report and contact metadata ----------------------------------------------------------
    BadInput("bad-stakeholder", "metadata", "a stakeholder type not in the template", "",
             "wsis.invalid", "'ministry' is not a valid stakeholder type", 5,
             head=report(stakeholder="ministry")),
    BadInput("no-entity", "metadata", "a report without :entity:", "", "wsis.missing",
             "wsis-report needs :entity:", 3, head=report(entity=None)),
    BadInput("no-stakeholder", "metadata", "a report without :stakeholder:", "",
             "wsis.missing", "wsis-report needs :stakeholder:", 3, head=report(stakeholder=None)),
    BadInput("reversed-period", "metadata", "a period that ends before it starts", "",
             "wsis.invalid", "the period '2025-2005' ends before it starts", 6,
             head=report(period="2025-2005")),
    BadInput("bad-date", "metadata", "a date not in ISO form", "", "wsis.invalid",
             "'28/05/2025' is not a date", 6, head=report(date="28/05/2025")),
    BadInput("bad-website", "metadata", "a website that is not http(s)", "", "wsis.invalid",
             "'ftp://example.org' is not a web address", 6,
             head=report(website="ftp://example.org")),
    BadInput("logo-outside", "safety", "a logo path outside the project", "", "wsis.invalid",
             "'../../../etc/passwd' is outside the project", 6,
             head=report(logo="../../../etc/passwd")),
    BadInput("logo-missing", "metadata", "a logo file that does not exist", "", "wsis.invalid",
             "'logo.png' does not exist", 6, head=report(logo="logo.png")),
    BadInput("unknown-option", "metadata", "an option the directive does not have", "", "",
             "'wsis-report': Unknown option key: 'colour'", 6, head=report(colour="red")),
    BadInput("contact-no-name", "metadata", "a contact without a name",
             ":::{wsis-contact}\n:email: a@example.org\n:::\n", "wsis.missing",
             "wsis-contact needs :name:"),
    BadInput("contact-no-email", "metadata", "a contact without an e-mail",
             ":::{wsis-contact}\n:name: A. Person\n:::\n", "wsis.missing",
             "wsis-contact needs :email:"),
    BadInput("contact-bad-email", "metadata", "a malformed e-mail address",
             ":::{wsis-contact}\n:name: A. Person\n:email: person(at)example.org\n:::\n",
             "wsis.invalid", "'person(at)example.org' is not an e-mail address", BODY_LINE + 2),
    # -- stories ---------------------------------------------------------------------------
    BadInput("story-bad-year", "values", "a two-digit year", story(year="19"),
             "wsis.invalid", "'19' is not a year", BODY_LINE + 2),
    BadInput("story-javascript-url", "safety", "a javascript: link",
             story(url="javascript:alert(1)"), "wsis.invalid",
             "'javascript:alert(1)' is not a web address", BODY_LINE + 2),
    BadInput("story-bad-sdg", "values", "an SDG that does not exist", story(sdgs="4, 18"),
             "wsis.invalid", "'18' is not an SDG goal or indicator", BODY_LINE + 2),
    # -- indicators -------------------------------------------------------------------------
    BadInput("value-not-number", "values", "a value in words", indicator(value="seventy"),
             "wsis.invalid", "'seventy' is not a number", BODY_LINE + 1),
    BadInput("value-with-percent-sign", "values", "a value written as 74%",
             indicator(value="74%"), "wsis.invalid", "write the number and set :unit: percent",
             BODY_LINE + 1),
    BadInput("value-decimal-comma", "values", "a decimal comma, 99,3", indicator(value="99,3"),
             "wsis.invalid", "the decimal separator is a point in the source", BODY_LINE + 1),
    BadInput("value-in-words-scale", "values", "a value with its scale, 2.2 billion",
             indicator(value="2.2 billion"), "wsis.invalid",
             "write :value: 2.2 with :unit-multiplier: billion", BODY_LINE + 1),
    BadInput("fiscal-year-too-long", "values", "a fiscal year over three years",
             indicator(year="2024/27"), "wsis.invalid",
             "a fiscal year covers two years in a row, e.g. 2024/25", BODY_LINE + 3),
    BadInput("misspelt-directive", "codes", "a misspelt directive name",
             "::::{wsis-action-line} C3\n:::{wsis-achievment}\nText.\n:::\n::::\n",
             "wsis.unknown", "unknown directive 'wsis-achievment'; did you mean "
             "'wsis-achievements'?", BODY_LINE + 1),
    BadInput("percent-over-100", "values", "a percentage above 100", indicator(value="140"),
             "wsis.invalid", "140 is not a percentage", BODY_LINE + 1),
    BadInput("no-unit", "values", "an indicator without :unit:", indicator(unit=None),
             "wsis.missing", "wsis-indicator needs :unit:"),
    BadInput("no-source", "values", "an indicator without :source:", indicator(source=None),
             "wsis.missing", "wsis-indicator needs :source:"),
    BadInput("no-value", "values", "an indicator without :value:", indicator(value=None),
             "wsis.missing", "wsis-indicator needs :value:"),
    BadInput("implausible-year", "values", "a year two centuries ahead", indicator(year="2200"),
             "wsis.invalid", "2200 is not a plausible year", BODY_LINE + 3),
    BadInput("baseline-after-year", "values", "a baseline year after the value's year",
             indicator(baseline="3", **{"baseline-year": "2030"}), "wsis.invalid",
             ":baseline-year: 2030 is after :year: 2024", BODY_LINE + 6),
    BadInput("target-before-year", "values", "a target year before the value's year",
             indicator(target="9", **{"target-year": "2020"}), "wsis.invalid",
             ":target-year: 2020 is before :year: 2024", BODY_LINE + 6),
    BadInput("baseline-without-year", "values", "a baseline without its year",
             indicator(baseline="3"), "wsis.missing", ":baseline: needs :baseline-year:",
             BODY_LINE + 5),
    BadInput("bad-series", "values", "a series entry without a colon",
             indicator(series="2005: 16; 2015 43"), "wsis.invalid",
             "series entry '2015 43' must be 'year: value'", BODY_LINE + 5),
    BadInput("bad-scope", "values", "a scope not in the list", indicator(scope="galactic"),
             "wsis.invalid", "'galactic' is not a valid scope", BODY_LINE + 5),
    BadInput("bad-status", "values", "a status not in the list", indicator(status="done"),
             "wsis.invalid", "'done' is not a valid status", BODY_LINE + 5),
    BadInput("bad-id", "values", "an id with spaces", indicator(id="internet users"),
             "wsis.invalid", "'internet users' is not a valid id", BODY_LINE + 5),
    BadInput("file-source-url", "safety", "a file: URL as a source",
             indicator(**{"source-url": "file:///etc/passwd"}), "wsis.invalid",
             "'file:///etc/passwd' is not a web address", BODY_LINE + 5),
    BadInput("empty-option", "values", "an option given with no value", indicator(geo=""),
             "wsis.empty", "wsis-indicator has an empty :geo:", BODY_LINE + 5),
    # -- bodies ------------------------------------------------------------------------------
    BadInput("empty-aspect", "bodies", "an aspect with no text",
             "::::{wsis-action-line} C3\n:::{wsis-achievements}\n:::\n::::\n", "wsis.empty",
             "C3 achievements has no text", BODY_LINE + 1),
    BadInput("whitespace-section", "bodies", "a section holding only blank lines",
             ":::{wsis-section} executive-summary\n   \n\n   \n:::\n", "wsis.empty",
             "I. Executive Summary has no text"),
    BadInput("placeholder", "bodies", "Lorem ipsum left in a section",
             ":::{wsis-section} executive-summary\nLorem ipsum dolor sit amet.\n:::\n",
             "wsis.placeholder", "still holds placeholder text 'Lorem ipsum'"),
    BadInput("template-placeholder", "bodies", "ITU's own bracketed prompt left in",
             "::::{wsis-action-line} C3\n:::{wsis-challenges}\n*[Achievements, challenges, future priorities]*\n:::\n::::\n",
             "wsis.placeholder", "[Achievements, challenges, future priorities]", BODY_LINE + 1),
    BadInput("na-without-reason", "bodies", "not applicable without a reason",
             ":::{wsis-action-line} C9\n:not-applicable:\n:::\n", "wsis.invalid",
             "C9 is marked :not-applicable: without a reason", BODY_LINE + 1),
    BadInput("na-with-content", "bodies", "not applicable, yet with content",
             ":::{wsis-action-line} C9\n:not-applicable: Out of scope.\nSome text.\n:::\n",
             "wsis.invalid", "C9 is marked not applicable but has content", BODY_LINE + 1),
    # -- templates ---------------------------------------------------------------------------
    BadInput("template-syntax", "templates", "a template that is not valid YAML", "",
             "wsis.template", "not valid YAML", None,
             files={"bad.yaml": "id: x\ntitle: [unclosed\n"}, conf=template_conf()),
    BadInput("template-wrong-type", "templates", "a template value of the wrong type", "",
             "wsis.template", "aspects: expected a list", None,
             files={"bad.yaml": "id: x\ntitle: T\nstakeholders: {a: A}\naspects: 3\nchapters: []\n"},
             conf=template_conf()),
    BadInput("template-unknown-key", "templates", "a template key that does not exist", "",
             "wsis.template", "unknown key 'colour'", None,
             files={"bad.yaml": "id: x\ntitle: T\ncolour: red\n"}, conf=template_conf()),
    BadInput("template-python-tag", "safety", "a template trying to run code", "",
             "wsis.template", "is not allowed: templates hold plain text", None,
             files={"bad.yaml": "id: !!python/object/apply:os.system ['touch PWNED']\n"},
             conf=template_conf()),
    BadInput("template-unknown-name", "templates", "a template name that is not installed", "",
             "wsis.unknown", "unknown template 'wsis21'", None, conf=template_conf("wsis21")),
    BadInput("template-file-missing", "templates", "a template path that does not exist", "",
             "wsis.template", "template file 'nowhere.yaml' does not exist", None,
             conf=template_conf("nowhere.yaml")),
    # -- values MyST or the JSON Schema would not take as written -----------------------------
    BadInput("option-cut-at-hash", "values", "an option value MyST cuts at ' #'",
             ":::{wsis-contact}\n:name: A. Person\n:email: a@example.org\n"
             ":address: Room #5, Mvule Court\n:::\n", "wsis.invalid",
             "keeps 'Room' and drops '#5, Mvule Court'. Put the value in quotes", BODY_LINE + 3),
    BadInput("date-not-padded", "values", "a date without leading zeros", "", "wsis.invalid",
             "'2025-5-2' is not a date", 6, head=report(date="2025-5-2")),
    BadInput("date-year-one", "values", "a date in year 1", "", "wsis.invalid",
             "'0001-01-01' is not a plausible date", 6, head=report(date="0001-01-01")),
    BadInput("sdg-other-digits", "values", "an SDG in Arabic-Indic digits",
             story(sdgs="\u0669"), "wsis.invalid", "is not an SDG goal", BODY_LINE + 2),
    BadInput("url-with-quote", "safety", "a URL with a quote in it",
             story(url='https://example.org/"onclick="x'), "wsis.invalid",
             "'\"' cannot be part of one", BODY_LINE + 2),
    BadInput("url-with-angle-brackets", "safety", "a URL with angle brackets",
             story(url="https://example.org/<b>"), "wsis.invalid",
             "'<' cannot be part of one", BODY_LINE + 2),
    # -- templates and settings that must not exhaust the machine or crash -------------------
    BadInput("template-billion-laughs", "safety", "a YAML 'billion laughs' template", "",
             "wsis.template", "expands to more than 100,000 values", None,
             files={"bad.yaml": "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
                 f"{n}: &{n} [{','.join(['*' + p] * 9)}]\n"
                 for p, n in zip("abcdefgh", "bcdefghi", strict=True))},
             conf=template_conf()),
    BadInput("template-recursive-alias", "safety", "a template alias that contains itself", "",
             "wsis.template", "recursive alias", None,
             files={"bad.yaml": "id: x\ntitle: &t [a, *t]\n"}, conf=template_conf()),
    BadInput("template-deep", "safety", "a template nested 500 levels deep", "",
             "wsis.template", "nested more than 50 levels deep", None,
             files={"bad.yaml": "a: " + "[" * 500 + "]" * 500 + "\n"}, conf=template_conf()),
    BadInput("template-latin-1", "templates", "a template saved in Latin-1", "",
             "wsis.template", "not valid UTF-8 (byte 0xe9 at line 1", None,
             files={"bad.yaml": "id: caf\xe9\n".encode("latin-1")}, conf=template_conf()),
    BadInput("setting-bad-regex", "settings", "a placeholder pattern that is not a regex", "",
             "wsis.config", "'re:(' is not a valid regular expression", None,
             conf='wsis_placeholder_patterns = ["re:("]\n'),
    BadInput("setting-min-words-text", "settings", "wsis_min_words written as text", "",
             "wsis.config", "wsis_min_words = 'abc': expected a whole number", None,
             conf='wsis_min_words = "abc"\n'),
    BadInput("setting-template-number", "settings", "wsis_template set to a number", "",
             "wsis.config", "wsis_template = 42: expected a template name or the path", None,
             conf="wsis_template = 42\n"),
    # -- files -------------------------------------------------------------------------------
    BadInput("non-utf8", "files", "a page saved in Latin-1, not UTF-8", "", "wsis.invalid",
             "this page is not valid UTF-8 (byte 0xe9 at line 1, column 6)", None,
             files={"latin.md": "# Caf\xe9\n\n:::{wsis-section} future-directions\nCaf\xe9 "
                    "culture.\n:::\n".encode("latin-1")}),
]  # fmt: skip
