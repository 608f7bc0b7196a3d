#!/usr/bin/env python3
"""Earnings extraction quality on the Reuters-21578 `earn` reports.

Runs `streamlens ingest --dry-run` on ../shared/data/reuters21578 and reports:
  * how many `earn` articles yield at least one earnings event, and at least
    one metric with a prior value (the "vs" figure), by where the figures were
    read (EarningsEvent.origin: table, headline, sentence), with the loader's
    reasons for the rest and a classification of what the rest state (see
    classify());
  * a hand-check sheet: a seeded random sample of reports that yielded
    figures, each article's text next to what was extracted, for a person to
    read (bench/ingest/earn_handcheck_sheet.txt). The verdicts of such a
    reading are kept in bench/ingest/earn_handcheck_verdicts.txt and counted
    here when present.

  * with --new-reader N, the sample is stratified: N reports whose figures
    come from a headline or a sentence, the rest from tables.

Usage: bench/ingest/earn_quality.py [--streamlens PATH] [--data DIR] [--sample N] [--seed S]
           [--new-reader N] [--sheet PATH] [--verdicts PATH]
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

# What an article without a metric-with-prior states, judged from its text
# (a heuristic, checked by hand on samples: docs/quality.md). A "candidate" is
# a sentence (or the headline) naming an earnings metric with two amounts and
# a comparison word: a figure with a prior that a reader could take.
METRIC = re.compile(r"\b(net|profits?|loss(es)?|earnings|revenues?|sales|turnover|income|shr|share|dividend|div|payout)\b",
                    re.I)
AMOUNT = re.compile(r"\b\d[\d,./-]*\s*(mln|billion|dlrs?|cts|p\b|stg|marks|francs|guilders|yen|lire|crowns)", re.I)
CUE = re.compile(r"\b(vs\.?|versus|from|compared|against)\b", re.I)
HEDGE = re.compile(r"\b(expects?|expected|sees|estimates?|estimated|will|would|could|may|might|forecasts?|"
                   r"projects?|projected|anticipates?)\b", re.I)


def candidates(n):
    """Sentences (or the headline) naming a metric with two amounts and a comparison word."""
    title, body = n.get("title", ""), n.get("body", "")
    text = (title + ". " + body) if body else title
    sentences = re.split(r'(?<=[.;])\s+(?=[A-Z<"])', re.sub(r"\s+", " ", text))
    return [s for s in sentences if METRIC.search(s) and len(AMOUNT.findall(s)) >= 2 and CUE.search(s)]


def classify(n):
    title, body = n.get("title", ""), n.get("body", "")
    text = (title + ". " + body) if body else title
    cand = candidates(n)
    if not body and not cand:
        return "no body, and the headline states no figure with a prior"
    if not cand:
        low = text.lower()
        if "split" in low:
            return "no figure with a prior: stock split"
        if re.search(r"\b(div|dividend|payout|distribution)\b", low):
            return "no figure with a prior: dividend declared, no prior stated"
        if HEDGE.search(low):
            return "no figure with a prior: forecast or outlook"
        return "no figure with a prior: other (charges, deals, comment)"
    if all(HEDGE.search(s) for s in cand):
        return "figures only in hedged sentences (forecasts, estimates)"
    return "a figure with a prior that the loader does not read"


# The shape of text that defeats the reader, for the articles of the class
# "a figure with a prior that the loader does not read" (a heuristic on their
# unhedged candidate sentences, first match wins; see docs/quality.md).
SHAPES = [
    ("headline flash without a body (currency unknown, or words inside the figure line)",
     lambda n, c: not n.get("body")),
    ("a part, the parent company or another company (segments, units, 'parent company', 'domestic group')",
     lambda n, c: all(re.search(r"\b(parent|units?|subsidiar\w+|divisions?|segments?|sectors?|operations|"
                                r"domestic|world group|affiliates?|offshoot|business(es)?)\b|<", x, re.I) or
                      re.match(r"\s*[A-Z][a-z]+ [A-Z]", x) and not re.match(r"\s*(The|It|In|For|Earlier)\b", x)
                      for x in c)),
    ("a restated, revised or previously reported figure",
     lambda n, c: all(re.search(r"\b(previously|restated?|revised?|corrected|adjusts?)\b", x, re.I) for x in c)),
    ("a qualified figure (before or excluding items, from continuing operations, after a credit)",
     lambda n, c: all(re.search(r"(?<!year )\b(before|excluding|continuing|after a|after the)\b", x, re.I) for x in c)),
    ("a dividend in a form not read (declared ... compared with, passive, 'an increase in the dividend')",
     lambda n, c: all(re.search(r"\b(div|dividends?|distribution|payout)\b", x, re.I) for x in c)),
    ("a change stated around the figure ('a rise from', 'up 12 pct from', 'rose from X to Y')",
     lambda n, c: any(re.search(r"\b(rise|increase|gain|decline|drop|fall|turnaround|up|down) (of )?[\d.]* ?(pct )?from\b|"
                                r"\bfrom [\d.,]+ .{0,30}\bto [\d.,]+", x) for x in c)),
    ("other sentence forms (subjects, verbs and word orders the reader does not take)", lambda n, c: True),
]


def shape(n):
    cand = [x for x in candidates(n) if not HEDGE.search(x)] or candidates(n)
    for name, test in SHAPES:
        if test(n, cand):
            return name
    return SHAPES[-1][0]


def wilson(k, n, z=1.96):
    if n == 0:
        return 0.0, 0.0
    p = k / n
    d = 1 + z * z / n
    c = p + z * z / (2 * n)
    h = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5)
    return (c - h) / d, (c + h) / d


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
    p.add_argument("--new-reader", type=int, default=0,
                   help="draw this many of the sample from reports read from a headline or a sentence")
    p.add_argument("--changed-since", default="",
                   help="NDJSON of an earlier `streamlens ingest --dry-run` of the same data: the sheet then holds the "
                        "reports whose extracted figures differ from it (all when at most --sample, else a seeded "
                        "sample of --sample)")
    p.add_argument("--misses", default="",
                   help="write the articles of the class 'a figure with a prior that the loader does not read' "
                        "with their candidate sentences (unhedged ones) to this file")
    p.add_argument("--verdicts", default=os.path.join(ROOT, "bench/ingest/earn_handcheck_verdicts2.txt"))
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
    def origin_of(i):
        origins = {e.get("origin", "FIGURE_ORIGIN_UNSPECIFIED") for e in earnings.get(i, [])
                   if any("priorValue" in m for m in e["metrics"])}
        for o in ("FIGURE_ORIGIN_TABLE", "FIGURE_ORIGIN_HEADLINE", "FIGURE_ORIGIN_SENTENCE"):
            if o in origins:
                return o.replace("FIGURE_ORIGIN_", "").lower()
        return "unspecified"
    by_origin = collections.Counter(origin_of(i) for i in with_prior)
    print("  ... of which read from: " + ", ".join(f"{k} {v}" for k, v in by_origin.most_common()))
    why = collections.Counter(reasons.get(i, "?") for i in earn if not earnings.get(i))
    print("  articles without events, by reason:")
    for reason, n in why.most_common():
        print(f"    {n:5d}  {reason}")
    prior_set = set(with_prior)
    rest = collections.Counter(classify(news[i]) for i in earn if i not in prior_set)
    print(f"  the {len(earn) - len(with_prior)} articles without a metric stating a prior, by what they state:")
    for k, v in rest.most_common():
        print(f"    {v:5d} {100 * v / len(earn):5.1f}%  {k}")
    unread = [i for i in earn if i not in prior_set and
              classify(news[i]) == "a figure with a prior that the loader does not read"]
    shapes = collections.Counter(shape(news[i]) for i in unread)
    print(f"  the {len(unread)} with a figure the loader does not read, by the shape of their text:")
    for k, v in shapes.most_common():
        print(f"    {v:5d}  {k}")
    if args.misses:
        with open(args.misses, "w") as out:
            for i in sorted(earn, key=lambda i: int(i.split("-")[1])):
                if i in prior_set or classify(news[i]) != "a figure with a prior that the loader does not read":
                    continue
                out.write(f"{i}\t{news[i].get('title', '')}\t[{shape(news[i])}]\n")
                for s in candidates(news[i]):
                    if not HEDGE.search(s):
                        out.write(f"    {s}\n")
        print(f"misses: {args.misses}")
    kinds = collections.Counter(m["kind"] for i in earn for e in earnings.get(i, []) for m in e["metrics"])
    print("  metrics by kind: " + ", ".join(f"{k.replace('METRIC_KIND_', '')} {n}" for k, n in kinds.most_common()))
    periods = collections.Counter(e.get("period", {}).get("kind", "PERIOD_KIND_UNSPECIFIED")
                                  for i in earn for e in earnings.get(i, []))
    print("  events by period: " + ", ".join(f"{k.replace('PERIOD_KIND_', '')} {n}" for k, n in periods.most_common()))

    # The hand-check sheet: a seeded sample of reports that yielded figures.
    rng = random.Random(args.seed)
    ordered = sorted(with_events, key=lambda i: int(i.split("-")[1]))
    if args.changed_since:
        def figures(evs):
            return [(e.get("origin"), e["entity"]["id"], json.dumps(e.get("period", {}), sort_keys=True),
                     json.dumps(e["metrics"], sort_keys=True)) for e in evs]
        before = collections.defaultdict(list)
        for line in open(args.changed_since):
            r = json.loads(line)
            if "earnings" in r:
                before[r["earnings"].get("sourceArticleId", "")].append(r["earnings"])
        changed = [i for i in ordered if figures(earnings[i]) != figures(before.get(i, []))]
        new_reports = [i for i in changed if not before.get(i)]
        print(f"reports whose figures changed since {args.changed_since}: {len(changed)} "
              f"({len(new_reports)} yield figures only now)")
        sample = changed if len(changed) <= args.sample else sorted(
            rng.sample(changed, args.sample), key=lambda i: int(i.split("-")[1]))
        how = (f"every report whose figures differ from {os.path.basename(args.changed_since)}"
               if len(changed) <= args.sample else
               f"random.Random({args.seed}).sample of the {len(changed)} reports whose figures differ from "
               f"{os.path.basename(args.changed_since)}")
    elif args.new_reader:
        def new(i):
            return any(e.get("origin") in ("FIGURE_ORIGIN_HEADLINE", "FIGURE_ORIGIN_SENTENCE") for e in earnings[i])
        sample = (rng.sample([i for i in ordered if new(i)], args.new_reader) +
                  rng.sample([i for i in ordered if not new(i)], args.sample - args.new_reader))
        how = (f"{args.new_reader} with headline or sentence figures, then {args.sample - args.new_reader} "
               f"with table figures, random.Random({args.seed}).sample on each in turn")
    else:
        sample = rng.sample(ordered, args.sample)
        how = f"random.Random({args.seed}).sample"
    with open(args.sheet, "w") as out:
        out.write(f"# Hand-check sheet: {len(sample)} earn reports with figures, {how}\n\n")
        for i in sample:
            n = news[i]
            out.write("=" * 78 + f"\n{i}  {n.get('title', '')}\n{n.get('dateline', '')}  published {n.get('publishedAt', '')}\n")
            out.write("-" * 78 + "\n" + n.get("body", "") + "\n" + "-" * 78 + "\n")
            shown = [("", e) for e in earnings[i]]
            if args.changed_since:
                shown += [("was ", e) for e in before.get(i, [])]
            for was, e in shown:
                per = e.get("period", {})
                out.write(f"  {was}{e.get('origin', '').replace('FIGURE_ORIGIN_', '').lower()}: "
                          f"{e['entity']['id']} ({e['entity'].get('name', '')})  "
                          f"[{per.get('kind', 'UNSPECIFIED').replace('PERIOD_KIND_', '')} q{per.get('fiscalQuarter', 0)} "
                          f"fy{per.get('fiscalYear', 0)} end={per.get('endDate', '')} label={per.get('label', '')!r}]\n")
                for m in e["metrics"]:
                    nil = " (nil)" if m.get("nil") else ""
                    out.write(f"      {m['kind'].replace('METRIC_KIND_', ''):16s} {m.get('label', '')!r:22s} "
                              f"{amount(m.get('value'))}{nil}  vs  {amount(m.get('priorValue'))}\n")
            out.write("\n")
    print(f"hand-check sheet: {args.sheet} ({len(sample)} reports, seed {args.seed})")

    if os.path.exists(args.verdicts):
        # id, verdict (ok|wrong), amounts checked, amounts wrong, [stratum,] note
        tally = collections.defaultdict(lambda: [0, 0, 0, 0])  # reports, wrong reports, amounts, wrong amounts
        for line in open(args.verdicts):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            stratum = fields[4] if len(fields) > 5 else "all"
            for key in (stratum, "total"):
                t = tally[key]
                t[0] += 1
                t[1] += fields[1] != "ok"
                t[2] += int(fields[2])
                t[3] += int(fields[3])
        for key, (reports, bad, amounts, bad_amounts) in sorted(tally.items()):
            lo, hi = wilson(bad_amounts, amounts)
            rlo, rhi = wilson(bad, reports)
            print(f"hand check {key}: {reports} reports, {bad} with a wrong figure ({100 * bad / reports:.1f}%, "
                  f"Wilson {100 * rlo:.1f}-{100 * rhi:.1f}%); {bad_amounts} wrong of {amounts} amounts "
                  f"({100 * bad_amounts / max(amounts, 1):.2f}%, Wilson {100 * lo:.2f}-{100 * hi:.2f}%)")


if __name__ == "__main__":
    sys.exit(main())
