#!/usr/bin/env bash
# The Python and Node example clients against a live `streamlens up`: each
# reads Alibaba's view (a delta and a link), top movers, search, links and
# articles; publishes through IngestService and reads its own write; and
# receives a live change on Watch.
source "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3   # Debian's python3 with python3-grpcio, not another one on the PATH
PY_CLIENT="$STREAMLENS_SOURCE_DIR/examples/clients/python/streamlens_client.py"
NODE_DIR="$STREAMLENS_SOURCE_DIR/examples/clients/node"
[ -d "$NODE_DIR/node_modules/@grpc/grpc-js" ] || fail "node client dependencies missing: run scripts/install-deps.sh (npm install in $NODE_DIR)"

start up "$STREAMLENS_BIN" up --ingest-address=127.0.0.1:0 --query-address=127.0.0.1:0 --metrics-address=127.0.0.1:0 >/dev/null
wait_for 60 "streamlens up to print its addresses" grep -q "^  query " "$E2E_TMP/up.log"
QUERY=$(awk '$1 == "query" {print $2; exit}' "$E2E_TMP/up.log")
INGEST=$(awk '$1 == "ingest" {print $2; exit}' "$E2E_TMP/up.log")
echo "query at $QUERY, ingest at $INGEST"

py() { "$PY" "$PY_CLIENT" --query "$QUERY" --ingest "$INGEST" "$@"; }
nodec() { node "$NODE_DIR/streamlens_client.js" --query "$QUERY" --ingest "$INGEST" "$@"; }

wait_for 60 "gRPC health SERVING" bash -c "$(declare -f py); PY=$PY PY_CLIENT=$PY_CLIENT QUERY=$QUERY INGEST=$INGEST; py health | grep -q '\"SERVING\"'"
# The sample is published at start; wait until the workers' output is in the view.
alibaba_ready() { py entity company:baba | grep -q '"latestDeltas"' && py entity company:baba | grep -q '"person:joe-tsai"'; }
wait_for 60 "Alibaba's delta and link in the view" alibaba_ready

passed=0
check() {  # check DESCRIPTION OUTPUT PATTERN
  if grep -Eq "$3" <<<"$2"; then passed=$((passed + 1)); echo "ok: $1"; else echo "$2" | head -20; fail "$1"; fi
}

for client in py nodec; do
  out=$($client entity company:baba)
  check "$client: Alibaba has its net income delta" "$out" '"metric": ?"METRIC_KIND_NET_INCOME"'
  check "$client: Alibaba is linked to Joe Tsai as executive" "$out" '"RELATION_TYPE_EXECUTIVE_OF"'
  check "$client: Alibaba's profile comes from the catalog" "$out" '"value": ?"BABA"'
  out=$($client movers revenue)
  check "$client: revenue movers include Alibaba" "$out" '"id": ?"company:baba"'
  out=$($client search alibaba)
  check "$client: search finds Alibaba" "$out" '"company:baba"'
  out=$($client links company:baba 2)
  check "$client: links (asked to depth 2) include Joe Tsai" "$out" '"id": ?"person:joe-tsai"'
  out=$($client articles person:joe-tsai)
  check "$client: Joe Tsai's articles" "$out" '"articleId": ?"news-'
  out=$($client history company:baba net-income)
  check "$client: net income history" "$out" '"percentChange"'
  out=$($client entity company:does-not-exist || true)
  check "$client: unknown entity is NOT_FOUND" "$out" '"error": ?"NOT_FOUND"'
  out=$($client publish-and-read)
  check "$client: reads its own write" "$out" '"read_back": ?true'
done

# Watch: each client subscribes, then the other publishes an article on Alibaba.
for pair in "py nodec" "nodec py"; do
  set -- $pair
  watcher=$1 publisher=$2
  "$watcher" --count 1 watch company:baba >"$E2E_TMP/watch.out" 2>&1 &
  wpid=$!
  E2E_PIDS+=("$wpid")
  wait_for 30 "$watcher watch to be registered" grep -q '"watching"' "$E2E_TMP/watch.out"
  "$publisher" publish-and-read >/dev/null
  wait "$wpid" || { cat "$E2E_TMP/watch.out"; fail "$watcher watch failed"; }
  check "$watcher: Watch delivers the new article" "$(cat "$E2E_TMP/watch.out")" '"kind": ?"CHANGE_KIND_ARTICLE"'
done

echo "$passed passed, 0 failed"
