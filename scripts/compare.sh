#!/usr/bin/env bash
# Loom against the official Go client (go-threads v1.1.5 api/client, tools/gobench) on the same
# threadsd, inside a loopback-only network namespace, and prints a side-by-side table.
#   scripts/compare.sh [build dir] [--rounds N] [--entities N] [--single N] [--calls N] [--rss N]
#     --rounds N    rounds per phase (default 5)
#     --entities N  entities per bulk-create mode and for the loom-cli import (default 10000)
#     --single N    entities for the one-entity-per-Create modes (default 1000: the daemon takes ~4 ms each)
#     --calls N     FindByID/Has calls per latency series (default 1000)
#     --rss N       entities for the peak-RSS import (default 100000; 0 skips it)
#     --legacy N    entities per batched mode in the legacy section (default 10000; 0 skips the section)
#     --legacy-single N  entities for the legacy one-per-ModelCreate mode (default 1000)
#     --legacy-only only the legacy section
# Phase "same": one fresh daemon, Loom and Go alternately (the order flips every round).
# Phase "fresh": a fresh daemon for every client run (alternating order too).
# Then loom-cli's peak RSS for a large import (and gobench's for the same entities at 500 x 4),
# loom-cli's start-up (median of 20) and loom's time to first window (offscreen, median of 5).
# Legacy section: one fresh legacy go-threads v0.1.10 daemon (threadsd-legacy, stopped with SIGTERM),
# Loom (bench_core --legacy-port) and the legacy Go client v0.1.10 (legacybench) alternately, each on a
# store it makes: one ModelCreate per entity, then per 100, 500 and 1000 entities, one at a time.
# Raw lines are kept in the directory printed at the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

if [ "${1:-}" = __inner ]; then
    shift
    build=$1 out=$2 rounds=$3 entities=$4 single=$5 calls=$6 rss=$7 legacy=$8 legacyOnly=$9 legacySingle=${10}
    source "$root/tests/daemon/daemonlib.sh"
    loom_require_isolation
    export LOOM_THREADSD=$build/threadsd/threadsd QT_QPA_PLATFORM=offscreen
    bench_core=$build/tests/bench/bench_core
    cli=$build/app/cli/loom-cli
    gobench=$build/gobench/gobench
    gui=$build/app/gui/loom
    batchModes=batch100x1,batch100x4,batch100x8,batch500x1,batch500x4,batch500x8
    singleModes=batch1x1,batch1x8
    raw=$out/raw.txt
    legacybench=$build/legacybench/legacybench
    legacyModes=batch100x1,batch500x1,batch1000x1
    state=""
    stopSignal=INT
    daemon_start() {
        state=$(mktemp -d "$out/daemon.XXXXXX")
        loom_start_daemon "$state" d >/dev/null
    }
    daemon_stop() {
        loom_stop_daemon "$(cat "$state/d.pid")" "$stopSignal"
        rm -rf "$state"
    }
    trap '[ -n "$state" ] && [ -d "$state" ] && daemon_stop' EXIT
    now() { date +%s%N; }

    # The import as a user runs it: a store made with loom-cli, then `instance create` from stdin.
    cli_import() { # port file count [wrapper...] -> prints the import's seconds
        local port=$1 file=$2 count=$3 store t0 t1
        shift 3
        store=$("$cli" --port "$port" --compact store new --schema "Bench=$out/schema.json" |
            sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
        t0=$(now)
        "$@" "$cli" --port "$port" --deadline 60000 instance create -s "$store" -c Bench <"$file" >"$out/ids.json"
        t1=$(now)
        local got
        got=$(grep -o '"[^"]*"' "$out/ids.json" | grep -vc '^"ids"$' || true)
        if [ "$got" != "$count" ]; then
            echo "compare: loom-cli stored $got of $count entities" >&2
            exit 1
        fi
        echo "$t0 $t1" | awk '{ printf "%.3f", ($2 - $1) / 1e9 }'
    }
    run_loom() { # tag port
        local tag=$1 port=$2 s
        "$bench_core" --port "$port" --calls "$calls" --series 1 --entities "$entities" \
            --modes "findbyid,has,$batchModes" | sed -n "s/^mode=/$tag loom mode=/p" >>"$raw"
        "$bench_core" --port "$port" --entities "$single" --modes "$singleModes" |
            sed -n "s/^mode=/$tag loom mode=/p" >>"$raw"
        s=$(cli_import "$port" "$out/entities.jsonl" "$entities")
        echo "$tag loom mode=import entities=$entities seconds=$s rate=$(awk -v n="$entities" -v s="$s" 'BEGIN { printf "%.0f", n / s }')" >>"$raw"
    }
    run_go() { # tag port
        local tag=$1 port=$2
        "$gobench" --port "$port" --calls "$calls" --entities "$entities" --modes "findbyid,has,$batchModes" |
            sed -n "s/^mode=/$tag go mode=/p" >>"$raw"
        "$gobench" --port "$port" --entities "$single" --modes "$singleModes" | sed -n "s/^mode=/$tag go mode=/p" >>"$raw"
    }

    run_legacy_loom() { # port
        "$bench_core" --legacy-port "$1" --entities "$legacySingle" --legacy-modes batch1x1 |
            sed -n "s/^mode=/legacy loom mode=/p" >>"$raw"
        "$bench_core" --legacy-port "$1" --entities "$legacy" --legacy-modes "$legacyModes" |
            sed -n "s/^mode=/legacy loom mode=/p" >>"$raw"
    }
    run_legacy_go() { # port
        "$legacybench" --port "$1" --entities "$legacySingle" --modes legacy-batch1x1 |
            sed -n "s/^mode=/legacy go mode=/p" >>"$raw"
        "$legacybench" --port "$1" --entities "$legacy" --modes "${legacyModes//batch/legacy-batch}" |
            sed -n "s/^mode=/legacy go mode=/p" >>"$raw"
    }
    if ((legacy > 0)); then
        echo "compare: phase legacy (one fresh legacy v0.1.10 daemon, $rounds rounds)" >&2
        state=$(mktemp -d "$out/daemon.XXXXXX")
        stopSignal=TERM
        LOOM_THREADSD_LEGACY=$build/threadsd-legacy/threadsd-legacy loom_start_legacy_daemon "$state" d >/dev/null
        for ((r = 1; r <= rounds; r++)); do
            if ((r % 2)); then run_legacy_loom "$LOOM_API_PORT"; run_legacy_go "$LOOM_API_PORT"
            else run_legacy_go "$LOOM_API_PORT"; run_legacy_loom "$LOOM_API_PORT"; fi
            echo "compare:   round $r done" >&2
        done
        daemon_stop
        stopSignal=INT
    fi
    [ "$legacyOnly" = 1 ] && exit 0

    echo '{"type":"object","properties":{"_id":{"type":"string"},"n":{"type":"integer"},"label":{"type":"string"}}}' \
        >"$out/schema.json"
    awk -v n="$entities" 'BEGIN { for (i = 0; i < n; i++) printf "{\"n\":%d,\"label\":\"entity-%d\"}\n", i, i }' \
        >"$out/entities.jsonl"

    echo "compare: phase same (one daemon, $rounds rounds)" >&2
    daemon_start
    for ((r = 1; r <= rounds; r++)); do
        if ((r % 2)); then run_loom same "$LOOM_API_PORT"; run_go same "$LOOM_API_PORT"
        else run_go same "$LOOM_API_PORT"; run_loom same "$LOOM_API_PORT"; fi
        echo "compare:   round $r done" >&2
    done
    daemon_stop

    echo "compare: phase fresh (a daemon per client run, $rounds rounds)" >&2
    for ((r = 1; r <= rounds; r++)); do
        for client in $( ((r % 2)) && echo "loom go" || echo "go loom"); do
            daemon_start
            "run_$client" fresh "$LOOM_API_PORT"
            daemon_stop
        done
        echo "compare:   round $r done" >&2
    done

    if ((rss > 0)); then
        echo "compare: peak RSS of a $rss-entity import" >&2
        awk -v n="$rss" 'BEGIN { for (i = 0; i < n; i++) printf "{\"n\":%d,\"label\":\"entity-%d\"}\n", i, i }' \
            >"$out/big.jsonl"
        daemon_start
        cli_import "$LOOM_API_PORT" "$out/big.jsonl" "$rss" /usr/bin/time -f '%M' -o "$out/rss.loom" >/dev/null
        /usr/bin/time -f '%M' -o "$out/rss.go" "$gobench" --port "$LOOM_API_PORT" --entities "$rss" --modes batch500x4 >/dev/null
        daemon_stop
        echo "extra rss_kib_loom_cli=$(tail -n1 "$out/rss.loom") rss_kib_gobench=$(tail -n1 "$out/rss.go") entities=$rss" >>"$raw"
    fi

    # Who does the work of an import: the daemon's CPU and the client's per entity (a fresh daemon).
    echo "compare: CPU per entity, daemon and client" >&2
    daemon_start
    ticks() { awk '{ print $14 + $15 }' "/proc/$(cat "$state/d.pid")/stat"; }
    hz=$(getconf CLK_TCK)
    d0=$(ticks)
    cli_import "$LOOM_API_PORT" "$out/entities.jsonl" "$entities" /usr/bin/time -f '%U %S' -o "$out/cpu.loom" >/dev/null
    d1=$(ticks)
    /usr/bin/time -f '%U %S' -o "$out/cpu.go" "$gobench" --port "$LOOM_API_PORT" --entities "$entities" \
        --modes batch500x4 >/dev/null
    d2=$(ticks)
    daemon_stop
    awk -v n="$entities" -v hz="$hz" -v d0="$d0" -v d1="$d1" -v d2="$d2" \
        -v cl="$(tail -n1 "$out/cpu.loom")" -v cg="$(tail -n1 "$out/cpu.go")" 'BEGIN {
        split(cl, a, " "); split(cg, b, " ")
        printf "extra daemon_cpu_us_loom=%.1f client_cpu_us_loom=%.1f daemon_cpu_us_go=%.1f client_cpu_us_go=%.1f\n",
            (d1 - d0) / hz * 1e6 / n, (a[1] + a[2]) * 1e6 / n, (d2 - d1) / hz * 1e6 / n, (b[1] + b[2]) * 1e6 / n
    }' >>"$raw"

    echo "compare: start-up" >&2
    for ((i = 0; i < 20; i++)); do
        t0=$(now); "$cli" --version >/dev/null; t1=$(now)
        echo "extra cli_version_ms=$(( (t1 - t0) / 1000 ))e-3" >>"$raw"
    done
    if [ -x "$gui" ]; then
        home=$(mktemp -d "$out/home.XXXXXX")
        for ((i = 0; i < 5; i++)); do
            t0=$(now)
            ms=$(HOME=$home XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data LOOM_STARTUP_PROBE=1 \
                timeout 60 "$gui" 2>/dev/null | sed -n 's/^first_window_ms=//p')
            t1=$(now)
            echo "extra first_window_ms=$ms process_ms=$(( (t1 - t0) / 1000 ))e-3" >>"$raw"
        done
    fi
    exit 0
fi

build=$root/build
if [ $# -gt 0 ] && [[ $1 != --* ]]; then build=$(cd "$1" && pwd); shift; fi
rounds=5 entities=10000 single=1000 calls=1000 rss=100000 legacy=10000 legacySingle=1000 legacyOnly=0
while [ $# -gt 0 ]; do
    case $1 in
    --rounds) rounds=$2; shift 2 ;;
    --entities) entities=$2; shift 2 ;;
    --single) single=$2; shift 2 ;;
    --calls) calls=$2; shift 2 ;;
    --rss) rss=$2; shift 2 ;;
    --legacy) legacy=$2; shift 2 ;;
    --legacy-single) legacySingle=$2; shift 2 ;;
    --legacy-only) legacyOnly=1; shift ;;
    *) echo "usage: $0 [build dir] [--rounds N] [--entities N] [--single N] [--calls N] [--rss N] [--legacy N] [--legacy-single N] [--legacy-only]" >&2
       exit 2 ;;
    esac
done

# Outside the namespace: gobench's first build may need the Go module proxy.
if [ "$legacyOnly" = 1 ]; then
    nice cmake --build "$build" --target bench_core >&2
else
    nice cmake --build "$build" --target bench_core loom-cli loom gobench >&2
    [ -x "$build/threadsd/threadsd" ] || nice cmake --build "$build" --target threadsd >&2
fi
((legacy > 0)) && nice cmake --build "$build" --target legacybench threadsd_legacy >&2
out=$(mktemp -d "${TMPDIR:-/tmp}/loom-compare.XXXXXX")
"$root/scripts/netns.sh" bash "$root/scripts/compare.sh" __inner "$build" "$out" "$rounds" "$entities" "$single" \
    "$calls" "$rss" "$legacy" "$legacyOnly" "$legacySingle"
{
    echo "machine: $(nproc) CPUs, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n1), $(uname -sr)"
    if [ "$legacyOnly" != 1 ]; then
        echo "daemon: threadsd go-threads v1.1.5 ($(go version -m "$build/threadsd/threadsd" 2>/dev/null | awk '$1 == "go" || $1 == "path" { printf "%s ", $2 }' | sed 's/ $//'))"
        echo "rounds: $rounds; entities: $entities per bulk mode and import, $single per one-entity mode"
    fi
    if ((legacy > 0)); then
        echo "legacy daemon: threadsd-legacy go-threads v0.1.10 ($(go version "$build/threadsd-legacy/threadsd-legacy" 2>/dev/null | awk '{ print $2 }'), without QUIC); legacy Go client: go-threads v0.1.10 api/client"
        echo "legacy: $rounds rounds, $legacy entities per batched mode, $legacySingle for legacy-batch1x1"
    fi
} >"$out/header.txt"
python3 "$root/scripts/compare_table.py" "$out/header.txt" "$out/raw.txt"
echo "raw figures: $out/raw.txt" >&2
