"""The indicator catalogue and the vocabulary of units, both shipped as data (``data/*.yaml``).

``wsis-indicator :code: 17.8.1`` takes its official name, definition and unit from the
catalogue, in the report's language (English when the catalogue has no text in it). A project
adds or overrides entries with ``wsis_indicator_catalogue`` (one YAML file or a list of them,
in the format of ``data/indicators.yaml``). Units are a vocabulary too, so two reports saying
``per-100`` mean the same thing and a secretariat can stack them; free text stays allowed.
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from . import yaml_data
from .config import build_settings, template_of
from .domain import domain_of
from .i18n import report_language
from .warnings import WsisWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


DATA_DIR = Path(__file__).parent / "data"
_DIMENSION_KEY = "abcdefghijklmnopqrstuvwxyz0123456789-_"


class CatalogueError(Exception):
    """A catalogue file that cannot be used; ``location`` is ``path:line`` when known."""

    def __init__(self, message: str, location: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.location = location


#: The UN language of a Sphinx ``language`` setting (``fr_CA`` → ``fr``), else English.
language_of = report_language


def _localized(texts: dict[str, str], language: str) -> str:
    return texts.get(language) or texts.get("en") or ""


@dataclass(frozen=True)
class Entry:
    """One catalogue indicator."""

    code: str
    names: dict[str, str]
    definitions: dict[str, str]
    units: tuple[str, ...]
    unit_mult: int = 0
    dimensions: tuple[str, ...] = ()
    custodian: str = ""
    source: str = ""
    translation: dict[str, str] = field(default_factory=dict)

    @property
    def unit(self) -> str:
        return self.units[0]

    def name(self, language: str) -> str:
        return _localized(self.names, language)

    def definition(self, language: str) -> str:
        return _localized(self.definitions, language)


@dataclass(frozen=True)
class Unit:
    """A unit of measure indicators may give, with its SDMX code and labels by language."""

    key: str
    labels: dict[str, str]
    unit_measure: str = ""
    symbol: str = ""

    def label(self, language: str) -> str:
        return _localized(self.labels, language)


@dataclass(frozen=True)
class Multiplier:
    """A unit multiplier (thousands, millions …) with its SDMX ``UNIT_MULT`` power."""

    key: str
    labels: dict[str, str]
    unit_mult: int

    def label(self, language: str) -> str:
        return _localized(self.labels, language)


@dataclass(frozen=True)
class Catalogue:
    """The indicator catalogue: entries by normalized code, and the digest of its text."""

    entries: dict[str, Entry]
    digest: str

    def entry(self, code: str) -> Entry | None:
        """The entry of a code as written: ``17.8.1``, ``SDG 17.8.1``, ``i271mw`` (any case)."""
        wanted = normalize_code(code)
        for key, entry in self.entries.items():
            if normalize_code(key) == wanted:
                return entry
        return None

    def suggest(self, code: str) -> str | None:
        """The catalogue code closest to a wrong one, for a "did you mean" hint."""
        keys = {normalize_code(k): k for k in self.entries}
        close = difflib.get_close_matches(normalize_code(code), list(keys), n=1, cutoff=0.5)
        return keys[close[0]] if close else None


def normalize_code(code: str) -> str:
    value = code.strip().lower().replace(" ", "")
    return value.removeprefix("sdg").lstrip(":")


# -- units ---------------------------------------------------------------------------------------


@cache
def _unit_data() -> tuple[dict[str, Unit], dict[str, str], dict[str, Multiplier], dict[str, str]]:
    data = yaml_data.load((DATA_DIR / "units.yaml").read_text("utf-8"))
    units: dict[str, Unit] = {}
    unit_aliases: dict[str, str] = {}
    for key, spec in data["units"].items():
        units[key] = Unit(key, dict(spec["labels"]), spec.get("unit_measure", ""),
                          spec.get("symbol", ""))  # fmt: skip
        for alias in [key, *spec.get("aliases", [])]:
            unit_aliases[alias.lower()] = key
    multipliers: dict[str, Multiplier] = {}
    mult_aliases: dict[str, str] = {}
    for key, spec in data["multipliers"].items():
        multipliers[key] = Multiplier(key, dict(spec["labels"]), int(spec["unit_mult"]))
        for alias in [key, *spec.get("aliases", [])]:
            mult_aliases[alias.lower()] = key
    return units, unit_aliases, multipliers, mult_aliases


def units() -> dict[str, Unit]:
    return _unit_data()[0]


def multipliers() -> dict[str, Multiplier]:
    return _unit_data()[2]


def standard_unit(raw: str) -> str | None:
    """The vocabulary key of a unit as written (``%`` → ``percent``), or None for free text."""
    return _unit_data()[1].get(" ".join(raw.split()).lower())


def standard_multiplier(raw: str) -> str | None:
    return _unit_data()[3].get(raw.strip().lower())


def unit_label(unit: str, language: str) -> str:
    """How a unit reads after a number in the report's language; free text stays as written."""
    known = units().get(unit)
    if known is None:
        return unit
    return known.symbol if known.symbol == "%" else known.label(language)


def unit_measure(unit: str) -> str | None:
    known = units().get(unit)
    return known.unit_measure if known else None


def multiplier_label(multiplier: str, language: str) -> str:
    known = multipliers().get(multiplier)
    return known.label(language) if known else multiplier


def unit_mult(multiplier: str) -> int:
    known = multipliers().get(multiplier)
    return known.unit_mult if known else 0


# -- loading -------------------------------------------------------------------------------------


def load_catalogue(extra: list[Path]) -> Catalogue:
    """The package catalogue with each project file's entries added or replacing ours."""
    files = [DATA_DIR / "indicators.yaml", *extra]
    entries: dict[str, Entry] = {}
    digest = hashlib.sha256()
    for path in files:
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CatalogueError(f"cannot read the indicator catalogue {path}: {exc}") from exc
        digest.update(text.encode("utf-8"))
        for entry in _entries(text, path):
            entries[entry.code] = entry
    return Catalogue(entries, digest.hexdigest())


def _entries(text: str, path: Path) -> list[Entry]:
    try:
        data = yaml_data.load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise CatalogueError(f"the indicator catalogue is not valid YAML: {exc}",
                             f"{path}{line}") from exc  # fmt: skip
    indicators = data.get("indicators") if isinstance(data, dict) else None
    if not isinstance(indicators, dict):
        raise CatalogueError("an indicator catalogue needs an 'indicators:' mapping", str(path))
    known_units = units()
    result = []
    for code, spec in indicators.items():
        where = f"indicator {code!r}"
        if not isinstance(spec, dict):
            raise CatalogueError(f"{where} must be a mapping", str(path))
        names = _texts(spec.get("name"), f"{where} name", path)
        if "en" not in names:
            raise CatalogueError(f"{where} needs an English name (name: en:)", str(path))
        unit_list = spec.get("units") or []
        if not isinstance(unit_list, list) or not unit_list:
            raise CatalogueError(f"{where} needs 'units:', a list such as [percent]", str(path))
        for unit in unit_list:
            if unit not in known_units:
                allowed = ", ".join(known_units)
                raise CatalogueError(f"{where}: unknown unit {unit!r} (use: {allowed})", str(path))
        dimensions = spec.get("dimensions") or []
        result.append(
            Entry(
                code=str(code),
                names=names,
                definitions=_texts(spec.get("definition") or {}, f"{where} definition", path),
                units=tuple(unit_list),
                unit_mult=int(spec.get("unit_mult") or 0),
                dimensions=tuple(str(d) for d in dimensions),
                custodian=str(spec.get("custodian") or ""),
                source=str(spec.get("source") or ""),
                translation={str(k): str(v) for k, v in (spec.get("translation") or {}).items()},
            )
        )
    return result


def _texts(value: Any, what: str, path: Path) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise CatalogueError(f"{what} must map languages to text (en: ..., fr: ...)", str(path))
    return {str(language): " ".join(text.split()) for language, text in value.items()}


@cache
def builtin_catalogue() -> Catalogue:
    return load_catalogue([])


# -- dimensions ----------------------------------------------------------------------------------


def dimension_key(raw: str) -> str:
    """A disaggregation key as data: ``Sex`` → ``sex``, ``labour force`` → ``labour-force``."""
    return "-".join(raw.strip().lower().split())


def valid_dimension_key(key: str) -> bool:
    return bool(key) and all(c in _DIMENSION_KEY for c in key)


# -- Sphinx set-up -------------------------------------------------------------------------------


def setup(app: Sphinx) -> None:
    """Load the catalogue with the configuration (``wsis_indicator_catalogue`` is in
    :data:`~.config.CONFIG_VALUES`); re-read every page when its content changes."""
    app.connect("config-inited", _load_configured, priority=110)
    app.connect("env-get-outdated", _outdated_by_catalogue)


def _load_configured(app: Sphinx, config: Config) -> None:
    """The built-in catalogue, then the template's files, then the project's (later wins)."""
    setting = config.wsis_indicator_catalogue
    names = [setting] if isinstance(setting, str) else list(setting or [])
    template = template_of(config)
    paths = [Path(name) for name in template.indicator_catalogues]
    paths += [Path(app.confdir or ".", name) for name in names if str(name).strip()]
    try:
        build_settings(config).catalogue = load_catalogue(paths) if paths else builtin_catalogue()
    except CatalogueError as exc:
        location = exc.location or str(Path(app.confdir or ".", "conf.py"))
        if not location.rsplit(":", 1)[-1].isdigit():
            location += ":1"
        warn(
            WsisWarning.TEMPLATE,
            "indicator catalogue: %s; the built-in catalogue is used until it is fixed",
            exc.message,
            location=location,
        )
        build_settings(config).catalogue = builtin_catalogue()


def catalogue_of(config: Config) -> Catalogue:
    return build_settings(config).catalogue or builtin_catalogue()


def _outdated_by_catalogue(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Re-read every page when a project catalogue file's content changed."""
    data = domain_of(env).data
    digest = catalogue_of(env.config).digest
    previous = data.get("catalogue_digest")
    data["catalogue_digest"] = digest
    if previous is not None and previous != digest:
        return sorted(env.found_docs - removed)
    return []
