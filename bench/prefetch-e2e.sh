#!/usr/bin/env bash
# Does prefetch pay over the wire? Replays a trace as GETs (augur load: several connections, fixed
# rate) against `augur serve` with a simulated slow origin and read-through, once with prefetch off
# and once on, and prints hit ratio, GET p50/p99 and origin requests side by side — as the clients
# measured them and as the server's INFO counts them.
# Usage: bench/prefetch-e2e.sh [trace] [reads] [predictor]
#   defaults: ../shared/traces/sprite.trace.gz, 40000 reads, successor+delta
#   env: RATE (GETs/s, default 800), CONNECTIONS (default 8), LATENCY_MS (origin, default 5),
#        CACHE_PERCENT (store capacity as % of the distinct keys replayed, default 5),
#        SERVER_ARGS (more `augur serve` options, e.g. "--train-interval 5 --train-min-events 5000" for lstm)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
trace="${1:-$root/../shared/traces/sprite.trace.gz}"
reads="${2:-40000}"
predictor="${3:-successor+delta}"
rate="${RATE:-800}"
connections="${CONNECTIONS:-8}"
latency="${LATENCY_MS:-5}"
cache_percent="${CACHE_PERCENT:-5}"
port=${PORT:-16391}
work="$(mktemp -d)"
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
trap 'kill $pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
pid=

command -v redis-cli >/dev/null || { echo "needs redis-cli (apt-get install redis-tools)" >&2; exit 1; }
"$root/augur" --version >/dev/null   # builds on first use

distinct=$(zcat -f "$trace" | awk -v r="$reads" '!/^#/ && n++ < r {print $NF}' | sort -u | wc -l)
entries=$(( distinct * cache_percent / 100 ))
[ "$entries" -lt 16 ] && entries=16
echo "trace $(basename "$trace"): $reads reads, $distinct distinct keys; cache $entries keys ($cache_percent%);" \
     "origin sim latency ${latency}ms; $connections connections at $rate GET/s; predictor $predictor"

info() { redis-cli -p "$port" info all | tr -d '\r' | awk -F: -v k="$1" '$1 == k {print $2}'; }

run() { # mode (off|on) -> prints a key:value block
  local mode=$1 enabled=no
  [ "$mode" = on ] && enabled=yes
  rm -rf "$work/data"
  "$root/augur" serve --port "$port" --dir "$work/data" --metrics-port 0 --store-entries "$entries" \
    --maxmemory-policy allkeys-lru --origin "sim://?latency=${latency}ms" --read-through yes \
    --prefetch-enabled "$enabled" --predictor "$predictor" --predictor-cpu 1 --prefetch-dedup-window 0 ${SERVER_ARGS:-} >"$work/$mode.log" 2>&1 &
  pid=$!
  wait_for "$port"
  "$root/augur" load --port "$port" --trace "$trace" --reads "$reads" --connections "$connections" \
    --rate "$rate" --miss-threshold "$(awk -v l="$latency" 'BEGIN {print l / 2}')" >"$work/$mode.client"
  sleep 1   # let the last prefetches land before reading the counters
  {
    cat "$work/$mode.client"
    echo "server_hits:$(info keyspace_hits)"
    echo "server_misses:$(info keyspace_misses)"
    echo "origin_requests:$(info origin_requests)"
    echo "prefetch_issued:$(info prefetch_issued)"
    echo "prefetch_used:$(info prefetch_used)"
    echo "accesslog_dropped:$(info accesslog_dropped)"
  } >"$work/$mode.result"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
}

run off
run on

get() { awk -F: -v k="$2" '$1 == k {print $2}' "$work/$1.result"; }
printf '%-22s %12s %12s\n' metric "prefetch off" "prefetch on"
for m in client_hit_ratio server_hit_ratio get_p50_ms get_p99_ms origin_requests origin_per_read prefetch_issued \
         prefetch_used prefetch_precision client_vs_server_hits errors accesslog_dropped achieved_rate; do
  row=()
  for mode in off on; do
    case $m in
      server_hit_ratio) v=$(awk -v h="$(get $mode server_hits)" -v r="$(get $mode reads)" 'BEGIN {printf "%.4f", h / r}') ;;
      origin_per_read) v=$(awk -v o="$(get $mode origin_requests)" -v r="$(get $mode reads)" 'BEGIN {printf "%.3f", o / r}') ;;
      prefetch_precision) v=$(awk -v u="$(get $mode prefetch_used)" -v i="$(get $mode prefetch_issued)" \
                            'BEGIN {if (i + 0 > 0) printf "%.3f", u / i; else printf "-"}') ;;
      client_vs_server_hits) v=$(awk -v c="$(get $mode client_hits)" -v s="$(get $mode server_hits)" \
                               'BEGIN {printf "%+d", c - s}') ;;
      *) v=$(get $mode $m) ;;
    esac
    row+=("$v")
  done
  printf '%-22s %12s %12s\n' "$m" "${row[0]}" "${row[1]}"
done
echo
echo "Replay of the same reads, interleaved as $connections connections (augur replay, D = 1, LRU of $entries keys):"
"$root/augur" replay --trace "$trace" --limit "$reads" --cache-size "$entries" --lookahead 1 \
  --predictor "$predictor" --connections "$connections" --no-progress 2>/dev/null | sed -n '2,$p'
