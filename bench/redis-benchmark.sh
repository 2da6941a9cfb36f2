#!/usr/bin/env bash
# Side-by-side throughput: Debian's redis-server and Augur, same machine, same run.
# Usage: bench/redis-benchmark.sh [requests]   (default 500000; needs redis-server and redis-benchmark)
# Prints requests/s per server and test, and the Augur/Redis ratio, at -P 1 and -P 16.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
requests="${1:-500000}"
clients=50
redis_port=${REDIS_PORT:-16379}
augur_port=${AUGUR_PORT:-16380}
work="$(mktemp -d)"
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
trap 'kill $redis_pid $augur_pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

command -v redis-server >/dev/null && command -v redis-benchmark >/dev/null || {
  echo "needs redis-server and redis-benchmark (apt-get install redis-server redis-tools)" >&2; exit 1; }

redis-server --port "$redis_port" --save '' --appendonly no --dir "$work" --daemonize no >"$work/redis.log" 2>&1 &
redis_pid=$!
"$root/augur" serve --port "$augur_port" --dir "$work/augur" --store-entries 2000000 --metrics-port 0 >"$work/augur.log" 2>&1 &
augur_pid=$!

wait_for "$redis_port"; wait_for "$augur_port"

# One warm-up pass each (JIT for Augur, page faults for both), then the measured passes.
warm_up "$augur_port" "$redis_port"
compare redis "$redis_port" augur "$augur_port"
