"""Configuration values of sphinx-wsis, the template they name, and what a build derives from them.

What ``config-inited`` derives (the loaded template, the indicator catalogue, the settings it
refused) is kept per build in a :class:`BuildSettings` looked up by the build's ``Config``
object, not stored on that object: Sphinx's ``Config`` holds configuration values only.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from . import template_titles
from .template import (
    DEFAULT_TEMPLATE,
    Template,
    TemplateError,
    changed_official_parts,
    load_template,
    resolve_template,
)
from .template_yaml import pattern_problem
from .warnings import WsisWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from .catalogue import Catalogue


@dataclass
class BuildSettings:
    """What one build derived from its ``wsis_*`` settings at ``config-inited``."""

    #: The template in the report's language (None until loaded).
    template: Template | None = None
    #: Why the configured template could not be used, or None.
    template_error: str | None = None
    #: The refused settings, as ``conf.py:line: message``.
    setting_errors: list[str] = field(default_factory=list)
    #: The refusal of ``wsis_template`` itself, if it was refused.
    bad_template_setting: str | None = None
    #: The indicator catalogue (None until loaded: the built-in one).
    catalogue: Catalogue | None = None
    #: Whether sphinx-wsis sets up LaTeX's languages and fonts (the engine and fonts are
    #: Sphinx's defaults, not the project's choice).
    latex_languages: bool = False
    #: Whether the builder needs the card facts as field lists (not HTML, not ``dummy``).
    expand_facts: bool = True


_BUILD_SETTINGS: WeakKeyDictionary[Config, BuildSettings] = WeakKeyDictionary()


def build_settings(config: Config) -> BuildSettings:
    """The settings this build derived from ``config`` (created empty on first use)."""
    settings = _BUILD_SETTINGS.get(config)
    if settings is None:
        settings = _BUILD_SETTINGS[config] = BuildSettings()
    return settings


class ListsSphinxNeeds:
    """The default of ``wsis_use_needs``: on exactly when the project lists ``sphinx_needs``.

    A callable default, as Sphinx allows, so a project that does not ask for sphinx-needs never
    imports it; its ``repr`` is what the configuration reference shows.
    """

    def __call__(self, config: Config) -> bool:
        return "sphinx_needs" in config.extensions

    def __repr__(self) -> str:
        return '"sphinx_needs" in extensions'


@dataclass(frozen=True)
class ConfigValue:
    """One ``wsis_*`` setting.

    ``rebuild`` is what Sphinx redoes when the value changes: ``"env"`` for a setting that
    changes what the directives read into the doctrees (the template, the indicator catalogue,
    the sphinx-needs integration); ``""`` for one that only changes verdicts (the checks run on
    every build and rewrite the summary pages whose content changed) or a builder that writes
    its whole output on every build (``wsis-docx``).
    """

    name: str
    default: Any
    rebuild: str
    types: tuple[type, ...]
    description: str


CONFIG_VALUES: tuple[ConfigValue, ...] = (
    ConfigValue(
        "wsis_template",
        DEFAULT_TEMPLATE,
        "env",
        (str,),
        "The report template: a name registered in the ``sphinx_wsis.templates`` entry-point "
        "group, or a path (relative to conf.py) to a template YAML file.",
    ),
    ConfigValue(
        "wsis_require_success_stories",
        True,
        "",
        (bool,),
        "Whether every action line needs at least one ``wsis-success-story``.",
    ),
    ConfigValue(
        "wsis_placeholder_patterns",
        [],
        "",
        (list, tuple),
        "More placeholder text, added to the template's own list (``TODO``, ``TBD``, …). "
        "Plain text is matched as whole words, case-insensitively; text starting with "
        "``re:`` is a regular expression.",
    ),
    ConfigValue(
        "wsis_min_words",
        1,
        "",
        (int,),
        "The fewest words a part may hold before it counts as empty.",
    ),
    ConfigValue(
        "wsis_indicator_catalogue",
        [],
        "env",
        (str, list, tuple),
        "More indicator catalogue entries for ``wsis-indicator :code:``: a YAML file (or a "
        "list of them), relative to conf.py, in the format of the built-in catalogue "
        "(``sphinx_wsis/data/indicators.yaml``); an entry with a built-in code replaces it.",
    ),
    ConfigValue(
        "wsis_use_needs",
        ListsSphinxNeeds(),
        "env",
        (bool,),
        "Register action lines, stories and indicators as sphinx-needs needs; on when "
        "``extensions`` lists ``sphinx_needs``.",
    ),
    ConfigValue(
        "wsis_docx_basename",
        "",
        "",
        (str,),
        "The file name (without ``.docx``) the ``wsis-docx`` builder writes; by default the "
        "name of the root document's LaTeX file when ``latex_documents`` names one, else "
        "``wsis20-report``.",
    ),
    ConfigValue(
        "wsis_docx_reference",
        "",
        "",
        (str,),
        "A Word document (path relative to conf.py) whose styles, page size and margins the "
        "``wsis-docx`` builder uses, as pandoc's ``--reference-doc``; styles it lacks come from "
        "the package's own ``reference.docx``.",
    ),
)


def setup(app: Sphinx) -> None:
    """The ``wsis_*`` settings; checked, then the template loaded, at ``config-inited``."""
    for value in CONFIG_VALUES:
        app.add_config_value(
            value.name,
            value.default,
            value.rebuild,  # type: ignore[arg-type]
            types=value.types,
            description=value.description,
        )
    app.connect("config-inited", check_settings, priority=50)
    app.connect("config-inited", load_configured_template, priority=100)


def check_settings(app: Sphinx, config: Config) -> None:
    """Refuse a ``wsis_*`` setting that cannot be used, before anything reads it.

    Each bad value is one ``wsis.config`` warning at the line of conf.py that sets it, saying
    what was expected; the setting falls back to its default (a bad ``wsis_template`` stops
    completeness from being judged, as a broken template does). ``sphinx-wsis`` commands stop
    with the same message. Runs before Sphinx's own type check, which then sees a valid value.
    """
    problems: list[str] = []
    bad_template: str | None = None
    for value in CONFIG_VALUES:
        problem = _setting_problem(value, getattr(config, value.name))
        if problem is None:
            continue
        message = f"{value.name} = {getattr(config, value.name)!r}: {problem}"
        if value.name == "wsis_template":
            message += "; completeness is not checked until it is fixed"
        else:
            message += f"; using the default {value.default!r}"
        if value.name in config.overrides:
            location = None
            message += " (set with -D on the command line)"
        else:
            location = _setting_location(app, value.name) or _conf_file(app)
        warn(WsisWarning.CONFIG, message, location=location)
        problems.append(f"{location}: {message}" if location else message)
        setattr(config, value.name, default_of(value, config))
        if value.name == "wsis_template":
            bad_template = message
    settings = build_settings(config)
    settings.setting_errors = problems
    settings.bad_template_setting = bad_template


def default_of(value: ConfigValue, config: Config) -> Any:
    """A setting's default value for this project (a callable default computed)."""
    if callable(value.default):
        return value.default(config)
    return copy.copy(value.default)


def use_needs(config: Config) -> bool:
    """Whether the sphinx-needs integration is on; a value that is not True or False is the
    default (``check_settings`` reports it)."""
    value = config.wsis_use_needs
    return value if isinstance(value, bool) else ListsSphinxNeeds()(config)


def _setting_problem(setting: ConfigValue, value: Any) -> str | None:
    """What is wrong with a setting's value, in the author's words, or None."""
    name = setting.name
    if name in ("wsis_require_success_stories", "wsis_use_needs"):
        return None if isinstance(value, bool) else "expected True or False"
    if name == "wsis_min_words":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            return "expected a whole number, e.g. 20 (the fewest words a part may hold)"
        return None
    if name == "wsis_template":
        if not isinstance(value, str) or not value.strip():
            return "expected a template name or the path of a template .yaml file, as text"
        return None
    if name == "wsis_placeholder_patterns":
        if not isinstance(value, list | tuple):
            return 'expected a list of texts, e.g. ["DRAFT", "re:X{3,}"]'
        for pattern in value:
            problem = pattern_problem(pattern)
            if problem:
                return f"{pattern!r} {problem}"
        return None
    if isinstance(value, bool) and bool not in setting.types:  # True is an int to Python
        value = object()
    if not isinstance(value, setting.types):  # a setting without its own rule: its type
        words = dict.fromkeys(_TYPE_WORDS.get(t, t.__name__) for t in setting.types)
        expected = " or ".join(words)
        return f"expected {expected}"
    return None


_TYPE_WORDS = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "True or False",
    list: "a list",
    tuple: "a list",
    dict: "a mapping",
}


def setting_errors(config: Config) -> list[str]:
    """The bad ``wsis_*`` settings of this build, as ``conf.py:line: message``."""
    return list(build_settings(config).setting_errors)


def _conf_file(app: Sphinx) -> str | None:
    return f"{Path(app.confdir, 'conf.py')}:1" if app.confdir is not None else None


def load_configured_template(app: Sphinx, config: Config) -> None:
    """Load ``wsis_template`` once per build.

    A template that cannot be used is a ``wsis.template`` (or ``wsis.unknown``) warning with
    its file and line, as Sphinx treats a bad configuration value: the pages still render with
    the built-in template, completeness is not judged, and ``-W`` fails the build.
    """
    settings = build_settings(config)
    settings.template_error = settings.bad_template_setting
    if settings.template_error:  # already reported by check_settings
        settings.template = load_template(resolve_template(DEFAULT_TEMPLATE, app.confdir))
        return
    try:
        path = resolve_template(config.wsis_template, app.confdir)
        template = load_template(path)
    except TemplateError as exc:
        subtype = "unknown" if exc.unknown else "template"
        message = f"WSIS template: {exc.message}; completeness is not checked until it is fixed"
        location = exc.location or _setting_location(app, "wsis_template")
        if location and not re.search(r":\d+$", location):
            location += ":1"  # a file-level problem; Sphinx reads a bare name as a docname
        warn(WsisWarning(subtype), message, location=location)
        settings.template_error = str(exc)
        template = load_template(resolve_template(DEFAULT_TEMPLATE, app.confdir))
    else:
        _warn_if_impersonating(template)
    settings.template = _in_report_language(template, config.language)


def _in_report_language(template: Template, language: str | None) -> Template:
    """The template with its titles in the report's language (codes and aliases unchanged).

    A translations file that cannot be read is a ``wsis.template`` warning; the titles then
    stay in the template's own language.
    """
    try:
        titles = template_titles.titles_for(template.origin)
    except template_titles.TitlesError as exc:
        message = f"WSIS template translations: {exc}; titles stay in the template's language"
        path = template_titles.titles_path(template.origin)
        found = re.search(r":(\d+):", str(exc))
        location = f"{path}:{found.group(1) if found else 1}"
        warn(WsisWarning.TEMPLATE, message, location=location)
        return template
    return template_titles.translate_template(template, titles, language)


def _warn_if_impersonating(template: Template) -> None:
    """A changed copy of the official template must not carry the official id."""
    changed = changed_official_parts(template)
    if not changed:
        return
    lines = Path(template.origin).read_text("utf-8", errors="replace").splitlines()
    line = next((n for n, text in enumerate(lines, 1) if re.match(r"id\s*:", text)), 1)
    warn(
        WsisWarning.TEMPLATE,
        "WSIS template: %s keeps the official id %r but changes its %s; it would be published "
        "as ITU's template. Give it an id of its own (e.g. %r)",
        Path(template.origin).name,
        template.id,
        ", ".join(name.replace("_", " ") for name in changed),
        f"{template.id}-custom",
        location=f"{template.origin}:{line}",
    )


def _setting_location(app: Sphinx, name: str) -> str | None:
    """``conf.py:line`` where a setting is assigned, to point the author at it."""
    if app.confdir is None:
        return None
    conf = Path(app.confdir, "conf.py")
    try:
        lines = conf.read_text("utf-8", errors="replace").splitlines()
    except OSError:
        return None
    for number, line in enumerate(lines, start=1):
        if re.match(rf"\s*{name}\s*(=|\+=|\[)", line):
            return f"{conf}:{number}"
    return None


def template_of(config: Config) -> Template:
    """The template this build uses (loaded at ``config-inited``)."""
    template = build_settings(config).template
    if template is None:
        raise RuntimeError("sphinx-wsis: the template is read at config-inited")
    return template


def template_error(config: Config) -> str | None:
    """Why the configured template could not be used, or None."""
    return build_settings(config).template_error
