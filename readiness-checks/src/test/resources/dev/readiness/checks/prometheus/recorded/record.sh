#!/usr/bin/env bash
# Records the answers of a real Prometheus to the instant queries in queries.tsv, beside this script: starts a fresh
# Prometheus on loopback (PORT, default 39090) scraping itself every second, with a remote_read to a closed port
# (PORT+1) that only queries for job="remote" use, so one answer carries a real warning. Each answer is written as
# curl -i prints it (status line, headers, body) to <name>.http. The phases give the answers their facts: before any
# 5xx answer exists, after a query timed out (a 503, so a code="503" series exists), and after 20 quiet seconds on
# /api/v1/query (a ratio over a window without requests is 0/0). Needs prometheus and curl on PATH.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
port="${PORT:-39090}"
base="http://127.0.0.1:$port"
work="$(mktemp -d)"
cat > "$work/prometheus.yml" <<YML
global:
  scrape_interval: 1s
scrape_configs:
  - job_name: prometheus
    static_configs:
      - targets: ['127.0.0.1:$port']
remote_read:
  - url: http://127.0.0.1:$((port + 1))/api/v1/read
    required_matchers:
      job: remote
YML
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
  --web.listen-address="127.0.0.1:$port" > "$work/prometheus.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
# three scrapes, so that rate() over [1m] has samples to work with
for _ in $(seq 1 60); do
  curl -s -G "$base/api/v1/query" --data-urlencode 'query=count_over_time(up[1m]) >= 3' | grep -q '"value"' && break
  sleep 0.5
done

record() { # phase: records every row of queries.tsv of that phase
  while IFS=$'\t' read -r phase name timeout query; do
    [[ "$phase" == "$1" ]] || continue
    curl -sS -i -G "$base/api/v1/query" --data-urlencode "query=$query" --data-urlencode "time=$(date +%s.%3N)" \
      --data-urlencode "timeout=$timeout" > "$here/$name.http"
    echo "$name: $(head -1 "$here/$name.http" | tr -d '\r')"
  done < <(grep -v '^#' "$here/queries.tsv")
}
record before-5xx
record timeout
# a second 503 once the first is scraped: rate() counts an increase only between two samples of a series
sleep 2
curl -s -o /dev/null -G "$base/api/v1/query" --data-urlencode 'query=count(prometheus_http_requests_total)' \
  --data-urlencode 'timeout=0.000001'
sleep 3
record after-5xx
sleep 20
record quiet
prometheus --version 2>&1 | head -1
