"""Check that report.json is valid against the JSON Schema shipped with sphinx-wsis."""

import json
from importlib.resources import files

import jsonschema

schema = json.loads((files("sphinx_wsis") / "schemas" / "report.schema.json").read_text())
with open("report.json", encoding="utf-8") as stream:
    report = json.load(stream)
jsonschema.validate(report, schema)
print("report.json is valid")
