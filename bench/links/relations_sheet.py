#!/usr/bin/env python3
"""Prints every typed relation of a `streamlens links` NDJSON output, one per
line: article id, subject, type, object, role, evidence sentence.
Usage: python3 bench/links/relations_sheet.py /tmp/links.ndjson"""
import json, sys
n = 0
arts = 0
for line in open(sys.argv[1]):
    a = json.loads(line)
    rels = a.get("relations", [])
    if rels:
        arts += 1
    for r in rels:
        n += 1
        t = r.get("type", "").replace("RELATION_TYPE_", "")
        print(f'{a["id"]}\t{r.get("subjectId")}\t{t}\t{r.get("objectId")}\t{r.get("role","")}\t{r.get("evidence","")}')
print(f"# {n} relations in {arts} articles", file=sys.stderr)
