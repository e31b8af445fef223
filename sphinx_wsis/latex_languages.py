"""A PDF in every UN language with no LaTeX settings: engine, babel, right to left and fonts.

pdfLaTeX stops at the first Arabic or Chinese character and cannot set Arabic right to left,
so a report in another language than English, or any report holding Arabic or Chinese text
(an Arabic domain name in an English report, Chinese names in a French one), is built with
LuaLaTeX and babel:

- the report's language is babel's main language (``\\babelprovide[import, main]``), with
  ``bidi=basic``: LuaTeX's own bidirectional algorithm, which sets Arabic paragraphs, tables
  and the title page right to left without the ``bidi`` package (which must be loaded after
  ``xcolor`` and breaks ``tabulary``);
- every other script found in the text gets ``onchar=ids fonts``: babel switches language
  and font at its characters, so a Chinese name in a French paragraph is set in a CJK font;
- fonts come from Debian's packages (``scripts/setup-system``): FreeSerif, FreeSans and
  FreeMono for Latin and Cyrillic (``fonts-freefont-otf``), Noto Naskh and Noto Sans Arabic
  (``fonts-noto-core``), Noto Serif, Sans and Sans Mono CJK SC (``fonts-noto-cjk``).

A glyph no font has is still written to the LaTeX log as "Missing character", never dropped
silently. Every choice gives way to the user: a ``latex_engine`` other than Sphinx's default
for the language, or any of ``fontenc``, ``fontpkg``, ``babel``, ``polyglossia`` in
``latex_elements``, and the extension leaves the LaTeX set-up to Sphinx and the user.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.builders.latex import default_latex_engine

from .config import build_settings
from .i18n import DEFAULT_LANGUAGE, report_language

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders.latex import LaTeXBuilder
    from sphinx.config import Config

ENGINE = "lualatex"
#: latex_elements keys that hold the language and font set-up; one set by the user wins.
USER_KEYS = ("fontenc", "fontpkg", "babel", "polyglossia", "multilingual")
#: babel's name for each UN language.
BABEL_NAMES = {
    "ar": "arabic",
    "zh": "chinese",
    "en": "english",
    "fr": "french",
    "es": "spanish",
    "ru": "russian",
}
#: Scripts pdfLaTeX's fonts lack, and the characters that show them (compiled by ``re`` on first
#: use, in a LaTeX build only: compiling the CJK ranges costs more than the module's import).
SCRIPT_PATTERNS = {
    "arabic": "[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefe]",
    "cjk": (
        "[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u31a0-\u31ff\u3400-\u4dbf"
        "\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
    ),
}
#: The script each language is written in, when it is not Latin or Cyrillic.
LANGUAGE_SCRIPTS = {"ar": "arabic", "zh": "cjk"}
#: babel language standing for a script found in a report in another language.
SCRIPT_LANGUAGES = {"arabic": "arabic", "cjk": "chinese", "latin": "english"}
#: Serif, sans-serif and monospaced font of each script (Debian packages, see the docstring).
FONTS = {
    "latin": ("FreeSerif", "FreeSans", "FreeMono"),
    "arabic": ("Noto Naskh Arabic", "Noto Sans Arabic", "Noto Sans Arabic"),
    "cjk": ("Noto Serif CJK SC", "Noto Sans CJK SC", "Noto Sans Mono CJK SC"),
}
#: Arabic needs HarfBuzz to join and shape its letters.
FONT_OPTIONS = {"arabic": ("Renderer=HarfBuzz",)}
FAMILIES = ("rm", "sf", "tt")

FONTENC = "\\usepackage{fontspec}\n\\defaultfontfeatures[\\rmfamily,\\sffamily,\\ttfamily]{}"
UTF8EXTRA = "\\catcode`^^^^00a0\\active\\protected\\def^^^^00a0{\\leavevmode\\nobreak\\ }"


def scripts_in(text: str) -> set[str]:
    """The scripts of :data:`SCRIPT_PATTERNS` that ``text`` holds."""
    return {name for name, pattern in SCRIPT_PATTERNS.items() if re.search(pattern, text)}


def engine_is_default(config: Config) -> bool:
    """Whether ``latex_engine`` is still what Sphinx picks for the language (not the user's)."""
    return config.latex_engine == default_latex_engine(config)


def user_set_fonts(config: Config) -> bool:
    return any(key in config.latex_elements for key in USER_KEYS)


def choose_engine(app: Sphinx, config: Config) -> None:
    """``config-inited``: LuaLaTeX for a report in another language than English.

    Sphinx's own babel or polyglossia set-up is switched off (it knows neither Arabic nor
    Chinese, and would load the language twice); :func:`prepare_languages` writes ours.
    """
    settings = build_settings(config)
    settings.latex_languages = engine_is_default(config) and not user_set_fonts(config)
    if not settings.latex_languages or report_language(config.language) == DEFAULT_LANGUAGE:
        return
    config.latex_engine = ENGINE
    config.latex_elements = {**config.latex_elements, "babel": "", "polyglossia": ""}


def babel_setup(language: str, scripts: set[str]) -> str:
    """babel and fonts for a report in ``language`` (a UN language) holding ``scripts``."""
    main_script = LANGUAGE_SCRIPTS.get(language, "latin")
    others = sorted((scripts | {"latin"}) - {main_script})
    # basic-r: LuaTeX's own algorithm for right-to-left text; "basic" leaves the paragraphs
    # of p-columns (every table cell) unshaped and left to right in babel 3.84
    rtl = "arabic" in scripts | {main_script}
    lines = [
        "\\usepackage[bidi=basic-r]{babel}" if rtl else "\\usepackage{babel}",
        f"\\babelprovide[import, main]{{{BABEL_NAMES[language]}}}",
    ]
    lines += [
        f"\\babelprovide[import, onchar=ids fonts]{{{SCRIPT_LANGUAGES[script]}}}"
        for script in others
        if SCRIPT_LANGUAGES[script] != BABEL_NAMES[language]
    ]
    # punctuation a script's font lacks (an en dash in Noto Sans Arabic) from the Latin font
    for family, font in zip(FAMILIES, FONTS["latin"], strict=True):
        lines.append(
            f'\\directlua{{luaotfload.add_fallback("sphinxwsis{family}", {{"{font}:mode=harf;"}})}}'
        )
    lines += _fonts(main_script, None)
    for script in others:
        lines += _fonts(script, SCRIPT_LANGUAGES[script])
    # URLs are set by url.sty outside babel's reach: one Latin monospaced font for them
    lines += [
        f"\\newfontfamily\\sphinxwsisurlfont{{{FONTS['latin'][2]}}}",
        "\\AtBeginDocument{\\def\\UrlFont{\\sphinxwsisurlfont}}",
    ]
    return "\n".join(lines)


def _fonts(script: str, language: str | None) -> list[str]:
    qualifier = f"[{language}]" if language else ""
    lines = []
    for family, font in zip(FAMILIES, FONTS[script], strict=True):
        options = [*FONT_OPTIONS.get(script, ())]
        if script != "latin":
            options.append(f"RawFeature={{fallback=sphinxwsis{family}}}")
        option_text = f"[{', '.join(options)}]" if options else ""
        lines.append(f"\\babelfont{qualifier}{{{family}}}{option_text}{{{font}}}")
    return lines


def report_scripts(app: Sphinx, builder: LaTeXBuilder) -> set[str]:
    """The scripts of every source file of the report, included files too, and of conf.py's
    names, read as text: what the PDF will have to set."""
    env = builder.env
    paths = {Path(env.doc2path(docname)) for docname in env.found_docs}
    for dependencies in env.dependencies.values():
        paths.update(Path(app.srcdir, dependency) for dependency in dependencies)
    found = scripts_in(" ".join([builder.config.project, builder.config.author]))
    for path in paths:
        try:
            found |= scripts_in(path.read_text("utf-8", errors="replace"))
        except OSError:
            continue
        if found == set(SCRIPT_PATTERNS):
            break
    return found


def prepare_languages(app: Sphinx, builder: LaTeXBuilder) -> None:
    """``write-started``: set up babel and fonts for the language and the scripts found.

    An English report holding Arabic or Chinese text moves from pdfLaTeX to LuaLaTeX here,
    once the text is known; the translators and ``latexmkrc`` are made after this event.
    """
    config = builder.config
    if not build_settings(config).latex_languages:
        return
    language = report_language(config.language)
    scripts = report_scripts(app, builder)
    if config.latex_engine != ENGINE:
        if not scripts:
            return  # English in Latin script: pdfLaTeX, as Sphinx sets it up
        config.latex_engine = ENGINE
        builder.context.update(
            latex_engine=ENGINE,
            fontenc=FONTENC,
            utf8extra=UTF8EXTRA,
            substitutefont="",
            textcyrillic="",
            textgreek="",
            fontsubstitution="",
            shorthandoff="",
        )
    builder.context["multilingual"] = ""
    builder.context["fontpkg"] = babel_setup(language, scripts)


#: luaotfload rewrites its font-name lookup cache whenever a run asks for a font by name (the
#: fallback fonts); latexmk sees the changed cache file and reruns until it gives up. The
#: cache is not an input of the document: its content is ignored when latexmk compares files.
LATEXMK_IGNORE_CACHE = "$hash_calc_ignore_pattern{'luc'} = '^';  # sphinx-wsis: luaotfload cache\n"


def finish_latexmkrc(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: make latexmk ignore luaotfload's cache in a build we set up."""
    builder = app.builder
    if exception is not None or builder.format != "latex":
        return
    if builder.config.latex_engine != ENGINE or not build_settings(builder.config).latex_languages:
        return
    rc = Path(builder.outdir, "latexmkrc")
    if rc.is_file() and LATEXMK_IGNORE_CACHE not in rc.read_text("utf-8"):
        with rc.open("a", encoding="utf-8") as handle:
            handle.write("\n" + LATEXMK_IGNORE_CACHE)
