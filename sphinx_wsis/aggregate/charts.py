"""Charts of indicators across reporting entities, as SVG (HTML) and PDF (LaTeX).

Each chart compares the normalised values of one indicator group, one bar per reported value;
a group with more values than fit as bars is drawn as a histogram. Files are reproducible:
matplotlib's SVG ids are salted with a constant and no creation date is written.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

#: Groups drawn, most-reported first: enough for an overview, not one chart per indicator.
MAX_CHARTS = 40
MAX_BARS = 40
BASE_FONTS = ["DejaVu Sans"]
#: Fallback fonts, loaded only for a chart whose labels hold their script (they are large).
SCRIPT_FONTS = (
    ("Noto Sans CJK SC", re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]")),
    ("Noto Sans Arabic", re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")),
)


def write_charts(synthesis: dict[str, Any], target: Path) -> list[Path]:
    """Draw the groups reported by two reports or more; the SVG files written."""
    groups = [
        (index, group)
        for index, group in enumerate(synthesis["indicator_groups"])
        if group["reports"] >= 2
    ]
    groups.sort(key=lambda item: (-item[1]["reports"], item[0]))
    if not groups:
        return []
    plt = _pyplot()
    target.mkdir(parents=True, exist_ok=True)
    reports = {r["id"]: r["entity"] for r in synthesis["reports"]}
    written = []
    for index, group in groups[:MAX_CHARTS]:
        members = [synthesis["indicators"][i] for i in group["indicators"]]
        points = sorted(
            (
                (m["normalised_value"], reports[m["report"]], m["normalised_unit"])
                for m in members
                if m["normalised_value"] is not None
            ),
            key=lambda p: (-p[0], p[1]),
        )
        if len(points) < 2:
            continue
        units = sorted({p[2] for p in points})
        figure = _draw(plt, points, units)
        for suffix, metadata in ((".svg", {"Date": None}), (".pdf", _PDF_METADATA)):
            path = target / f"group-{index}{suffix}"
            with warnings.catch_warnings():  # a name in a script no installed font covers
                warnings.filterwarnings("ignore", "Glyph .* missing from", UserWarning)
                figure.savefig(path, metadata=metadata)
        plt.close(figure)
        written.append(target / f"group-{index}.svg")
    return written


_PDF_METADATA = {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None}


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    global _AVAILABLE
    _AVAILABLE = {font.name for font in font_manager.fontManager.ttflist}
    matplotlib.rcParams.update(
        {"svg.hashsalt": "sphinx-wsis", "svg.fonttype": "path", "font.size": 8}
    )
    return plt


_AVAILABLE: set[str] = set()


def _fonts(labels: list[str]) -> list[str]:
    text = "".join(labels)
    extra = [name for name, script in SCRIPT_FONTS if name in _AVAILABLE and script.search(text)]
    return BASE_FONTS + extra


def _draw(plt: Any, points: list[tuple[Any, str, str]], units: list[str]) -> Any:
    unit = " / ".join(units)
    labels = [_short(p[1]) for p in points] if len(points) <= MAX_BARS else []
    plt.rcParams["font.family"] = _fonts([*labels, unit])  # the axis shows the unit as written
    if labels:
        figure, axes = plt.subplots(figsize=(7, 0.6 + 0.22 * len(points)))
        axes.barh(range(len(points)), [p[0] for p in points], color="#1f6f8b")
        axes.set_yticks(range(len(points)), labels)
        axes.invert_yaxis()
        axes.set_xlabel(unit)
    else:
        figure, axes = plt.subplots(figsize=(7, 3))
        axes.hist([p[0] for p in points], bins=20, color="#1f6f8b")
        axes.set_xlabel(unit)
        axes.set_ylabel(f"reported values ({len(points)})")
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    return figure


def _short(name: str, limit: int = 40) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"
