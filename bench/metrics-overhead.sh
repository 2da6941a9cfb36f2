#!/usr/bin/env bash
# What metrics cost the request path: redis-benchmark GET/SET against two Augur servers in one run,
# one with metrics off (--metrics-port 0) and one with the Prometheus endpoint on and scraped
# every second, and the on/off throughput ratio. Usage: bench/metrics-overhead.sh [requests]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
requests="${1:-500000}"
clients=50
off_port=${OFF_PORT:-16383}
on_port=${ON_PORT:-16384}
metrics_port=${METRICS_PORT:-16385}
work="$(mktemp -d)"
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
trap 'kill $off_pid $on_pid $scraper_pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

command -v redis-benchmark >/dev/null || { echo "needs redis-benchmark (apt-get install redis-tools)" >&2; exit 1; }
"$root/augur" --version >/dev/null   # builds on first use

"$root/augur" serve --port "$off_port" --dir "$work/off" --store-entries 2000000 --metrics-port 0 \
  >"$work/off.log" 2>&1 &
off_pid=$!
"$root/augur" serve --port "$on_port" --dir "$work/on" --store-entries 2000000 --metrics-port "$metrics_port" \
  >"$work/on.log" 2>&1 &
on_pid=$!
wait_for "$off_port"; wait_for "$on_port"
# A scrape a second, as a Prometheus with a short interval would.
(while true; do curl -s -o /dev/null "http://127.0.0.1:$metrics_port/metrics"; sleep 1; done) &
scraper_pid=$!

warm_up "$off_port" "$on_port"
compare off "$off_port" on "$on_port"
