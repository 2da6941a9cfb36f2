#!/usr/bin/env bash
# A large sorted set beside Redis, one run, side by side: a leaderboard grown by
# `ZADD lb <random score> m:<random>` (about 63,000 members from 100,000 ZADDs over 100,000 names),
# then the reads a leaderboard makes: the top 10, a member's rank, a count and a page by score.
# Usage: bench/leaderboard-vs-redis.sh [reads] [rounds]   (default 50000 reads per test, 3 rounds:
# the servers alternate and the medians are printed). Needs redis-server and redis-benchmark.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
requests=${1:-50000}
rounds=${2:-3}
clients=50
work=$(mktemp -d)
redis_port=${REDIS_PORT:-16489}
augur_port=${AUGUR_PORT:-16490}
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
trap 'stop_servers; rm -rf "$work"' EXIT
[ "${AUGUR_SKIP_BUILD:-}" = 1 ] || "$root/augur" --version >/dev/null # build once, outside the timings
start_side_by_side

one() { # port requests pipeline command... -> requests per second
  local port=$1 n=$2 pipeline=$3; shift 3
  redis-benchmark -p "$port" -c "$clients" -n "$n" -r 100000 -P "$pipeline" --csv "$@" 2>/dev/null \
    | awk -F'","' 'NR>1 {gsub(/"/,"",$2); print $2; exit}'
}
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

printf '%-34s %12s %12s %8s\n' test redis_rps augur_rps augur/redis
# Growth: each server's first 100,000 ZADDs into an empty key (measured once: the set is what it builds).
r=$(one "$redis_port" 100000 16 zadd lb __rand_int__ m:__rand_int__)
a=$(one "$augur_port" 100000 16 zadd lb __rand_int__ m:__rand_int__)
printf '%-34s %12s %12s %8s\n' "ZADD (growing to ~63k, -P 16)" "$r" "$a" "$(ratio "$a" "$r")"
echo "members: redis $(redis-cli -p "$redis_port" zcard lb), augur $(redis-cli -p "$augur_port" zcard lb)"
for port in "$redis_port" "$augur_port"; do # JIT for the read paths before their timings
  for c in "zrevrange lb 0 9 withscores" "zrank lb m:__rand_int__" "zcount lb 1000 50000" \
           "zrangebyscore lb 50000 +inf limit 0 10"; do
    # shellcheck disable=SC2086
    one "$port" 20000 1 $c >/dev/null
  done
done
while IFS='|' read -r label pipeline command; do
  rs=(); as=()
  for _ in $(seq 1 "$rounds"); do
    # shellcheck disable=SC2086
    rs+=("$(one "$redis_port" "$requests" "$pipeline" $command)")
    # shellcheck disable=SC2086
    as+=("$(one "$augur_port" "$requests" "$pipeline" $command)")
  done
  r=$(median "${rs[@]}"); a=$(median "${as[@]}")
  printf '%-34s %12s %12s %8s\n' "$label" "$r" "$a" "$(ratio "$a" "$r")"
done <<'TESTS'
ZADD (update, -P 16)|16|zadd lb __rand_int__ m:__rand_int__
ZREVRANGE lb 0 9 WITHSCORES|1|zrevrange lb 0 9 withscores
ZRANK (random member)|1|zrank lb m:__rand_int__
ZCOUNT lb 1000 50000|1|zcount lb 1000 50000
ZRANGEBYSCORE ... LIMIT 0 10|1|zrangebyscore lb 50000 +inf limit 0 10
ZREVRANGE lb 0 9 WITHSCORES -P 16|16|zrevrange lb 0 9 withscores
TESTS
