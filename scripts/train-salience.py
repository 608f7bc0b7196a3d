#!/usr/bin/env python3
"""Trains the linker's salience model (services/worker/links/salience.h).

Input: what the linker saw for every catalog entity of every article, as
written by

    build/services/cli/streamlens links --features FEATURES.ndjson FILES...

(one line per annotated article with its annotations, then one line per
entity with its model inputs and whether the editors tagged it). Output:
data/catalog/salience.json (format in data/catalog/README.md):

  * per kind (place, organisation, person, exchange), a logistic regression
    over the inputs, fitted by Newton's method with an L2 penalty;
  * per entity, how often the editors tagged it when it was mentioned
    ([tagged, mentioned]); the linker smooths it toward the kind's rate
    (`smoothing` pseudo-mentions, per kind) and feeds its log-odds to the model as
    "prior". While training, each article's prior is counted without the
    article's own file, so the model learns how much a prior from *other*
    articles is worth (the held-out situation);
  * per kind, the threshold that maximises F1 on the training articles.

Train only on the tuning files (reut2-000 ... reut2-013): docs/quality.md
reports the model on reut2-014 ... reut2-017, which it must never see.

    python3 scripts/train-salience.py FEATURES.ndjson                  # writes data/catalog/salience.json
    python3 scripts/train-salience.py FEATURES.ndjson --validate 011,012,013
        # fits on the other files and prints P/R/F1 on these (no file written)
    python3 scripts/train-salience.py FEATURES.ndjson --cv 7
        # 7-fold cross-validation by file: P/R/F1 over all folds (no file written)

Standard library only.
"""

import argparse
import bisect
import json
import math
import os
import re
import sys
from collections import defaultdict

KINDS = ["place", "organisation", "person", "exchange"]
INPUTS = ["bias", "dateline", "title", "first_sentence", "log_body_count", "first_position", "indirect",
          "only_demonyms", "log_body_length", "log_kind_entities", "mention_share", "speech", "prior", "prior_passing"]
HELD_OUT = {"014", "015", "016", "017"}


# Pseudo-mentions of the per-entity prior, per kind: how far an entity's own
# record is trusted over its kind's rate. Chosen by cross-validation by file on
# the tuning files (docs/quality.md, "Entity links").
DEFAULT_SMOOTHING = {"place": 5.0, "organisation": 2.0, "person": 20.0, "exchange": 5.0}


def parse_smoothing(text):
    """"5" (every kind) or "place=5,person=20" (the others keep their default) -> {kind: value}."""
    out = dict(DEFAULT_SMOOTHING)
    for part in text.split(","):
        name, eq, value = part.rpartition("=")
        try:
            v = float(value)
        except ValueError:
            sys.exit(f"--smoothing: {part!r} is not a number")
        if v < 0:
            sys.exit(f"--smoothing: {part!r} is negative")
        if not eq:
            out = {k: v for k in KINDS}
        elif name in KINDS:
            out[name] = v
        else:
            sys.exit(f"--smoothing: unknown kind {name!r} (one of {', '.join(KINDS)})")
    return out


def logit(p):
    # Same clamp as Logit() in salience.cc.
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def sigmoid(z):
    if z >= 0:
        return 1 / (1 + math.exp(-z))
    e = math.exp(z)
    return e / (1 + e)


def file_of(origin):
    m = re.search(r"reut2-(\d{3})", origin)
    return m.group(1) if m else os.path.basename(origin.split(" ")[0].split(":")[0])


def read(path):
    """Articles: {article: {"file", "annotations", "rows": [row]}}."""
    articles = {}
    with open(path) as f:
        for line_no, line in enumerate(f, 1):
            rec = json.loads(line)
            art = articles.setdefault(rec["article"], {"file": file_of(rec["origin"]), "annotations": None, "rows": []})
            if "annotations" in rec:
                art["annotations"] = rec["annotations"]
                continue
            names = list(rec["inputs"].keys())
            if names != INPUTS:
                sys.exit(f"{path}:{line_no}: inputs {names} are not the ones this script knows {INPUTS}: "
                         "update both together")
            if rec["tagged"] is None or rec["kind"] not in KINDS:
                continue
            art["rows"].append({"entity": rec["entity"], "kind": rec["kind"], "codes": rec["codes"],
                                "tagged": rec["tagged"], "x": [rec["inputs"][n] for n in INPUTS]})
    return {a: v for a, v in articles.items() if v["annotations"] is not None}


def count(articles):
    """{entity: [tagged, mentioned]} and {file: {entity: [tagged, mentioned]}}."""
    total = defaultdict(lambda: [0, 0])
    per_file = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for art in articles.values():
        for r in art["rows"]:
            for c in (total[r["entity"]], per_file[art["file"]][r["entity"]]):
                c[0] += int(r["tagged"])
                c[1] += 1
    return total, per_file


def kind_rates(articles):
    n, t = defaultdict(int), defaultdict(int)
    for art in articles.values():
        for r in art["rows"]:
            n[r["kind"]] += 1
            t[r["kind"]] += int(r["tagged"])
    return {k: (t[k] / n[k] if n[k] else 0.5) for k in KINDS}


def set_priors(articles, counts, per_file, rates, smoothing, leave_file_out):
    """Fills "prior" and "prior_passing" the way SalienceModel::PriorLogit does."""
    ip, ipp, idl, iti = INPUTS.index("prior"), INPUTS.index("prior_passing"), INPUTS.index("dateline"), INPUTS.index("title")
    for art in articles.values():
        own = per_file.get(art["file"], {}) if leave_file_out else {}
        for r in art["rows"]:
            rate = rates[r["kind"]]
            tagged, mentioned = counts.get(r["entity"], (0, 0))
            if r["entity"] in own:
                tagged -= own[r["entity"]][0]
                mentioned -= own[r["entity"]][1]
            m = smoothing[r["kind"]]
            prior = logit(rate) if mentioned == 0 else logit((tagged + m * rate) / (mentioned + m))
            r["x"][ip] = prior
            r["x"][ipp] = prior if r["x"][idl] == 0 and r["x"][iti] == 0 else 0.0


def solve(a, b):
    """Gaussian elimination with partial pivoting: a x = b."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for col in range(n):
        piv = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[piv] = m[piv], m[col]
        if abs(m[col][col]) < 1e-12:
            continue
        for r in range(col + 1, n):
            f = m[r][col] / m[col][col]
            if f:
                for c in range(col, n + 1):
                    m[r][c] -= f * m[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        if abs(m[r][r]) < 1e-12:
            continue
        x[r] = (m[r][n] - sum(m[r][c] * x[c] for c in range(r + 1, n))) / m[r][r]
    return x


def fit(rows, l2, iterations=25):
    """Logistic regression by Newton's method; the bias is not penalised."""
    d = len(INPUTS)
    w = [0.0] * d
    for _ in range(iterations):
        g = [-l2 * w[j] if j else 0.0 for j in range(d)]
        h = [[0.0] * d for _ in range(d)]
        for j in range(1, d):
            h[j][j] = l2
        for r in rows:
            x = r["x"]
            p = sigmoid(sum(wi * xi for wi, xi in zip(w, x)))
            e = (1.0 if r["tagged"] else 0.0) - p
            s = p * (1 - p)
            for j in range(d):
                xj = x[j]
                if xj == 0.0:
                    continue
                g[j] += e * xj
                sx = s * xj
                hj = h[j]
                for k in range(j + 1):
                    hj[k] += sx * x[k]
        for j in range(d):
            for k in range(j):
                h[k][j] = h[j][k]
        step = solve(h, g)
        w = [wi + si for wi, si in zip(w, step)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return w


def score(weights, articles):
    for art in articles.values():
        for r in art["rows"]:
            r["p"] = sigmoid(sum(wi * xi for wi, xi in zip(weights[r["kind"]], r["x"])))


def evaluate(articles, kind, threshold):
    """TP, FP, FN over distinct codes per article, as LinkEvaluation counts them."""
    tp = fp = fn = 0
    for art in articles.values():
        gold = set(art["annotations"].get(kind, []))
        predicted = set()
        for r in art["rows"]:
            if r["kind"] == kind and r["p"] >= threshold:
                predicted.update(r["codes"])
        tp += len(predicted & gold)
        fp += len(predicted - gold)
        fn += len(gold - predicted)
    return tp, fp, fn


def f1(tp, fp, fn):
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def code_scores(articles, kind):
    """Per article and code: the highest score of the rows that carry it, as sorted lists for the codes the
    editors tagged and for the others, and how many tagged codes there are. A code is selected at threshold
    t when its score reaches t, so these give evaluate() at every t at once."""
    tagged, other, gold_total = [], [], 0
    for art in articles.values():
        gold = set(art["annotations"].get(kind, []))
        gold_total += len(gold)
        best = {}
        for r in art["rows"]:
            if r["kind"] == kind:
                for c in r["codes"]:
                    best[c] = max(best.get(c, 0.0), r["p"])
        for c, p in best.items():
            (tagged if c in gold else other).append(p)
    return sorted(tagged), sorted(other), gold_total


def counts_at(scores, threshold):
    """(TP, FP, FN) at `threshold` from code_scores(): what evaluate() counts."""
    tagged, other, gold_total = scores
    tp = len(tagged) - bisect.bisect_left(tagged, threshold)
    fp = len(other) - bisect.bisect_left(other, threshold)
    return tp, fp, gold_total - tp


def best_threshold(articles, kind):
    scores = code_scores(articles, kind)
    best = (-1.0, 0.5)
    for i in range(5, 96):
        t = i / 100
        best = max(best, (f1(*counts_at(scores, t)), -t))
    return -best[1], best[0]


def train(articles, smoothing, l2):
    counts, per_file = count(articles)
    rates = kind_rates(articles)
    set_priors(articles, counts, per_file, rates, smoothing, leave_file_out=True)
    weights = {k: fit([r for a in articles.values() for r in a["rows"] if r["kind"] == k], l2) for k in KINDS}
    score(weights, articles)
    thresholds = {k: best_threshold(articles, k) for k in KINDS}
    return counts, rates, weights, thresholds


def table(articles, thresholds):
    lines = ["| kind | annotated | predicted | correct | precision | recall | F1 |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for k in KINDS:
        tp, fp, fn = evaluate(articles, k, thresholds[k])
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        lines.append(f"| {k} | {tp + fn} | {tp + fp} | {tp} | {p:.3f} | {r:.3f} | {f1(tp, fp, fn):.3f} |")
    return "\n".join(lines)


def cross_validate(articles, folds, smoothing, l2):
    files = sorted({a["file"] for a in articles.values()})
    totals = {k: [0, 0, 0] for k in KINDS}
    for i in range(folds):
        held = set(files[i::folds])
        train_part = {a: v for a, v in articles.items() if v["file"] not in held}
        test_part = {a: v for a, v in articles.items() if v["file"] in held}
        counts, rates, weights, thresholds = train(train_part, smoothing, l2)
        set_priors(test_part, counts, {}, rates, smoothing, leave_file_out=False)
        score(weights, test_part)
        for k in KINDS:
            for j, v in enumerate(evaluate(test_part, k, thresholds[k][0])):
                totals[k][j] += v
    lines = ["| kind | annotated | predicted | correct | precision | recall | F1 |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for k in KINDS:
        tp, fp, fn = totals[k]
        lines.append(f"| {k} | {tp + fn} | {tp + fp} | {tp} | {tp / max(1, tp + fp):.3f} | {tp / max(1, tp + fn):.3f} | "
                     f"{f1(tp, fp, fn):.3f} |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("features", help="output of `streamlens links --features` over the tuning files")
    ap.add_argument("--validate", help="comma-separated file numbers (011,012,013): fit on the others, report on these")
    ap.add_argument("--cv", type=int, help="cross-validate with this many folds of files (no file written)")
    ap.add_argument("--smoothing", default=",".join(f"{k}={v:g}" for k, v in DEFAULT_SMOOTHING.items()),
                    help="pseudo-mentions at the kind's rate: one number, or per kind as place=5,person=20,... "
                         "(default: %(default)s, chosen by cross-validation, docs/quality.md)")
    ap.add_argument("--l2", type=float, default=1.0, help="L2 penalty on the weights (default 1)")
    ap.add_argument("--out", help="where to write the model (default data/catalog/salience.json; "
                                  "none with --validate unless given)")
    args = ap.parse_args()

    args.smoothing = parse_smoothing(args.smoothing)
    articles = read(args.features)
    files = sorted({a["file"] for a in articles.values()})
    if HELD_OUT & set(files):
        sys.exit(f"{args.features} holds the held-out files {sorted(HELD_OUT & set(files))}: train on reut2-000..013")
    if args.cv:
        print(f"{args.cv}-fold cross-validation by file over {len(articles)} articles:\n"
              f"{cross_validate(articles, args.cv, args.smoothing, args.l2)}", file=sys.stderr)
        return
    validation = {}
    if args.validate:
        chosen = set(args.validate.split(","))
        validation = {a: v for a, v in articles.items() if v["file"] in chosen}
        articles = {a: v for a, v in articles.items() if v["file"] not in chosen}
        if not validation:
            sys.exit(f"no article of files {sorted(chosen)} in {args.features}")
    counts, rates, weights, thresholds = train(articles, args.smoothing, args.l2)
    cuts = {k: thresholds[k][0] for k in KINDS}
    train_files = sorted({a["file"] for a in articles.values()})
    print(f"trained on {len(articles)} articles of files {','.join(train_files)} "
          f"(priors leave each article's file out):\n{table(articles, cuts)}\n", file=sys.stderr)
    if validation:
        counts_all = {e: c for e, c in counts.items()}
        set_priors(validation, counts_all, {}, rates, args.smoothing, leave_file_out=False)
        score(weights, validation)
        print(f"validation, {len(validation)} articles of files {args.validate}:\n{table(validation, cuts)}",
              file=sys.stderr)
    out = args.out or (None if args.validate else os.path.join(os.path.dirname(__file__), "..", "data", "catalog",
                                                                "salience.json"))
    if out is None:
        return
    out = os.path.normpath(out)
    model = {
        "about": "Salience model of the entity linker (services/worker/links/salience.h): a logistic regression per "
                 "kind over what an article says about an entity, and per entity [tagged, mentioned]: how often the "
                 "Reuters-21578 editors tagged it in the articles that mention it. Written by "
                 "scripts/train-salience.py from `streamlens links --features` over "
                 f"reut2-{train_files[0]} ... reut2-{train_files[-1]}; do not edit by hand.",
        "kinds": {},
        "entities": {e: [c[0], c[1]] for e, c in sorted(counts.items())},
    }
    for k in KINDS:
        model["kinds"][k] = {
            "rate": round(rates[k], 4),
            "smoothing": args.smoothing[k],
            "threshold": cuts[k],
            "training_f1": round(thresholds[k][1], 4),
            "weights": {n: round(w, 4) for n, w in zip(INPUTS, weights[k])},
        }
    text = json.dumps(model, indent=1, ensure_ascii=False)
    # One entity a line: reviewable diffs.
    text = re.sub(r"\[\n\s+(\d+),\n\s+(\d+)\n\s+\]", r"[\1, \2]", text)
    with open(out, "w") as f:
        f.write(text + "\n")
    print(f"wrote {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
