#!/usr/bin/env bash
# A picture of the Grafana dashboard (deploy/grafana/dashboards/augur.json) without Grafana: starts
# Augur in front of a simulated origin with read-through, a real Prometheus (Debian's package)
# scraping its metrics port every 2 s, drives traffic with `augur gen` + `augur load`, runs every
# panel's queries through Prometheus's HTTP API (bench/dashboard_picture.py), draws them in the
# dashboard's grid with the vendored uPlot and screenshots the page with headless Chromium.
# Stops everything it started.
# Usage: bench/dashboard-picture.sh [out.png]      (default docs/grafana-dashboard.png)
#   env: DURATION (seconds of traffic, default 150: two workloads, half each), RATE (GETs/s, 1000),
#        SERVER_ARGS (more `augur serve` options), KEEP=1 (keep the work directory and the page)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(realpath -m "${1:-$root/docs/grafana-dashboard.png}")"
duration="${DURATION:-150}"
rate="${RATE:-1000}"
work="$(mktemp -d)"
augur_pid= prom_pid=
cleanup() {
  for pid in $augur_pid $prom_pid; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "${KEEP:-}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# What the run needs, installed with apt as .ci/run does.
need_apt=()
command -v prometheus >/dev/null 2>&1 || need_apt+=(prometheus)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v curl >/dev/null 2>&1 || need_apt+=(curl)
if [ ${#need_apt[@]} -gt 0 ]; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
  # The package starts a Prometheus service in some environments; this script runs its own.
  (command -v service >/dev/null 2>&1 && $sudo_cmd service prometheus stop >/dev/null 2>&1) || true
fi
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_log() { # file pattern what
  for _ in $(seq 1 600); do grep -q "$2" "$1" && return 0; sleep 0.2; done
  echo "$3 did not start:" >&2; cat "$1" >&2; exit 1
}

"$root/augur" --version >/dev/null   # builds on first use

# Augur: README's first run (simulated origin, 2 ms a key, read-through), plus what lights up the
# panels a first run leaves flat: an A/B test (half the connections prefetch with `successor`), a
# memory bound (evictions, wasted prefetches), 10 s TTLs on loaded and prefetched keys (expirations),
# and a faster LSTM retraining check, so a model is trained within the run.
metrics_port=$(free_port)   # 0 would switch the endpoint off
serve_args=(--port 0 --metrics-port "$metrics_port" --dir "$work/data" --origin 'sim://?latency=2ms' --read-through yes
            --ab-test successor --maxmemory 1mb --maxmemory-policy allkeys-lru --read-through-ttl 10 --prefetch-ttl 10
            --train-interval 10)
# shellcheck disable=SC2206
serve_args+=(${SERVER_ARGS:-})
AUGUR_SKIP_BUILD=1 "$root/augur" serve "${serve_args[@]}" >"$work/augur.log" 2>&1 &
augur_pid=$!
wait_log "$work/augur.log" "ready to accept connections" "augur serve"
port=$(sed -n 's/.*ready to accept connections on [^ ]*:\([0-9]*\) .*/\1/p' "$work/augur.log")

# Prometheus: a temporary config and data directory, Augur's metrics port scraped every 2 s. A
# scrape's timeout is its interval; at 1 s one run on a busy 2-core machine had a gap in every gauge
# at the same moment, at 2 s none did (the page's last line counts failed scrapes).
scrape_seconds=2
prom_port=$(free_port)
cat >"$work/prometheus.yml" <<EOF
global:
  scrape_interval: ${scrape_seconds}s
  evaluation_interval: ${scrape_seconds}s
scrape_configs:
  - job_name: augur
    metrics_path: /metrics
    static_configs:
      - targets: ['127.0.0.1:$metrics_port']
EOF
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/prometheus" \
  --web.listen-address="127.0.0.1:$prom_port" --log.level=warn >"$work/prometheus.log" 2>&1 &
prom_pid=$!
for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$prom_port/-/ready" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "http://127.0.0.1:$prom_port/-/ready" >/dev/null || { echo "prometheus did not start:" >&2; cat "$work/prometheus.log" >&2; exit 1; }
echo "augur serve on port $port (metrics $metrics_port), prometheus on $prom_port scraping every $scrape_seconds s"
echo "augur serve ${serve_args[*]}"

# Traffic: two workloads, each for half the time, so the panels show a change of pattern.
start=$(date +%s)
sleep 10   # a few idle scrapes before the traffic: the charts start at rest
reads=$(( rate * duration / 2 ))
for workload in ml-epochs web-sessions; do
  AUGUR_SKIP_BUILD=1 "$root/augur" gen --workload "$workload" --reads "$reads" --keys 20000 --out "$work/$workload.gz" 2>/dev/null
  echo "load: $workload, $reads GETs at $rate/s over 4 connections"
  AUGUR_SKIP_BUILD=1 "$root/augur" load --port "$port" --trace "$work/$workload.gz" --rate "$rate" \
    --key-prefix "$workload:" | tr '\n' ' '
  echo
done
sleep 15   # the last prefetches land, a few more scrapes
end=$(date +%s)
redis-cli -p "$port" info all 2>/dev/null | tr -d '\r' \
  | grep -E '^(predictor|prefetch_(issued|used|precision)|evicted_keys|expired_keys|drift_alerts|model_version|inference_calls):' \
  | awk '!seen[$0]++' | tr '\n' ' ' || true
echo

# The page, from the dashboard's own queries, then its screenshot.
subtitle="bench/dashboard-picture.sh: augur serve ${serve_args[*]:6}; augur load: ml-epochs, then web-sessions, $rate GET/s; Prometheus scraping every $scrape_seconds s"
python3 "$root/bench/dashboard_picture.py" --prometheus "http://127.0.0.1:$prom_port" --start "$start" --end "$end" \
  --step 2 --scrape-interval "$scrape_seconds" --subtitle "$subtitle" --out "$work/page/index.html" | tee "$work/render.txt"
height=$(sed -n 's/^page .* height \([0-9]*\):.*/\1/p' "$work/render.txt")
mkdir -p "$(dirname "$out")"
TZ=UTC chromium --headless --disable-gpu --no-sandbox --no-first-run --hide-scrollbars \
  --user-data-dir="$work/chromium-profile" --window-size="1600,$height" --virtual-time-budget=5000 \
  --screenshot="$out" "file://$work/page/index.html" >"$work/chromium.log" 2>&1 \
  || { echo "chromium failed:" >&2; cat "$work/chromium.log" >&2; exit 1; }
echo "wrote $out ($(stat -c %s "$out") bytes, 1600x$height)"
