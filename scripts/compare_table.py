#!/usr/bin/env python3
"""Prints scripts/compare.sh's side-by-side table from its raw lines.

  compare_table.py HEADER RAW

RAW lines: "<phase> <client> mode=<name> key=value ..." and "extra key=value ...".
Per phase and mode: Loom's median [min-max], Go's, and the ratio of the medians (Loom/Go). Rates
(entities/s): higher is better; latencies (µs): lower is better. The "import" row is loom-cli
`instance create` from stdin against the Go client's best bulk mode of each round.
Phase "legacy": Loom (bench_core --legacy-port) against the legacy Go client v0.1.10 (legacybench) on a
legacy v0.1.10 daemon, modes legacy-batchBx1 (B per ModelCreate, one at a time).
"""
import statistics
import sys
from collections import defaultdict

ORDER = ["findbyid", "has", "batch1x1", "batch1x8", "batch100x1", "batch100x4", "batch100x8", "batch500x1",
         "batch500x4", "batch500x8", "best", "import"]
LEGACY_ORDER = ["legacy-batch1x1", "legacy-batch100x1", "legacy-batch500x1", "legacy-batch1000x1", "legacy-best"]


def fields(tokens):
    return dict(t.split("=", 1) for t in tokens if "=" in t)


def main():
    header, raw = sys.argv[1], sys.argv[2]
    with open(header) as f:
        print(f.read().rstrip())
    # (phase, client, mode) -> [values]; per (phase, client) the list of rounds in order
    values = defaultdict(list)
    rounds = defaultdict(list)  # (phase, client) -> list of {mode: value}
    extras = defaultdict(list)
    overhead = defaultdict(list)
    with open(raw) as f:
        for line in f:
            parts = line.split()
            if not parts:
                continue
            if parts[0] == "extra":
                for k, v in fields(parts[1:]).items():
                    try:
                        extras[k].append(float(v))
                    except ValueError:
                        pass
                continue
            phase, client, kv = parts[0], parts[1], fields(parts[2:])
            mode = kv.get("mode")
            if mode == "overhead":
                overhead[phase].append(float(kv["findbyid_ratio"]))
                overhead[phase].append(float(kv["has_ratio"]))
                continue
            if "rate" in kv:
                value = float(kv["rate"])
            elif "median_us" in kv:
                value = float(kv["median_us"])
            else:
                continue
            values[(phase, client, mode)].append(value)
            key = (phase, client)
            if mode in ("findbyid", "legacy-batch1x1") or not rounds[key]:
                rounds[key].append({})
            rounds[key][-1][mode] = value

    # Each client's best bulk mode, per round; the import is measured against the Go client at
    # 500 per Create, 4 in flight (loom-cli's own shape, and the Go client's best in issue 14).
    for phase in ("same", "fresh"):
        for client in ("loom", "go"):
            for r in rounds[(phase, client)]:
                bulk = [v for m, v in r.items() if m.startswith("batch") and not m.startswith("batch1x")]
                if bulk:
                    values[(phase, client, "best")].append(max(bulk))
        if values.get((phase, "go", "batch500x4")):
            values[(phase, "go", "import")] = list(values[(phase, "go", "batch500x4")])
    for client in ("loom", "go"):
        for r in rounds[("legacy", client)]:
            bulk = [v for m, v in r.items() if m.startswith("legacy-batch") and not m.startswith("legacy-batch1x")]
            if bulk:
                values[("legacy", client, "legacy-best")].append(max(bulk))

    def summary(vals):
        if not vals:
            return None, "-"
        m = statistics.median(vals)
        return m, f"{m:,.0f} [{min(vals):,.0f}-{max(vals):,.0f}]" if m >= 100 else f"{m:.1f} [{min(vals):.1f}-{max(vals):.1f}]"

    for phase, title in (("same", "Alternating on one daemon"), ("fresh", "A fresh daemon per client run")):
        if not any(k[0] == phase for k in values):
            continue
        print(f"\n{title} (medians [range] over rounds)")
        print(f"  {'mode':<12} {'unit':<10} {'Loom':>24} {'Go client':>24} {'Loom/Go':>8}")
        for mode in ORDER:
            lm, ls = summary(values.get((phase, "loom", mode), []))
            gm, gs = summary(values.get((phase, "go", mode), []))
            if lm is None and gm is None:
                continue
            unit = "µs/call" if mode in ("findbyid", "has") else "entities/s"
            ratio = f"{lm / gm:.2f}x" if lm and gm else "-"
            label = {"import": "import*", "best": "best bulk†"}.get(mode, mode)
            print(f"  {label:<12} {unit:<10} {ls:>24} {gs:>24} {ratio:>8}")
        if overhead[phase]:
            o = overhead[phase]
            print(f"  core over bare grpc++ stub (FindByID and Has, median of ratios): {statistics.median(o):.3f}x "
                  f"[{min(o):.3f}-{max(o):.3f}]")
    if any(k[0] == "legacy" for k in values):
        print("\nLegacy v0.1.10 daemon: Loom against the legacy Go client v0.1.10, alternating on one fresh daemon "
              "(medians [range] over rounds)")
        print(f"  {'mode':<19} {'unit':<10} {'Loom':>22} {'legacy Go client':>22} {'Loom/Go':>8}")
        for mode in LEGACY_ORDER:
            lm, ls = summary(values.get(("legacy", "loom", mode), []))
            gm, gs = summary(values.get(("legacy", "go", mode), []))
            if lm is None and gm is None:
                continue
            ratio = f"{lm / gm:.2f}x" if lm and gm else "-"
            label = "best bulk†" if mode == "legacy-best" else mode
            print(f"  {label:<19} {'entities/s':<10} {ls:>22} {gs:>22} {ratio:>8}")
        print("  legacy-batchBx1: B entities per ModelCreate, one ModelCreate at a time (legacy-batch1x1: one per "
              "entity,\n    the seed's loop; legacy-batch100x1: the seed's batches of 100).")
    if any(k[0] in ("same", "fresh") for k in values):
        print("\n  µs/call: lower is better; entities/s: higher is better.")
        print("  batchBxF: B entities per Create, F Creates in flight. † best bulk: each client's fastest bulk mode of "
              "each round\n    (a maximum of six noisy figures, so above any one mode).")
        print("  * import: `loom-cli instance create` reading the entities as JSON lines from stdin (process start to "
              "exit),\n    against the Go client at 500 per Create, 4 in flight (its best mode in issue 14).")
    if extras:
        print("\nMemory and start-up")
    if extras.get("rss_kib_loom_cli"):
        n = int(extras["entities"][0])
        print(f"  peak RSS, {n:,}-entity import: loom-cli {extras['rss_kib_loom_cli'][0] / 1024:.0f} MiB, "
              f"gobench at 500 x 4 {extras['rss_kib_gobench'][0] / 1024:.0f} MiB")
    if extras.get("daemon_cpu_us_loom"):
        e = {k: extras[k][0] for k in ("daemon_cpu_us_loom", "client_cpu_us_loom", "daemon_cpu_us_go", "client_cpu_us_go")}
        print(f"  CPU per entity of an import (fresh daemon): daemon {e['daemon_cpu_us_loom']:.0f} µs with loom-cli, "
              f"{e['daemon_cpu_us_go']:.0f} µs with the Go client;\n"
              f"    the client itself: loom-cli {e['client_cpu_us_loom']:.1f} µs (start-up and stdin parsing included), "
              f"Go client {e['client_cpu_us_go']:.1f} µs")
    if extras.get("cli_version_ms"):
        v = extras["cli_version_ms"]
        print(f"  loom-cli --version: median {statistics.median(v):.1f} ms [{min(v):.1f}-{max(v):.1f}] "
              f"({len(v)} runs)")
    if extras.get("first_window_ms"):
        v, p = extras["first_window_ms"], extras["process_ms"]
        print(f"  loom, time to first window (offscreen, from main()): median {statistics.median(v):.0f} ms "
              f"[{min(v):.0f}-{max(v):.0f}]; whole process to exit {statistics.median(p):.0f} ms ({len(v)} runs)")


if __name__ == "__main__":
    main()
