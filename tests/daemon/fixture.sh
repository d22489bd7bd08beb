#!/usr/bin/env bash
# CTest fixture: start N threadsd daemons on free 127.0.0.1 ports, each with its own temporary repo,
# wait until each one's API is up, and write their endpoints to <dir>/daemons.env; or stop them.
#   fixture.sh start <dir> <count>
#   fixture.sh stop <dir>
# It refuses to start a daemon outside a loopback-only network namespace: threadsd dials public
# bootstrap peers at start-up and nothing may leave loopback (see scripts/netns.sh).
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:?state directory}
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=daemonlib.sh
source "$here/daemonlib.sh"

case "$cmd" in
start)
    count=${3:-2}
    loom_require_isolation
    rm -rf "$dir" && mkdir -p "$dir"
    : > "$dir/daemons.env"
    names=(A B C D)
    for ((i = 0; i < count; i++)); do
        name=${names[$i]}
        loom_start_daemon "$dir" "$name"
        echo "$name=127.0.0.1:$LOOM_API_PORT" >> "$dir/daemons.env"
        echo "${name}_HOST=127.0.0.1:$LOOM_HOST_PORT" >> "$dir/daemons.env"
    done
    cat "$dir/daemons.env"
    ;;
stop)
    for pidfile in "$dir"/*.pid; do
        [ -e "$pidfile" ] || continue
        loom_stop_daemon "$(cat "$pidfile")"
        rm -f "$pidfile"
    done
    rm -rf "$dir"/repo-*
    ;;
*)
    echo "usage: $0 start <dir> <count> | stop <dir>" >&2
    exit 2
    ;;
esac
