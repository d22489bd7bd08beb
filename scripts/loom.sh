#!/usr/bin/env bash
# Builds Loom and runs it against a local daemon. On a fresh Debian machine this also installs the
# packages and builds threadsd once.
#  - If a daemon already answers on 127.0.0.1:6006, Loom connects to it.
#  - Otherwise this starts threadsd (repo in ~/.local/share/loom/threadsd, kept between runs) on
#    127.0.0.1:6006 inside a loopback-only network namespace, and Loom beside it; the daemon stops
#    when Loom closes. (threadsd dials public peers at start-up; the namespace keeps it on loopback.
#    To let a daemon reach the network, run threadsd yourself.)
# Extra arguments go to loom (e.g. --port 6016).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${LOOM_BUILD_DIR:-$root/build}
"$root/scripts/install-deps.sh"
export PATH="$PATH:/usr/local/go/bin"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target loom threadsd
loom="$build/app/gui/loom"

if (exec 3<>/dev/tcp/127.0.0.1/6006) 2>/dev/null; then
    echo "Using the daemon already listening on 127.0.0.1:6006"
    exec "$loom" --host 127.0.0.1 --port 6006 "$@"
fi

repo="${XDG_DATA_HOME:-$HOME/.local/share}/loom/threadsd"
mkdir -p "$repo"
exec "$root/scripts/netns.sh" bash -c '
    set -euo pipefail
    source "$1/tests/daemon/daemonlib.sh"
    repo=$2 loom=$3 build=$4; shift 4
    state=$(mktemp -d)
    mkdir -p "$state/repo-local"
    rmdir "$state/repo-local" && ln -s "$repo" "$state/repo-local"
    trap "loom_stop_daemon \$(cat $state/local.pid); rm -rf $state" EXIT
    LOOM_THREADSD=$build/threadsd/threadsd loom_start_daemon "$state" local 6006 4006
    "$loom" --host 127.0.0.1 --port 6006 "$@"
' loom "$root" "$repo" "$loom" "$build" "$@"
