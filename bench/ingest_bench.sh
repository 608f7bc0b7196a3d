#!/usr/bin/env bash
# Ingest throughput vs raw kcat, with the dev cluster in its own process
# (`streamlens dev-kafka`), so that the cluster does not share the measured
# process. Figures: docs/performance.md, section Ingestion.
#   BUILD=build bash bench/ingest_bench.sh [--runs=5] [--batch=1000]
# Prints the UTC time and the load average before and after (the machine is
# shared: state it with the figures).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${BUILD:-$ROOT/build}"
OUT="$(mktemp)"
"$BUILD/services/cli/streamlens" dev-kafka > "$OUT" &
KAFKA_PID=$!
trap 'kill "$KAFKA_PID" 2>/dev/null; rm -f "$OUT"' EXIT
for _ in $(seq 100); do [ -s "$OUT" ] && break; sleep 0.1; done
BROKERS="$(head -1 "$OUT")"
echo "start $(date -u '+%Y-%m-%d %H:%M UTC'); $(uptime)"
"$BUILD/bench/ingest_bench" --brokers="$BROKERS" "$@"
echo "end   $(date -u '+%Y-%m-%d %H:%M UTC'); $(uptime)"
