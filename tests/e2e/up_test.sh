#!/usr/bin/env bash
# `streamlens up --once` on a fresh embedded Kafka shows Alibaba with at least
# one delta and one link in its summary: the README's first promise.
source "$(dirname "$0")/lib.sh"

out="$E2E_TMP/up.out"
"$STREAMLENS_BIN" up --once --ingest-address=127.0.0.1:0 --query-address=127.0.0.1:0 \
  --metrics-address=127.0.0.1:0 >"$out" 2>"$E2E_TMP/up.err" || { cat "$out" "$E2E_TMP/up.err"; fail "up --once exited non-zero"; }
cat "$out"
grep -q "Loaded sample" "$out" || fail "no sample loaded"
grep -qi "alibaba" "$out" || fail "summary does not mention Alibaba"
grep -Eq "delta" "$out" || fail "summary shows no delta"
grep -Eq "link" "$out" || fail "summary shows no link"
echo "1 passed, 0 failed"
