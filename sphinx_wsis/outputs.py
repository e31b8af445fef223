"""Which pages and blocks each output holds, and the order a reader meets them in.

HTML writes every page, the PDF only the pages its ``latex_documents`` toctrees reach, and
``{only}`` blocks are kept or dropped per builder. A part is complete in an output only if
that output holds its text, so the checks judge the records each output holds (SPEC §4).
"Reading order" is toctree order from the output's start page; pages no toctree reaches come
after, by name, so "the first" of two copies is the one a reader meets first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util.tags import Tags

from .domain import domain_of
from .records import RECORD_KINDS

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

IFCONFIG = "ifconfig:"


@dataclass
class Output:
    """One output format: its name, what to call it, its pages (None: all) and its tags."""

    name: str
    label: str
    docs: set[str] | None
    tags: Tags
    order: dict[str, int] = field(default_factory=dict)
    own_content_excluded: set[str] = field(default_factory=set)  # toctree_only start pages
    #: what ``{ifconfig}`` expressions see: the configuration and the builder's name
    namespace: dict[str, Any] = field(default_factory=dict)
    #: the setting that names its start pages, for messages
    tree: str = "root_doc"

    def holds_page(self, docname: str) -> bool:
        if docname in self.own_content_excluded:
            return False
        return self.docs is None or docname in self.docs

    def holds(self, record: Any) -> bool:
        """Whether this output shows ``record``: its page is in, and every ``{only}`` around it
        is true for this output."""
        if not self.holds_page(record.docname):
            return False
        return self.all_true(getattr(record, "only", ()) or ())

    def _true(self, expr: str) -> bool:
        """Whether an ``{only}`` expression (or ``ifconfig:`` + an ``{ifconfig}`` one) holds."""
        if expr.startswith(IFCONFIG):
            if not self.namespace:  # sphinx.ext.ifconfig is not loaded
                return True
            try:
                # the author's expression that sphinx.ext.ifconfig itself evaluates in this
                # build, with what it sees there; here for another builder's name too
                return bool(eval(expr[len(IFCONFIG) :], dict(self.namespace)))
            except Exception:  # ifconfig reports it and drops the block
                return False
        try:
            return self.tags.eval_condition(expr)
        except Exception:  # Sphinx reports a bad expression itself and keeps the block
            return True

    def all_true(self, conditions: Iterable[str]) -> bool:
        return all(self._true(expr) for expr in conditions)

    def why_not(self, record: Any) -> str:
        """Why this output does not show ``record``, in the author's words."""
        if not self.holds_page(record.docname):
            if record.docname in self.own_content_excluded:
                return "that page's own text is left out (toctree_only in latex_documents)"
            return f"no toctree from {self.tree} includes that page"
        exprs = [e for e in getattr(record, "only", ()) or () if not self._true(e)]
        if not exprs:
            return ""
        if exprs[0].startswith(IFCONFIG):
            return f"it is inside {{ifconfig}} {exprs[0][len(IFCONFIG) :]}"
        return f"it is inside {{only}} {exprs[0]}"

    def sort_key(self, record: Any) -> tuple[int, str, int]:
        return (self.order.get(record.docname, len(self.order)), record.docname, record.lineno or 0)


def reading_order(
    env: BuildEnvironment, starts: Iterable[str], output: Output | None = None
) -> list[str]:
    """Pages in toctree order from ``starts`` (each page once, even in a circular toctree).

    With ``output``, a toctree inside ``{only}``/``{ifconfig}`` that fails for it is skipped.
    """
    seen: dict[str, None] = {}
    includes = env.toctree_includes
    conditional = domain_of(env).data.get("toctree_conditions", {})
    for start in starts:
        stack = [start]
        while stack:
            docname = stack.pop()
            if docname in seen or docname not in env.all_docs:
                continue
            seen[docname] = None
            children = includes.get(docname, [])
            conditions = conditional.get(docname)
            if output is not None and conditions:
                children = [
                    child
                    for child in children
                    if any(output.all_true(c) for c in conditions.get(child, [()]))
                ]
            stack.extend(reversed(children))
    return list(seen)


def _tags_for(app: Sphinx, builder_name: str, builder_format: str) -> Tags:
    """The tags ``{only}`` sees under another builder: the user's, plus that builder's own."""
    current = app.builder
    own = {current.format, current.name, f"format_{current.format}", f"builder_{current.name}"}
    tags = Tags([t for t in app.tags if t not in own])
    for tag in (builder_format, builder_name, f"format_{builder_format}"):
        tags.add(tag)
    tags.add(f"builder_{builder_name}")
    return tags


#: builders that make one document of the pages their toctrees reach, and what to call it
DOCUMENT_BUILDERS = {"latex": "the PDF", "wsis-docx": "the DOCX document"}
#: builders that write no document of their own (``check``, ``export``): judged as the web pages
JUDGED_AS_WEB = {"dummy", "wsis-json"}


def outputs_of(app: Sphinx, env: BuildEnvironment) -> tuple[Output, list[Output]]:
    """The output this build writes (judged and warned about), and every output (for the JSON):
    the HTML pages, the PDF, and the DOCX document once a ``wsis-docx`` builder is registered."""
    outputs = [_output(app, env, "html", "html"), _output(app, env, "latex", "latex")]
    docx = app.registry.builders.get("wsis-docx")
    if docx is not None:
        outputs.append(_output(app, env, "wsis-docx", docx.format))
    builder = app.builder
    if builder.name in JUDGED_AS_WEB:
        return outputs[0], outputs
    name = "latex" if builder.format == "latex" else builder.name
    return _output(app, env, name, builder.format, app.tags), outputs


def _output(
    app: Sphinx, env: BuildEnvironment, name: str, format_: str, tags: Tags | None = None
) -> Output:
    root = env.config.root_doc
    starts, excluded = [root], set()
    if format_ == "latex":
        starts = []
        for entry in env.config.latex_documents or []:
            if entry and entry[0] in env.all_docs:
                starts.append(entry[0])
                if len(entry) > 5 and entry[5]:
                    excluded.add(entry[0])
    label = DOCUMENT_BUILDERS.get(name) or DOCUMENT_BUILDERS.get(format_)
    if label is None:
        label = "the HTML pages" if format_ == "html" else f"the {name} output"
    output = Output(name, label, None, tags or _tags_for(app, name, format_))
    output.own_content_excluded = excluded
    output.tree = "latex_documents" if format_ == "latex" else "root_doc"
    output.namespace = _config_namespace(app, name)
    if name in DOCUMENT_BUILDERS or format_ in DOCUMENT_BUILDERS:
        output.docs = set(reading_order(env, starts, output))
    order = reading_order(env, starts or [root])
    rest = sorted(set(env.all_docs) - set(order))
    output.order = {docname: i for i, docname in enumerate([*order, *rest])}
    return output


def _config_namespace(app: Sphinx, builder_name: str) -> dict[str, Any]:
    """What sphinx.ext.ifconfig evaluates its expressions in."""
    if "sphinx.ext.ifconfig" not in app.extensions:
        return {}
    namespace: dict[str, Any] = {value.name: value.value for value in app.config}
    namespace.update(app.config.__dict__.copy())
    namespace["builder"] = builder_name
    return namespace


def _conditions(node: nodes.Node) -> tuple[str, ...]:
    """The ``{only}`` and ``{ifconfig}`` expressions around ``node``, outermost first."""
    found: list[str] = []
    parent = node.parent
    while parent is not None:
        if isinstance(parent, addnodes.only):
            found.append(parent["expr"])
        elif parent.tagname == "ifconfig":
            found.append(IFCONFIG + parent["expr"])
        parent = parent.parent
    return tuple(reversed(found))


def note_only_blocks(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: remember the ``{only}``/``{ifconfig}`` conditions around each record's
    block and around each toctree, so each output can tell what it holds."""
    found = list(doctree.findall(_is_condition_or_toctree))  # one walk of the page
    conditional = [node for node in found if not isinstance(node, addnodes.toctree)]
    if not conditional:
        return  # the common case: nothing on this page depends on the output
    docname = app.env.docname
    domain = domain_of(app.env)
    toctrees: dict[str, list[tuple[str, ...]]] = {}
    for toctree in found:
        if isinstance(toctree, addnodes.toctree):
            conditions = _conditions(toctree)
            for _title, child in toctree["entries"]:
                toctrees.setdefault(child, []).append(conditions)
    if any(any(c) for listed in toctrees.values() for c in listed):
        domain.data.setdefault("toctree_conditions", {})[docname] = toctrees
    ids: dict[str, tuple[str, ...]] = {}
    for condition in conditional:
        conditions = (*_conditions(condition), _expression(condition))
        for element in condition.findall(nodes.Element):
            for node_id in element["ids"]:
                if len(conditions) > len(ids.get(node_id, ())):
                    ids[node_id] = conditions
    if not ids:
        return
    for kind in RECORD_KINDS:
        for record in domain.records(kind):
            if record.docname == docname and record.node_id in ids:
                record.only = tuple(dict.fromkeys(ids[record.node_id]))


def _is_condition_or_toctree(node: nodes.Node) -> bool:
    return isinstance(node, (addnodes.only, addnodes.toctree)) or node.tagname == "ifconfig"


def _expression(node: nodes.Element) -> str:
    return node["expr"] if isinstance(node, addnodes.only) else IFCONFIG + node["expr"]


def shown(env: BuildEnvironment, records: list[Any]) -> list[Any]:
    """The records the output being built shows (all of them before the checks have run)."""
    output: Output | None = getattr(domain_of(env), "output", None)
    return records if output is None else [r for r in records if output.holds(r)]


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", note_only_blocks)
