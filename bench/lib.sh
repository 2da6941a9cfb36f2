# Shared by the benchmark scripts: wait for a server, measure one redis-benchmark test.
# Expects $clients and $requests set, and $work holding the servers' logs.

wait_for() { # port
  for _ in $(seq 1 300); do redis-cli -p "$1" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "server on port $1 did not start" >&2; cat "$work"/*.log >&2; exit 1
}

rps() { # port pipeline test [extra redis-benchmark args] -> requests per second
  local port=$1 pipeline=$2 test=$3; shift 3
  redis-benchmark -p "$port" -t "$test" -c "$clients" -n "$requests" -P "$pipeline" "$@" --csv 2>/dev/null \
    | awk -F'","' 'NR>1 {gsub(/"/,"",$2); print $2; exit}'
}

# Redis and Augur side by side (sets redis_pid, augur_pid; both stopped by stop_servers, which the
# scripts trap on EXIT). Expects $root, $work, $redis_port and $augur_port.
redis_pid=""
augur_pid=""
start_side_by_side() { # [extra augur serve args]
  redis-server --port "$redis_port" --save '' --appendonly no --dir "$work" --daemonize no >"$work/redis.log" 2>&1 &
  redis_pid=$!
  AUGUR_SKIP_BUILD=1 "$root/augur" serve --port "$augur_port" --dir "$work/augur" --metrics-port $((augur_port + 1)) \
    "$@" >"$work/augur.log" 2>&1 &
  augur_pid=$!
  wait_for "$redis_port"; wait_for "$augur_port"
}

stop_servers() {
  for pid in $redis_pid $augur_pid; do kill "$pid" 2>/dev/null || true; done
  for pid in $redis_pid $augur_pid; do wait "$pid" 2>/dev/null || true; done
  redis_pid=""; augur_pid=""
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

warm_up() { # port port [extra redis-benchmark args]: one pass each (JIT, page faults) before measuring
  local a=$1 b=$2; shift 2
  for port in "$a" "$b"; do
    redis-benchmark -p "$port" -t set,get -c "$clients" -n 200000 -P 16 -q "$@" >/dev/null
  done
}

compare() { # base_label base_port other_label other_port [extra args]: SET/GET at -P 1 and 16, other/base
  local base_label=$1 base_port=$2 other_label=$3 other_port=$4; shift 4
  printf '%-6s %-4s %14s %14s %8s\n' test P "${base_label}_rps" "${other_label}_rps" "$other_label/$base_label"
  for pipeline in 1 16; do
    for t in set get; do
      local base other
      base=$(rps "$base_port" "$pipeline" "$t" "$@")
      other=$(rps "$other_port" "$pipeline" "$t" "$@")
      printf '%-6s %-4s %14s %14s %8s\n' "$t" "$pipeline" "$base" "$other" "$(ratio "$other" "$base")"
    done
  done
}
