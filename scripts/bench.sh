#!/usr/bin/env bash
# Runs a benchmark program against a fresh threadsd, both inside a loopback-only network namespace.
#   scripts/bench.sh [build dir] [bench_core|bench_browser] [args...]
# LOOM_BENCH_LEGACY=1 also starts a legacy go-threads v0.1.10 daemon (threadsd-legacy) and passes
# --legacy-port to the benchmark (bench_core then prints the legacy bulk-create figures too).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
bench=${2:-bench_core}
shift 2 2>/dev/null || shift $#
exec "$root/scripts/netns.sh" bash -c '
    set -euo pipefail
    source "$1/tests/daemon/daemonlib.sh"
    build=$2 bench=$3; shift 3
    state=$(mktemp -d)
    trap "loom_stop_daemon \$(cat $state/bench.pid); [ -e $state/legacy.pid ] && loom_stop_daemon \$(cat $state/legacy.pid) TERM; rm -rf $state" EXIT
    LOOM_THREADSD=$build/threadsd/threadsd loom_start_daemon "$state" bench >/dev/null
    port=$LOOM_API_PORT
    extra=()
    if [ "${LOOM_BENCH_LEGACY:-0}" = 1 ]; then
        LOOM_THREADSD_LEGACY=$build/threadsd-legacy/threadsd-legacy loom_start_legacy_daemon "$state" legacy >/dev/null
        extra=(--legacy-port "$LOOM_API_PORT")
    fi
    prog=$(find "$build/tests" -name "$bench" -type f -perm -u+x | head -n1)
    QT_QPA_PLATFORM=offscreen "$prog" --port "$port" "${extra[@]}" "$@"
' bench "$root" "$build" "$bench" "$@"
