#!/usr/bin/env python3
"""Draws a seeded random sample of metric deltas computed from the Reuters
earn reports and prints each next to the article it came from, for a hand
check against the text (docs/quality.md, "Metric deltas").

  streamlens deltas --quiet --prose=false --reports-out=/tmp/reports.ndjson \
      ../shared/data/reuters21578 > /tmp/deltas.ndjson
  bench/deltas_handcheck.py /tmp/deltas.ndjson /tmp/reports.ndjson \
      ../shared/data/reuters21578 --seed 1987 --count 60

With --verdicts FILE (lines "<n> ok|wrong <note>"), prints the tally instead.
With --save FILE, writes the sample (each delta with its source article id)
as NDJSON, so the check stays reproducible when the loaders change; with
--recheck FILE, reports which saved deltas the current run still produces
with the same figures (same source report, metric, basis and version; same
current, prior, change, status and period).
"""
import argparse
import glob
import json
import os
import random
import re
import sys


def amount(a):
    if not a:
        return "-"
    units = int(a.get("units", "0"))
    scale = a.get("scale", 0)
    text = f"{units / 10 ** scale:,.{scale}f}"
    unit = {"UNIT_MONEY_PER_SHARE": "/shr", "UNIT_PERCENT": "%", "UNIT_SHARES": " shrs"}.get(a.get("unit"), "")
    return f"{text}{unit} {a.get('currency', '')}".strip()


def articles(sgml_dir, wanted):
    found = {}
    for path in sorted(glob.glob(os.path.join(sgml_dir, "*.sgm"))):
        text = open(path, encoding="latin-1").read()
        for m in re.finditer(r'<REUTERS[^>]*NEWID="(\d+)">(.*?)</REUTERS>', text, re.S):
            if m.group(1) in wanted:
                found[m.group(1)] = m.group(2)
    return found


def clean(article):
    title = re.search(r"<TITLE>(.*?)</TITLE>", article, re.S)
    body = re.search(r"<BODY>(.*?)</BODY>", article, re.S)
    out = (title.group(1) if title else "") + "\n" + (body.group(1) if body else "")
    out = out.replace("&lt;", "<").replace("&amp;", "&")
    return re.sub(r"&#\d+;", "", out).strip()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("deltas")
    p.add_argument("reports")
    p.add_argument("sgml_dir")
    p.add_argument("--seed", type=int, default=1987)
    p.add_argument("--count", type=int, default=60)
    p.add_argument("--verdicts")
    p.add_argument("--save")
    p.add_argument("--recheck")
    args = p.parse_args()

    deltas = [json.loads(line) for line in open(args.deltas)]
    reports = {}
    for line in open(args.reports):
        r = json.loads(line)
        reports.setdefault(r["id"], r)
    if args.recheck:
        figures = ("current", "prior", "absoluteChange", "percentChange", "percentStatus", "period")
        def key(d):  # what the delta is about, independent of how ids are derived
            return (d["sourceEventId"], d.get("label"), d.get("segment", ""), d["basis"], d.get("version"))
        now = {key(d): d for d in deltas}
        same = changed = missing = 0
        for line in open(args.recheck):
            saved = json.loads(line)["delta"]
            d = now.get(key(saved))
            if d is None:
                missing += 1
            elif all(d.get(f) == saved.get(f) for f in figures):
                same += 1
            else:
                changed += 1
                print("changed:", saved["id"], {f: (saved.get(f), d.get(f)) for f in figures if d.get(f) != saved.get(f)})
        print(f"saved sample: {same} produced with the same figures, {changed} changed, {missing} no longer produced")
        return 0
    sample = random.Random(args.seed).sample(deltas, args.count)
    if args.save:
        with open(args.save, "w") as out:
            for d in sample:
                src = reports.get(d["sourceEventId"], {}).get("sourceArticleId", "")
                out.write(json.dumps({"article": src, "delta": d}) + "\n")

    if args.verdicts:
        tally = {}
        for line in open(args.verdicts):
            if line.strip() and not line.startswith("#"):
                verdict = line.split()[1]
                tally[verdict] = tally.get(verdict, 0) + 1
        print(f"sample {args.count} of {len(deltas)} deltas (seed {args.seed}): {tally}")
        return

    newids = {}
    for i, d in enumerate(sample):
        src = reports.get(d["sourceEventId"], {}).get("sourceArticleId", "")
        newids[i] = src.replace("reuters-", "")
    texts = articles(args.sgml_dir, set(newids.values()))
    for i, d in enumerate(sample):
        period = d.get("period", {})
        print(f"=== {i} {d['id']} v{d.get('version', 1)}{' correction' if d.get('correction') else ''}")
        print(f"  {d['entity']['id']} ({d['entity'].get('name', '')})  {d.get('label')}  "
              f"period: {period.get('label', '')} {period.get('endDate', '')} {period.get('fiscalYear', '')}")
        print(f"  current {amount(d.get('current'))}  prior {amount(d.get('prior'))}  "
              f"change {amount(d.get('absoluteChange'))}  pct {amount(d.get('percentChange'))}  "
              f"{d.get('percentStatus', '').replace('PERCENT_CHANGE_STATUS_', '')}")
        print("  article NEWID=" + newids[i])
        print("    " + clean(texts.get(newids[i], "(not found)")).replace("\n", "\n    "))
    return 0


if __name__ == "__main__":
    sys.exit(main())
