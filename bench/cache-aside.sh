#!/usr/bin/env bash
# Cache-aside over the wire: the hit ratio an application sees. Generates a per-user trace
# (`augur gen --workload per-user`: 128 users, recurring per-user paths), then replays it with
# `augur load --mode cache-aside` (GET; on a miss SET a value, as an application does after asking
# its database) against Debian's redis-server (allkeys-lru, then allkeys-lfu) and `augur serve`
# (prefetch off, then on with a simulated origin), each with `maxmemory` calibrated so it holds about
# CACHE_PERCENT of the distinct keys, over one connection per user, a pool, the pool with the
# application naming each read's user (`--context-hint`: AUGUR.CONTEXT, Augur rows only) and one
# shared connection. Every run starts a fresh server; all run in one go and the ratios come from one run.
#
# Run:    bench/cache-aside.sh
#         POLICY=allkeys-lru bench/cache-aside.sh      # the Augur rows' maxmemory-policy
#         WORKLOAD=zipf bench/cache-aside.sh           # nothing to learn: independent Zipf reads, dealt
#                                                      # round-robin to 128 users (prefetch must not cost)
# env:    READS (200000), KEYS (about this many distinct keys, 60000), VALUE_SIZE (bytes, 100),
#         CACHE_PERCENT (5), POOL (pooled connections, 16), POLICY (Augur's policy; default: the server's,
#         allkeys-tinylfu under a maxmemory),
#         LATENCY (the sim origin's, 2ms), PREDICTOR (Augur's, default: the server's),
#         CALIBRATION_KEYS (keys SET to measure bytes per key, 10000), SEED (1), KEEP (keep the work dir),
#         WORKLOAD (per-user, or zipf)
# Needs:  redis-server and redis-cli (apt-get install redis-server redis-tools), python3.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
reads="${READS:-200000}"
keys="${KEYS:-60000}"
value_size="${VALUE_SIZE:-100}"
cache_percent="${CACHE_PERCENT:-5}"
pool="${POOL:-16}"
policy="${POLICY:-}"
latency="${LATENCY:-2ms}"
calibration_keys="${CALIBRATION_KEYS:-10000}"
workload="${WORKLOAD:-per-user}"
work="$(mktemp -d)"
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  if [ -z "${KEEP:-}" ]; then rm -rf "$work"; else echo "work dir kept: $work" >&2; fi
}
trap cleanup EXIT

for tool in redis-server redis-cli python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 1; }
done
"$root/augur" --version >/dev/null   # builds on first use
export AUGUR_SKIP_BUILD=1

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

wait_up() { # port log
  for _ in $(seq 1 1200); do redis-cli -p "$1" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "server on port $1 did not start:" >&2; cat "$2" >&2; exit 1
}

info() { redis-cli -p "$1" info all | tr -d '\r' | awk -F: -v k="$2" '$1 == k {print $2}'; }

held_keys() { redis-cli -p "$1" info keyspace 2>/dev/null | tr -d '\r' | sed -n 's/^db0:keys=\([0-9]*\).*/\1/p' | grep . || echo 0; }

start() { # kind (redis|augur-off|augur-on) port maxmemory policy -> sets $pid
  local kind=$1 port=$2 maxmemory=$3 pol=$4 log="$work/$1-$2.log"
  case $kind in
    redis)
      redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no \
        --maxmemory "$maxmemory" --maxmemory-policy "$pol" >"$log" 2>&1 & ;;
    augur-off|augur-on)
      local prefetch=no
      [ "$kind" = augur-on ] && prefetch=yes
      # shellcheck disable=SC2086
      "$root/augur" serve --port "$port" --dir "$work/data-$port" --metrics-port 0 \
        --store-entries "$store_entries" --maxmemory "$maxmemory" ${pol:+--maxmemory-policy "$pol"} \
        --origin "sim://?latency=$latency&size=$value_size" --prefetch-enabled "$prefetch" \
        ${PREDICTOR:+--predictor $PREDICTOR} >"$log" 2>&1 & ;;
  esac
  pid=$!
  wait_up "$port" "$log"
}

stop() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=; }

# --- the trace ---------------------------------------------------------------------------------
trace="$work/$workload.trace.gz"
case $workload in
  per-user) "$root/augur" gen --workload per-user --reads "$reads" --keys "$keys" --seed "${SEED:-1}" --out "$trace" 2>/dev/null ;;
  zipf) # one reader in the generator: its reads dealt round-robin to 128 users, none with a sequence of its own
    "$root/augur" gen --workload zipf --reads "$reads" --keys "$keys" --seed "${SEED:-1}" --out "$work/zipf-one.trace.gz" 2>/dev/null
    zcat "$work/zipf-one.trace.gz" | awk '/^#/ { print; next } { $1 = n++ % 128; print }' | gzip >"$trace" ;;
  *) echo "WORKLOAD: per-user or zipf" >&2; exit 2 ;;
esac
distinct=$(zcat "$trace" | awk '!/^#/ {print $NF}' | sort -u | wc -l)
users=$(zcat "$trace" | awk '!/^#/ {print $1}' | sort -u | wc -l)
target=$(( distinct * cache_percent / 100 ))
store_entries=$(( distinct + 1000 ))

# --- calibration: SET real trace keys with values of the run's size into an unbounded server ----
zcat "$trace" | awk -v n="$calibration_keys" '!/^#/ && !seen[$NF]++ && c++ < n {print $NF}' >"$work/calibration.keys"
sample=$(wc -l <"$work/calibration.keys")
awk -v n="$value_size" 'BEGIN { v = sprintf("%*s", n, ""); gsub(/ /, "v", v) }
  { printf "*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n", length($0), $0, length(v), v }' \
  "$work/calibration.keys" >"$work/calibration.resp"

calibrate() { # kind -> prints maxmemory for $target keys: before + target * (after - before) / sample
  local kind=$1 port before after
  port=$(free_port)
  start "$kind" "$port" 0 noeviction
  before=$(info "$port" used_memory)
  redis-cli -p "$port" --pipe <"$work/calibration.resp" >/dev/null
  after=$(info "$port" used_memory)
  [ "$(held_keys "$port")" = "$sample" ] || { echo "calibration: $kind holds $(held_keys "$port") of $sample keys" >&2; exit 1; }
  stop
  echo "$before $after" >"$work/$kind.calibration"
  awk -v b="$before" -v a="$after" -v s="$sample" -v t="$target" 'BEGIN { printf "%d", b + t * (a - b) / s }'
}
redis_max=$(calibrate redis)
augur_max=$(calibrate augur-off)

per_key() { awk -v s="$sample" '{ printf "%.1f", ($2 - $1) / s }' "$work/$1.calibration"; }
redis_per_key=$(per_key redis)

# Redis counts its clients' buffers (tens of KB per busy connection in 7.0) in used_memory, so 128
# connections alone would take more than the keys' share of the calibrated maxmemory. While a Redis
# run lasts, its maxmemory follows used_memory + (target keys - keys held) x bytes per key (every
# 0.1 s), which holds it at the target key count whatever its clients take: the number of keys Augur
# holds (Augur's used_memory is its store's). The table shows the keys each held at the end.
follow_clients() { # port: runs until the server stops
  local used held
  while used=$(info "$1" used_memory 2>/dev/null) && [ -n "$used" ]; do
    held=$(held_keys "$1")
    redis-cli -p "$1" config set maxmemory \
      "$(awk -v u="$used" -v h="$held" -v t="$target" -v k="$redis_per_key" 'BEGIN { printf "%d", u + (t - h) * k }')" \
      >/dev/null 2>&1 || break
    sleep 0.1
  done
}

echo "trace: augur gen --workload $workload --reads $reads --keys $keys: $reads reads, $users users, $distinct distinct keys"
echo "cache: $cache_percent% = $target keys of $value_size B values;" \
     "redis $redis_per_key B/key -> maxmemory $redis_max, then held at $target keys (its clients' buffers count);" \
     "augur $(per_key augur-off) B/key -> maxmemory $augur_max"
echo "augur: maxmemory-policy ${policy:-(server default)}, origin sim://?latency=$latency, predictor ${PREDICTOR:-(server default)}"
echo

# --- the runs ------------------------------------------------------------------------------------
servers=(redis-lru redis-lfu augur-off augur-on)
modes=(per-client pooled hinted shared)
for server in "${servers[@]}"; do
  for mode in "${modes[@]}"; do
    port=$(free_port)
    case $server in
      redis-lru) start redis "$port" "$redis_max" allkeys-lru ;;
      redis-lfu) start redis "$port" "$redis_max" allkeys-lfu ;;
      augur-*) start "$server" "$port" "$augur_max" "$policy" ;;
    esac
    follower=
    if [[ $server == redis-* ]]; then follow_clients "$port" & follower=$!; fi
    case $mode in
      per-client) connect=(--per-client) ;;
      pooled) connect=(--pooled --connections "$pool") ;;
      # The pool again, with the application naming its user (AUGUR.CONTEXT; Redis knows no such hint).
      hinted) connect=(--pooled --connections "$pool"); [[ $server == augur-* ]] && connect+=(--context-hint) ;;
      shared) connect=(--pooled --connections 1) ;;
    esac
    "$root/augur" load --mode cache-aside --port "$port" --trace "$trace" --value-size "$value_size" \
      "${connect[@]}" --json >"$work/run.json" || true   # errors are in the JSON and the table
    held=$(held_keys "$port")
    python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); r.update(server=sys.argv[2], run=sys.argv[3], held_keys=int(sys.argv[4])); print(json.dumps(r))' \
      "$work/run.json" "$server" "$mode" "$held" | tee -a "$work/results.jsonl"
    stop
    if [ -n "$follower" ]; then wait "$follower" 2>/dev/null || true; fi
  done
done
echo

# --- the table -----------------------------------------------------------------------------------
python3 - "$work/results.jsonl" "$pool" "$users" "${policy:-default}" <<'EOF'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
pool, users, policy = sys.argv[2], sys.argv[3], sys.argv[4]
r = {(x["server"], x["run"]): x for x in rows}
labels = {"per-client": f"one per user ({users})", "pooled": f"pool of {pool}",
          "hinted": f"pool of {pool}, hint", "shared": "one shared (1)"}
heads = ["redis lru", "redis lfu", f"augur {policy} off", f"augur {policy} on", "on/redis-lfu", "on/off"]
print("client-side hit ratio (keys held at the end in brackets)")
print(f"{'connections':<20}" + "".join(f"{h:>26}" for h in heads))
for mode, label in labels.items():
    cells = [f"{r[(s, mode)]['hit_ratio']:.4f} [{r[(s, mode)]['held_keys']}]"
             for s in ("redis-lru", "redis-lfu", "augur-off", "augur-on")]
    on, lfu, off = (r[(s, mode)]["hit_ratio"] for s in ("augur-on", "redis-lfu", "augur-off"))
    cells += [f"{on / lfu:.2f}" if lfu else "-", f"{on / off:.2f}" if off else "-"]
    print(f"{label:<20}" + "".join(f"{c:>26}" for c in cells))
for x in rows:
    if x["errors"]:
        print(f"WARNING: {x['server']} {x['run']}: {x['errors']} errors (the hit ratio counts them as misses)")
print()
print("augur prefetch on: INFO after each run")
fields = ["prefetch_issued", "prefetch_used", "prefetch_wasted", "accesslog_offered", "accesslog_dropped"]
print(f"{'connections':<20}" + "".join(f"{f:>19}" for f in fields) + f"{'precision':>11}{'dropped':>9}{'reads/s':>9}")
for mode, label in labels.items():
    x = r[("augur-on", mode)]
    precision = x["prefetch_used"] / x["prefetch_issued"] if x.get("prefetch_issued") else 0
    dropped = x["accesslog_dropped"] / x["accesslog_offered"] if x.get("accesslog_offered") else 0
    print(f"{label:<20}" + "".join(f"{x.get(f, '-'):>19}" for f in fields)
          + f"{precision:>11.3f}{dropped:>9.1%}{x['reads_per_s']:>9.0f}")
EOF
