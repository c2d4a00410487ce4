#!/usr/bin/env python3
"""Rewrites the table under "## Sources and their review dates" in pathways/CHANGELOG.md from
the pathway files: one row per source (id, file, tag, checked, review by, title). Run after
adding a source or changing its dates; a test checks the table against the content."""
import glob, json, os, re

root = os.path.join(os.path.dirname(__file__), "..")
log_path = os.path.join(root, "pathways", "CHANGELOG.md")
rows = []
paths = sorted(glob.glob(os.path.join(root, "pathways", "*.json")), key=lambda p: (os.path.basename(p) != "shared.json", p))
for path in paths:
    name = os.path.basename(path)
    if name == "pathway.schema.json":
        continue
    for sid, s in json.load(open(path, encoding="utf-8")).get("sources", {}).items():
        title = s["title"].replace("|", "\\|")
        rows.append(f"| `{sid}` | {name} | {s['evidence']} | {s['checked']} | {s['review_by']} | {title} |")

log = open(log_path, encoding="utf-8").read()
head = log.index("## Sources and their review dates")
start = log.index("\n| ", head)
# the header and its rule line stay; the rows after them are replaced
lines = log[start + 1:].split("\n")
header, rule = lines[0], lines[1]
end = 2
while end < len(lines) and lines[end].startswith("| "):
    end += 1
rest = "\n".join(lines[end:])
log = log[: start + 1] + "\n".join([header, rule] + rows) + ("\n" + rest if rest else "\n")
open(log_path, "w", encoding="utf-8").write(log)
print(f"{len(rows)} sources")
