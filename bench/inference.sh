#!/usr/bin/env bash
# Inference cost per prediction on the CPU: the LSTM (one context → top-2) vs the successor+delta
# table, with JMH in SampleTime mode (p50/p99). Usage: bench/inference.sh [extra JMH args]
# BENCH=TableObserveBenchmark bench/inference.sh: what each table costs per read it learns from.
# JMH_RUN replaces the run options (default: -f 1 -wi 2 -w 5s -i 3 -r 10s).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
./mvnw -q -B -DskipTests install -pl predictor -am
./mvnw -q -B -pl predictor dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test
cp="predictor/target/test-classes:predictor/target/classes:$(cat predictor/target/bench-cp.txt)"
flags="$(sed -n 's/^augur\.jvm\.flags=//p' jvm.properties)"
# shellcheck disable=SC2086
exec java $flags -cp "$cp" org.openjdk.jmh.Main "${BENCH:-LstmInferenceBenchmark}" ${JMH_RUN:--f 1 -wi 2 -w 5s -i 3 -r 10s} \
  -jvmArgsAppend "$flags" "$@"
