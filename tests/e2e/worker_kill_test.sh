#!/usr/bin/env bash
# Two worker processes share the partitions; one is killed with SIGKILL while
# the stream is being processed. The deltas on metric-deltas.v1 (one record
# per id, its latest version) must equal, record for record, those of an
# undisturbed offline run of `streamlens deltas` on the same input.
#
# Input: Reuters articles (../shared/data/reuters21578/reut2-000.sgm, 1,000
# articles of which 193 earn reports, when present; else the 80 earn reports of
# tests/fixtures/deltas/reuters-earn-excerpt.sgm) published while the kill
# happens, then a stream with history, a late report, a duplicate and a
# restatement (tests/fixtures/deltas/history.ndjson) that the surviving worker
# handles after rebuilding the killed one's history.
source "$(dirname "$0")/lib.sh"

fixtures="$STREAMLENS_SOURCE_DIR/tests/fixtures/deltas"
part1="$STREAMLENS_SOURCE_DIR/../shared/data/reuters21578/reut2-000.sgm"
[ -f "$part1" ] || part1="$fixtures/reuters-earn-excerpt.sgm"
part2="$fixtures/history.ndjson"
helper="$(dirname "$0")/worker_decode_deltas.py"

# The undisturbed reference: the same logic, offline, in feed order.
"$STREAMLENS_BIN" deltas --quiet "$part1" "$part2" >"$E2E_TMP/offline.ndjson" 2>"$E2E_TMP/offline.log" ||
  fail "offline run: $(cat "$E2E_TMP/offline.log")"
[ -s "$E2E_TMP/offline.ndjson" ] || fail "offline run produced no deltas"

# Python classes for decoding the topic.
mkdir -p "$E2E_TMP/gen"
protoc --proto_path="$STREAMLENS_SOURCE_DIR/proto" --python_out="$E2E_TMP/gen" \
  "$STREAMLENS_SOURCE_DIR/proto/streamlens/v1/events.proto"

start kafka "$STREAMLENS_BIN" dev-kafka >/dev/null
wait_for 30 "bootstrap address" grep -qE '^127\.0\.0\.1:[0-9]+' "$E2E_TMP/kafka.log"
brokers="$(grep -m1 -oE '^127\.0\.0\.1:[0-9]+(,127\.0\.0\.1:[0-9]+)*' "$E2E_TMP/kafka.log")"

worker() {
  start "$1" "$STREAMLENS_BIN" serve worker --brokers="$brokers" --worker-id="$1" --group=e2e-workers \
    --metrics-address=127.0.0.1:0 >/dev/null
}
worker w1
w1="${E2E_PIDS[-1]}"
worker w2
wait_for 60 "worker w1 serving" grep -q '^serving worker' "$E2E_TMP/w1.log"
wait_for 60 "worker w2 serving" grep -q '^serving worker' "$E2E_TMP/w2.log"

deltas_on_topic() {
  kcat -b "$brokers" -C -t metric-deltas.v1 -o beginning -e -q -f '%R%s' >"$E2E_TMP/topic.bin" 2>/dev/null
}
count_at_least() {  # count_at_least N: the topic holds at least N delta records
  local n
  n="$(kcat -b "$brokers" -C -t metric-deltas.v1 -o beginning -e -q -f 'x\n' 2>/dev/null | wc -l)"
  [ "$n" -ge "$1" ]
}
w1_owns_partitions() {  # w1 wrote a progress record: it has processed a batch
  kcat -b "$brokers" -C -t progress.v1 -o beginning -e -q -f '%k\n' 2>/dev/null | grep -qx w1
}

# Publish the Reuters reports; kill w1 as soon as deltas start to appear,
# while the stream is still being processed.
start ingest1 "$STREAMLENS_BIN" ingest --brokers="$brokers" --progress=false "$part1" >/dev/null
ingest1="${E2E_PIDS[-1]}"
wait_for 60 "first deltas" count_at_least 1
wait_for 30 "w1 to process a batch" w1_owns_partitions
kill -9 "$w1"
wait "$w1" 2>/dev/null || true
echo "killed w1 with $(kcat -b "$brokers" -C -t metric-deltas.v1 -o beginning -e -q -f 'x\n' 2>/dev/null | wc -l) delta records on the topic"
# The ingest command waits for its acknowledgements itself (--timeout).
wait "$ingest1" || fail "ingest of $part1: $(cat "$E2E_TMP/ingest1.log")"

# The rest of the stream goes to the surviving worker once the group
# rebalances (after w1's session times out).
"$STREAMLENS_BIN" ingest --brokers="$brokers" --progress=false "$part2" >"$E2E_TMP/ingest2.log" 2>&1 ||
  fail "ingest of $part2: $(cat "$E2E_TMP/ingest2.log")"

same_as_offline() {
  deltas_on_topic && /usr/bin/python3 "$helper" "$E2E_TMP/gen" "$E2E_TMP/topic.bin" "$E2E_TMP/offline.ndjson" --quiet
}
# Poll until the topic matches (or 90 s pass), then compare once more and
# print the differences if it still does not.
deadline=$(( $(date +%s) + 90 ))
until same_as_offline >/dev/null 2>&1 || [ "$(date +%s)" -ge "$deadline" ]; do sleep 0.2; done
deltas_on_topic
/usr/bin/python3 "$helper" "$E2E_TMP/gen" "$E2E_TMP/topic.bin" "$E2E_TMP/offline.ndjson" ||
  fail "the view after the kill differs from the undisturbed run"
grep -q 'replayed' "$E2E_TMP/w2.log" || fail "w2 never rebuilt history after the rebalance"
echo "1 passed, 0 failed"
