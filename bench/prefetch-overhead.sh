#!/usr/bin/env bash
# What prefetching costs the request path: redis-benchmark GET/SET against two Augur servers in
# one run, one with prefetch off (predictor none) and one with it on (LSTM predictor with the
# baseline until trained, simulated origin), and the on/off throughput ratio.
# Usage: bench/prefetch-overhead.sh [requests]   (default 500000)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
requests="${1:-500000}"
clients=50
off_port=${OFF_PORT:-16381}
on_port=${ON_PORT:-16382}
work="$(mktemp -d)"
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
trap 'kill $off_pid $on_pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

command -v redis-benchmark >/dev/null || { echo "needs redis-benchmark (apt-get install redis-tools)" >&2; exit 1; }
"$root/augur" --version >/dev/null   # builds on first use

"$root/augur" serve --port "$off_port" --dir "$work/off" --store-entries 2000000 --metrics-port 0 \
  --prefetch-enabled no --predictor none >"$work/off.log" 2>&1 &
off_pid=$!
"$root/augur" serve --port "$on_port" --dir "$work/on" --store-entries 2000000 --metrics-port 0 \
  --origin 'sim://?latency=1ms' --prefetch-enabled yes --predictor lstm >"$work/on.log" 2>&1 &
on_pid=$!

wait_for "$off_port"; wait_for "$on_port"

# Keys from a space of 100,000 so the predictor sees real successors (redis-benchmark -r).
warm_up "$off_port" "$on_port" -r 100000
compare off "$off_port" on "$on_port" -r 100000
echo
echo "prefetch-on server, INFO prefetch excerpt:"
redis-cli -p "$on_port" info prefetch | grep -E '^(predictor|prefetch_issued|prefetch_used|accesslog_offered|accesslog_dropped|origin_requests):'
