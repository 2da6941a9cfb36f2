#!/usr/bin/env bash
# CPU flame graphs of Augur's GET and SET paths under redis-benchmark (-P 16, random keys, 256 B),
# with async-profiler 4.6 from Maven Central (tools.profiler:async-profiler, its linux-x64 agent).
# Usage: bench/profile.sh [outdir] [requests]   (default docs/perf, 2000000)
# Writes get.html and set.html (async-profiler 4 writes flame graphs as HTML, not SVG) and the
# collapsed stacks (get.collapsed, set.collapsed) that docs/performance.md's shares are summed from.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(cd "$root" && mkdir -p "${1:-docs/perf}" && cd "${1:-docs/perf}" && pwd)"
requests="${2:-2000000}"
port=${AUGUR_PORT:-16390}
work="$(mktemp -d)"
clients=50
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
trap 'kill $augur_pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

jar="$HOME/.m2/repository/tools/profiler/async-profiler/4.6/async-profiler-4.6.jar"
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B dependency:get -Dartifact=tools.profiler:async-profiler:4.6 -Dtransitive=false)
unzip -q -o "$jar" 'linux-x64/libasyncProfiler.so' -d "$work"
agent="$work/linux-x64/libasyncProfiler.so"

# Metrics on (a free port, as by default), prefetch at its default.
"$root/augur" serve --port "$port" --dir "$work/data" --metrics-port $((port + 1)) >"$work/augur.log" 2>&1 &
augur_pid=$!
wait_for "$port"
java_pid=$(pgrep -P "$augur_pid" java || echo "$augur_pid")
bench() { redis-benchmark -p "$port" -c "$clients" -P 16 -r 100000 -d 256 -n "$requests" -q -t "$1" >/dev/null; }
bench set; bench get # warm: JIT and every key present

# jcmd's parser splits name=value pairs: the agent's option string goes in inner quotes.
agent_cmd() { jcmd "$java_pid" JVMTI.agent_load "$agent" "\"$1\"" | grep -q 'return code: 0' || { echo "async-profiler: $1 failed" >&2; exit 1; }; }
for t in get set; do
  # itimer works without perf_events permissions (containers); interval 1 ms of CPU.
  agent_cmd "start,event=itimer,interval=1ms"
  bench "$t"
  agent_cmd "dump,flamegraph,file=$out/$t.html"
  agent_cmd "dump,collapsed,file=$out/$t.collapsed"
  agent_cmd "stop"
  echo "$out/$t.html"
done
