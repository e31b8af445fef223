"""Report templates shipped with sphinx-wsis, registered through ``sphinx_wsis.templates``."""

from importlib.resources import files

WSIS20_STAKEHOLDER = files(__name__) / "wsis20-stakeholder.yaml"
