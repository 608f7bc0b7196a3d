#!/usr/bin/env python3
"""A recall sheet for typed relations (docs/quality.md, "Relations"): draws a
seeded random sample of the articles in which the linker finds a person and an
organisation or company, and prints for each the first 1,800 characters of the
text, the people, organisations and companies found, and the relations read,
for a person to list the relations the text states between found entities and
mark which the linker read.

  build/services/cli/streamlens links ../shared/data/reuters21578 > /tmp/links.ndjson
  python3 bench/links/relations_recall_sheet.py /tmp/links.ndjson ../shared/data/reuters21578 \
      --seed 2612027 --count 30
"""
import argparse, glob, html, json, os, random, re

p = argparse.ArgumentParser()
p.add_argument("links")
p.add_argument("sgml_dir")
p.add_argument("--seed", type=int, required=True)
p.add_argument("--count", type=int, default=30)
a = p.parse_args()

kinds = {"ENTITY_TYPE_PERSON": "person", "ENTITY_TYPE_ORGANISATION": "org", "ENTITY_TYPE_COMPANY": "company"}
pool = []
for line in open(a.links):
    r = json.loads(line)
    types = {e.get("type") for e in r.get("entities", [])}
    if "ENTITY_TYPE_PERSON" in types and types & {"ENTITY_TYPE_ORGANISATION", "ENTITY_TYPE_COMPANY"}:
        pool.append(r)
sample = random.Random(a.seed).sample(pool, min(a.count, len(pool)))
wanted = {r["id"] for r in sample}
texts = {}
for path in sorted(glob.glob(os.path.join(a.sgml_dir, "*.sgm"))):
    for art in open(path, encoding="latin-1").read().split("</REUTERS>"):
        m = re.search(r'NEWID="(\d+)"', art)
        if m and "reuters-" + m.group(1) in wanted:
            body = re.search(r"<BODY>(.*?)</BODY>", art, re.S)
            texts["reuters-" + m.group(1)] = html.unescape(body.group(1)) if body else ""
print(f"# {len(sample)} of {len(pool)} articles with a person and an organisation or company, seed {a.seed}")
for i, r in enumerate(sample):
    print("=" * 78)
    print(f"{i} {r['id']}  {r.get('title', '')}")
    print(texts.get(r["id"], "")[:1800])
    print("-" * 78)
    for e in r.get("entities", []):
        if e.get("type") in kinds:
            print(f"  {kinds[e['type']]:8} {e['id']}  ({e.get('name', '')})")
    for rel in r.get("relations", []):
        t = rel.get("type", "").replace("RELATION_TYPE_", "")
        print(f"  REL {rel.get('subjectId')} {t} {rel.get('objectId')} [{rel.get('role', '')}]")
