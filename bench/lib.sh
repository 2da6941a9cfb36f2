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

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
