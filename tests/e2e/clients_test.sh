#!/usr/bin/env bash
# The Python and Node example clients against a live `streamlens up`: each
# reads Alibaba's view (a delta and a link), top movers, search, links and
# articles; publishes through IngestService and reads its own write; publishes
# a batch with one bad event (the good ones are published and read back, the
# bad one is answered with its field-level error); and receives a live change
# on Watch.
source "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3   # Debian's python3 with python3-grpcio, not another one on the PATH
PY_CLIENT="$STREAMLENS_SOURCE_DIR/examples/clients/python/streamlens_client.py"
NODE_DIR="$STREAMLENS_SOURCE_DIR/examples/clients/node"
[ -d "$NODE_DIR/node_modules/@grpc/grpc-js" ] || fail "node client dependencies missing: run scripts/install-deps.sh (npm install in $NODE_DIR)"

start up "$STREAMLENS_BIN" up --ingest-address=127.0.0.1:0 --query-address=127.0.0.1:0 --metrics-address=127.0.0.1:0 >/dev/null
UP_PID=${E2E_PIDS[-1]}
# `up` prints its addresses, loads the sample, waits until the view has
# everything the sample leads to (read your writes, figures the workers read
# from prose included) and only then says it is serving. Waiting on anything
# less (say, one Alibaba delta) races the rest of the sample: a late delta
# on Alibaba would reach the watchers below, or miss the checks.
up_serving() {
  kill -0 "$UP_PID" 2>/dev/null || fail "streamlens up exited before serving: $(tail -5 "$E2E_TMP/up.log")"
  grep -q "^Serving until Ctrl-C" "$E2E_TMP/up.log"
}
wait_for 90 "streamlens up to load the sample into the view and serve" up_serving
QUERY=$(awk '$1 == "query" {print $2; exit}' "$E2E_TMP/up.log")
INGEST=$(awk '$1 == "ingest" {print $2; exit}' "$E2E_TMP/up.log")
echo "query at $QUERY, ingest at $INGEST"

# Deadlines with room for a loaded machine (read-your-writes waits and a watch
# that outlives the other client's start); a call that needs them fails anyway.
py() { "$PY" "$PY_CLIENT" --query "$QUERY" --ingest "$INGEST" --deadline 30 "$@"; }
nodec() { node "$NODE_DIR/streamlens_client.js" --query "$QUERY" --ingest "$INGEST" --deadline-ms 30000 "$@"; }

passed=0
# check DESCRIPTION PATTERN CLIENT ARGS...: runs the client (its exit status
# aside: some checks expect an error) and greps its output; on a miss, shows
# the output and the exit status.
check() {
  local what="$1" pattern="$2" out rc=0; shift 2
  out=$("$@" 2>&1) || rc=$?
  if grep -Eq "$pattern" <<<"$out"; then
    passed=$((passed + 1)); echo "ok: $what"
  else
    echo "$out" | head -20; fail "$what (exit status $rc, expected /$pattern/)"
  fi
}

check "py: health is SERVING" '"status": ?"SERVING"' py health
for client in py nodec; do
  check "$client: Alibaba has its net income delta" '"metric": ?"METRIC_KIND_NET_INCOME"' $client entity company:baba
  check "$client: Alibaba is linked to Joe Tsai as executive" '"RELATION_TYPE_EXECUTIVE_OF"' $client entity company:baba
  check "$client: Alibaba's profile comes from the catalog" '"value": ?"BABA"' $client entity company:baba
  check "$client: revenue movers include Alibaba" '"id": ?"company:baba"' $client movers revenue
  check "$client: search finds Alibaba" '"company:baba"' $client search alibaba
  check "$client: links (asked to depth 2) include Joe Tsai" '"id": ?"person:joe-tsai"' $client links company:baba 2
  check "$client: Joe Tsai's articles" '"articleId": ?"news-' $client articles person:joe-tsai
  check "$client: net income history" '"percentChange"' $client history company:baba net-income
  check "$client: unknown entity is NOT_FOUND" '"error": ?"NOT_FOUND"' $client entity company:does-not-exist
  check "$client: reads its own write" '"read_back": ?true' $client publish-and-read

  # A batch of three with the middle one bad: one call, one result per event.
  out=$($client publish-batch 3 --invalid-at 1 2>&1) && fail "$client: publish-batch with a bad event exited 0: $out"
  pos='"position": ?\{[^}]*"topic": ?"news\.v1"'
  check "$client: batch event 0 published with a position" "\"sequence\": ?0, ?\"request_tag\": ?\"event-0\".*$pos" echo "$out"
  check "$client: batch event 2 published with a position" "\"sequence\": ?2, ?\"request_tag\": ?\"event-2\".*$pos" echo "$out"
  check "$client: bad batch event 1 is INVALID_ARGUMENT naming events[1]'s field" \
    '"sequence": ?1, ?.*"error": ?"INVALID_ARGUMENT", ?"message": ?"events\[1\]\.news\.title: ' echo "$out"
  check "$client: the batch's good events are read back from the view, the bad one is not published" \
    '"read_back": ?true, ?"published": ?2, ?"refused": ?1' echo "$out"
done

# Watch: each client subscribes, then the other publishes an article on Alibaba.
for pair in "py nodec" "nodec py"; do
  set -- $pair
  watcher=$1 publisher=$2
  "$watcher" --count 1 watch company:baba >"$E2E_TMP/watch.out" 2>&1 &
  wpid=$!
  E2E_PIDS+=("$wpid")
  watch_registered() {
    grep -q '"watching"' "$E2E_TMP/watch.out" && return 0
    kill -0 "$wpid" 2>/dev/null || fail "$watcher watch ended before it was registered: $(cat "$E2E_TMP/watch.out")"
    return 1
  }
  wait_for 30 "$watcher watch to be registered" watch_registered
  out=$("$publisher" publish-and-read 2>&1) || fail "$publisher publish-and-read failed: $out"
  wait "$wpid" || { cat "$E2E_TMP/watch.out"; fail "$watcher watch failed"; }
  check "$watcher: Watch delivers the new article" '"kind": ?"CHANGE_KIND_ARTICLE"' cat "$E2E_TMP/watch.out"
done

echo "$passed passed, 0 failed"
