#!/usr/bin/env bash
# Stops a system started by scripts/up.sh (with or without --detach), by the pids in its pid file: the silos first
# (SIGTERM, SIGKILL after 15 s), then Redis. A pid that now belongs to another program is left alone.
#
# Usage: scripts/down.sh [--run-dir DIR]      (DIR as given to scripts/up.sh; default .run/ in the repository)
set -euo pipefail

OSCHED_SCRIPT_NAME=down.sh
ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=SCRIPTDIR/lib.sh
. "$ROOT/scripts/lib.sh"

RUN_DIR=$ROOT/.run
while (( $# > 0 )); do
    case $1 in
        --run-dir)
            [[ -n ${2:-} ]] || osched_die "--run-dir needs a directory"
            RUN_DIR=$2
            shift ;;
        -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) osched_die "unknown option: $1 (see --help)" ;;
    esac
    shift
done

PID_FILE=$RUN_DIR/up.pids
if [[ ! -f $PID_FILE ]]; then
    osched_log "nothing to stop: no pid file at $PID_FILE"
    exit 0
fi

up_pid=
silos=()
redis=()
while read -r name pid _; do
    [[ -z $name || $name == \#* ]] && continue
    if ! osched_pid_running "$pid"; then
        continue
    fi
    if ! osched_pid_is "$pid" "$(osched_state_cmd "$name")"; then
        osched_log "pid $pid (recorded as $name) now runs another program: leaving it alone"
        continue
    fi
    case $name in
        up.sh) up_pid=$pid ;;
        redis) redis+=("$pid" "$name") ;;
        *) silos+=("$pid" "$name") ;;
    esac
done <"$PID_FILE"

# A foreground scripts/up.sh stops its silos and Redis itself, in order, on SIGTERM.
if [[ -n $up_pid ]]; then
    osched_log "asking scripts/up.sh (pid $up_pid) to shut down"
    osched_stop_pids 45 "$up_pid" up.sh
fi
# Whatever is left (a detached system, or an up.sh that could not finish): silos first, then Redis.
if (( ${#silos[@]} > 0 )); then
    osched_stop_pids 15 "${silos[@]}"
fi
if (( ${#redis[@]} > 0 )); then
    osched_stop_pids 15 "${redis[@]}"
fi
rm -f "$PID_FILE"
osched_log "stopped"
