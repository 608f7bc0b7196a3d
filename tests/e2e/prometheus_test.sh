#!/usr/bin/env bash
# A real Prometheus server scrapes the real /metrics of a running pipeline,
# and the shipped alert rules pass promtool.
source "$(dirname "$0")/lib.sh"

command -v prometheus >/dev/null || fail "prometheus is not installed (scripts/install-deps.sh)"
promtool check rules "$STREAMLENS_SOURCE_DIR/deploy/prometheus/alerts.yml" >/dev/null || fail "alert rules do not pass promtool"

metrics_port="$(free_port)"
start up "$STREAMLENS_BIN" up --ingest-address=127.0.0.1:0 --query-address=127.0.0.1:0 \
  --metrics-address="127.0.0.1:$metrics_port" >/dev/null
wait_for 120 "sample loaded into the view" grep -q "Serving until Ctrl-C" "$E2E_TMP/up.log"

prom_port="$(free_port)"
cat >"$E2E_TMP/prometheus.yml" <<YML
global:
  scrape_interval: 1s
rule_files:
  - $STREAMLENS_SOURCE_DIR/deploy/prometheus/alerts.yml
scrape_configs:
  - job_name: streamlens
    static_configs:
      - targets: ["127.0.0.1:$metrics_port"]
YML
start prometheus prometheus --config.file="$E2E_TMP/prometheus.yml" --storage.tsdb.path="$E2E_TMP/tsdb" \
  --web.listen-address="127.0.0.1:$prom_port" >/dev/null

query() {
  curl -sf "http://127.0.0.1:$prom_port/api/v1/query" --data-urlencode "query=$1"
}
has_result() {
  query "$1" | /usr/bin/python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; sys.exit(0 if r and float(r[0]["value"][1]) > 0 else 1)'
}
wait_for 60 "Prometheus to scrape streamlens" has_result 'up{job="streamlens"}'
wait_for 30 "worker records counter" has_result 'sum(streamlens_worker_records_total)'
wait_for 30 "published deltas" has_result 'streamlens_worker_deltas_published_total'
wait_for 30 "published links" has_result 'streamlens_worker_links_published_total'
echo "1 passed, 0 failed"
