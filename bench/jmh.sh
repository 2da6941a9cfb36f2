#!/usr/bin/env bash
# JMH benchmarks of the request path with the allocation profiler (gc.alloc.rate.norm = bytes per op).
# Usage: bench/jmh.sh [BenchmarkRegex] [JMH args, default: -f 1 -wi 3 -w 2s -i 5 -r 2s]
#   bench/jmh.sh                                   every request-path benchmark (protocol and server)
#   bench/jmh.sh ServerRoundTripBenchmark -f 1     one of them
# Benchmarks: protocol RespCodecBenchmark; server StoreBenchmark, CommandPartsBenchmark,
# ServerRoundTripBenchmark (a real server in process, GET/SET through a socket).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
filter="${1:-.*(RespCodec|Store|CommandParts|ServerRoundTrip)Benchmark.*}"
shift || true
[ $# -gt 0 ] || set -- -f 1 -wi 3 -w 2s -i 5 -r 2s
./mvnw -q -B -o -DskipTests install -pl server -am >&2
flags="$(sed -n 's/^augur\.jvm\.flags=//p' jvm.properties)"
for module in protocol server; do
  classes="$module/target/test-classes"
  grep -qE "$filter" "$classes/META-INF/BenchmarkList" 2>/dev/null || continue
  ./mvnw -q -B -o -pl "$module" dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt \
    -Dmdep.includeScope=test >&2
  cp="$classes:$module/target/classes:$(cat "$module/target/bench-cp.txt")"
  # shellcheck disable=SC2086
  java $flags -cp "$cp" org.openjdk.jmh.Main "$filter" -prof gc \
    -jvmArgsAppend "$flags" "$@"
done
