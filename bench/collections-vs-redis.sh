#!/usr/bin/env bash
# Collections beside Redis, one run, side by side (issue 17's targets): throughput of
# `redis-benchmark -t lpush,lpop,sadd,hset,zadd -P 16` against Debian's redis-server and Augur, and
# used_memory per element of a list, hash, set and sorted set of 1,000 and 100,000 elements.
# Usage: bench/collections-vs-redis.sh [requests] [rounds]   (default 100000, redis-benchmark's own
# default, and 5 rounds: each row is measured rounds times, the two servers alternating, and the
# medians are printed, so a burst of load from other processes moves a row less;
# needs redis-server, redis-benchmark, python3-redis). Prints augur/redis ratios; the SET row is
# the string baseline measured in the same run (what the machine allows Augur now).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
requests=${1:-100000}
rounds=${2:-5}
clients=50
work=$(mktemp -d)
redis_port=${REDIS_PORT:-16479}
augur_port=${AUGUR_PORT:-16480}
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
trap 'stop_servers; rm -rf "$work"' EXIT
[ "${AUGUR_SKIP_BUILD:-}" = 1 ] || "$root/augur" --version >/dev/null # build once, outside the timings
start_side_by_side

warm_up "$redis_port" "$augur_port"
for port in "$redis_port" "$augur_port"; do # the collection paths too: JIT before the timings, as for SET
  for _ in 1 2 3; do redis-benchmark -p "$port" -t lpush,lpop,sadd,hset,zadd -c "$clients" -n 200000 -P 16 -q >/dev/null; done
done
printf '%-8s %14s %14s %8s\n' test redis_rps augur_rps augur/redis
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for t in set lpush lpop sadd hset zadd; do
  rs=(); as=()
  for _ in $(seq 1 "$rounds"); do
    for port in "$redis_port" "$augur_port"; do
      redis-cli -p "$port" flushall >/dev/null
      [ "$t" = lpop ] && redis-benchmark -p "$port" -t lpush -c "$clients" -n "$requests" -P 16 -q >/dev/null # what LPOP pops
      [ "$port" = "$redis_port" ] && rs+=("$(rps "$port" 16 "$t")") || as+=("$(rps "$port" 16 "$t")")
    done
  done
  r=$(median "${rs[@]}"); a=$(median "${as[@]}")
  printf '%-8s %14s %14s %8s\n' "$t" "$r" "$a" "$(ratio "$a" "$r")"
done

echo
/usr/bin/python3 - "$redis_port" "$augur_port" <<'PY'
import sys, redis
servers = {"redis": redis.Redis(port=int(sys.argv[1])), "augur": redis.Redis(port=int(sys.argv[2]))}
def fill(c, kind, n):
    p = c.pipeline(transaction=False)
    for start in range(0, n, 1000):
        chunk = range(start, min(n, start + 1000))
        if kind == "list": p.rpush("k", *[f"element:{i}" for i in chunk])
        if kind == "hash": p.hset("k", mapping={f"field:{i}": f"value:{i}" for i in chunk})
        if kind == "set": p.sadd("k", *[f"member:{i}" for i in chunk])
        if kind == "zset": p.zadd("k", {f"member:{i}": i for i in chunk})
    p.execute()
print(f"{'used_memory per element (B)':<34} {'redis':>8} {'augur':>8} {'augur/redis':>12}")
for n in (1000, 100000):
    for kind in ("list", "hash", "set", "zset"):
        per = {}
        for name, c in servers.items():
            c.flushall()
            before = c.info("memory")["used_memory"]
            fill(c, kind, n)
            per[name] = (c.info("memory")["used_memory"] - before) / n
        print(f"{kind + ' of ' + str(n):<34} {per['redis']:>8.1f} {per['augur']:>8.1f} {per['augur'] / per['redis']:>12.2f}")
PY
