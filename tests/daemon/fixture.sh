#!/usr/bin/env bash
# CTest fixture: start N threadsd daemons on free 127.0.0.1 ports, each with its own temporary repo,
# wait until each one's API is up, and write their endpoints to <dir>/daemons.env; or stop them.
#   fixture.sh start <dir> <count>
#   fixture.sh start-legacy <dir> <count>   threadsd v0.1.10 (LOOM_THREADSD_LEGACY): LA, LB, …
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
start-legacy)
    # <name>=127.0.0.1:<api port>, <name>_HOST, <name>_PID, <name>_REPO and <name>_ARGS (the flags
    # after -repo): a test may stop one (SIGTERM) and start it again on the same repo and ports; it
    # then writes the new pid to <dir>/<name>.pid so that "stop" ends it.
    count=${3:-2}
    loom_require_isolation
    rm -rf "$dir" && mkdir -p "$dir"
    : > "$dir/daemons.env"
    names=(LA LB LC LD)
    for ((i = 0; i < count; i++)); do
        name=${names[$i]}
        loom_start_legacy_daemon "$dir" "$name"
        {
            echo "$name=127.0.0.1:$LOOM_API_PORT"
            echo "${name}_HOST=127.0.0.1:$LOOM_HOST_PORT"
            echo "${name}_PID=$(cat "$dir/$name.pid")"
            echo "${name}_REPO=$dir/repo-$name"
            echo "${name}_ARGS=$LOOM_LEGACY_ARGS"
        } >> "$dir/daemons.env"
    done
    cat "$dir/daemons.env"
    ;;
stop)
    for pidfile in "$dir"/*.pid; do
        [ -e "$pidfile" ] || continue
        signal=INT
        [ -e "${pidfile%.pid}.legacy" ] && signal=TERM
        loom_stop_daemon "$(cat "$pidfile")" "$signal"
        rm -f "$pidfile"
    done
    rm -rf "$dir"/repo-*
    ;;
*)
    echo "usage: $0 start|start-legacy <dir> <count> | stop <dir>" >&2
    exit 2
    ;;
esac
