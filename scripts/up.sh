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

OSCHED_SCRIPT_NAME=up.sh
ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=SCRIPTDIR/lib.sh
. "$ROOT/scripts/lib.sh"

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; }

DETACH=0
BUILD=1
DEMO=1
FRESH=0
REDIS_PORT_ARG=
RUN_DIR=$ROOT/.run
while (( $# > 0 )); do
    case $1 in
        --detach) DETACH=1 ;;
        --no-build) BUILD=0 ;;
        --no-demo) DEMO=0 ;;
        --fresh) FRESH=1 ;;
        --redis-port)
            [[ ${2:-} =~ ^[0-9]+$ ]] || osched_die "--redis-port needs a port number"
            REDIS_PORT_ARG=$2
            shift ;;
        --run-dir)
            [[ -n ${2:-} ]] || osched_die "--run-dir needs a directory"
            RUN_DIR=$2
            shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; osched_die "unknown option: $1" ;;
    esac
    shift
done

mkdir -p "$RUN_DIR"
RUN_DIR=$(cd -- "$RUN_DIR" && pwd)
PID_FILE=$RUN_DIR/up.pids
LOG_DIR=$RUN_DIR/logs
REDIS_DIR=$RUN_DIR/redis
SILO_DLL=$ROOT/src/OrleansScheduler.Silo/bin/Release/net10.0/OrleansScheduler.Silo.dll
CLI_DLL=$ROOT/src/OrleansScheduler.Cli/bin/Release/net10.0/osched.dll
HEALTH_TIMEOUT=${OSCHED_UP_HEALTH_TIMEOUT:-120}
DOWN_ARGS=
if [[ $RUN_DIR != "$ROOT/.run" ]]; then
    DOWN_ARGS=$(printf ' --run-dir %q' "$RUN_DIR")
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# --- an earlier run still up? -----------------------------------------------------------------------------------
if [[ -f $PID_FILE ]]; then
    while read -r name pid _; do
        [[ -z $name || $name == \#* ]] && continue
        if osched_pid_running "$pid" && osched_pid_is "$pid" "$(osched_state_cmd "$name")"; then
            osched_die "$name (pid $pid) from an earlier run is still running (see $PID_FILE): stop it with scripts/down.sh$DOWN_ARGS"
        fi
    done <"$PID_FILE"
    rm -f "$PID_FILE"
fi

# --- prerequisites ----------------------------------------------------------------------------------------------
command -v dotnet >/dev/null 2>&1 || osched_die "dotnet is not on PATH"
osched_apt_install redis-server redis-server || osched_die "redis-server is needed (Debian package redis-server)"
command -v redis-cli >/dev/null 2>&1 || osched_die "redis-cli is needed (Debian package redis-tools)"

mkdir -p "$LOG_DIR"
if (( BUILD )); then
    : >"$LOG_DIR/build.log"
    for project in OrleansScheduler.Silo OrleansScheduler.Cli; do
        osched_log "building $project (Release); output in ${LOG_DIR#"$ROOT"/}/build.log"
        if ! dotnet build "$ROOT/src/$project/$project.csproj" -c Release -nologo >>"$LOG_DIR/build.log" 2>&1; then
            grep -E ': (error|warning) ' "$LOG_DIR/build.log" | sort -u | head -n 40 >&2 || tail -n 40 "$LOG_DIR/build.log" >&2
            osched_die "the build of $project failed"
        fi
    done
fi
[[ -f $SILO_DLL ]] || osched_die "${SILO_DLL#"$ROOT"/} is missing: build it (drop --no-build)"
[[ -f $CLI_DLL ]] || osched_die "${CLI_DLL#"$ROOT"/} is missing: build it (drop --no-build)"

# --- ports ------------------------------------------------------------------------------------------------------
if [[ -n $REDIS_PORT_ARG ]]; then
    osched_port_in_use "$REDIS_PORT_ARG" && osched_die "--redis-port $REDIS_PORT_ARG: the port is in use"
    REDIS_PORT=$REDIS_PORT_ARG
else
    osched_pick_port REDIS_PORT 6379
fi
osched_pick_port SILO1_PORT 11111
osched_pick_port SILO1_GATEWAY 30000
osched_pick_port SILO1_HTTP 8080
osched_pick_port SILO2_PORT 11112
osched_pick_port SILO2_GATEWAY 30001
osched_pick_port SILO2_HTTP 8081

# --- process bookkeeping and shutdown ---------------------------------------------------------------------------
REDIS_PID=
SILO_PIDS=()
SILO_NAMES=()
STOPPING=0
KEEP_RUNNING=0

record_pid() {  # name pid port
    printf '%s %s %s\n' "$1" "$2" "$3" >>"$PID_FILE"
}

stop_all() {
    (( STOPPING )) && return 0
    STOPPING=1
    local args=() i
    for i in "${!SILO_PIDS[@]}"; do
        args+=("${SILO_PIDS[i]}" "${SILO_NAMES[i]}")
    done
    # Silos first: a silo that stops gracefully tells the membership table in Redis that it is leaving.
    if (( ${#args[@]} > 0 )); then
        osched_stop_pids 15 "${args[@]}" || true
    fi
    if [[ -n $REDIS_PID ]]; then
        # SIGTERM makes Redis flush the AOF and exit cleanly.
        osched_stop_pids 15 "$REDIS_PID" redis || true
    fi
    rm -f "$PID_FILE"
}

on_exit() {
    local status=$?
    if (( ! KEEP_RUNNING )); then
        stop_all
    fi
    exit "$status"
}

on_signal() {
    trap '' INT TERM
    osched_log "$1 received: shutting down"
    stop_all
    osched_log "stopped"
    exit "$2"
}

trap on_exit EXIT
trap 'on_signal SIGINT 130' INT
trap 'on_signal SIGTERM 143' TERM

tail_log() {  # file
    osched_log "last lines of ${1#"$ROOT"/}:"
    tail -n 40 "$1" >&2 || true
}

mkdir -p "$LOG_DIR" "$REDIS_DIR"
{
    printf '# scripts/up.sh, started %s: name pid port; read by scripts/down.sh\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    (( DETACH )) || printf 'up.sh %s -\n' "$$"
} >"$PID_FILE"

# --- Redis ------------------------------------------------------------------------------------------------------
if (( FRESH )); then
    osched_log "--fresh: deleting ${REDIS_DIR#"$ROOT"/}"
    rm -rf "$REDIS_DIR"
    mkdir -p "$REDIS_DIR"
fi
: >"$LOG_DIR/redis.log"
# AOF on: if Redis lost its data, the silos would loop on "membership table version is missing".
osched_start_bg "$LOG_DIR/redis.log" "$REDIS_DIR" \
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$REDIS_DIR" \
    --appendonly yes --appendfsync everysec --save '' --daemonize no
REDIS_PID=$OSCHED_BG_PID
record_pid redis "$REDIS_PID" "$REDIS_PORT"

deadline=$(( SECONDS + 30 ))
until [[ $(redis-cli -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]; do
    if ! osched_pid_running "$REDIS_PID"; then
        tail_log "$LOG_DIR/redis.log"
        osched_die "redis-server exited during start"
    fi
    (( SECONDS < deadline )) || { tail_log "$LOG_DIR/redis.log"; osched_die "redis-server did not answer PING within 30 s"; }
    sleep 0.2
done
appendonly=$(redis-cli -p "$REDIS_PORT" config get appendonly | sed -n 2p)
[[ $appendonly == yes ]] || osched_die "Redis on port $REDIS_PORT reports appendonly=$appendonly, expected yes"
osched_log "redis-server is up on 127.0.0.1:$REDIS_PORT (pid $REDIS_PID, appendonly=$appendonly)"

# --- silos ------------------------------------------------------------------------------------------------------
start_silo() {  # name silo-port gateway-port http-port
    local name=$1 dir=$RUN_DIR/$1
    mkdir -p "$dir/tmp"
    : >"$LOG_DIR/$name.log"
    # The silo runs in its own folder with its own TMPDIR (it reads appsettings.json from its build output).
    osched_start_bg "$LOG_DIR/$name.log" "$dir" \
        env TMPDIR="$dir/tmp" \
        dotnet "$SILO_DLL" --redis "127.0.0.1:$REDIS_PORT" --advertised-ip 127.0.0.1 \
        --silo-port "$2" --gateway-port "$3" --http-port "$4"
    SILO_PIDS+=("$OSCHED_BG_PID")
    SILO_NAMES+=("$name")
    record_pid "$name" "$OSCHED_BG_PID" "$4"
    osched_log "started $name (pid $OSCHED_BG_PID): silo port $2, gateway $3, http $4; log ${LOG_DIR#"$ROOT"/}/$name.log"
}

start_silo silo1 "$SILO1_PORT" "$SILO1_GATEWAY" "$SILO1_HTTP"
start_silo silo2 "$SILO2_PORT" "$SILO2_GATEWAY" "$SILO2_HTTP"

osched_log "waiting up to ${HEALTH_TIMEOUT}s for both silos to answer /healthz with 200"
deadline=$(( SECONDS + HEALTH_TIMEOUT ))
ready=(0 0)
http_ports=("$SILO1_HTTP" "$SILO2_HTTP")
while (( ready[0] == 0 || ready[1] == 0 )); do
    for i in 0 1; do
        (( ready[i] )) && continue
        if ! osched_pid_running "${SILO_PIDS[i]}"; then
            tail_log "$LOG_DIR/${SILO_NAMES[i]}.log"
            osched_die "${SILO_NAMES[i]} exited during start"
        fi
        if [[ $(osched_http_status "http://127.0.0.1:${http_ports[i]}/healthz") == 200 ]]; then
            ready[i]=1
            osched_log "${SILO_NAMES[i]} is ready after $(( SECONDS - deadline + HEALTH_TIMEOUT ))s"
        fi
    done
    (( ready[0] && ready[1] )) && break
    if (( SECONDS >= deadline )); then
        for i in 0 1; do
            (( ready[i] )) || tail_log "$LOG_DIR/${SILO_NAMES[i]}.log"
        done
        osched_die "the silos did not all answer http://127.0.0.1:<http-port>/healthz with 200 within ${HEALTH_TIMEOUT}s"
    fi
    sleep 0.5
done

# --- demo jobs --------------------------------------------------------------------------------------------------
OSCHED_CMD=(dotnet "${CLI_DLL#"$ROOT"/}" --redis "127.0.0.1:$REDIS_PORT")
if (( DEMO )); then
    osched_log "scheduling the demo jobs"
    if ! (cd "$ROOT" && OSCHED_DEMO_ATTEMPTS=3 bash scripts/demo-jobs.sh "${OSCHED_CMD[@]}" >>"$LOG_DIR/demo-jobs.log" 2>&1); then
        tail_log "$LOG_DIR/demo-jobs.log"
        osched_log "warning: not every demo job could be scheduled (the system stays up)"
    fi
fi

rel_run=${RUN_DIR#"$ROOT"/}
cat <<EOF

OrleansScheduler is up.
  jobs view   http://localhost:$SILO1_HTTP/                (silo2: http://localhost:$SILO2_HTTP/)
  dashboard   http://localhost:$SILO1_HTTP/dashboard       (silo2: http://localhost:$SILO2_HTTP/dashboard)
  health      http://localhost:$SILO1_HTTP/healthz         http://localhost:$SILO2_HTTP/healthz
  metrics     http://localhost:$SILO1_HTTP/metrics         http://localhost:$SILO2_HTTP/metrics
  api         http://localhost:$SILO1_HTTP/openapi/v1.json
  redis       127.0.0.1:$REDIS_PORT   (AOF on, data in $rel_run/redis)
  osched      ${OSCHED_CMD[*]} list      (from the repository root)
  logs        $rel_run/logs/redis.log, silo1.log, silo2.log, demo-jobs.log
EOF

if (( DETACH )); then
    KEEP_RUNNING=1
    printf '  stop        scripts/down.sh%s\n' "$DOWN_ARGS"
    exit 0
fi
printf '  stop        Ctrl-C here, or scripts/down.sh%s from another terminal\n' "$DOWN_ARGS"

# --- run until stopped ------------------------------------------------------------------------------------------
reported=(0 0)
while true; do
    alive=0
    for i in 0 1; do
        if osched_pid_running "${SILO_PIDS[i]}"; then
            alive=$(( alive + 1 ))
        elif (( ! reported[i] )); then
            reported[i]=1
            wait "${SILO_PIDS[i]}" 2>/dev/null && code=0 || code=$?
            osched_log "${SILO_NAMES[i]} (pid ${SILO_PIDS[i]}) exited with status $code; see ${LOG_DIR#"$ROOT"/}/${SILO_NAMES[i]}.log"
        fi
    done
    if (( alive == 0 )); then
        osched_log "no silo is running any more: stopping Redis"
        exit 1
    fi
    if ! osched_pid_running "$REDIS_PID"; then
        tail_log "$LOG_DIR/redis.log"
        osched_log "redis-server (pid $REDIS_PID) exited: stopping the silos"
        exit 1
    fi
    # A background sleep, so that a signal runs its trap at once instead of after the sleep.
    sleep 1 &
    wait $! || true
done
