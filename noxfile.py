"""Test matrix: the oldest and newest Python with the newest Sphinx each supports."""

from __future__ import annotations

import nox

nox.options.sessions = ["lint", "tests-3.11", "tests-3.13", "docs"]
nox.options.error_on_missing_interpreters = True
nox.options.reuse_existing_virtualenvs = True

SPHINX_FOR_PYTHON = {
    "3.11": "sphinx>=9.0,<9.1",  # Sphinx 9.1 needs Python 3.12+
    "3.13": "sphinx>=9.1,<9.2",
}


@nox.session(python=list(SPHINX_FOR_PYTHON))
def tests(session: nox.Session) -> None:
    """The test suite, with real MyST, sphinx-needs and TeX Live."""
    session.install("-e", ".[test]", SPHINX_FOR_PYTHON[session.python])  # type: ignore[index]
    session.run(
        "python", "-c", "import sphinx, sys; print('Sphinx', sphinx.__version__, sys.version)"
    )
    session.run("pytest", *session.posargs)


@nox.session(python="3.11")
def lint(session: nox.Session) -> None:
    """ruff lint and format check; the message catalog is complete and compiled."""
    session.install("ruff", "babel")
    paths = ["sphinx_wsis", "tests", "docs", "benchmarks", "noxfile.py"]
    session.run("ruff", "check", *paths)
    session.run("ruff", "format", "--check", *paths)
    session.run("python", "scripts/update-translations", "--check")
    session.run("python", "scripts/update-translations", "--dry-run")


@nox.session(python="3.11")
def docs(session: nox.Session) -> None:
    """The documentation site, with every warning an error (its reference is generated)."""
    session.install("-e", ".[docs]")
    session.run(
        "sphinx-build", "-W", "--keep-going", "-E", "-b", "html", "docs", "docs/_build/html"
    )
