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
trap 'kill $redis_pid $augur_pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

command -v redis-server >/dev/null && command -v redis-benchmark >/dev/null || {
  echo "needs redis-server and redis-benchmark (apt-get install redis-server redis-tools)" >&2; exit 1; }

redis-server --port "$redis_port" --save '' --appendonly no --dir "$work" --daemonize no >"$work/redis.log" 2>&1 &
redis_pid=$!
"$root/augur" serve --port "$augur_port" --dir "$work/augur" --store-entries 2000000 >"$work/augur.log" 2>&1 &
augur_pid=$!

wait_for() { for _ in $(seq 1 200); do redis-cli -p "$1" ping >/dev/null 2>&1 && return 0; sleep 0.1; done;
             echo "server on port $1 did not start" >&2; cat "$work"/*.log >&2; exit 1; }
wait_for "$redis_port"; wait_for "$augur_port"

# One warm-up pass each (JIT for Augur, page faults for both), then the measured passes.
redis-benchmark -p "$augur_port" -t get,set -c "$clients" -n 200000 -P 16 -q >/dev/null
redis-benchmark -p "$redis_port" -t get,set -c "$clients" -n 200000 -P 16 -q >/dev/null

rps() { # port pipeline test -> requests per second
  redis-benchmark -p "$1" -t "$3" -c "$clients" -n "$requests" -P "$2" --csv 2>/dev/null \
    | awk -F'","' 'NR>1 {gsub(/"/,"",$2); print $2; exit}'
}

printf '%-6s %-4s %14s %14s %8s\n' test P redis_rps augur_rps ratio
for pipeline in 1 16; do
  for t in set get; do
    r=$(rps "$redis_port" "$pipeline" "$t")
    a=$(rps "$augur_port" "$pipeline" "$t")
    ratio=$(awk -v a="$a" -v r="$r" 'BEGIN { printf "%.2f", a / r }')
    printf '%-6s %-4s %14s %14s %8s\n' "$t" "$pipeline" "$r" "$a" "$ratio"
  done
done
