"""The benchmarks' baseline: sphinx_wsis's directive and role names, doing plain Sphinx work.

Every directive sphinx_wsis registers (names from :func:`sphinx_wsis.directives.all_directives`,
so they cannot drift) becomes a container that parses its body, shows its argument as
a rubric and accepts any option; ``{wsis:al}``, ``{wsis:ind}`` and ``{wsis:story}`` become plain
text. The same sources then build with what Sphinx and MyST do anyway, and the difference to a
sphinx_wsis build is the extension's own cost: records, checks, cards, tables, cross references.

With ``baseline_show_options = True`` each directive also shows its options as a field list, as
an author without the extension would write them out by hand; the difference to sphinx_wsis is
then its logic rather than the extra content its cards put on the page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.domains import Domain
from sphinx.util.docutils import SphinxDirective

from sphinx_wsis.directives import all_directives
from sphinx_wsis.template import DEFAULT_TEMPLATE, load_template, resolve_template


class AnyOption(dict[str, Callable[[str], Any]]):
    """An ``option_spec`` that takes every option as text (and is truthy, so MyST reads them)."""

    def __missing__(self, key: str) -> Callable[[str], Any]:
        return directives.unchanged

    def __bool__(self) -> bool:
        return True


class PlainContainer(SphinxDirective):
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar = AnyOption()

    def run(self) -> list[nodes.Node]:
        node = nodes.container(classes=[self.name])
        self.set_source_info(node)
        if self.arguments:
            node += nodes.rubric(self.arguments[0], self.arguments[0])
        if self.options and self.config.baseline_show_options:
            fields = nodes.field_list()
            for name, value in self.options.items():
                body = nodes.field_body("", nodes.paragraph(value or "", value or ""))
                fields += nodes.field("", nodes.field_name(name, name), body)
            node += fields
        node += self.parse_content_to_nodes(allow_section_headings=True)
        return [node]


def text_role(
    name: str, rawtext: str, text: str, lineno: int, inliner: Any, options: Any = None,
    content: Any = None,
) -> tuple[list[nodes.Node], list[nodes.system_message]]:  # fmt: skip
    """The role's target as plain text (``title <target>`` shows the title)."""
    shown = text.split("<", 1)[0].strip() or text
    return [nodes.inline(rawtext, shown)], []


class BaselineDomain(Domain):
    name = "wsis"
    label = "WSIS report (benchmark baseline)"
    roles: ClassVar = {"al": text_role, "ind": text_role, "story": text_role}


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("baseline_show_options", False, "env", types=(bool,))
    app.add_domain(BaselineDomain)
    for name in all_directives(load_template(resolve_template(DEFAULT_TEMPLATE, "."))):
        app.add_directive(name, PlainContainer)
    return {"version": "0", "parallel_read_safe": True, "parallel_write_safe": True}
