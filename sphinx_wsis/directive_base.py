"""What every report directive shares: findings, validated options, parsing the body, and
which action line a block belongs to.

Directives never emit warnings themselves: they record a :class:`~.records.Finding` in the
domain, and the checks emit every finding on every build, so an incremental build that does not
re-read a page still reports that page's problems.

Options are taken as text and validated here, so a wrong value gets a message in the author's
words at the option's own line rather than docutils' generic one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from . import geo, option_values
from .catalogue import language_of
from .config import template_of
from .domain import domain_of
from .i18n import unique_id
from .myst_options import cut_options, is_myst
from .nodes import (
    wsis_node,
)
from .records import (
    Finding,
    Record,
)
from .template import Template
from .textify import paragraphs

if TYPE_CHECKING:
    pass

logger = logging.getLogger(__name__)
T = TypeVar("T")
#: ``env.temp_data`` keys: the action lines enclosing the directive being read, and the last
#: one read in the page (SPEC §3: a block outside any action line belongs to the one before).
ACTION_LINE_STACK = "wsis:action-line-stack"
LAST_ACTION_LINE = "wsis:last-action-line"


def text_options(*names: str) -> dict[str, Callable[[str], Any]]:
    """An ``option_spec`` taking each option as text, validated by the directive itself."""
    return dict.fromkeys(names, directives.unchanged)


class WsisDirective(SphinxDirective):
    """Shared plumbing: findings, option look-up with validation, parsing the body."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if is_myst(self.state):  # an option MyST cut at " #" is lost text: say so
            for cut in cut_options(self.block_text, self.options):
                self.finding("invalid", cut.message(self.name), line=self.lineno + cut.offset)

    @property
    def template(self) -> Template:
        return template_of(self.config)

    @property
    def language(self) -> str:
        """The report's UN language (``language`` in conf.py), English by default."""
        return language_of(self.config.language)

    def finding(
        self, subtype: str, message: str, option: str | None = None, *, line: int | None = None
    ) -> None:
        source, lineno = self.source_line(line or self.option_line(option))
        domain_of(self.env).add_finding(Finding(subtype, message, self.env.docname, lineno, source))

    def source_line(self, lineno: int) -> tuple[str, int]:
        """``(file, line)`` of a line of this directive: the included file when the directive
        came in through ``include`` (``""`` for the document's own file)."""
        source, line = self.state_machine.get_source_and_line(lineno)
        if not source or line is None:
            return "", lineno
        document = self.env.doc2path(self.env.docname)
        if source == str(document):  # as Sphinx names it: no need to resolve either path
            return "", line
        path = Path(source).resolve()
        if path == Path(document).resolve():
            return "", line
        try:
            return path.relative_to(Path(self.env.srcdir).resolve()).as_posix(), line
        except ValueError:
            return path.as_posix(), line  # included from outside the project

    def option_line(self, option: str | None) -> int:
        """The line an option is written on, so a finding points at it."""
        if option:
            for offset, line in enumerate(self.block_text.splitlines()):
                if line.lstrip().startswith(f":{option}:"):
                    return self.lineno + offset
        return self.lineno

    def value(self, option: str, parse: Callable[[str], T], *, required: bool = False) -> T | None:
        raw = self.options.get(option)
        if raw is None or not str(raw).strip():
            if required:
                self.finding("missing", f"{self.name} needs :{option}:", option)
            elif raw is not None:
                self.finding("empty", f"{self.name} has an empty :{option}:", option)
            return None
        try:
            return parse(str(raw))
        except option_values.InvalidValue as exc:
            self.finding("invalid", f"{self.name} :{option}: {exc}", option)
            return None

    def text_value(self, option: str, *, required: bool = False) -> str:
        return self.value(option, option_values.text, required=required) or ""

    def anchor(self, node: nodes.Element, prefix: str, term: str) -> str:
        """``prefix-term`` as the element's id, unique in the page; letters of any script kept
        (Sphinx's ``make_id`` would number a Chinese or Russian title's anchor instead)."""
        node_id = unique_id(self.state.document, prefix, term)
        node["ids"].append(node_id)
        self.state.document.note_explicit_target(node)
        return node_id

    def body(self) -> list[nodes.Node]:
        if self.myst_added_blank_line():
            self.content_offset -= 1
        return self.parse_content_to_nodes(allow_section_headings=True)

    def myst_added_blank_line(self) -> bool:
        """Whether MyST shifted the body one line down.

        MyST puts a blank line in front of a colon-fence body that starts with a nested fence,
        so nested directives would report their line one too late. The source tells whether
        that blank line is really there.
        """
        lines = self.block_text.split("\n")
        if len(lines) < 3 or lines[1] or not lines[2].startswith(":::"):
            return False
        source = self.state.document.get("source") or ""
        cache = self.env.temp_data.setdefault("wsis:source-lines", {})
        if source not in cache:
            try:
                cache[source] = Path(source).read_text("utf-8", errors="replace").splitlines()
            except OSError:
                cache[source] = []
        source_lines = cache[source]
        after_fence = self.lineno  # 1-based line of the fence, so the next line's index
        return after_fence < len(source_lines) and bool(source_lines[after_fence].strip())

    def add_body(self, record: Record, node: wsis_node) -> list[nodes.Node]:
        """Parse the directive's content into ``node`` and keep its text on the record."""
        content = self.body()
        record.paragraphs = paragraphs(content)  # type: ignore[attr-defined]
        node += content
        return content

    def record(self, kind: str, record: Record, node: wsis_node) -> None:
        record.file, record.lineno = self.source_line(record.lineno)
        domain_of(self.env).add(kind, record)
        node["record"] = kind
        self.env.events.emit("wsis-record", self, record, node)

    # -- which action line an aspect or story belongs to (SPEC §3) ----------------------------

    def resolve_code(self, raw: str, option: str) -> str | None:
        code = self.template.normalize_code(raw)
        if code is None:
            suggestion = self.template.suggest_code(raw)
            hint = f"; did you mean {suggestion!r}?" if suggestion else ""
            self.finding("unknown", f"unknown action-line code {raw.strip()!r}{hint}", option)
        return code

    def countries(self, raw: str, option: str, *, single: bool = False) -> tuple[str, list[str]]:
        """ISO 3166 countries named in ``raw``: (how they read in the report, alpha-3 codes).

        ``:country:`` must name one country. ``:geo:`` may name several (comma-separated) or a
        region in words ("World", "Least developed countries"), kept as written without a code;
        a near miss of a country name ("Kenia") is an error either way, but a region the UN
        names (M49's "Southern Africa", not "South Africa") is never taken for one.
        """
        items = (
            [raw] if single else [i for i in (option_values.text(p) for p in raw.split(",")) if i]
        )
        found = [geo.country(item) for item in items]
        if all(found):
            shown = ", ".join(geo.display_name(item, self.language) for item in items)
            return shown, [c.alpha_3 for c in found if c]
        for item, country in zip(items, found, strict=True):
            if country is not None:
                continue
            if geo.region(item):
                if not single:
                    continue
                suggestion, hint = None, "; it names a region, not one country"
            else:
                suggestion = geo.suggest(item)
                hint = f"; did you mean {suggestion!r}?" if suggestion else ""
            if single or suggestion:
                self.finding(
                    "invalid",
                    f"{self.name} :{option}: {item!r} is not an ISO 3166 country name or code"
                    f"{hint}",
                    option,
                )
        return raw, []

    def owning_action_line(self) -> tuple[bool, str | None]:
        """``(found, code)`` by the SPEC's rule: enclosing, :action-line:, earlier in the page."""
        stack: list[str | None] = self.env.temp_data.get(ACTION_LINE_STACK, [])
        if stack:
            enclosing = stack[-1]
            raw = self.options.get("action-line")
            if raw and enclosing and self.template.normalize_code(raw) not in (None, enclosing):
                self.finding(
                    "invalid",
                    f"{self.name} :action-line: {raw.strip()} contradicts the enclosing "
                    f"wsis-action-line {enclosing}; it belongs to {enclosing}",
                    "action-line",
                )
            return True, enclosing
        if self.options.get("action-line"):
            return True, self.resolve_code(self.options["action-line"], "action-line")
        if LAST_ACTION_LINE in self.env.temp_data:
            return True, self.env.temp_data[LAST_ACTION_LINE]
        return False, None
