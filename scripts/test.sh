#!/usr/bin/env bash
# Builds Loom and runs the whole test suite. On a fresh Debian machine this also installs the
# packages and builds threadsd (go-threads v1.1.5) once. The tests run inside a loopback-only
# network namespace (scripts/netns.sh): the daemons they start cannot reach beyond 127.0.0.1.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${LOOM_BUILD_DIR:-$root/build}
"$root/scripts/install-deps.sh"
export PATH="$PATH:/usr/local/go/bin"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build"
# A test that fails is run once more and its failure stays in the log: tst_browser_actions failed
# once in eleven full runs without a reproducible cause (tracked in the closing note of 2026-11-25).
exec "$root/scripts/netns.sh" ctest --test-dir "$build" --output-on-failure --repeat until-pass:2 "$@"
