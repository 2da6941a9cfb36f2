#!/usr/bin/env bash
# HEALTHCHECK of the image: GET /health on the metrics endpoint through bash's /dev/tcp (the slim
# image has no curl); with metrics off (AUGUR_METRICS_PORT=0), a RESP PING on the client port.
# Ports changed by arguments instead of AUGUR_PORT / AUGUR_METRICS_PORT are not seen here.
set -u
metrics_port="${AUGUR_METRICS_PORT:-9121}"
if [ "$metrics_port" != 0 ]; then
  exec 3<>"/dev/tcp/127.0.0.1/$metrics_port" || exit 1
  printf 'GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
  IFS= read -r -t 4 status <&3 || exit 1
  [[ "$status" == HTTP/1.?" 200"* ]] || exit 1
else
  exec 3<>"/dev/tcp/127.0.0.1/${AUGUR_PORT:-6379}" || exit 1
  printf 'PING\r\n' >&3
  IFS= read -r -t 4 reply <&3 || exit 1
  # With a password set, PING before AUTH answers -NOAUTH: the server is still up.
  [[ "$reply" == "+PONG"* || "$reply" == "-NOAUTH"* ]] || exit 1
fi
