#!/usr/bin/env bash
# End-to-end earnings throughput with two worker processes: every Reuters
# earnings report (as NDJSON earnings events) is published on earnings.v1 of
# a `streamlens dev-kafka` cluster, and the time is taken until
# metric-deltas.v1 holds as many deltas as the offline `streamlens deltas`
# run produces from the same events. Publishing alone is timed too, for
# comparison (its acknowledgements are waited for by `streamlens ingest`).
#
#   bench/deltas_workers.sh build/services/cli/streamlens [../shared/data/reuters21578]
set -euo pipefail
bin="$(realpath "$1")"
data="${2:-$(dirname "$0")/../../shared/data/reuters21578}"
tmp="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]:-}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
now() { date +%s.%N; }
wait_until() {  # wait_until SECONDS COMMAND...: poll every 200 ms (kcat itself costs CPU)
  local deadline=$(( $(date +%s) + $1 )); shift
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "timed out: $*" >&2; exit 1; }
    sleep 0.2
  done
}

# The earnings events, as the loaders read them, and the deltas they give.
"$bin" deltas --quiet --prose=false --reports-out="$tmp/reports.ndjson" "$data" >"$tmp/offline.ndjson"
/usr/bin/python3 -c '
import sys
with open(sys.argv[2], "w") as out:
    for line in open(sys.argv[1]):
        out.write("{\"earnings\": " + line.strip() + "}\n")
' "$tmp/reports.ndjson" "$tmp/earnings.ndjson"
reports=$(wc -l <"$tmp/earnings.ndjson")
want=$(wc -l <"$tmp/offline.ndjson")

"$bin" dev-kafka >"$tmp/kafka.log" 2>&1 &
pids+=("$!")
wait_until 30 grep -qE '^127\.0\.0\.1:[0-9]+' "$tmp/kafka.log"
brokers="$(grep -m1 -oE '^127\.0\.0\.1:[0-9]+(,127\.0\.0\.1:[0-9]+)*' "$tmp/kafka.log")"
for w in w1 w2; do
  "$bin" serve worker --brokers="$brokers" --worker-id="$w" --metrics-address=127.0.0.1:0 >"$tmp/$w.log" 2>&1 &
  pids+=("$!")
done
wait_until 60 grep -q '^serving worker' "$tmp/w1.log"
wait_until 60 grep -q '^serving worker' "$tmp/w2.log"
# Both workers have joined the group once each has been assigned partitions.
wait_until 60 grep -q 'assigned' "$tmp/w1.log"
wait_until 60 grep -q 'assigned' "$tmp/w2.log"

count() { kcat -b "$brokers" -C -t metric-deltas.v1 -o beginning -e -q -f 'x\n' 2>/dev/null | wc -l; }
all_there() { [ "$(count)" -ge "$want" ]; }
start=$(now)
"$bin" ingest --brokers="$brokers" --progress=false "$tmp/earnings.ndjson" >"$tmp/ingest.log" 2>&1
published=$(now)
wait_until 300 all_there
done_at=$(now)
/usr/bin/python3 -c '
import sys
reports, want, start, published, done = int(sys.argv[1]), int(sys.argv[2]), *map(float, sys.argv[3:6])
print(f"{reports} earnings reports -> {want} deltas, two workers")
print(f"publish (acknowledged): {published - start:.2f} s, {reports / (published - start):,.0f} reports/s")
print(f"publish to last delta:  {done - start:.2f} s, {reports / (done - start):,.0f} reports/s end to end")
' "$reports" "$want" "$start" "$published" "$done_at"
