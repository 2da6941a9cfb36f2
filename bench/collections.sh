#!/usr/bin/env bash
# Cost of one HSET and one ZADD on a hash / sorted set of 1,000 and 100,000 fields (paged), beside
# the whole-entry rewrite of the single-entry encoding
# (JMH, AverageTime, microseconds per HSET). Usage: bench/collections.sh [extra JMH args]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
./mvnw -q -B -o -DskipTests install -pl server -am
./mvnw -q -B -o -pl server dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test
cp="server/target/test-classes:server/target/classes:$(cat server/target/bench-cp.txt)"
flags="$(sed -n 's/^augur\.jvm\.flags=//p' jvm.properties)"
# shellcheck disable=SC2086
exec java $flags -cp "$cp" org.openjdk.jmh.Main CollectionWriteBenchmark -f 1 -wi 2 -w 3s -i 3 -r 5s \
  -jvmArgsAppend "$flags" "$@"
