#!/usr/bin/env bash
# Runs every benchmark binary and bench script. Figures and how to read them:
# docs/performance.md. Needs a build (`make build`); never part of `make test`.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${BUILD:-$ROOT/build}"
for b in "$BUILD"/bench/*_bench; do
  [ -x "$b" ] || continue
  echo "== $(basename "$b")"
  "$b" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
done
for s in "$ROOT"/bench/*_bench.sh; do
  [ -f "$s" ] || continue
  echo "== $(basename "$s")"
  BUILD="$BUILD" bash "$s"
done
