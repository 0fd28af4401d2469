# shellcheck shell=bash
# Shared helpers for the scripts in this folder. Source it; it only defines functions and sets no shell options.
# Every function ends in an explicit `return 0`/`return 1`: a bare `return` in a function called from a trap handler
# returns the status of the command the trap interrupted, not of the function's last command.
#
#   osched_log MESSAGE...            a line on stderr, prefixed with the calling script's name
#   osched_die MESSAGE...            osched_log, then exit 1
#   osched_apt_install CMD PKG...    installs Debian packages when CMD is not on PATH (root only; says so otherwise)
#
# Ports, processes and pid files are handled in C# by tools/OrleansScheduler.DevHost (scripts/up.sh, down.sh).

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
