# Sphinx configuration for the example WSIS+20 stakeholder report.
# The organization, people and programmes in this report are fictional;
# global figures come from ITU Facts and Figures 2025.

project = "OANA WSIS+20 Report"
author = "Open Access Networks Alliance (OANA)"
copyright = "2025, Open Access Networks Alliance (OANA)"

extensions = ["myst_parser", "sphinx_wsis"]
myst_enable_extensions = ["colon_fence"]

exclude_patterns = ["_build"]

html_theme = "alabaster"
