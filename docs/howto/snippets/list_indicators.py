"""Print every indicator of report.json with its value, unit and year."""

import json

with open("report.json", encoding="utf-8") as stream:
    report = json.load(stream)
for indicator in report["indicators"]:
    print(f"{indicator['name']}: {indicator['value']} {indicator['unit']} ({indicator['year']})")
print(report["completeness"]["totals"])
