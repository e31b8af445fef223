"""``python -m sphinx_wsis.cli``: the ``sphinx-wsis`` command."""

from . import main

main()
