#!/usr/bin/env bash
# Container entry point: `augur serve` on the JVM flags of jvm.properties (as ./augur runs it).
# Settings, later ones winning: AUGUR_<NAME> environment variables (the image sets bind, dir,
# metrics-bind and protected-mode), the file named by AUGUR_CONFIG, then the arguments.
# Any other first argument runs that subcommand as given (`replay …`, `--version`, `--help`).
set -euo pipefail
home=/opt/augur
flags="$(sed -n 's/^augur\.jvm\.flags=//p' "$home/jvm.properties")"
flags="$flags $(sed -n 's/^augur\.server\.flags=//p' "$home/jvm.properties")"
# shellcheck disable=SC2206
java=(java $flags ${AUGUR_JAVA_OPTS:-} -jar "$home/augur-server.jar")

if [ $# -gt 0 ] && [ "$1" != serve ] && { [[ "$1" != -* ]] || [ "$1" = --version ] || [ "$1" = --help ]; }; then
  exec "${java[@]}" "$@"
fi
[ "${1:-}" = serve ] && shift
for arg in "$@"; do
  if [ "$arg" = --config ] || [[ "$arg" == --config=* ]]; then
    echo "augur: in the container name the config file with AUGUR_CONFIG=FILE (the entry point passes its own --config)" >&2
    exit 2
  fi
done

# The settings of the environment become a redis.conf-style file: picocli takes each option
# once, and the server lets the command line win over --config, which gives the order above.
conf="$(mktemp "${TMPDIR:-/tmp}/augur-env.XXXXXX.conf")"
while IFS='=' read -r name value; do
  case "$name" in
    AUGUR_JAVA_OPTS | AUGUR_CONFIG) continue ;;
  esac
  [ -n "$value" ] || continue
  setting="${name#AUGUR_}"
  setting="${setting,,}"
  printf '%s %s\n' "${setting//_/-}" "$value" >>"$conf"
done < <(env | grep '^AUGUR_[A-Z0-9_]*=' || true)
if [ -n "${AUGUR_CONFIG:-}" ]; then
  cat "$AUGUR_CONFIG" >>"$conf"
fi
exec "${java[@]}" serve --config "$conf" "$@"
