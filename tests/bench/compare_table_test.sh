#!/usr/bin/env bash
# scripts/compare_table.py on fixed raw lines (no daemon, no timing): the legacy section's medians,
# ranges, Loom/Go ratios and per-round best batched mode, and no v1 tables when only legacy ran.
#   compare_table_test.sh <python3> <scripts/compare_table.py>
set -euo pipefail
python=$1 table=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
echo "machine: test" >"$dir/header.txt"
cat >"$dir/raw.txt" <<'RAW'
legacy loom mode=legacy-batch1x1 entities=10 seconds=1 rate=100
legacy loom mode=legacy-batch100x1 entities=10 seconds=1 rate=1000
legacy loom mode=legacy-batch500x1 entities=10 seconds=1 rate=3000
legacy go mode=legacy-batch1x1 entities=10 seconds=1 rate=50
legacy go mode=legacy-batch100x1 entities=10 seconds=1 rate=2000
legacy go mode=legacy-batch500x1 entities=10 seconds=1 rate=1000
legacy go mode=legacy-batch1x1 entities=10 seconds=1 rate=70
legacy go mode=legacy-batch100x1 entities=10 seconds=1 rate=1000
legacy go mode=legacy-batch500x1 entities=10 seconds=1 rate=4000
legacy loom mode=legacy-batch1x1 entities=10 seconds=1 rate=120
legacy loom mode=legacy-batch100x1 entities=10 seconds=1 rate=5000
legacy loom mode=legacy-batch500x1 entities=10 seconds=1 rate=1000
RAW
"$python" "$table" "$dir/header.txt" "$dir/raw.txt" >"$dir/out.txt"
fail() { echo "compare_table_test: $1" >&2; cat "$dir/out.txt" >&2; exit 1; }
expect() { # regex
    grep -Eq "$1" "$dir/out.txt" || fail "no line matching: $1"
}
expect '^  legacy-batch1x1 +entities/s +110 \[100-120\] +60\.0 \[50\.0-70\.0\] +1\.83x$'
expect '^  legacy-batch100x1 +entities/s +3,000 \[1,000-5,000\] +1,500 \[1,000-2,000\] +2\.00x$'
# best per round: Loom 3,000 and 5,000 (the one-per-call mode never counts), Go 2,000 and 4,000
expect '^  best bulk† +entities/s +4,000 \[3,000-5,000\] +3,000 \[2,000-4,000\] +1\.33x$'
grep -q "Alternating on one daemon\|A fresh daemon per client run\|Memory and start-up" "$dir/out.txt" &&
    fail "v1 tables printed without v1 figures"
echo "compare_table_test: ok"
