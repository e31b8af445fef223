"""Sphinx configuration of the sphinx-wsis documentation site.

The site documents sphinx-wsis; it is not itself a WSIS report, so it does not enable
``sphinx_wsis`` (its completeness checks would flag every missing part). Examples are
included from ``example_project/``, which the tests build, and the reference pages are
generated from the code by the local extension ``_ext/wsis_reference.py``.
"""

from __future__ import annotations

import datetime
import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE / "_ext"))
sys.path.insert(0, str(HERE.parent))  # tests.bad_inputs: the corpus the warnings page lists

import sphinx_wsis  # noqa: E402
from sphinx_wsis.template import DEFAULT_TEMPLATE, load_template, resolve_template  # noqa: E402

project = "sphinx-wsis"
author = "sphinx-wsis contributors"
copyright = "2025, sphinx-wsis contributors"
release = version = sphinx_wsis.__version__

extensions = ["myst_parser", "wsis_reference"]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist", "substitution"]
myst_heading_anchors = 3

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "howto/snippets", "howto/ci"]
nitpicky = True

html_title = "sphinx-wsis"
html_static_path = ["_static"]
html_theme = "furo" if importlib.util.find_spec("furo") else "alabaster"
html_show_sourcelink = False

# Where and when to submit, from the template's own ``submission:`` block, so the tutorial
# says what the template says: {{ submission_email }} and friends in the MyST pages.
_submission = dict(load_template(resolve_template(DEFAULT_TEMPLATE, HERE)).submission)
_deadline = datetime.date.fromisoformat(_submission["deadline"])
myst_substitutions = {
    "submission_email": _submission["email"],
    "submission_deadline": f"{_deadline.day} {_deadline:%B %Y}",
    "submission_url": _submission["url"],
}
