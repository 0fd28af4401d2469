#!/usr/bin/env bash
# Schedules the demo jobs through osched. Used by scripts/up.sh and by the compose file's `client` service.
#
# Usage: scripts/demo-jobs.sh OSCHED_COMMAND...
#   e.g. scripts/demo-jobs.sh dotnet src/OrleansScheduler.Cli/bin/Release/net10.0/osched.dll --redis 127.0.0.1:6379
#
# Each `schedule` is an upsert: running this again changes nothing except that `once-off` is due 30 s from then.
# While the cluster is still starting, a failed `schedule` is retried (OSCHED_DEMO_ATTEMPTS, default 10, 3 s apart).
set -euo pipefail

if (( $# == 0 )); then
    printf 'usage: %s OSCHED_COMMAND...   e.g. %s osched --redis 127.0.0.1:6379\n' "${0##*/}" "${0##*/}" >&2
    exit 2
fi
osched=("$@")
attempts=${OSCHED_DEMO_ATTEMPTS:-10}

schedule() {
    local id=$1 attempt=1
    shift
    until "${osched[@]}" schedule "$id" "$@"; do
        if (( attempt >= attempts )); then
            printf '%s: could not schedule %s after %d attempts\n' "${0##*/}" "$id" "$attempts" >&2
            return 1
        fi
        printf '%s: schedule %s failed (attempt %d of %d); retrying in 3 s\n' "${0##*/}" "$id" "$attempt" "$attempts" >&2
        attempt=$(( attempt + 1 ))
        sleep 3
    done
}

status=0
schedule heartbeat --every 1s --handler log --payload '{"message":"heartbeat"}' || status=1
schedule every-10s --every 10s --handler log --payload '{"message":"every 10 seconds"}' || status=1
schedule berlin-minutely --cron '0 * * * * *' --tz Europe/Berlin --handler log \
    --payload '{"message":"second 0 of every minute, Europe/Berlin"}' || status=1
schedule once-off --in 30s --handler log --payload '{"message":"once, 30 s after it was scheduled"}' || status=1
exit "$status"
