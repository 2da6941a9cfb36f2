#!/usr/bin/env bash
# Soak: redis-benchmark (SET/GET/INCR on random keys) and a trace replay with prefetch on, against
# one Augur server for N minutes on loopback, with eviction running. Samples RSS and direct
# (off-heap buffer) memory every 10 s and prints whether memory stayed flat after warm-up, plus
# error replies and client errors.
# Usage: bench/soak.sh [minutes]   (default 10)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
minutes="${1:-10}"
port=${PORT:-16401}
metrics_port=${METRICS_PORT:-16402}
trace="${TRACE:-$root/../shared/traces/orm-busy.trace.gz}"
work="$(mktemp -d)"
clients=20
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
trap 'kill $pid $bench_pid $load_pid 2>/dev/null || true; wait 2>/dev/null || true; cp "$work/server.log" "${TMPDIR:-/tmp}/augur-soak-server.log" 2>/dev/null || true; rm -rf "$work"' EXIT
pid= bench_pid= load_pid=

command -v redis-benchmark >/dev/null || { echo "needs redis-benchmark (apt-get install redis-tools)" >&2; exit 1; }
"$root/augur" --version >/dev/null   # builds on first use

# A fixed, pre-touched heap, as in production: otherwise anonymous RSS grows while the JVM expands its
# heap towards -Xmx (a quarter of RAM by default), which is GC sizing, not a leak.
AUGUR_JAVA_OPTS="${AUGUR_JAVA_OPTS:--Xms512m -Xmx512m -XX:+AlwaysPreTouch}" "$root/augur" serve --port "$port" --dir "$work/data" --metrics-port "$metrics_port" --store-entries 200000 \
  --maxmemory 64mb --maxmemory-policy allkeys-lru --origin 'sim://?latency=2ms' --read-through yes \
  --predictor successor+delta >"$work/server.log" 2>&1 &
pid=$!
wait_for "$port"

seconds=$(( minutes * 60 ))
end=$(( $(date +%s) + seconds ))
# Load 1: redis-benchmark rounds until the end (each round ~ a few seconds).
( while [ "$(date +%s)" -lt "$end" ]; do
    redis-benchmark -p "$port" -t set,get,incr -r 100000 -d 200 -n 100000 -c "$clients" -P 4 -q 2>&1 | tr '\r' '\n' \
      | grep -E '^(SET|GET|INCR):' | tail -n 3 >>"$work/benchmark.txt" || true
  done ) &
bench_pid=$!
# Load 2: a trace replayed as GETs at a fixed rate over 4 connections (prefetch and read-through at work).
rate=300
"$root/augur" load --port "$port" --trace "$trace" --reads $(( seconds * rate )) --connections 4 --rate "$rate" \
  --key-prefix soak: >"$work/load.txt" 2>"$work/load.err" &
load_pid=$!

sample() { # -> "seconds rss_anon_kb direct_bytes rss_file_kb"
  local rss direct file
  # Anonymous RSS (heap, metaspace, native): what a leak grows. File-backed RSS is the store's
  # memory-mapped pages, bounded by the file and reclaimable by the kernel: reported apart.
  rss=$(awk '/^RssAnon:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
  file=$(awk '/^RssFile:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
  # A scrape that fails now and then (a busy 2-core machine) must not end the soak.
  direct=$(curl -s --max-time 5 "http://127.0.0.1:$metrics_port/metrics" \
    | awk '/^jvm_buffer_memory_used_bytes\{.*id="direct"/ {printf "%d", $2}' || true)
  echo "$(( $(date +%s) - (end - seconds) )) $rss ${direct:-0} $file"
}
echo "soak: $minutes min, redis-benchmark -c $clients -P 4 SET/GET/INCR -r 100000 -d 200 + augur load $rate GET/s of $(basename "$trace")"
printf '%8s %14s %14s %14s\n' seconds rss_anon_kb direct_bytes rss_file_kb
while [ "$(date +%s)" -lt "$end" ] && kill -0 "$pid" 2>/dev/null; do
  sample | tee -a "$work/samples.txt" | awk '{printf "%8s %14s %14s %14s\n", $1, $2, $3, $4}' || true
  sleep 10
done
# The replay may run behind its rate on a busy machine: it gets 2 more minutes, then stops.
for _ in $(seq 1 120); do kill -0 "$load_pid" 2>/dev/null || break; sleep 1; done
kill "$load_pid" 2>/dev/null || true
wait "$load_pid" || true
wait "$bench_pid" || true
sample >>"$work/samples.txt"

info() { redis-cli -p "$port" info all | tr -d '\r' | awk -F: -v k="$1" '$1 == k {print $2}'; }
# Warm-up: the first fifth of the run (JIT, store file pages, caches filling).
warm=$(awk -v s="$seconds" '$1 >= s / 5 {print $2; exit}' "$work/samples.txt")
last=$(tail -n 1 "$work/samples.txt" | awk '{print $2}')
peak=$(awk -v s="$seconds" '$1 >= s / 5 && $2 > m {m = $2} END {print m}' "$work/samples.txt")
growth=$(awk -v a="$warm" -v b="$last" 'BEGIN {printf "%.1f", 100 * (b - a) / a}')
errors=$(info total_error_replies)
load_errors=$(awk -F: '$1 == "errors" {print $2}' "$work/load.txt")
echo
echo "anonymous rss after warm-up: ${warm} kB, at the end: ${last} kB (growth ${growth}%), peak after warm-up: ${peak} kB"
echo "file-backed rss (store pages) at the end: $(tail -n 1 "$work/samples.txt" | awk '{print $4}') kB"
echo "direct memory at the end: $(tail -n 1 "$work/samples.txt" | awk '{print $3}') bytes"
echo "commands: $(info total_commands_processed), error replies: ${errors:-0} $(redis-cli -p "$port" info errorstats | tr -d '\r' | grep '^errorstat' | tr '\n' ' '), evicted keys: $(info evicted_keys)"
echo "augur load: $(tr '\n' ' ' <"$work/load.txt")"
echo "redis-benchmark: $(grep -c 'requests per second' "$work/benchmark.txt" || true) tests run; last: $(grep 'requests per second' "$work/benchmark.txt" | tail -n 3 | tr '\n' ' ')"
echo "prefetch: $(redis-cli -p "$port" info prefetch | tr -d '\r' | grep -E '^(prefetch_issued|prefetch_used|accesslog_dropped|origin_errors|origin_timeouts|origin_rejected_busy|origin_rejected_open):' | tr '\n' ' ')"
# Read-through misses the origin guard refused (timeout, busy, breaker open) get "-ERR origin …" by
# design; any other error reply is a failure.
guarded=$(( $(info origin_timeouts) + $(info origin_rejected_busy) + $(info origin_rejected_open) + $(info origin_errors) ))
other_errors=$(( ${errors:-0} - guarded ))
[ "$other_errors" -lt 0 ] && other_errors=0
alive=$(kill -0 "$pid" 2>/dev/null && echo yes || echo no)
verdict=PASS
awk -v g="$growth" 'BEGIN {exit !(g > 10)}' && verdict=FAIL
[ "$other_errors" != 0 ] && verdict=FAIL
[ "${load_errors:-1}" != 0 ] && verdict=FAIL
[ "$alive" != yes ] && verdict=FAIL
echo "$verdict (anonymous rss growth after warm-up <= 10%: ${growth}%; error replies other than the origin guard's: $other_errors; client errors: ${load_errors:-?}; server alive: $alive)"
