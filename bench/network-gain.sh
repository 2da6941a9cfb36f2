#!/usr/bin/env bash
# What the network adds (issue 14's table): replays each trace with the lstm predictor, the same
# blend with its network never trained (lstm-untrained) and the tables alone, under W-TinyLFU at one
# cache size and D = 1 and 10, then prints one Markdown row per trace and D: hit ratios, the
# network's gain, what each source's prefetches were read, and the targets.
# Usage: bench/network-gain.sh [trace.gz ...]   (default: every trace in ../shared/traces)
#   env: CACHE (default 5%), LOOKAHEAD (default 1,10), LIMIT (first N reads of each trace; default all),
#        OUT (directory for the JSON rows, default a temp dir, kept when set)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cache="${CACHE:-5%}"
lookahead="${LOOKAHEAD:-1,10}"
out="${OUT:-$(mktemp -d)}"
mkdir -p "$out"
[ $# -gt 0 ] || set -- "$root"/../shared/traces/*.trace.gz
"$root/augur" --version >/dev/null   # builds on first use
for trace in "$@"; do
  name=$(basename "$trace" .trace.gz)
  start=$(date +%s)
  "$root/augur" replay --trace "$trace" --predictor lstm,lstm-untrained,successor,delta,successor+delta \
    --eviction tinylfu --cache-size "$cache" --lookahead "$lookahead" ${LIMIT:+--limit "$LIMIT"} \
    --json --no-progress > "$out/$name.json"
  echo "$name: $(( $(date +%s) - start )) s" >&2
done
python3 "$root/bench/network_gain.py" "$out"/*.json
