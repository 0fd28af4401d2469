#!/usr/bin/env bash
# Health check of the OrleansScheduler image: healthy when GET /healthz on the silo's HTTP port
# (Scheduler__HttpPort, 8080 in the image) answers 200 within 5 s. Bash only: the image has no curl.
set -euo pipefail

port=${Scheduler__HttpPort:-8080}
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET /healthz HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
status=
read -r -t 5 _ status _ <&3 || true
if [[ $status == 200 ]]; then
    exit 0
fi
printf 'healthcheck: GET http://127.0.0.1:%s/healthz answered %s\n' "$port" "${status:-nothing}" >&2
exit 1
