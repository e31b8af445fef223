"""The report as sphinx-needs data (``wsis_use_needs``): hidden needs, rendered by the report.

Every action-line entry (C7 sub-lines included), success story and indicator becomes a *hidden*
need, so ``needtable``, ``needpie``, ``needflow`` and ``needs.json`` see the report while the
report keeps its own cards (sphinx-needs' layout is slow and cuts long content in LaTeX).

Types, fields and link types are all prefixed ``wsis_`` so they cannot clash with a project's
own. Ids are derived from the report's own keys (``WSIS_AL_C7_E_HEALTH``, ``WSIS_STORY_<SLUG>``,
``WSIS_IND_<ID>``), so they are stable across builds and match sphinx-needs' default id rule.
The links from stories and indicators to their action lines, and from a C7 sub-line to C7, are
*derived* link types (a ``join`` on the action-line code): they point at the entries the report
holds, and a story about an action line the report lacks gets no dead link; the completeness
check already reports that gap.

This module is imported only when ``wsis_use_needs`` is on (by default, when ``extensions``
lists ``sphinx_needs``), so with it off sphinx-needs is never imported.
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx_needs.api import add_field, add_need, add_need_type
from sphinx_needs.data import SphinxNeedsData
from sphinx_needs.exceptions import InvalidNeedException, NeedsApiConfigException

from .config import template_of
from .records import ActionLineRecord, IndicatorRecord, Record, StoryRecord
from .warnings import WsisWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.util.docutils import SphinxDirective

    from .nodes import wsis_node


ACTION_LINE, STORY, INDICATOR = "wsis_action_line", "wsis_story", "wsis_indicator"

#: (type, title, id prefix, colour in needflow)
NEED_TYPES: tuple[tuple[str, str, str, str], ...] = (
    (ACTION_LINE, "WSIS action line", "WSIS_AL_", "#9DC3E6"),
    (STORY, "WSIS success story", "WSIS_STORY_", "#A9D18E"),
    (INDICATOR, "WSIS indicator", "WSIS_IND_", "#FFD966"),
)

_TEXT: dict[str, Any] = {"type": "string"}
_TEXTS: dict[str, Any] = {"type": "array", "items": {"type": "string"}}
_YEAR: dict[str, Any] = {"type": "integer"}
_NUMBER: dict[str, Any] = {"type": "number"}

_EMPTY: dict[str, Any] = {"string": "", "array": []}

#: field → (schema, nullable, description). Numbers stay numbers, so filters can compare them.
FIELDS: dict[str, tuple[dict[str, Any], bool, str]] = {
    "wsis_key": (_TEXT, False, "The entry's key: action-line code, story slug or indicator id"),
    "wsis_code": (_TEXT, False, "The action-line code of an action-line entry (C7.e-health)"),
    "wsis_parent": (_TEXT, False, "The parent action line of a C7 sub-line entry"),
    "wsis_action_lines": (_TEXTS, False, "The action-line codes the entry is about"),
    "wsis_not_applicable": (_TEXT, False, "Why the action line does not apply, if it does not"),
    "wsis_year": (_YEAR, True, "The year of a story or of an indicator's value"),
    "wsis_partners": (_TEXTS, False, "A story's partners"),
    "wsis_location": (_TEXT, False, "Where a story took place"),
    "wsis_url": (_TEXT, False, "A story's web page"),
    "wsis_sdgs": (_TEXTS, False, "The SDG goals or indicators the entry contributes to"),
    "wsis_value": (_NUMBER, True, "An indicator's value"),
    "wsis_unit": (_TEXT, False, "An indicator's unit (percent, number, per-100, usd or text)"),
    "wsis_source": (_TEXT, False, "An indicator's data source"),
    "wsis_source_url": (_TEXT, False, "The web page of an indicator's source"),
    "wsis_baseline": (_NUMBER, True, "An indicator's baseline value"),
    "wsis_baseline_year": (_YEAR, True, "The year of an indicator's baseline"),
    "wsis_target": (_NUMBER, True, "An indicator's target value"),
    "wsis_target_year": (_YEAR, True, "The year of an indicator's target"),
    "wsis_scope": (_TEXT, False, "An indicator's scope (global … organisational)"),
    "wsis_geo": (_TEXT, False, "The place an indicator's value is about"),
    "wsis_indicator_code": (_TEXT, False, "An indicator's catalogue code (17.8.1, i271)"),
    "wsis_disaggregation": (_TEXT, False, "The breakdown of an indicator's value (sex=female)"),
    "wsis_unit_multiplier": (
        _TEXT,
        False,
        "The scale of an indicator's numbers (thousand, million …)",
    ),
    "wsis_note": (_TEXT, False, "The note printed with an indicator's value"),
    "wsis_series": (_TEXT, False, "An indicator's values over the years (2005: 16; 2024: 68)"),
}

#: link type → how it is declared in ``needs_links``: each is derived from the codes.
LINKS: dict[str, dict[str, Any]] = {
    "wsis_reports_on": {
        "description": "The action-line entries a success story or indicator reports on",
        "outgoing": "reports on",
        "incoming": "reported on by",
        "derive_by_type": {
            kind: {
                "kind": "links",
                "join": {"field": "wsis_code", "equals": "wsis_action_lines"},
                "where": f"type == '{ACTION_LINE}'",
            }
            for kind in (STORY, INDICATOR)
        },
    },
    "wsis_part_of": {
        "description": "The action-line entry a C7 sub-line entry belongs to",
        "outgoing": "part of",
        "incoming": "sub-lines",
        "derive_by_type": {
            ACTION_LINE: {
                "kind": "links",
                "join": {"field": "wsis_code", "equals": "wsis_parent"},
                "where": f"type == '{ACTION_LINE}'",
            }
        },
    },
}


def setup(app: Sphinx) -> None:
    """Load sphinx-needs and register the report's types, fields and link types with it."""
    app.setup_extension("sphinx_needs")
    # above 12, as sphinx-needs requires for add_need_type; before its load_config (500)
    app.connect("config-inited", register_schema, priority=20)
    app.connect("wsis-record", add_record_need)
    # before sphinx-needs merges the workers' needs (500): drop a duplicate entry's need
    app.connect("env-merge-info", drop_merged_duplicates, priority=400)
    # after sphinx-needs took the hidden needs out of the page (doctree-read, 500)
    app.connect("doctree-read", note_needs_content, priority=800)
    app.connect("html-page-context", drop_unused_needs_assets)


def register_schema(app: Sphinx, config: Config) -> None:
    for directive, title, prefix, color in NEED_TYPES:
        try:
            add_need_type(app, directive, title, prefix, color)
        except NeedsApiConfigException:
            warn(
                WsisWarning.CONFIG,
                "needs_types already defines %r, which sphinx-wsis registers for its entries; "
                "rename the project's type or set wsis_use_needs = False",
                directive,
            )
    for name, (schema, nullable, description) in FIELDS.items():
        add_field(
            name,
            description,
            schema=schema,  # type: ignore[arg-type]
            nullable=nullable,
            default=None if nullable else _EMPTY[schema["type"]],
        )
    configured = dict(config.needs_links)
    config.needs_links = {**LINKS, **configured}


# -- the needs ----------------------------------------------------------------------------------


def need_id(prefix: str, key: str, *, unambiguous: bool = False) -> str:
    """``WSIS_STORY_MESH_NETWORKS``: uppercase, every run of other characters one ``_``.

    Action-line codes and story slugs cannot meet in one id this way; indicator ids can
    (``a.b``, ``a_b``, ``a-b``), so one holding ``.`` or ``_`` gets a short hash of itself
    appended unless the caller says its keys are ``unambiguous``.
    """
    readable = re.sub(r"[^A-Z0-9]+", "_", key.upper()).strip("_") or "ENTRY"
    if not unambiguous and re.search(r"[._]", key):
        readable += "_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:6].upper()
    return prefix + readable


def need_data(app: Sphinx, record: Record) -> tuple[str, str, str, dict[str, Any]] | None:
    """``(type, id, title, fields)`` for a record that becomes a need, else ``None``."""
    if isinstance(record, ActionLineRecord):
        line = template_of(app.config).action_line(record.code)
        return (
            ACTION_LINE,
            need_id("WSIS_AL_", record.code, unambiguous=True),
            line.heading if line else record.code,
            {
                "wsis_key": record.code,
                "wsis_code": record.code,
                "wsis_parent": (line.parent or "") if line else "",
                "wsis_action_lines": [record.code],
                "wsis_not_applicable": record.not_applicable or "",
            },
        )
    if isinstance(record, StoryRecord):
        return (
            STORY,
            need_id("WSIS_STORY_", record.slug, unambiguous=True),
            record.title,
            {
                "wsis_key": record.slug,
                "wsis_action_lines": list(record.action_lines),
                "wsis_year": _plain_year(record.year),
                "wsis_partners": list(record.partners),
                "wsis_location": record.location,
                "wsis_url": record.url,
                "wsis_sdgs": list(record.sdgs),
            },
        )
    if isinstance(record, IndicatorRecord):
        return (
            INDICATOR,
            need_id("WSIS_IND_", record.id),
            record.name,
            {
                "wsis_key": record.id,
                "wsis_action_lines": list(record.action_lines),
                "wsis_year": _plain_year(record.year),
                "wsis_sdgs": list(record.sdg),
                "wsis_value": record.value,
                "wsis_unit": record.unit,
                "wsis_source": record.source,
                "wsis_source_url": record.source_url,
                "wsis_baseline": record.baseline,
                "wsis_baseline_year": _plain_year(record.baseline_year),
                "wsis_target": record.target,
                "wsis_target_year": _plain_year(record.target_year),
                "wsis_scope": record.scope,
                "wsis_geo": record.geo,
                "wsis_indicator_code": record.code,
                "wsis_disaggregation": "; ".join(f"{k}={v}" for k, v in record.dimensions),
                "wsis_unit_multiplier": record.multiplier,
                "wsis_note": record.note,
                "wsis_series": "; ".join(f"{year}: {value}" for year, value in record.series),
                "status": record.status or None,
            },
        )
    return None


def _plain_year(year: int | None) -> int | None:
    """sphinx-needs takes plain integers: a fiscal year (``2024/25``) is its first year there."""
    return None if year is None else int(year)


def add_record_need(
    app: Sphinx, directive: SphinxDirective, record: Record, node: wsis_node
) -> None:
    """``wsis-record``: register the entry as a hidden need inside the report's own node.

    The hidden node must sit in the doctree while the page is read: sphinx-needs reads its
    place (sections, parent need) there, then removes it before any writer sees it.
    """
    data = need_data(app, record)
    if data is None:
        return
    need_type, nid, title, fields = data
    if SphinxNeedsData(app.env).get_needs_mutable().get(nid) is not None:
        return  # a second entry for one key: the checks report it as wsis.duplicate
    status = fields.pop("status", None)
    try:
        need_nodes = add_need(
            app,
            directive.state,
            record.docname,
            record.lineno,
            need_type,
            title,
            id=nid,
            content="\n\n".join(record.paragraphs),
            status=status,
            hide=True,
            **{k: v for k, v in fields.items() if v is not None},
        )
    except InvalidNeedException as exc:
        warn(
            WsisWarning.NEEDS,
            "cannot register %s as a sphinx-needs need: %s (set wsis_use_needs = False to "
            "turn the integration off)",
            nid,
            exc.message,
            location=(record.docname, record.lineno),
        )
        return
    node.extend(need_nodes)
    # needtable, needflow and :need: link to the need's id: let them land on the report's card
    node["ids"].append(nid)


#: Where sphinx-needs and its data viewer put their stylesheets and scripts, under ``_static``.
NEEDS_ASSET_DIRS = ("sphinx-needs/", "sphinx-data-viewer/")
NEEDS_MODULES = ("sphinx_needs", "sphinx_data_viewer")
_SHOWS_NEEDS = "wsis_shows_needs"


def note_needs_content(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: mark a page that shows sphinx-needs content (a need, needtable, …).

    The report's own needs are hidden and already gone from the page by now, so a page is
    marked only for what its author wrote with sphinx-needs. The mark is an attribute of the
    pickled document, so it follows the page through incremental and parallel builds.
    """
    doctree[_SHOWS_NEEDS] = any(
        type(node).__module__.startswith(NEEDS_MODULES) for node in doctree.findall(nodes.Element)
    )


def drop_unused_needs_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: no sphinx-needs stylesheets and scripts where nothing uses them.

    sphinx-needs links its eleven stylesheets and scripts into every page. The report renders
    its needs itself, so a report page would load them for nothing, and writing them into
    each page costs a tenth of the build. Pages with sphinx-needs content keep them all; a
    single-page build (one document for all pages) is left alone.
    """
    if isinstance(app.builder, SingleFileHTMLBuilder):
        return
    if doctree is not None and doctree.get(_SHOWS_NEEDS, True):
        return
    for key in ("css_files", "script_files"):
        assets = context.get(key)
        if isinstance(assets, list):
            context[key] = [
                asset
                for asset in assets
                if not _is_needs_asset(str(getattr(asset, "filename", asset)))
            ]


def _is_needs_asset(filename: str) -> bool:
    return filename.removeprefix("_static/").startswith(NEEDS_ASSET_DIRS)


def drop_merged_duplicates(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    """``env-merge-info``: a parallel reader's need for a key another reader registered too.

    Two pages read by different workers can both hold ``wsis-action-line C3``; the checks
    report it as ``wsis.duplicate``, so the second need is dropped rather than reported again
    by sphinx-needs as a duplicate id.
    """
    ours = SphinxNeedsData(env).get_needs_mutable()
    theirs = SphinxNeedsData(other).get_needs_mutable()
    for nid in [n for n, need in theirs.items() if n in ours and need["type"].startswith("wsis_")]:
        del theirs[nid]
