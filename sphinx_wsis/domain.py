"""The ``wsis`` domain: collects the report's records across documents and resolves its roles.

Modelled on :mod:`sphinx.ext.todo`: every record carries its docname, so a re-read page
replaces exactly its own records (``clear_doc``) and parallel readers merge theirs
(``merge_domaindata``); the checks then see the same report whatever the build mode.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from .config import template_of
from .i18n import _
from .records import (
    RECORD_KINDS,
    ActionLineRecord,
    Finding,
    IndicatorRecord,
    Record,
    StoryRecord,
)
from .warnings import WsisWarning, warn

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


class WsisDomain(Domain):
    name = "wsis"
    # Translators: name of the wsis domain (index, object types)
    label = _("WSIS report")
    object_types = {  # noqa: RUF012 - Domain API
        "action-line": ObjType("action line", "al"),
        "indicator": ObjType("indicator", "ind"),
        "story": ObjType("success story", "story"),
    }
    roles = {  # noqa: RUF012 - Domain API
        "al": XRefRole(innernodeclass=nodes.inline, warn_dangling=True),
        "ind": XRefRole(innernodeclass=nodes.inline, warn_dangling=True),
        "story": XRefRole(innernodeclass=nodes.inline, warn_dangling=True),
    }
    initial_data: dict[str, Any] = {  # noqa: RUF012 - Domain API
        **{kind: [] for kind in RECORD_KINDS},
        "findings": [],
        "summary_docs": {},  # {page: {kind of summary it shows: True}}
        "record_docs": {},  # pages that hold any record or finding
        "template_digest": None,
        "catalogue_digest": None,
        # {page: {child: [conditions of each toctree listing it]}} for pages with a toctree
        # inside {only} or {ifconfig}: an output whose conditions fail does not include it
        "toctree_conditions": {},
    }
    data_version = 4

    # -- collecting ---------------------------------------------------------------------------

    def records(self, kind: str) -> list[Any]:
        return self.data[kind]

    def add(self, kind: str, record: Record) -> None:
        self.data[kind].append(record)
        self.data["record_docs"][record.docname] = True
        self._lookups.clear()

    def add_finding(self, finding: Finding) -> None:
        self.data["findings"].append(finding)
        self.data["record_docs"][finding.docname] = True

    @property
    def _lookups(self) -> dict[tuple[str, str], dict[str, Any]]:
        """Per-build indexes for role targets (not pickled: rebuilt from the records)."""
        if not hasattr(self, "_lookup_cache"):
            self._lookup_cache: dict[tuple[str, str], dict[str, Any]] = {}
        return self._lookup_cache

    def lookup(self, kind: str, attribute: str, value: str) -> Any:
        """The first record (in document order) whose ``attribute`` is ``value``."""
        index = self._lookups.get((kind, attribute))
        if index is None:
            index = {}
            for record in self.data[kind]:
                index.setdefault(getattr(record, attribute), record)
            self._lookups[(kind, attribute)] = index
        return index.get(value)

    def note_summary(self, docname: str, kind: str) -> None:
        """Remember a page that shows the whole report: ``kind`` says what of it
        (``completeness``: the verdicts; ``indicators``: the indicators, as tables and charts
        do), so it is rewritten when that changes."""
        self.data["summary_docs"].setdefault(docname, {})[kind] = True

    def sort_records(self, key: Callable[[Any], Any] | None = None) -> None:
        """Put records in reading order (``key``; by default document, then line): the order
        pages are read in differs between serial, parallel and incremental builds, and "the
        first" of duplicates must be the one a reader meets first."""
        order = key or (lambda r: (r.docname, r.lineno or 0))
        for kind in (*RECORD_KINDS, "findings"):
            self.data[kind].sort(key=order)
        self._lookups.clear()

    def summaries_to_rewrite(self, fingerprints: dict[str, str]) -> list[str]:
        """The summary pages whose kind of summary shows something other than at the last
        build (``fingerprints``: a digest per kind)."""
        previous = self.data.get("summary_fingerprints", {})
        self.data["summary_fingerprints"] = fingerprints
        changed = {kind for kind, digest in fingerprints.items() if previous.get(kind) != digest}
        return sorted(
            docname
            for docname, kinds in self.data["summary_docs"].items()
            if changed.intersection(kinds)
        )

    def clear_doc(self, docname: str) -> None:
        self.data["summary_docs"].pop(docname, None)
        self.data.setdefault("toctree_conditions", {}).pop(docname, None)
        self.data.setdefault("cut_toctree_entries", {}).pop(docname, None)
        if self.data["record_docs"].pop(docname, None) is None:
            return  # nothing of this page is stored: no need to scan every record
        for kind in (*RECORD_KINDS, "findings"):
            self.data[kind] = [r for r in self.data[kind] if r.docname != docname]
        self._lookups.clear()

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        wanted = set(docnames)
        for kind in (*RECORD_KINDS, "findings"):
            self.data[kind].extend(r for r in otherdata[kind] if r.docname in wanted)
        for docname, kinds in otherdata["summary_docs"].items():
            if docname in wanted:
                self.data["summary_docs"][docname] = dict(kinds)
        for docname in otherdata["record_docs"]:
            if docname in wanted:
                self.data["record_docs"][docname] = True
        conditions = self.data.setdefault("toctree_conditions", {})
        for docname, children in otherdata.get("toctree_conditions", {}).items():
            if docname in wanted:
                conditions[docname] = children
        self._lookups.clear()

    # -- roles ----------------------------------------------------------------------------------

    def find_target(self, env: BuildEnvironment, typ: str, target: str) -> tuple[Any, str]:
        """The record a ``typ`` role names (None when the report holds none), and its title."""
        if typ == "al":
            template = template_of(env.config)
            code = template.normalize_code(target)
            if code is None:
                return None, target
            line = template.action_line(code)
            return self.lookup("action_lines", "code", code), line.heading if line else code
        if typ == "ind":
            found = self.lookup("indicators", "id", _target_id(target))
            return found, found.name if isinstance(found, IndicatorRecord) else target
        if typ == "story":
            found = self.lookup("stories", "slug", _target_id(target))
            return found, found.title if isinstance(found, StoryRecord) else target
        return None, target

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        """The link to a report entry; an unknown target is left to Sphinx's missing-reference
        path (:func:`warn_unknown_target`)."""
        explicit = node.get("refexplicit", False)
        found, title = self.find_target(env, typ, target)
        if found is None:
            if typ == "al" and not explicit and template_of(env.config).normalize_code(target):
                # the part is missing: the completeness check says so; show its title
                return _replace_text(contnode, title)  # type: ignore[return-value]
            return None
        if not explicit:
            contnode = _replace_text(contnode, title)
        return make_refnode(builder, fromdocname, found.docname, found.node_id, contnode, title)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        """The report entries ``{any}`` / ``:any:`` can mean: an action line, indicator or story."""
        explicit = node.get("refexplicit", False)
        results = []
        for typ in self.roles:
            found, title = self.find_target(env, typ, target)
            if found is None:
                continue
            shown = contnode if explicit else _replace_text(contnode, title)
            reference = make_refnode(
                builder, fromdocname, found.docname, found.node_id, shown, title
            )
            results.append((f"{self.name}:{typ}", reference))
        return results

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for line in self.records("action_lines"):
            assert isinstance(line, ActionLineRecord)
            yield line.code, line.code, "action-line", line.docname, line.node_id, 1
        for story in self.records("stories"):
            yield story.slug, story.title, "story", story.docname, story.node_id, 1
        for ind in self.records("indicators"):
            yield ind.id, ind.name, "indicator", ind.docname, ind.node_id, 1


def _replace_text(contnode: nodes.Element, text: str) -> nodes.Element:
    replacement = contnode.deepcopy()
    replacement.children = []
    replacement += nodes.Text(text)
    return replacement


def warn_unknown_target(app: Sphinx, domain: Domain | None, node: pending_xref) -> bool | None:
    """``warn-missing-reference``: a ``wsis:`` reference to nothing is one ``wsis.unknown``
    warning (and no second, generic one under ``nitpicky``).

    A known action-line code whose part the report lacks is the completeness check's finding;
    only ``nitpicky`` adds Sphinx's own warning for it, as for any unresolved reference.
    """
    if domain is None or domain.name != WsisDomain.name:
        return None
    typ, target = node["reftype"], node["reftarget"]
    if typ == "al":
        template = template_of(app.config)
        if template.normalize_code(target) is not None:
            return None if app.config.nitpicky else True
        suggestion = template.suggest_code(target)
        hint = f"; did you mean {suggestion!r}?" if suggestion else ""
        message = f"unknown action-line code {target!r}{hint}"
    elif typ == "ind":
        message = f"no indicator id {target!r} in this report"
    else:
        message = f"no success story {target!r} in this report"
    warn(WsisWarning.UNKNOWN, message, location=node)
    return True


def outdated_by_template(
    app: Any, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: re-read every page when the template's content changed."""
    domain = domain_of(env)
    digest = template_of(env.config).digest
    previous = domain.data.get("template_digest")
    domain.data["template_digest"] = digest
    if previous is not None and previous != digest:
        return sorted(env.found_docs - removed)
    return []


def domain_of(env: BuildEnvironment) -> WsisDomain:
    return env.domains["wsis"]  # type: ignore[return-value]


def _target_id(target: str) -> str:
    """An id as a role names it, compared as ids are made (NFKC, case-folded, any script)."""
    return unicodedata.normalize("NFKC", target.strip()).casefold()


def setup(app: Sphinx) -> None:
    """The ``wsis`` domain, a full re-read when the template changed, unknown role targets."""
    app.add_domain(WsisDomain)
    app.connect("env-get-outdated", outdated_by_template)
    app.connect("warn-missing-reference", warn_unknown_target)
