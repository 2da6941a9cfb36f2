#!/usr/bin/env bash
# Proof that deploy/Dockerfile makes an image that really runs: builds it with podman from base
# images made on this machine (nothing can be pulled here), runs it, talks to it with redis-cli
# and curl, stops it, starts a new container on the same volume and finds the keys again. Then
# the sharded set-up of deploy/compose.yml: deploy/twemproxy's image with
# deploy/compose/nutcracker.yml in front of three Augur containers, keys written through it.
# Needs podman, runc, slirp4netns, iptables, mmdebstrap, redis-cli and curl (.ci/run installs
# them); it installs nothing itself. Exits non-zero on the first failure.
#
#   deploy/test-image.sh            # ~1.5 min with the base images already made, ~2.5 min without
#   KEEP_IMAGE=1 deploy/test-image.sh   # keep localhost/augur:test afterwards
#
# The sandbox this runs in needs a podman set-up of its own, given in a temporary
# CONTAINERS_CONF so the machine's configuration is left alone:
#   - runc, not crun: crun refuses the hybrid cgroup v1/v2 layout ("cgroups in hybrid mode not
#     supported"); cgroupfs, since there is no systemd; events to a file, not the journal.
#   - explicit ulimits below the current hard limits: podman's defaults are higher, and raising
#     a limit needs CAP_SYS_RESOURCE, which this sandbox does not give ("setrlimit … not permitted").
#   - slirp4netns networking for single containers; the sharded part needs a bridge network
#     (netavark, which needs iptables) so the containers find each other by name.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

run_base=localhost/augur-base:bookworm-slim   # stands in for debian:bookworm-slim
build_base=localhost/augur-jdk:17             # stands in for eclipse-temurin:17-jdk
image=localhost/augur:test
proxy_image=localhost/augur-twemproxy:test
tag="augur-test-$$"
work="$(mktemp -d)"
started=$SECONDS

step() { echo "test-image: $*"; }
# Without systemd podman logs an error about the health-check timer of every container it starts
# or stops (the check itself runs with `podman healthcheck run`): filter that line only.
no_timer_noise() { "$@" 2> >(grep -v 'unable to get systemd connection' >&2); }
fail() { echo "test-image: FAIL: $*" >&2; echo "test-image: ${passed:-0} passed, 1 failed"; exit 1; }

for tool in podman runc slirp4netns iptables mmdebstrap redis-cli curl; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is not installed"
done

nofile="$(ulimit -Hn)"; [ "$nofile" = unlimited ] || [ "$nofile" -gt 65536 ] && nofile=65536
cat >"$work/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=4096:4096"]
netns = "slirp4netns"
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF
export CONTAINERS_CONF="$work/containers.conf"

cleanup() {
  podman rm -f -t 0 "$tag-1" "$tag-2" "$tag-node-1" "$tag-node-2" "$tag-node-3" "$tag-proxy" >/dev/null 2>&1 || true
  podman network rm -f "$tag" >/dev/null 2>&1 || true
  podman volume rm -f "$tag" >/dev/null 2>&1 || true
  [ "${KEEP_IMAGE:-}" = 1 ] || podman rmi -f "$image" "$proxy_image" >/dev/null 2>&1 || true
  podman image prune -f >/dev/null 2>&1 || true   # the build stage's untagged layers
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  local port
  for port in $(shuf -i 20000-60000 -n 100); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  fail "no free port"
}

# --- base images, made once and kept for the next run ------------------------------------
if ! podman image exists "$run_base"; then
  step "making $run_base (mmdebstrap minbase bookworm)"
  mmdebstrap --variant=minbase --quiet bookworm "$work/rootfs.tar"
  podman import --quiet "$work/rootfs.tar" "$run_base" >/dev/null
  rm -f "$work/rootfs.tar"
fi
if ! podman image exists "$build_base"; then
  jdk="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
  [ -d "$jdk/jmods" ] || fail "the machine's JDK ($jdk) has no jmods: jlink needs them"
  step "making $build_base ($run_base + this machine's JDK $jdk)"
  mkdir -p "$work/jdk-context/jdk"
  # -h copies what Debian's JDK links to in /etc; tar exits 1 over a few dangling legal-notice
  # links and src.zip, which are not needed, so only the extracting side must succeed.
  { tar -C "$jdk" -chf - --ignore-failed-read . 2>/dev/null || true; } | tar -C "$work/jdk-context/jdk" -xf -
  [ -x "$work/jdk-context/jdk/bin/jlink" ] || fail "copying the JDK from $jdk"
  cat >"$work/jdk-context/Containerfile" <<EOF
FROM $run_base
COPY jdk /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
EOF
  podman build --quiet -t "$build_base" "$work/jdk-context" >/dev/null
  rm -rf "$work/jdk-context"
fi

# --- the image --------------------------------------------------------------------------
# The Maven build stage reads this machine's ~/.m2 through an overlay mount (:O): nothing is
# downloaded again and nothing the build writes reaches the host's repository.
step "building $image from deploy/Dockerfile"
build_started=$SECONDS
podman build --format docker --network host \
  -v "$HOME/.m2:/root/.m2:O" \
  --build-arg BUILD_IMAGE="$build_base" --build-arg RUN_IMAGE="$run_base" \
  -f deploy/Dockerfile -t "$image" . >"$work/build.log" 2>&1 || { tail -40 "$work/build.log" >&2; fail "podman build"; }
step "built in $((SECONDS - build_started)) s, $(podman image inspect "$image" --format '{{.Size}}' | awk '{printf "%d MB", $1/1e6}')"

redis_port="$(free_port)"
metrics_port="$(free_port)"
podman volume create "$tag" >/dev/null

start_container() {
  no_timer_noise podman run -d --name "$1" -p "127.0.0.1:$redis_port:6379" -p "127.0.0.1:$metrics_port:9121" \
    -v "$tag:/data" -e AUGUR_MAXMEMORY=64mb "$image" --origin 'sim://?latency=1ms' --read-through >/dev/null
  local deadline=$((SECONDS + 90))
  until [ "$(redis-cli -p "$redis_port" ping 2>/dev/null)" = PONG ]; do
    if [ $SECONDS -gt $deadline ] || [ "$(podman inspect "$1" --format '{{.State.Running}}')" != true ]; then
      podman logs "$1" >&2 || true
      fail "container $1 did not answer PING"
    fi
    sleep 1
  done
}

passed=0
expect() { # expect WHAT EXPECTED ACTUAL
  [ "$2" = "$3" ] || fail "$1: expected '$2', got '$3'"
  passed=$((passed + 1))
  step "ok: $1 = $3"
}

cli() { redis-cli -p "$redis_port" "$@"; }

step "first container"
start_container "$tag-1"
expect "PING" PONG "$(cli ping)"
expect "SET greeting" OK "$(cli set greeting hello)"
expect "GET greeting" hello "$(cli get greeting)"
for i in $(seq 1 100); do echo "SET key:$i value-$i"; done | cli >/dev/null
expect "DBSIZE" 101 "$(cli dbsize)"
expect "read-through GET from the sim origin" "value-of:user:7" "$(cli get user:7 | cut -c1-15)"
expect "AUGUR_MAXMEMORY reaches the server" 67108864 "$(cli config get maxmemory | tail -1)"
expect "runs as" 10001 "$(podman exec "$tag-1" id -u)"
metrics="$(curl -sf "http://127.0.0.1:$metrics_port/metrics")" || fail "GET /metrics"
grep -q '^augur_keys ' <<<"$metrics" || fail "/metrics has no augur_keys"
expect "/metrics augur_keys" 102 "$(awk '/^augur_keys /{printf "%d", $2}' <<<"$metrics")"
expect "/ready" ready "$(curl -sf "http://127.0.0.1:$metrics_port/ready")"
expect "HEALTHCHECK with nothing listening" unhealthy \
  "$(podman run --rm --entrypoint /opt/augur/bin/healthcheck "$image" >/dev/null 2>&1 && echo healthy || echo unhealthy)"
expect "HEALTHCHECK" healthy "$(podman healthcheck run "$tag-1" >/dev/null 2>&1 && echo healthy || echo unhealthy)"

step "stopping (SIGTERM)"
no_timer_noise podman stop -t 30 "$tag-1" >/dev/null
podman logs "$tag-1" 2>&1 | grep -v '^\s*at ' | tail -3 | sed 's/^/test-image:   | /'
no_timer_noise podman rm "$tag-1" >/dev/null

step "second container on the same volume"
start_container "$tag-2"
expect "GET greeting after restart" hello "$(cli get greeting)"
expect "GET key:100 after restart" value-100 "$(cli get key:100)"
expect "DBSIZE after restart" 102 "$(cli dbsize)"
no_timer_noise podman stop -t 30 "$tag-2" >/dev/null

# --- sharded: the compose profile's pieces ----------------------------------------------
step "building $proxy_image from deploy/twemproxy/Dockerfile (apt installs nutcracker)"
podman build --network host --build-arg RUN_IMAGE="$run_base" -t "$proxy_image" deploy/twemproxy \
  >"$work/proxy-build.log" 2>&1 || { tail -20 "$work/proxy-build.log" >&2; fail "podman build twemproxy"; }
podman network create "$tag" >/dev/null
node_ports=()
for n in 1 2 3; do
  node_ports+=("$(free_port)")
  # The alias is the compose service name that deploy/compose/nutcracker.yml names.
  no_timer_noise podman run -d --name "$tag-node-$n" --network "$tag" --network-alias "augur-$n" \
    -p "127.0.0.1:${node_ports[$((n - 1))]}:6379" "$image" >/dev/null
done
for n in 1 2 3; do
  deadline=$((SECONDS + 90))
  until [ "$(redis-cli -p "${node_ports[$((n - 1))]}" ping 2>/dev/null)" = PONG ]; do
    [ $SECONDS -lt $deadline ] || { podman logs "$tag-node-$n" >&2; fail "node $n did not answer PING"; }
    sleep 1
  done
done
# The node names nutcracker.yml uses go into the proxy's /etc/hosts: podman's CNI DNS (dnsmasq)
# registers aliases asynchronously and once left augur-3 unresolvable for 30 s here.
hosts=()
for n in 1 2 3; do
  ip="$(podman inspect -f "{{(index .NetworkSettings.Networks \"$tag\").IPAddress}}" "$tag-node-$n")"
  [ -n "$ip" ] || fail "no address for node $n on network $tag"
  hosts+=(--add-host "augur-$n:$ip")
done
proxy_port="$(free_port)"
podman run -d --name "$tag-proxy" --network "$tag" "${hosts[@]}" -p "127.0.0.1:$proxy_port:6379" \
  -v "$root/deploy/compose/nutcracker.yml:/etc/nutcracker/nutcracker.yml:ro" "$proxy_image" >/dev/null
deadline=$((SECONDS + 30))
until [ "$(redis-cli -p "$proxy_port" set probe 1 2>/dev/null)" = OK ]; do
  [ $SECONDS -lt $deadline ] || { podman logs "$tag-proxy" >&2; fail "twemproxy did not forward SET"; }
  sleep 1
done
redis-cli -p "$proxy_port" del probe >/dev/null
for i in $(seq 1 300); do echo "SET user:$i value-$i"; done | redis-cli -p "$proxy_port" >"$work/sets"
expect "SETs through twemproxy answered OK" 300 "$(grep -c '^OK$' "$work/sets")"
for i in $(seq 1 300); do echo "GET user:$i"; done | redis-cli -p "$proxy_port" >"$work/gets"
expect "GETs through twemproxy" "$(seq 1 300 | sed 's/^/value-/' | md5sum)" "$(md5sum <"$work/gets")"
sizes=()
for port in "${node_ports[@]}"; do sizes+=("$(redis-cli -p "$port" dbsize)"); done
expect "keys over the three nodes" 300 "$((sizes[0] + sizes[1] + sizes[2]))"
for n in 0 1 2; do
  [ "${sizes[$n]}" -ge 60 ] || fail "node $((n + 1)) holds ${sizes[$n]} of 300 keys (expected at least 60)"
done
expect "every node holds a share (at least 60 of 300)" yes yes
step "keys per node: ${sizes[*]}"

step "PASS in $((SECONDS - started)) s"
echo "test-image: $passed passed, 0 failed"
