#!/usr/bin/env bash
# Stops a system started by scripts/up.sh (with or without --detach), by the pids in its pid file: the silos first
# (SIGTERM, SIGKILL after 15 s), then Redis. A pid that now belongs to another program is left alone.
#
# Usage: scripts/down.sh [--run-dir DIR]      (DIR as given to scripts/up.sh; default .run/ in the repository)
set -euo pipefail
# The work is done by tools/OrleansScheduler.DevHost (`down`), built by scripts/up.sh.

ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
HOST_DLL=$ROOT/tools/OrleansScheduler.DevHost/bin/Release/net10.0/OrleansScheduler.DevHost.dll

case ${1:-} in
    -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; exit 0 ;;
esac
if [[ ! -f $HOST_DLL ]]; then
    # Nothing was ever started from this checkout: up.sh builds the host first.
    printf 'down.sh: nothing to stop: %s is not built\n' "${HOST_DLL#"$ROOT"/}" >&2
    exit 0
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
exec dotnet "$HOST_DLL" down "$@"
