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

latex_documents = [
    (
        "index",
        "wsis20-report.tex",
        "WSIS+20 Stakeholder Report 2005-2025",
        author,
        "manual",
    ),
]
latex_elements = {
    "papersize": "a4paper",
    # Read on screen and printed single-sided: no blank pages before chapters.
    "extraclassoptions": "openany,oneside",
    # The headings carry the template's own numbering (I., C1., 1.), so LaTeX adds none.
    "preamble": r"\setcounter{secnumdepth}{-1}",
}
