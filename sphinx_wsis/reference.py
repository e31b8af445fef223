"""What each directive, option and role means, as data next to the code that registers them.

The documentation's reference pages are generated from this module together with
:func:`~sphinx_wsis.directives.all_directives`, :data:`~sphinx_wsis.config.CONFIG_VALUES` and
:class:`~sphinx_wsis.warnings.WsisWarning`, and a test checks that every directive and option
the code registers is described here, so the reference cannot fall behind the code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import catalogue, option_values


@dataclass(frozen=True)
class OptionDoc:
    """One directive option: what it means, whether it is required, what it accepts."""

    description: str
    required: bool = False
    accepts: str = ""
    default: str = ""


@dataclass(frozen=True)
class DirectiveDoc:
    """One directive: its purpose, argument, body and options."""

    summary: str
    argument: str = ""
    content: str = ""
    options: dict[str, OptionDoc] = field(default_factory=dict)


def _choices(choices: tuple[str, ...]) -> str:
    return ", ".join(f"``{choice}``" for choice in choices)


_YEAR = "a year, four digits (``2024``), or a fiscal year (``2024/25``), shown as written"
_URL = "an ``http://`` or ``https://`` address"
_CODES = "action-line codes separated by commas or semicolons (``C3, C7.e-learning``)"
_SDGS = "SDG goals, targets or indicators separated by commas (``4, 9.c, 17.8.1``)"
_NUMBER = "a plain number (``74``, ``2.2``, ``2,200,000``); the unit goes in ``:unit:``"
_ASPECT_BODY = (
    "The text for this aspect. It belongs to the enclosing ``wsis-action-line``; outside one, to "
    "the action line named in ``:action-line:``; else to the last ``wsis-action-line`` earlier "
    "in the same page; else it is a ``wsis.invalid`` warning."
)
_ASPECT_OPTIONS = {
    "action-line": OptionDoc(
        "The action line this aspect belongs to, when it is not written inside a "
        "``wsis-action-line``. Its title then names the action line (``Achievements (C7 "
        "E-Health)``) in every output, since the text around it may be another line's.",
        accepts="an action-line code (``C3``, ``C7 E-Health``)",
    )
}
_SUMMARY_CONTENT = "None: the table is filled in after every page has been read."

DIRECTIVE_DOCS: dict[str, DirectiveDoc] = {
    "wsis-report": DirectiveDoc(
        "Who reports: once per project, usually on the front page. Renders a header card and "
        "feeds the PDF title page and the JSON document's metadata.",
        content="An optional introduction to the entity, shown under the card.",
        options={
            "entity": OptionDoc("The name of the reporting entity.", required=True),
            "stakeholder": OptionDoc(
                "The stakeholder type, one of the template's.",
                required=True,
                accepts="a stakeholder key of the template (see the template reference)",
            ),
            "country": OptionDoc(
                "The country where the entity is based. Shown in the report's language and "
                "exported as its ISO 3166-1 alpha-3 code; a name that is not a country is a "
                "``wsis.invalid`` warning with the closest country.",
                accepts="an ISO 3166 country name in any UN language or a code (``Kenya``, "
                "``KE``, ``KEN``, ``Kenia``)",
            ),
            "period": OptionDoc(
                "The reporting period.",
                accepts="two years (``2005-2025``)",
                default="the template's ``period`` (``2005-2025`` in the WSIS+20 template)",
            ),
            "date": OptionDoc(
                "Date of the report.",
                accepts="an ISO date (``2025-05-28``), a month (``2025-05``) or a year",
            ),
            "website": OptionDoc("The entity's website.", accepts=_URL),
            "logo": OptionDoc(
                "A logo image for the header card and the PDF title page.",
                accepts="a path inside the project, relative to the page",
            ),
        },
    ),
    "wsis-contact": DirectiveDoc(
        "The person responsible for WSIS follow-up: the template's closing request. A valid "
        "contact satisfies the ``contact`` part.",
        content="Optional notes, shown under the contact card.",
        options={
            "name": OptionDoc("Full name of the contact person.", required=True),
            "email": OptionDoc("E-mail address.", required=True, accepts="an e-mail address"),
            "role": OptionDoc("Position or title."),
            "phone": OptionDoc("Telephone number, as you want it printed."),
            "address": OptionDoc("Postal address."),
            "unit": OptionDoc("Department or unit within the entity."),
        },
    ),
    "wsis-section": DirectiveDoc(
        "Wraps the text of one part of the template that is not an action line: the executive "
        "summary, the strategy items, key indicators, challenges and gaps, future directions.",
        argument="The section key (``executive-summary``, ``digital-strategy``, …; see the "
        "template reference).",
        content="The section's text. Headings are allowed.",
    ),
    "wsis-action-line": DirectiveDoc(
        "One WSIS action line or C7 sub-line, holding its three aspects and its success stories.",
        argument="The action-line code. Spelling is forgiving: ``C7 E-Health``, ``c7.ehealth`` "
        "and ``C7/e-health`` all mean ``C7.e-health``; an unknown code is a ``wsis.unknown`` "
        "warning that suggests the closest valid code.",
        content="The aspect directives and success stories of this action line, and any other "
        "text. Leave it empty when the action line is marked not applicable.",
        options={
            "not-applicable": OptionDoc(
                "Declares the action line out of scope for this entity. The reason is shown in "
                "every output and counts as the action line's answer.",
                accepts="the reason, in a sentence (required when the option is given)",
            )
        },
    ),
    "wsis-achievements": DirectiveDoc(
        "The key achievements of an action line.",
        content=_ASPECT_BODY,
        options=_ASPECT_OPTIONS,
    ),
    "wsis-challenges": DirectiveDoc(
        "The challenges met in an action line.",
        content=_ASPECT_BODY,
        options=_ASPECT_OPTIONS,
    ),
    "wsis-priorities": DirectiveDoc(
        "The future priorities of an action line.",
        content=_ASPECT_BODY,
        options=_ASPECT_OPTIONS,
    ),
    "wsis-aspect": DirectiveDoc(
        "Any aspect by its key, for templates that define aspects beyond the three of the "
        "WSIS+20 template.",
        argument="The aspect key, as listed in the template's ``aspects``.",
        content=_ASPECT_BODY,
        options=_ASPECT_OPTIONS,
    ),
    "wsis-success-story": DirectiveDoc(
        "A success story (the template asks for at least one per action line).",
        argument="The story's title. Its slug (or ``:id:``) is the target of the ``wsis:story`` "
        "role.",
        content="The story itself.",
        options={
            "action-lines": OptionDoc(
                "The action lines the story illustrates.",
                accepts=_CODES,
                default="the enclosing action line",
            ),
            "year": OptionDoc("The year the story took place or began.", accepts=_YEAR),
            "partners": OptionDoc(
                "Partners involved.",
                accepts="names separated by semicolons (``Ministry of Education, Science and "
                "Technology; UNICEF``), or by commas when no name holds one",
            ),
            "location": OptionDoc("Where it took place."),
            "url": OptionDoc("A page with more about the story.", accepts=_URL),
            "sdgs": OptionDoc("Sustainable Development Goals it contributes to.", accepts=_SDGS),
            "id": OptionDoc(
                "The identifier used by the ``wsis:story`` role, the page's anchor and the JSON "
                "document.",
                accepts="letters of any script, digits, hyphens, underscores and dots",
                default="the title's slug, keeping the letters of every script",
            ),
        },
    ),
    "wsis-indicator": DirectiveDoc(
        "A key indicator of progress, with typed value, unit, year and source. Key Indicators "
        "of Progress needs at least one.",
        argument="The indicator's name; optional with ``:code:`` (the catalogue's official name "
        "is used). Its slug is the default ``:id:``.",
        content="An optional comment on the figure.",
        options={
            "value": OptionDoc("The latest value.", required=True, accepts=_NUMBER),
            "unit": OptionDoc(
                "What the value counts. ``percent`` values must lie between 0 and 100. A unit "
                "of the vocabulary is shown in the report's language and exported with its SDMX "
                "UNIT_MEASURE; free text is kept as written but cannot be compared across "
                "reports. Required unless ``:code:`` gives it; with ``:code:``, a unit the "
                "catalogue does not publish the indicator in is a ``wsis.invalid`` warning.",
                required=True,
                accepts=f"{_choices(tuple(catalogue.units()))} (``%`` and ``per 100`` are "
                "aliases), or free text (``schools``)",
            ),
            "code": OptionDoc(
                "A code of the indicator catalogue: fills the official name, definition and unit "
                "in the report's language (English where the catalogue has no translation). An "
                "unknown code is a ``wsis.unknown`` warning naming the closest code.",
                accepts="an SDG indicator ITU is custodian of (``4.4.1``, ``5.b.1``, ``9.c.1``, "
                "``17.6.1``, ``17.8.1``), an ITU code (``i271``, ``i271mw``, ``i271pop``, "
                "``i271G``, ``i271GA``, ``i112``), or a code of ``wsis_indicator_catalogue``",
            ),
            "unit-multiplier": OptionDoc(
                "The scale of every number of the indicator (value, baseline, target, series), "
                "exported as SDMX UNIT_MULT (3, 6, 9).",
                accepts=_choices(tuple(catalogue.multipliers())),
            ),
            "disaggregation": OptionDoc(
                "The breakdown this value is for. Blocks with the same ``:code:`` and different "
                "breakdowns are one indicator's breakdown: grouped in the indicators table, "
                "dimensions in the JSON, never duplicates. The values are part of the default "
                "``:id:``.",
                accepts="``dimension=value`` pairs separated by semicolons "
                "(``sex=female; area=rural``)",
            ),
            "chart": OptionDoc(
                "How the ``:series:`` is drawn under the card: an SVG in HTML, a vector PDF in "
                "LaTeX, with baseline and target marked and a text description of every value.",
                accepts=_choices(option_values.CHARTS),
                default="``line`` when there is a series, else ``none``",
            ),
            "year": OptionDoc("The year of the value.", required=True, accepts=_YEAR),
            "source": OptionDoc(
                "Where the figure comes from, with its edition (``ITU Facts and Figures 2025``).",
                required=True,
            ),
            "id": OptionDoc(
                "The identifier used by the ``wsis:ind`` role and in the JSON document.",
                accepts="letters of any script, digits, hyphens, underscores and dots",
                default="the slug of the name, keeping the letters of every script",
            ),
            "source-url": OptionDoc("Address of the source.", accepts=_URL),
            "baseline": OptionDoc(
                "An earlier value to compare with; needs ``:baseline-year:``.", accepts=_NUMBER
            ),
            "baseline-year": OptionDoc(
                "The year of the baseline; not after ``:year:``.", accepts=_YEAR
            ),
            "target": OptionDoc("The value aimed at; needs ``:target-year:``.", accepts=_NUMBER),
            "target-year": OptionDoc(
                "The year of the target; not before ``:year:``.", accepts=_YEAR
            ),
            "scope": OptionDoc("Geographic scope.", accepts=_choices(option_values.SCOPES)),
            "geo": OptionDoc(
                "The area the value covers. Countries (comma-separated) are shown in the "
                "report's language and exported as ISO 3166-1 alpha-3 codes; a region in words "
                "(``World``, ``East Africa``) is kept as written; a near miss of a country name "
                "(``Ugnada``) is a ``wsis.invalid`` warning with the closest country.",
                accepts="country names or ISO codes separated by commas, or a region in words",
            ),
            "action-lines": OptionDoc("The action lines the indicator relates to.", accepts=_CODES),
            "sdg": OptionDoc("Related SDG goals, targets or indicators.", accepts=_SDGS),
            "series": OptionDoc(
                "Values over time, shown as a series.",
                accepts="``year: value`` pairs separated by semicolons (``2005: 16; 2024: 68``)",
            ),
            "status": OptionDoc("Reporting status.", accepts=_choices(option_values.STATUSES)),
            "note": OptionDoc("A short note printed with the value (estimate, revised, …)."),
        },
    ),
    "wsis-chart": DirectiveDoc(
        "One chart of several indicators' series (HTML: SVG; PDF: vector graphic), with their "
        "baselines and targets marked and labelled, axis and legend in the report's language, "
        "and a text description listing every value. Charts are cached in the doctree "
        "directory: an incremental build draws only charts whose data changed.",
        argument="The chart's title.",
        options={
            "indicators": OptionDoc(
                "The indicators to draw, by ``:id:``; each needs a ``:series:``. An unknown id "
                "is a ``wsis.unknown`` warning.",
                required=True,
                accepts="indicator ids separated by commas",
            ),
            "chart": OptionDoc("Lines or bars.", accepts="``line``, ``bar``", default="line"),
        },
    ),
    "wsis-completeness": DirectiveDoc(
        "Renders the completeness matrix: every action line and sub-line against achievements, "
        "challenges, priorities and stories, and the other sections, each cell done, missing, "
        "empty, placeholder or N/A.",
        content=_SUMMARY_CONTENT,
    ),
    "wsis-indicators": DirectiveDoc(
        "Renders a table of every indicator in the report.",
        content=_SUMMARY_CONTENT,
        options={
            "action-line": OptionDoc(
                "Show only the indicators related to this action line.",
                accepts="an action-line code",
            )
        },
    ),
}


@dataclass(frozen=True)
class RoleDoc:
    target: str
    description: str
    example: str


ROLE_DOCS: dict[str, RoleDoc] = {
    "al": RoleDoc(
        "an action-line code, spelt as forgivingly as in ``wsis-action-line``",
        "Links to that action line's entry and shows its code and official title. While the "
        "action line is not written yet, shows the title without a link (the completeness "
        "check reports the gap).",
        "{wsis:al}`C3`",
    ),
    "ind": RoleDoc(
        "an indicator ``:id:``",
        "Links to that indicator and shows its name. An unknown id is a ``wsis.unknown`` warning.",
        "{wsis:ind}`internet-users`",
    ),
    "story": RoleDoc(
        "the slug of a success story's title",
        "Links to that success story and shows its title. An unknown slug is a "
        "``wsis.unknown`` warning.",
        "{wsis:story}`offline-libraries-for-secondary-schools-in-kilosa`",
    ),
}
