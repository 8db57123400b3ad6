#!/usr/bin/env python3
"""The table of FasterPAM's starts in docs/clustering.md, from a Google Benchmark JSON run of
clir_bench_init:

    build/bench/bench/clir_bench_init --benchmark_repetitions=3 --benchmark_format=json > init.json
    python3 bench/init_table.py init.json

Prints, for every n (and the 1,469 hromada centres), each start's median CPU and wall time of the
whole FasterPAM call (one thread: on a loaded machine the CPU time is the steadier), its
initialisation alone, and the final loss relative to the best loss any start reached on that
matrix, with the run's date and load average.
"""

from __future__ import annotations

import json
import statistics
import sys
from collections import defaultdict


def main() -> int:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    g = json.load(open(sys.argv[1]))
    times: dict[tuple[int, str, int], list[float]] = defaultdict(list)
    walls: dict[tuple[int, str, int], list[float]] = defaultdict(list)
    info: dict[tuple[int, str, int], dict] = {}
    for b in g["benchmarks"]:
        if b.get("run_type") == "aggregate":
            continue
        _, n, init, starts = b["run_name"].split("/")[:4]
        key = (int(n), b["label"].split()[0], int(starts))
        times[key].append(b["cpu_time"])
        walls[key].append(b["real_time"])
        info[key] = b
    ctx = g["context"]
    print(f"Run of {ctx['date']}, load average {', '.join(f'{x:.1f}' for x in ctx.get('load_avg', []))}; "
          f"medians of {max(len(v) for v in times.values())} repetitions, one thread, k = 10.\n")
    print("| n | start | starts | FasterPAM, CPU | FasterPAM, wall | initialisation alone (CPU) | swaps | loss / best loss |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for n in sorted({k[0] for k in times}, key=lambda x: (x != 0, x)):
        keys = [k for k in info if k[0] == n]
        best = min(info[k]["loss"] for k in keys)
        for k in sorted(keys, key=lambda k: statistics.median(times[k])):
            b = info[k]
            name = "1,469 hromada centres" if n == 0 else f"{n:,}"
            print(f"| {name} | {k[1]} | {k[2]} | {statistics.median(times[k]):.1f} ms | "
                  f"{statistics.median(walls[k]):.1f} ms | {b['init_ms']:.1f} ms | "
                  f"{b['swaps']:.0f} | {b['loss'] / best:.5f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
