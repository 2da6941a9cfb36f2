#!/usr/bin/env bash
# Issue 15's table in one run: Debian's redis-server and Augur side by side on this machine, each
# row as Augur/Redis (throughput: higher is better; memory and latency: lower is better).
# Usage: bench/redis-benchmark.sh [requests]   (default 500000 per throughput row; MEMORY_ONLY=1: the idle,
#        disk, cold and memory rows only; needs redis-server,
#        redis-benchmark, redis-cli). Run it on a quiet machine: ratios from a shared one are noise.
# Rows: GET/SET at -P 1 and -P 16, one key (3 B values) and -r 100000 -d 256 (warm); the first
# 300,000 SETs after a fresh start (cold JIT); resident memory after 667,000 SETs of 100 B values
# (absolute and growth per key over idle); idle resident memory; data directory right after the
# first start; then GET latency p50/p99/p99.9 at a fixed rate with `augur load` (Lettuce, sync GETs
# paced per connection; latency from send to reply, so a stall delays later sends rather than
# counting as their latency: compare the two servers, not absolute figures).
# Both servers at their defaults (Augur: prefetch and metrics on, its launcher's JVM flags).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
requests="${1:-500000}"
cold_sets=${COLD_SETS:-300000}
memory_sets=${MEMORY_SETS:-667000}
latency_reads=${LATENCY_READS:-100000}
latency_rate=${LATENCY_RATE:-10000}
clients=50
redis_port=${REDIS_PORT:-16379}
augur_port=${AUGUR_PORT:-16380}
work="$(mktemp -d)"
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
trap 'stop_servers; rm -rf "$work"' EXIT

command -v redis-server >/dev/null && command -v redis-benchmark >/dev/null || {
  echo "needs redis-server and redis-benchmark (apt-get install redis-server redis-tools)" >&2; exit 1; }
[ "${AUGUR_SKIP_BUILD:-}" = 1 ] || "$root/augur" --version >/dev/null # build once, outside the timings

start_servers() { # fresh data directories each time
  stop_servers
  rm -rf "$work/redis" "$work/augur"; mkdir -p "$work/redis"
  redis-server --port "$redis_port" --save '' --appendonly no --dir "$work/redis" --daemonize no \
    >"$work/redis.log" 2>&1 &
  redis_pid=$!
  AUGUR_SKIP_BUILD=1 "$root/augur" serve --port "$augur_port" --dir "$work/augur" \
    --metrics-port $((augur_port + 1)) >"$work/augur.log" 2>&1 & # ./augur execs java: $! is the JVM
  augur_pid=$!
  wait_for "$redis_port"; wait_for "$augur_port"
}
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
row() { # name redis augur
  local r=-
  [[ "$2" =~ ^[0-9.]+$ && "$3" =~ ^[0-9.]+$ && ! "$2" =~ ^0*\.?0*$ ]] && r=$(ratio "$3" "$2")
  printf '%-44s %14s %14s %8s\n' "$1" "$2" "$3" "$r"
}
printf '%-44s %14s %14s %8s\n' case redis augur augur/redis

# Idle and empty: right after the first start, settled.
start_servers
sleep 5
row "resident memory, idle, empty (MB)" "$(($(rss_kb $redis_pid) / 1024))" "$(($(rss_kb $augur_pid) / 1024))" ""
row "data directory after first start (KB, du)" "$(du -sk "$work/redis" | cut -f1)" "$(du -sk "$work/augur" | cut -f1)" ""

# Cold: the first SETs after start, JIT not warm.
row "first $cold_sets SETs after start (rps)" \
  "$(requests=$cold_sets rps "$redis_port" 16 set -r 100000)" "$(requests=$cold_sets rps "$augur_port" 16 set -r 100000)" ""

# Memory: fresh servers, SETs of 100 B values over a 1M keyspace.
start_servers
sleep 5
redis_idle=$(rss_kb $redis_pid); augur_idle=$(rss_kb $augur_pid)
for port in "$redis_port" "$augur_port"; do
  redis-benchmark -p "$port" -t set -c "$clients" -n "$memory_sets" -r 1000000 -d 100 -P 16 -q >/dev/null
done
sleep 2
redis_rss=$(rss_kb $redis_pid); augur_rss=$(rss_kb $augur_pid)
keys=$(redis-cli -p "$augur_port" dbsize)
row "RSS after $memory_sets SETs of 100 B (MB)" "$((redis_rss / 1024))" "$((augur_rss / 1024))" ""
row "RSS growth per key, $keys keys (B)" "$(((redis_rss - redis_idle) * 1024 / keys))" \
  "$(((augur_rss - augur_idle) * 1024 / keys))" ""
row "data directory after them (MB, du)" "$(($(du -sk "$work/redis" | cut -f1) / 1024))" \
  "$(($(du -sk "$work/augur" | cut -f1) / 1024))" ""
[ "${MEMORY_ONLY:-}" = 1 ] && exit 0 # the rows above only (about 2 minutes)

# Throughput, warm.
warm_up "$augur_port" "$redis_port"
for pipeline in 1 16; do
  for t in get set; do
    row "$t one key, 3 B, -P $pipeline (rps)" "$(rps "$redis_port" "$pipeline" "$t")" "$(rps "$augur_port" "$pipeline" "$t")" ""
  done
  for t in get set; do
    row "$t -r 100000 -d 256, -P $pipeline (rps)" "$(rps "$redis_port" "$pipeline" "$t" -r 100000 -d 256)" \
      "$(rps "$augur_port" "$pipeline" "$t" -r 100000 -d 256)" ""
  done
done

# Latency at a fixed rate: GETs of 100,000 keys (256 B values) that both servers hold.
awk -v n="$latency_reads" 'BEGIN { srand(15); for (i = 0; i < n; i++) print int(rand() * 100000) }' >"$work/latency.trace"
value=$(head -c 256 /dev/zero | tr '\0' v)
for port in "$redis_port" "$augur_port"; do
  awk -v v="$value" 'BEGIN { for (i = 0; i < 100000; i++) printf "SET lat:%d %s\r\n", i, v }' \
    | redis-cli -p "$port" --pipe >/dev/null
done
latency() { # port -> the load command's name:value lines
  AUGUR_SKIP_BUILD=1 "$root/augur" load --port "$1" --trace "$work/latency.trace" --key-prefix lat: \
    --rate "$latency_rate" --connections 4 2>/dev/null
}
redis_latency=$(latency "$redis_port"); augur_latency=$(latency "$augur_port")
field() { sed -n "s/^$1://p" <<<"$2"; }
for p in p50 p99 p999; do
  row "GET $p at $latency_rate/s, 4 connections (ms)" "$(field "get_${p}_ms" "$redis_latency")" \
    "$(field "get_${p}_ms" "$augur_latency")" ""
done
row "  achieved rate (GET/s)" "$(field achieved_rate "$redis_latency")" "$(field achieved_rate "$augur_latency")" ""
