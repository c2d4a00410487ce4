#!/usr/bin/env python3
"""Formats content JSON files readably: objects and lists that fit in 100 columns stay on one line.

Usage: .ci/fmt_json.py FILE...   (rewrites each file in place; key order is kept)
"""
import json
import sys
from collections import OrderedDict

WIDTH = 100


def dump(value, indent=0):
    flat = json.dumps(value, ensure_ascii=False)
    if len(flat) + indent <= WIDTH or not isinstance(value, (dict, list)) or not value:
        return flat
    pad = " " * (indent + 2)
    if isinstance(value, dict):
        items = [f'{pad}{json.dumps(k, ensure_ascii=False)}: {dump(v, indent + 2)}' for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    items = [pad + dump(v, indent + 2) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"


for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        data = json.load(f, object_pairs_hook=OrderedDict)
    with open(path, "w", encoding="utf-8") as f:
        f.write(dump(data) + "\n")
