#!/usr/bin/env bash
# Entrypoint of the OrleansScheduler image: runs the silo with the arguments given. Unless Scheduler__AdvertisedIp
# is set, the silo advertises this container's own IPv4 address, so that other silos and clients on the same
# network can reach it (the silo's default, 127.0.0.1, only works when everything shares one host).
set -euo pipefail

is_usable_ipv4() {
    [[ $1 =~ ^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$ && $1 != 127.* ]] && return 0
    return 1
}

container_ipv4() {
    local addr
    # hostname -i: the addresses this container's name resolves to (Docker writes them to /etc/hosts).
    for addr in $(hostname -i 2>/dev/null || true); do
        is_usable_ipv4 "$addr" && { printf '%s' "$addr"; return 0; }
    done
    while read -r addr _; do
        is_usable_ipv4 "$addr" && { printf '%s' "$addr"; return 0; }
    done < <(getent ahostsv4 "$HOSTNAME" 2>/dev/null || true)
    # hostname -I: every address of every interface.
    for addr in $(hostname -I 2>/dev/null || true); do
        is_usable_ipv4 "$addr" && { printf '%s' "$addr"; return 0; }
    done
    return 1
}

if [[ -z ${Scheduler__AdvertisedIp:-} ]]; then
    if ! Scheduler__AdvertisedIp=$(container_ipv4); then
        printf 'silo-entrypoint: cannot find this container'\''s IPv4 address; set Scheduler__AdvertisedIp\n' >&2
        exit 1
    fi
    export Scheduler__AdvertisedIp
fi
printf 'silo-entrypoint: advertising %s\n' "$Scheduler__AdvertisedIp" >&2
exec dotnet /app/silo/OrleansScheduler.Silo.dll "$@"
