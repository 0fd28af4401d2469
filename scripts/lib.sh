# shellcheck shell=bash
# Shared helpers for the scripts in this folder. Source it; it only defines functions and sets no shell options.
# Every function ends in an explicit `return 0`/`return 1`: a bare `return` in a function called from a trap handler
# returns the status of the command the trap interrupted, not of the function's last command.
#
#   osched_log MESSAGE...            a line on stderr, prefixed with the calling script's name
#   osched_die MESSAGE...            osched_log, then exit 1
#   osched_apt_install CMD PKG...    installs Debian packages when CMD is not on PATH (root only; says so otherwise)
#   osched_port_in_use PORT          true when something listens on PORT (python3 bind test, else a /dev/tcp probe)
#   osched_pick_port VAR PREFERRED   sets VAR to PREFERRED when free, else to the next free port above it
#   osched_http_status URL           prints the HTTP status of a GET (000 when nothing answers)
#   osched_pid_running PID           true when PID is a live process (a zombie does not count)
#   osched_pid_is PID TEXT           true when PID's command line contains TEXT
#   osched_state_cmd NAME            the command-line text expected of a process named NAME in up.sh's pid file
#   osched_stop_pids GRACE PID LABEL [PID LABEL]...  SIGTERM to all, wait up to GRACE seconds, then SIGKILL
#   osched_start_bg LOGFILE DIR CMD...  starts CMD in DIR in the background, in its own session; pid in OSCHED_BG_PID

osched_log() {
    printf '%s: %s\n' "${OSCHED_SCRIPT_NAME:-${0##*/}}" "$*" >&2
}

osched_die() {
    osched_log "error: $*"
    exit 1
}

# Set once apt-get update has run in this process, so several installs share one update.
_OSCHED_APT_UPDATED=0

# osched_apt_install CMD PKG...: installs PKG... with apt-get when CMD is not on PATH.
# Returns 0 when CMD is (now) on PATH, 1 when it is missing and could not be installed.
osched_apt_install() {
    local cmd=$1
    shift
    if command -v "$cmd" >/dev/null 2>&1; then
        return 0
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        osched_log "$cmd is not on PATH and apt-get is not available: install $* by hand"
        return 1
    fi
    if [[ $(id -u) -ne 0 ]]; then
        osched_log "$cmd is not on PATH and this is not root: skipping apt-get; install the Debian package(s) $* by hand"
        return 1
    fi
    osched_log "$cmd is not on PATH: installing $* with apt-get"
    if [[ $_OSCHED_APT_UPDATED -eq 0 ]]; then
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || { osched_log "apt-get update failed"; return 1; }
        _OSCHED_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2 \
        || { osched_log "apt-get install $* failed"; return 1; }
    command -v "$cmd" >/dev/null 2>&1 && return 0
    return 1
}

# osched_port_in_use PORT: true when a process listens on (or holds) TCP PORT on this host.
# With python3, a bind to 0.0.0.0:PORT with SO_REUSEADDR, as servers (redis-server, Kestrel, Orleans) bind: it fails
# for a listener on any IPv4 address or a dual-stack IPv6 listener, but not for connections left in TIME_WAIT by a
# server that just stopped. Without python3 (containers), a connect probe on 127.0.0.1 and ::1.
osched_port_in_use() {
    local port=$1
    if command -v python3 >/dev/null 2>&1; then
        if python3 - "$port" <<'PY'
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("0.0.0.0", int(sys.argv[1])))
except OSError:
    sys.exit(0)  # in use
finally:
    s.close()
sys.exit(1)  # free
PY
        then return 0; else return 1; fi
    fi
    # A refused connection returns at once, so no timeout is needed on loopback.
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    (exec 3<>"/dev/tcp/::1/$port") 2>/dev/null && return 0
    return 1
}

# Ports handed out by osched_pick_port in this process, so two picks never return the same port before either
# process has bound it.
_OSCHED_RESERVED_PORTS=" "

# osched_pick_port VAR PREFERRED: sets VAR to PREFERRED when it is free, else to the first free port above it.
# Sets VAR directly instead of printing, so the reservation survives (a $(...) call would run in a subshell).
osched_pick_port() {
    local var=$1 port=$2 last
    last=$(( $2 + 1000 ))
    (( last > 65535 )) && last=65535
    while (( port <= last )); do
        if [[ $_OSCHED_RESERVED_PORTS != *" $port "* ]] && ! osched_port_in_use "$port"; then
            _OSCHED_RESERVED_PORTS+="$port "
            printf -v "$var" '%s' "$port"
            return 0
        fi
        port=$(( port + 1 ))
    done
    osched_log "no free TCP port in $2..$last"
    return 1
}

# osched_http_status URL: prints the status code of GET URL (http only), or 000 when nothing answers in 5 s.
osched_http_status() {
    local url=$1
    if command -v curl >/dev/null 2>&1; then
        curl -s -o /dev/null --max-time 5 -w '%{http_code}' "$url" 2>/dev/null || true
        return 0
    fi
    local rest=${url#http://} hostport path host port status_line
    hostport=${rest%%/*}
    path=/${rest#*/}
    [[ $rest == */* ]] || path=/
    host=${hostport%:*}
    port=${hostport##*:}
    [[ $hostport == *:* ]] || port=80
    status_line=$(
        exec 2>/dev/null
        exec 3<>"/dev/tcp/$host/$port" || exit 0
        printf 'GET %s HTTP/1.0\r\nHost: %s\r\nConnection: close\r\n\r\n' "$path" "$hostport" >&3
        if command -v timeout >/dev/null 2>&1; then timeout 5 head -n 1 <&3; else head -n 1 <&3; fi
    ) || true
    status_line=${status_line#HTTP/* }
    status_line=${status_line:0:3}
    if [[ $status_line =~ ^[0-9]{3}$ ]]; then printf '%s' "$status_line"; else printf '000'; fi
}

# osched_pid_running PID: true when PID is alive. A zombie (exited, not yet reaped) is not running.
# Uses builtins only where /proc exists (no fork per poll).
osched_pid_running() {
    local pid=$1 stat=
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    if [[ -d /proc/$pid ]]; then
        read -r stat 2>/dev/null <"/proc/$pid/stat" || return 1
        stat=${stat##*) }
        [[ ${stat:0:1} != Z ]] && return 0
        return 1
    fi
    stat=$(ps -o stat= -p "$pid" 2>/dev/null) || return 1
    [[ $stat != Z* ]] && return 0
    return 1
}

# osched_pid_is PID TEXT: true when PID's command line contains TEXT (guards against a reused pid).
osched_pid_is() {
    local pid=$1 text=$2 cmdline
    if [[ -r /proc/$pid/cmdline ]]; then
        cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
    else
        cmdline=$(ps -o args= -p "$pid" 2>/dev/null) || return 1
    fi
    [[ $cmdline == *"$text"* ]] && return 0
    return 1
}

# osched_state_cmd NAME: what the command line of the process recorded as NAME in scripts/up.sh's pid file contains.
# scripts/up.sh and scripts/down.sh check it before they trust a recorded pid, which may have been reused since.
osched_state_cmd() {
    case $1 in
        up.sh) printf '%s' up.sh ;;
        redis) printf '%s' redis-server ;;
        silo*) printf '%s' OrleansScheduler.Silo.dll ;;
        *) printf '%s' "$1" ;;
    esac
}

# osched_stop_pids GRACE PID LABEL [PID LABEL]...: sends SIGTERM to every running PID at once, waits up to GRACE
# seconds for all of them to exit, then sends SIGKILL to those left. Processes already gone are skipped.
osched_stop_pids() {
    local grace=$1 polls=0 pid i
    shift
    local pids=() labels=()
    while (( $# >= 2 )); do
        if osched_pid_running "$1"; then
            pids+=("$1")
            labels+=("$2")
            osched_log "stopping $2 (pid $1)"
            kill -TERM "$1" 2>/dev/null || true
        else
            wait "$1" 2>/dev/null || true
        fi
        shift 2
    done
    (( ${#pids[@]} > 0 )) || return 0
    # Poll every 0.2 s: 5 polls a second.
    while (( polls < grace * 5 )); do
        local alive=0
        for pid in "${pids[@]}"; do
            osched_pid_running "$pid" && alive=1
        done
        (( alive )) || break
        sleep 0.2
        polls=$(( polls + 1 ))
    done
    for i in "${!pids[@]}"; do
        if osched_pid_running "${pids[i]}"; then
            osched_log "${labels[i]} (pid ${pids[i]}) still running after ${grace}s: sending SIGKILL"
            kill -KILL "${pids[i]}" 2>/dev/null || true
        fi
    done
    for i in "${!pids[@]}"; do
        polls=0
        while osched_pid_running "${pids[i]}" && (( polls < 25 )); do
            sleep 0.2
            polls=$(( polls + 1 ))
        done
        # Reaps it when it is a child of this shell; harmless otherwise.
        wait "${pids[i]}" 2>/dev/null || true
    done
}

# osched_start_bg LOGFILE DIR CMD...: starts CMD in DIR, in the background, with stdin from /dev/null and stdout and
# stderr appended to LOGFILE; sets OSCHED_BG_PID to its pid. With setsid, CMD runs in a session of its own, so a
# Ctrl-C in the terminal reaches only the calling script (which then stops CMD in order) and closing the terminal
# does not hang it up. Call it directly, not in $(...): the pid must be read in this shell.
osched_start_bg() {
    local logfile=$1 dir=$2
    shift 2
    if command -v setsid >/dev/null 2>&1; then
        # The subshell is not a process-group leader (no job control), so setsid(1) calls setsid() and execs CMD in
        # place: $! is CMD's own pid.
        (cd -- "$dir" && exec setsid "$@") </dev/null >>"$logfile" 2>&1 &
    else
        (cd -- "$dir" && exec "$@") </dev/null >>"$logfile" 2>&1 &
    fi
    # shellcheck disable=SC2034 # read by the caller
    OSCHED_BG_PID=$!
}
