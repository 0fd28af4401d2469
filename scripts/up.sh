#!/usr/bin/env bash
# Brings up the whole system on this machine: Redis (AOF on), two silos, and the demo jobs.
#
# Usage: scripts/up.sh [options]
#   --detach          return once everything is up and leave it running; stop it with scripts/down.sh
#   --redis-port N    Redis port (default 6379 when free, else the next free port above it)
#   --no-build        use the existing Release build instead of building the Silo and Cli projects
#   --no-demo         do not schedule the demo jobs
#   --fresh           delete the Redis data of earlier runs (jobs, reminders, membership) before starting
#   --run-dir DIR     data, logs and the pid file (default: .run/ in the repository, which git ignores)
#   -h, --help        this text
#
# Silo ports default to 11111/30000/8080 (silo1) and 11112/30001/8081 (silo2); a port in use is replaced by the
# next free one above it. Redis keeps its data in RUN_DIR/redis between runs, so jobs survive a restart.
# Without --detach, Ctrl-C or SIGTERM stops the silos (SIGTERM, SIGKILL after 15 s), then Redis.
# OSCHED_UP_HEALTH_TIMEOUT: seconds to wait for both silos' /healthz to answer 200 (default 120).
set -euo pipefail
# The work is done by tools/OrleansScheduler.DevHost (`up`), which this script builds and then execs: the pid a
# terminal's Ctrl-C or scripts/down.sh signals is the host's, and the host stops what it started.

OSCHED_SCRIPT_NAME=up.sh
ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=SCRIPTDIR/lib.sh
. "$ROOT/scripts/lib.sh"

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; }

BUILD=1
RUN_DIR=$ROOT/.run
args=("$@")
while (( $# > 0 )); do
    case $1 in
        --detach|--no-demo|--fresh) ;;
        --no-build) BUILD=0 ;;
        --redis-port) [[ ${2:-} =~ ^[0-9]+$ ]] || osched_die "--redis-port needs a port number"; shift ;;
        --run-dir) [[ -n ${2:-} ]] || osched_die "--run-dir needs a directory"; RUN_DIR=$2; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; osched_die "unknown option: $1" ;;
    esac
    shift
done

HOST_DLL=$ROOT/tools/OrleansScheduler.DevHost/bin/Release/net10.0/OrleansScheduler.DevHost.dll
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

command -v dotnet >/dev/null 2>&1 || osched_die "dotnet is not on PATH"
# An earlier run still up is refused before the build replaces the programs it runs.
if [[ -f $HOST_DLL ]]; then
    dotnet "$HOST_DLL" check-up "${args[@]}" || exit 1
fi
osched_apt_install redis-server redis-server || osched_die "redis-server is needed (Debian package redis-server)"

mkdir -p "$RUN_DIR/logs"
LOG_DIR=$(cd -- "$RUN_DIR/logs" && pwd)
if (( BUILD )); then
    # The host's build builds the Silo and Cli projects too (Release).
    osched_log "building OrleansScheduler.Silo, OrleansScheduler.Cli and the dev host (Release); output in ${LOG_DIR#"$ROOT"/}/build.log"
    if ! dotnet build "$ROOT/tools/OrleansScheduler.DevHost/OrleansScheduler.DevHost.csproj" -c Release -nologo >"$LOG_DIR/build.log" 2>&1; then
        grep -E ': (error|warning) ' "$LOG_DIR/build.log" | sort -u | head -n 40 >&2 || tail -n 40 "$LOG_DIR/build.log" >&2
        osched_die "the build failed"
    fi
fi
[[ -f $HOST_DLL ]] || osched_die "${HOST_DLL#"$ROOT"/} is missing: build it (drop --no-build)"
exec dotnet "$HOST_DLL" up "${args[@]}"
