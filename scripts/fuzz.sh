#!/usr/bin/env bash
# Builds the libFuzzer harnesses (tests/fuzz) with clang, ASan and UBSan in a build directory of
# their own and runs each for a while, or (--regress) just runs the seed corpus through them.
#
#   scripts/fuzz.sh [--regress] [--seconds N] [HARNESS...]
#
# HARNESS: encoding multiaddr storekey storeid invitelink query queryexpr schemacheck (default: all).
# --seconds N: fuzzing time per harness (default 20; LOOM_FUZZ_SECONDS). New inputs go to
# <build>/corpus/<harness>/ (not the repo), crashing inputs to <build>/artifacts/. Add an input
# worth keeping to tests/fuzz/corpus/<harness>/ by hand (small files; never a real key).
# Build directory: LOOM_FUZZ_BUILD_DIR, else <LOOM_BUILD_DIR or build>/fuzz. Compiler: LOOM_FUZZ_CXX
# (default clang++-16). Exit status: 0 when no harness found anything.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${LOOM_FUZZ_BUILD_DIR:-${LOOM_BUILD_DIR:-$root/build}/fuzz}
cxx=${LOOM_FUZZ_CXX:-clang++-16}
seconds=${LOOM_FUZZ_SECONDS:-20}
regress=0
harnesses=()
while [ $# -gt 0 ]; do
    case $1 in
        --regress) regress=1 ;;
        --seconds) seconds=$2; shift ;;
        -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
        *) harnesses+=("$1") ;;
    esac
    shift
done
[ ${#harnesses[@]} -gt 0 ] || harnesses=(encoding multiaddr storekey storeid invitelink query queryexpr schemacheck)

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$cxx" \
    -DLOOM_BUILD_FUZZERS=ON -DLOOM_BUILD_TESTS=OFF -DLOOM_BUILD_THREADSD=OFF > "$build.configure.log" 2>&1 \
    || { cat "$build.configure.log" >&2; exit 1; }
nice -n 10 cmake --build "$build" --target "${harnesses[@]/#/fuzz_}"

# Findings abort with a report; leaks count too.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
symbolizer=/usr/lib/llvm-${cxx##*-}/bin/llvm-symbolizer
[ -x "$symbolizer" ] && export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-$symbolizer}
failed=()
for h in "${harnesses[@]}"; do
    seeds=$root/tests/fuzz/corpus/$h
    if [ "$regress" -eq 1 ]; then
        echo "== $h: the seed corpus"
        "$build/tests/fuzz/fuzz_$h" -runs=0 "$seeds" > "$build/fuzz_$h.log" 2>&1 || failed+=("$h")
    else
        echo "== $h: fuzzing for $seconds s"
        mkdir -p "$build/corpus/$h" "$build/artifacts"
        nice -n 10 "$build/tests/fuzz/fuzz_$h" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
            -artifact_prefix="$build/artifacts/$h-" "$build/corpus/$h" "$seeds" > "$build/fuzz_$h.log" 2>&1 \
            || failed+=("$h")
    fi
    tail -n 1 "$build/fuzz_$h.log"
done
if [ ${#failed[@]} -gt 0 ]; then
    for h in "${failed[@]}"; do
        echo "fuzz.sh: $h found a problem; its log ($build/fuzz_$h.log) ends:" >&2
        grep -v '^#' "$build/fuzz_$h.log" | tail -n 40 >&2
    done
    exit 1
fi
echo "fuzz.sh: no findings (${harnesses[*]})"
