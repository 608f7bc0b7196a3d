#!/usr/bin/env python3
"""Earnings extraction quality on the Reuters-21578 `earn` reports.

Runs `streamlens ingest --dry-run` on ../shared/data/reuters21578 and reports:
  * how many `earn` articles yield at least one earnings event, and at least
    one metric with a prior value (the "vs" figure), with the reasons for the
    rest;
  * a hand-check sheet: a seeded random sample of reports that yielded
    figures, each article's text next to what was extracted, for a person to
    read (bench/ingest/earn_handcheck_sheet.txt). The verdicts of such a
    reading are kept in bench/ingest/earn_handcheck_verdicts.txt and counted
    here when present.

Usage: bench/ingest/earn_quality.py [--streamlens PATH] [--data DIR] [--sample N] [--seed S]
"""
import argparse
import collections
import json
import os
import random
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def amount(a):
    if not a:
        return "-"
    units = int(a.get("units", "0"))
    scale = a.get("scale", 0)
    sign = "-" if units < 0 else ""
    digits = str(abs(units)).rjust(scale + 1, "0")
    text = digits if scale == 0 else digits[:-scale] + "." + digits[-scale:]
    unit = {"UNIT_MONEY": a.get("currency", ""), "UNIT_MONEY_PER_SHARE": a.get("currency", "") + "/shr",
            "UNIT_SHARES": "shares", "UNIT_PERCENT": "%"}.get(a.get("unit"), a.get("unit"))
    return f"{sign}{text} {unit}"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--streamlens", default=os.path.join(ROOT, "build/services/cli/streamlens"))
    p.add_argument("--data", default=os.path.join(ROOT, "../shared/data/reuters21578"))
    p.add_argument("--sample", type=int, default=50)
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--sheet", default="/tmp/earn_handcheck_sheet.txt")
    args = p.parse_args()

    run = subprocess.run([args.streamlens, "ingest", "--dry-run", "--progress=false", args.data],
                         capture_output=True, text=True, check=True)
    news, earnings = {}, collections.defaultdict(list)
    for line in run.stdout.splitlines():
        r = json.loads(line)
        if "news" in r:
            news[r["news"]["id"]] = r["news"]
        else:
            earnings[r["earnings"].get("sourceArticleId", "")].append(r["earnings"])
    reasons = {}
    for line in run.stderr.splitlines():
        m = re.match(r"\s+\S+ NEWID=(\d+): (earnings: .*)", line)
        if m:
            reasons["reuters-" + m.group(1)] = m.group(2)

    earn = [i for i, n in news.items() if "earn" in n.get("topics", [])]
    with_events = [i for i in earn if earnings.get(i)]
    with_prior = [i for i in earn if any("priorValue" in m for e in earnings.get(i, []) for m in e["metrics"])]
    metrics = sum(len(e["metrics"]) for i in earn for e in earnings.get(i, []))
    metrics_prior = sum(1 for i in earn for e in earnings.get(i, []) for m in e["metrics"] if "priorValue" in m)
    print(f"earn articles: {len(earn)}")
    print(f"  with at least one earnings event:         {len(with_events)} ({100 * len(with_events) / len(earn):.1f}%)")
    print(f"  with at least one metric stating a prior: {len(with_prior)} ({100 * len(with_prior) / len(earn):.1f}%)")
    print(f"  earnings events: {sum(len(earnings.get(i, [])) for i in earn)}, metrics: {metrics}, with prior: {metrics_prior}")
    why = collections.Counter(reasons.get(i, "?") for i in earn if not earnings.get(i))
    print("  articles without events, by reason:")
    for reason, n in why.most_common():
        print(f"    {n:5d}  {reason}")
    kinds = collections.Counter(m["kind"] for i in earn for e in earnings.get(i, []) for m in e["metrics"])
    print("  metrics by kind: " + ", ".join(f"{k.replace('METRIC_KIND_', '')} {n}" for k, n in kinds.most_common()))
    periods = collections.Counter(e.get("period", {}).get("kind", "PERIOD_KIND_UNSPECIFIED")
                                  for i in earn for e in earnings.get(i, []))
    print("  events by period: " + ", ".join(f"{k.replace('PERIOD_KIND_', '')} {n}" for k, n in periods.most_common()))

    # The hand-check sheet: a seeded sample of reports that yielded figures.
    rng = random.Random(args.seed)
    sample = rng.sample(sorted(with_events, key=lambda i: int(i.split("-")[1])), args.sample)
    with open(args.sheet, "w") as out:
        out.write(f"# Hand-check sheet: {args.sample} earn reports with figures, random.Random({args.seed}).sample\n\n")
        for i in sample:
            n = news[i]
            out.write("=" * 78 + f"\n{i}  {n.get('title', '')}\n{n.get('dateline', '')}  published {n.get('publishedAt', '')}\n")
            out.write("-" * 78 + "\n" + n.get("body", "") + "\n" + "-" * 78 + "\n")
            for e in earnings[i]:
                per = e.get("period", {})
                out.write(f"  {e['entity']['id']} ({e['entity'].get('name', '')})  "
                          f"[{per.get('kind', 'UNSPECIFIED').replace('PERIOD_KIND_', '')} q{per.get('fiscalQuarter', 0)} "
                          f"fy{per.get('fiscalYear', 0)} end={per.get('endDate', '')} label={per.get('label', '')!r}]\n")
                for m in e["metrics"]:
                    nil = " (nil)" if m.get("nil") else ""
                    out.write(f"      {m['kind'].replace('METRIC_KIND_', ''):16s} {m.get('label', '')!r:22s} "
                              f"{amount(m.get('value'))}{nil}  vs  {amount(m.get('priorValue'))}\n")
            out.write("\n")
    print(f"hand-check sheet: {args.sheet} ({len(sample)} reports, seed {args.seed})")

    verdicts = os.path.join(ROOT, "bench/ingest/earn_handcheck_verdicts.txt")
    if os.path.exists(verdicts):
        ok = wrong = checked_values = wrong_values = 0
        for line in open(verdicts):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            # id, verdict (ok|wrong), values checked, values wrong, note
            checked_values += int(fields[2])
            wrong_values += int(fields[3])
            if fields[1] == "ok":
                ok += 1
            else:
                wrong += 1
        print(f"hand check: {ok + wrong} reports read, {wrong} with at least one wrong figure; "
              f"{wrong_values} wrong of {checked_values} values checked ({100 * wrong_values / max(checked_values, 1):.2f}%)")


if __name__ == "__main__":
    sys.exit(main())
