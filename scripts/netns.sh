#!/usr/bin/env bash
# Run a command inside a new network namespace that has only the loopback interface, so that the
# threadsd daemons it starts (which dial public bootstrap peers at start-up) cannot reach anything
# beyond 127.0.0.1. As root: unshare --net; otherwise a user namespace (unshare -rn).
set -euo pipefail
if [ $# -eq 0 ]; then
    echo "usage: $0 <command> [args...]" >&2
    exit 2
fi
inner='ip link set lo up && exec "$@"'
if [ "$(id -u)" -eq 0 ]; then
    exec unshare --net -- bash -c "$inner" netns "$@"
else
    exec unshare -rn -- bash -c "$inner" netns "$@"
fi
