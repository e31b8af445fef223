"""Reference pages generated from sphinx-wsis itself, so they cannot drift from the code.

Each directive reads the registry it documents (the directives, config values, warning
subtypes, the template YAML, the click commands, the JSON Schema), writes reStructuredText
from it and parses that into ordinary docutils nodes: Sphinx's own ``rst:directive``,
``confval``, ``program``/``option`` descriptions, tables and literal blocks, so the generated
reference is indexed and cross-referenceable like hand-written text. Use them in ``.rst``
pages (the generated markup is reStructuredText).

Anything the code registers but this module cannot describe (an option without an entry in
:mod:`sphinx_wsis.reference`, a missing CLI) is a ``wsis-docs`` warning, so ``-W`` fails.
"""

from __future__ import annotations

import importlib
import inspect
import json
import re
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import click
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

import sphinx_wsis
from sphinx_wsis import reference
from sphinx_wsis.config import CONFIG_VALUES
from sphinx_wsis.directives import all_directives
from sphinx_wsis.domain import WsisDomain
from sphinx_wsis.template import DEFAULT_TEMPLATE, Template, load_template, resolve_template
from sphinx_wsis.warnings import WsisWarning

logger = logging.getLogger(__name__)
PACKAGE = Path(sphinx_wsis.__file__).parent


def _indent(text: str, level: int = 1) -> str:
    return textwrap.indent(text, "   " * level)


def _cell(text: str) -> str:
    """One list-table cell: text on one line (list-table cells may not start blank)."""
    return " ".join(str(text).split()) or "—"


def _list_table(header: list[str], rows: list[list[str]], widths: str = "auto") -> str:
    lines = [".. list-table::", "   :header-rows: 1", f"   :widths: {widths}", ""]
    for row in [header, *rows]:
        lines.append(f"   * - {_cell(row[0])}")
        lines.extend(f"     - {_cell(cell)}" for cell in row[1:])
    return "\n".join(lines)


class GeneratedReference(SphinxDirective):
    """Base: generate reST, note the files it came from, parse it into nodes."""

    sources: ClassVar[tuple[str, ...]] = ()
    allow_headings: ClassVar[bool] = False

    def run(self) -> list[nodes.Node]:
        for relative in self.sources:
            self.env.note_dependency(str(PACKAGE / relative))
        return self.parse_text_to_nodes(
            "\n".join(self.generate()), allow_section_headings=self.allow_headings
        )

    def generate(self) -> Iterator[str]:
        raise NotImplementedError

    def warn(self, message: str) -> None:
        logger.warning(message, type="wsis-docs", location=self.get_location())


# -- directives -------------------------------------------------------------------------------


class DirectivesReference(GeneratedReference):
    sources = ("directives.py", "reference.py")

    def generate(self) -> Iterator[str]:
        template = load_template(resolve_template(DEFAULT_TEMPLATE, PACKAGE))
        for name, directive in all_directives(template).items():
            doc = reference.DIRECTIVE_DOCS.get(name)
            if doc is None:
                self.warn(f"directive {name} has no entry in sphinx_wsis.reference.DIRECTIVE_DOCS")
                continue
            yield from self.directive(name, directive, doc)

    def directive(self, name: str, directive: Any, doc: reference.DirectiveDoc) -> Iterator[str]:
        takes_argument = bool(directive.required_arguments or directive.optional_arguments)
        if takes_argument and not doc.argument:
            self.warn(f"directive {name} takes an argument that DIRECTIVE_DOCS does not describe")
        signature = f".. {name}:: <argument>" if takes_argument else name
        yield f".. rst:directive:: {signature}"
        yield ""
        yield _indent(doc.summary)
        yield ""
        if takes_argument:
            yield _indent(f":Argument: {doc.argument}")
        yield _indent(f":Content: {doc.content or 'None.'}")
        yield ""
        yield _indent(".. code-block:: markdown")
        yield _indent(":caption: MyST", 2)
        yield ""
        yield _indent(self.synopsis(name, takes_argument, doc), 2)
        yield ""
        spec = directive.option_spec or {}
        for option in sorted(set(doc.options) - set(spec)):
            self.warn(f"DIRECTIVE_DOCS describes {name} :{option}:, which the directive lacks")
        for option in spec:
            if option not in doc.options:
                self.warn(f"{name} :{option}: has no description in DIRECTIVE_DOCS")
                continue
            yield from (_indent(line) for line in self.option(option, doc.options[option]))

    @staticmethod
    def synopsis(name: str, takes_argument: bool, doc: reference.DirectiveDoc) -> str:
        opener = f":::{{{name}}}" + (" <argument>" if takes_argument else "")
        required = [f":{option}: …" for option, o in doc.options.items() if o.required]
        body = ["", "Text."] if doc.content and not doc.content.startswith("None") else []
        return "\n".join([opener, *required, *body, ":::"])

    @staticmethod
    def option(option: str, doc: reference.OptionDoc) -> Iterator[str]:
        kind = "required" if doc.required else "optional"
        yield f".. rst:directive:option:: {option}"
        yield f"   :type: {kind}"
        yield ""
        yield f"   {doc.description}"
        yield ""
        if doc.accepts:
            yield f"   :Accepts: {doc.accepts}"
        if doc.default:
            yield f"   :Default: {doc.default}"
        yield ""


# -- roles --------------------------------------------------------------------------------------


class RolesReference(GeneratedReference):
    sources = ("domain.py", "reference.py")

    def generate(self) -> Iterator[str]:
        for role in WsisDomain.roles:
            doc = reference.ROLE_DOCS.get(role)
            if doc is None:
                self.warn(f"role wsis:{role} has no entry in sphinx_wsis.reference.ROLE_DOCS")
                continue
            yield f".. rst:role:: wsis:{role}"
            yield ""
            yield _indent(doc.description)
            yield ""
            yield _indent(f":Target: {doc.target}")
            yield _indent(f":MyST: ``{doc.example}``")
            rst_example = doc.example.replace("{", ":").replace("}", ":")
            yield _indent(f":reStructuredText: ``{rst_example}``")
            yield ""


# -- configuration ----------------------------------------------------------------------------


class ConfigReference(GeneratedReference):
    sources = ("config.py",)

    def generate(self) -> Iterator[str]:
        for value in CONFIG_VALUES:
            types = " or ".join(t.__name__ for t in value.types)
            yield f".. confval:: {value.name}"
            yield f"   :type: ``{types}``"
            yield f"   :default: ``{value.default!r}``"
            yield ""
            yield _indent(value.description)
            yield ""
            if value.rebuild == "env":
                yield _indent("Changing it re-reads every page on the next build.")
            else:
                yield _indent("Changing it re-runs the checks without re-reading pages.")
            yield ""


# -- warnings ---------------------------------------------------------------------------------


class WarningsReference(GeneratedReference):
    sources = ("warnings.py",)

    def generate(self) -> Iterator[str]:
        rows = [[f"``{w.value}``", f"``{w.category}``", _plain(w.description)] for w in WsisWarning]
        yield _list_table(["Subtype", "Mute with", "Meaning"], rows, "15 25 60")


class BadInputsReference(GeneratedReference):
    """The corpus of authors' mistakes that the test suite checks, with the message each gets."""

    def generate(self) -> Iterator[str]:
        from tests.bad_inputs import CASES  # the corpus itself, so the table is what is tested

        self.env.note_dependency(str(PACKAGE.parent / "tests" / "bad_inputs.py"))
        rows = [
            [
                case.category,
                _plain(case.what),
                f"``{case.message}``",
                f"``[{case.tag}]``" if case.tag else "Sphinx / MyST",
            ]
            for case in CASES
        ]
        yield _list_table(
            ["Class", "What the author did", "Message", "Category"], rows, "12 30 43 15"
        )


# -- template -------------------------------------------------------------------------------


class TemplateReference(GeneratedReference):
    """The template's parts in Annex 1 order; ``:template:`` picks another installed one."""

    option_spec: ClassVar = {"template": directives.unchanged}
    sources = ("template.py",)

    def template(self) -> Template:
        spec = self.options.get("template", DEFAULT_TEMPLATE)
        path = resolve_template(spec, self.env.srcdir)
        self.env.note_dependency(str(path))
        return load_template(path)

    def generate(self) -> Iterator[str]:
        template = self.template()
        yield f"**{template.title}** — {template.subtitle}"
        yield ""
        yield f"Template id ``{template.id}``, version {template.version}. {template.source}."
        yield ""
        yield _list_table(
            ["Annex 1", "Part", "Key", "Write it with", "What ITU asks"],
            list(self.part_rows(template)),
            "8 22 15 20 35",
        )
        yield ""
        yield ".. rubric:: Action lines"
        yield ""
        yield "Each is written as ``wsis-action-line <code>`` and holds these aspects:"
        yield ""
        for aspect in template.aspects:
            yield f"- **{aspect.title}**: ``wsis-{aspect.key}`` (or ``wsis-aspect {aspect.key}``)"
        yield ""
        yield _list_table(
            ["Annex 1", "Code", "Official title", "Success stories needed"],
            list(self.action_line_rows(template)),
            "10 20 55 15",
        )
        yield ""
        yield ".. rubric:: Stakeholder types (``wsis-report :stakeholder:``)"
        yield ""
        for key, label in template.stakeholders:
            yield f"- ``{key}``: {label}"
        yield ""
        yield ".. rubric:: Placeholder text"
        yield ""
        yield "A part that still contains any of these is reported as ``wsis.placeholder``:"
        yield ""
        for placeholder in template.placeholders:
            yield f"- ``{placeholder}``"
        yield ""
        submission = dict(template.submission)
        if submission:
            yield ".. rubric:: Submission"
            yield ""
            if "email" in submission:
                yield f"- E-mail: {submission['email']}"
            if "deadline" in submission:
                yield f"- Deadline: {submission['deadline']}"
            if "url" in submission:
                yield f"- More: {submission['url']}"
            yield ""
        parts = template.parts()
        yield (
            f"In all, a complete report fills **{len(parts)} parts** (the cells of the "
            "completeness matrix)."
        )

    @staticmethod
    def part_rows(template: Template) -> Iterator[list[str]]:
        for chapter in template.chapters:
            if chapter.action_lines:
                count = sum(1 for line in template.action_lines if line.parent is None)
                what = f"{count} action lines, listed below"
                yield [chapter.number, chapter.title, "—", what, chapter.prompt]
            for key in chapter.sections:
                section = template.section(key)
                assert section is not None
                number = f"{chapter.number}.{section.number}" if section.number else chapter.number
                if section.satisfied_by == "contact":
                    how = "``wsis-contact`` with ``:name:`` and ``:email:``"
                else:
                    how = f"``wsis-section {key}``"
                if section.min_indicators:
                    how += f", and at least {section.min_indicators} ``wsis-indicator``"
                yield [number or "—", section.title, f"``{key}``", how, section.prompt]

    @staticmethod
    def action_line_rows(template: Template) -> Iterator[list[str]]:
        for chapter in template.chapters:
            for index, code in enumerate(chapter.action_lines, start=1):
                for line in template.action_lines:
                    if code not in (line.code, line.parent):
                        continue
                    number = f"{chapter.number}.{index}" if chapter.number else str(index)
                    yield [number, f"``{line.code}``", line.heading, str(line.min_stories)]


# -- command line ------------------------------------------------------------------------------


class CliReference(GeneratedReference):
    """Every command of the ``sphinx-wsis`` click group: usage, options, exit codes."""

    sources = tuple(
        path.relative_to(PACKAGE).as_posix() for path in sorted((PACKAGE / "cli").glob("*.py"))
    )
    allow_headings = True

    def generate(self) -> Iterator[str]:
        try:
            cli = importlib.import_module("sphinx_wsis.cli")
        except ImportError as exc:
            self.warn(f"sphinx_wsis.cli cannot be imported ({exc}); the CLI reference is empty")
            return
        group = next((v for v in vars(cli).values() if isinstance(v, click.Group)), None)
        if group is None:
            self.warn("sphinx_wsis.cli defines no click command group")
            return
        context = click.Context(group, info_name="sphinx-wsis")
        yield from self.command(group, context, "sphinx-wsis")
        for name in group.list_commands(context):
            command = group.get_command(context, name)
            assert command is not None
            child = click.Context(command, info_name=name, parent=context)
            yield from self.command(command, child, f"sphinx-wsis {name}", level="-")
        exit_codes = [
            paragraph
            for paragraph in (inspect.getdoc(cli) or "").split("\n\n")
            if paragraph.startswith("Exit status")
        ]
        if not exit_codes:
            self.warn("the docstring of sphinx_wsis.cli does not say the exit status")
        yield "Exit status"
        yield "-----------"
        yield ""
        yield from (_plain(paragraph) + "\n" for paragraph in exit_codes)

    def command(
        self, command: click.Command, context: click.Context, program: str, level: str = "="
    ) -> Iterator[str]:
        title = f"``{program}``"
        yield title
        yield level * len(title)
        yield ""
        yield f".. program:: {program}"
        yield ""
        yield "::"
        yield ""
        yield _indent(command.get_usage(context))
        yield ""
        yield _plain(inspect.cleandoc(command.help or ""))
        yield ""
        if command.epilog:  # examples and exit codes, as ``--help`` prints them
            yield "::"
            yield ""
            yield _indent(command.epilog.replace("\b\n", "").strip())
            yield ""
        for param in command.get_params(context):
            if isinstance(param, click.Argument):
                yield f".. option:: {param.human_readable_name}"
                yield ""
                need = "required" if param.required else "optional"
                yield _indent(f"Argument: a {param.type.name}, {need}.")
                if not param.required and param.default is not None:
                    yield _indent(f"Default: ``{param.default}`` (the current directory).")
                yield ""
            elif isinstance(param, click.Option):
                names = ", ".join(param.opts + param.secondary_opts)
                metavar = "" if param.is_flag else f" {_metavar(param, context)}"
                yield f".. option:: {names}{metavar}"
                yield ""
                yield _indent(_plain(param.help or ""))
                if param.show_default and param.default not in (None, False):
                    yield ""
                    yield _indent(f"Default: ``{param.default}``")
                yield ""


def _plain(text: str) -> str:
    """Help text written for a terminal, as reST: `code` as literal, no accidental links."""
    text = re.sub(r"(?<!`)`([^`]+)`(?!`)", r"``\1``", text)
    text = re.sub(r"(?<![\w`])([*|])", r"\\\1", text)
    text = re.sub(r"(?<=\w)_(?=\W|$)", r"\\_", text)  # ``wsis_`` is not a link target
    return re.sub(r"\b(file|mailto|news|data):(?!//)", r"\1\\:", text)


def _metavar(param: click.Parameter, context: click.Context) -> str:
    try:
        return param.make_metavar(context)  # click 8.2 and later
    except TypeError:
        return param.make_metavar()  # type: ignore[call-arg]  # click 8.1


# -- sphinx-needs ------------------------------------------------------------------------------


class NeedsReference(GeneratedReference):
    """The need types, fields and link types that ``wsis_use_needs`` registers."""

    sources = ("needs.py",)

    def generate(self) -> Iterator[str]:
        try:
            needs = importlib.import_module("sphinx_wsis.needs")
        except ImportError as exc:
            self.warn(f"sphinx_wsis.needs cannot be imported ({exc}); the needs reference is empty")
            return
        yield ".. rubric:: Need types"
        yield ""
        rows = [
            [f"``{kind}``", title, f"``{prefix}…``"] for kind, title, prefix, _ in needs.NEED_TYPES
        ]
        yield _list_table(["Type", "Title", "Id"], rows, "25 35 40")
        yield ""
        yield ".. rubric:: Fields"
        yield ""
        rows = [
            [f"``{name}``", self.kind(schema, nullable), _plain(description)]
            for name, (schema, nullable, description) in needs.FIELDS.items()
        ]
        yield _list_table(["Field", "Type", "Meaning"], rows, "25 20 55")
        yield ""
        yield ".. rubric:: Link types"
        yield ""
        rows = [
            [f"``{name}``", f"{link['outgoing']} / {link['incoming']}", _plain(link["description"])]
            for name, link in needs.LINKS.items()
        ]
        yield _list_table(["Link type", "Outgoing / incoming", "Meaning"], rows, "25 25 50")

    @staticmethod
    def kind(schema: dict[str, Any], nullable: bool) -> str:
        kind = schema.get("type", "any")
        if kind == "array":
            kind = f"list of {schema.get('items', {}).get('type', 'any')}"
        return f"{kind} or null" if nullable else kind


# -- JSON Schema -------------------------------------------------------------------------------


class SchemaReference(GeneratedReference):
    """A shipped JSON Schema (the argument; default the report's): one table per object,
    nested objects by their path."""

    optional_arguments = 1

    @property
    def schema_file(self) -> str:
        return self.arguments[0] if self.arguments else "report.schema.json"

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(str(PACKAGE / "schemas" / self.schema_file))
        return super().run()

    def generate(self) -> Iterator[str]:
        path = PACKAGE / "schemas" / self.schema_file
        try:
            schema = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError) as exc:
            self.warn(f"cannot read the JSON Schema {path}: {exc}")
            return
        yield f"Schema ``{schema.get('$id', '—')}``, dialect ``{schema.get('$schema', '—')}``."
        yield ""
        yield _plain(schema.get("description", ""))
        yield ""
        yield from self.objects("", schema)
        for name, definition in schema.get("$defs", {}).items():
            yield from self.objects(f"$defs/{name}", definition)

    def objects(self, path: str, schema: dict[str, Any]) -> Iterator[str]:
        """A table for ``schema`` if it is an object, then for the objects nested in it."""
        schema = _object_variant(schema)
        title = path or self.schema_file.replace(".schema", "")
        properties = schema.get("properties")
        if not properties:
            if path.startswith("$defs/"):  # a shared type such as ``year`` or ``url``
                yield f".. rubric:: ``{title}``: {self.type_of(schema)}"
                yield ""
                yield _plain(schema.get("description", ""))
                yield ""
            return
        yield f".. rubric:: ``{title}``"
        yield ""
        if path:
            yield _plain(schema.get("description", ""))
            yield ""
        required = set(schema.get("required", []))
        rows = [
            [f"``{name}``", self.type_of(prop), "yes" if name in required else "",
             _plain(prop.get("description", ""))]
            for name, prop in properties.items()
        ]  # fmt: skip
        yield _list_table(["Property", "Type", "Required", "Description"], rows, "18 22 10 50")
        yield ""
        for name, prop in properties.items():
            child = f"{path}.{name}" if path else name
            variant = _object_variant(prop)
            if variant.get("type") == "array" and isinstance(variant.get("items"), dict):
                yield from self.objects(f"{child}[]", variant["items"])
            else:
                yield from self.objects(child, prop)

    @classmethod
    def type_of(cls, prop: dict[str, Any]) -> str:
        if "$ref" in prop:
            return f"``{prop['$ref'].rsplit('/', 1)[-1]}``"
        for combinator in ("oneOf", "anyOf"):
            if combinator in prop:
                return " or ".join(cls.type_of(option) for option in prop[combinator])
        if "enum" in prop:
            return "one of " + ", ".join(f"``{json.dumps(v)}``" for v in prop["enum"])
        if "const" in prop:
            return f"``{json.dumps(prop['const'])}``"
        kind = prop.get("type", "any")
        kind = " or ".join(kind) if isinstance(kind, list) else kind
        if "array" in kind and isinstance(prop.get("items"), dict):
            return kind.replace("array", f"array of {cls.type_of(prop['items'])}")
        if "pattern" in prop:
            return f"{kind} matching ``{prop['pattern']}``"
        return kind


def _object_variant(schema: dict[str, Any]) -> dict[str, Any]:
    """The non-null alternative of a ``oneOf: [null, X]`` property, else the schema itself."""
    for combinator in ("oneOf", "anyOf"):
        options = [o for o in schema.get(combinator, []) if o.get("type") != "null"]
        if len(options) == 1:
            return options[0]
    return schema


class SchemaFile(SphinxDirective):
    """A shipped JSON Schema file (the argument; default the report's), verbatim."""

    optional_arguments = 1

    def run(self) -> list[nodes.Node]:
        path = PACKAGE / "schemas" / (self.arguments[0] if self.arguments else "report.schema.json")
        self.env.note_dependency(str(path))
        try:
            text = path.read_text("utf-8")
        except OSError as exc:
            logger.warning(
                f"cannot read {path}: {exc}", type="wsis-docs", location=self.get_location()
            )
            return []
        block = nodes.literal_block(text, text, language="json")
        return [block]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("wsis-ref-directives", DirectivesReference)
    app.add_directive("wsis-ref-roles", RolesReference)
    app.add_directive("wsis-ref-config", ConfigReference)
    app.add_directive("wsis-ref-warnings", WarningsReference)
    app.add_directive("wsis-ref-bad-inputs", BadInputsReference)
    app.add_directive("wsis-ref-template", TemplateReference)
    app.add_directive("wsis-ref-cli", CliReference)
    app.add_directive("wsis-ref-needs", NeedsReference)
    app.add_directive("wsis-ref-schema", SchemaReference)
    app.add_directive("wsis-ref-schema-file", SchemaFile)
    return {"version": sphinx_wsis.__version__, "parallel_read_safe": True}
