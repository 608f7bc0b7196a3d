#!/usr/bin/env bash
# `streamlens dev-kafka` is a real Kafka endpoint for other processes: kcat
# sees the Streamlens topics, and what kcat produces it can consume back.
source "$(dirname "$0")/lib.sh"

start kafka "$STREAMLENS_BIN" dev-kafka >/dev/null
wait_for 30 "bootstrap address" grep -qE '^127\.0\.0\.1:[0-9]+' "$E2E_TMP/kafka.log"
brokers="$(grep -m1 -oE '^127\.0\.0\.1:[0-9]+(,127\.0\.0\.1:[0-9]+)*' "$E2E_TMP/kafka.log")"

metadata="$(kcat -b "$brokers" -L -m 10)"
for topic in news.v1 earnings.v1 catalog.v1 metric-deltas.v1 entity-links.v1 progress.v1 deadletter.v1; do
  grep -q "topic \"$topic\"" <<<"$metadata" || fail "dev cluster has no topic $topic"
done
grep -q 'topic "news.v1" with 16 partitions' <<<"$metadata" || fail "news.v1 should have 16 partitions"

printf 'k1:hello\nk2:world\n' | kcat -b "$brokers" -P -t deadletter.v1 -K: -p 0
got="$(kcat -b "$brokers" -C -t deadletter.v1 -p 0 -o beginning -e -f '%k=%s\n' -m 10)"
[ "$got" = "$(printf 'k1=hello\nk2=world')" ] || fail "consumed [$got]"
echo "1 passed, 0 failed"
