#!/usr/bin/env bash
# `streamlens deltas` as a user runs it: feeds in, NDJSON deltas out, a
# summary and every rejected report (naming the field) on standard error.
source "$(dirname "$0")/lib.sh"

fixtures="$STREAMLENS_SOURCE_DIR/tests/fixtures/deltas"
"$STREAMLENS_BIN" deltas "$fixtures/history.ndjson" "$fixtures/alibaba-tsai-interview.txt" \
  >"$E2E_TMP/out.ndjson" 2>"$E2E_TMP/err.log" || fail "exit code $? ($(cat "$E2E_TMP/err.log"))"

# Every line is one MetricDelta in the protobuf JSON mapping.
/usr/bin/python3 - "$E2E_TMP/out.ndjson" <<'EOF' || fail "unexpected deltas (see above)"
import json, sys
deltas = [json.loads(line) for line in open(sys.argv[1])]
by = {}
for d in deltas:
    by.setdefault((d["sourceEventId"], d["metric"], d.get("segment", ""), d["basis"]), []).append(d)
    by.setdefault((d["entity"]["id"], d["metric"], d.get("segment", ""), d["basis"]), []).append(d)
def one(key, **want):
    got = by.get(key)
    assert got, f"no delta for {key}"
    d = got[-1]
    for field, value in want.items():
        assert d.get(field) == value, f"{key}: {field} is {d.get(field)!r}, want {value!r}"
# COBANCO's stated prior: Net 807,000 vs 2,858,000.
one(("cbco-1986", "METRIC_KIND_NET_INCOME", "", "COMPARISON_BASIS_YEAR_OVER_YEAR"),
    priorSource="PRIOR_SOURCE_REPORTED", absoluteChange={"units": "-2051000", "unit": "UNIT_MONEY", "currency": "USD"})
# Q2 1987 vs Q1 1987 from history, corrected after Q1 was restated.
qoq = by[("cbco-1987q2", "METRIC_KIND_NET_INCOME", "", "COMPARISON_BASIS_QUARTER_OVER_QUARTER")]
assert [d.get("version") for d in qoq] == ["1", "2"], qoq
assert qoq[1].get("correction") is True and qoq[1]["prior"]["units"] == "225000", qoq[1]
# Q2 1987 vs Q2 1986 (a loss, reported late): a sign change.
one(("cbco-1987q2", "METRIC_KIND_NET_INCOME", "", "COMPARISON_BASIS_YEAR_OVER_YEAR"),
    priorSource="PRIOR_SOURCE_HISTORY", percentStatus="PERCENT_CHANGE_STATUS_SIGN_CHANGE")
# Coleco: loss against profit -> no percentage.
one(("company:clo", "METRIC_KIND_NET_INCOME", "", "COMPARISON_BASIS_YEAR_OVER_YEAR"),
    percentStatus="PERCENT_CHANGE_STATUS_SIGN_CHANGE")
# Alibaba, from the article's sentences.
one(("company:baba", "METRIC_KIND_NET_INCOME", "", "COMPARISON_BASIS_YEAR_OVER_YEAR"),
    percentChange={"units": "-7700", "scale": 2, "unit": "UNIT_PERCENT"})
one(("company:baba", "METRIC_KIND_REVENUE", "international digital commerce", "COMPARISON_BASIS_YEAR_OVER_YEAR"),
    current={"units": "4020000000", "unit": "UNIT_MONEY", "currency": "USD"})
# The duplicate report added nothing: one version-1 delta per id.
ids = [(d["id"], d.get("version")) for d in deltas]
assert len(ids) == len(set(ids)), "a delta was written twice"
EOF

grep -q 'history.ndjson:9: rejected (deltas): metrics\[0\].prior_value.unit' "$E2E_TMP/err.log" ||
  fail "the bad report is not reported with its line and field: $(cat "$E2E_TMP/err.log")"
grep -q '^deltas: ' "$E2E_TMP/err.log" || fail "no summary"

# Usage errors exit 2 and name the problem.
set +e
"$STREAMLENS_BIN" deltas >/dev/null 2>"$E2E_TMP/usage.log"; code=$?
set -e
[ "$code" = 2 ] || fail "no input: exit $code"
grep -q 'give at least one FILE or DIR' "$E2E_TMP/usage.log" || fail "usage message: $(cat "$E2E_TMP/usage.log")"
set +e
"$STREAMLENS_BIN" deltas /nonexistent/feed.ndjson >/dev/null 2>"$E2E_TMP/missing.log"; code=$?
set -e
[ "$code" = 1 ] || fail "missing file: exit $code"
grep -q '/nonexistent/feed.ndjson' "$E2E_TMP/missing.log" || fail "missing file not named: $(cat "$E2E_TMP/missing.log")"
echo "1 passed, 0 failed"
