#!/usr/bin/env python3
"""The same Google Benchmark program built two ways, run side by side in one session.

    cmake --preset bench && cmake --build --preset bench -j2 --target clir_bench_kmedoids
    cmake --preset bench-release && cmake --build --preset bench-release -j2 --target clir_bench_kmedoids
    python3 bench/compare_builds.py --program clir_bench_kmedoids --filter 'BM_FasterPAM/10000/1$' [--rounds 5]

Runs the program from build/bench-release (the release preset's flags: no -march=native, what
scripts/demo, the installed library and the Python module get) and from build/bench
(-march=native) alternately, --rounds times each, so that both see the same load; prints the
median real time of every benchmark in each build, their ratio, and the load average before and
after; -o FILE.json keeps them for bench/compare/make_doc.py --builds (a section of
docs/performance.md).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path


def run_once(exe: Path, bench_filter: str, extra: list[str]) -> dict[str, tuple[float, float, str]]:
    out = subprocess.run([str(exe), f"--benchmark_filter={bench_filter}", "--benchmark_format=json", *extra],
                         check=True, capture_output=True, text=True).stdout
    return {b["name"]: (b["real_time"], b["cpu_time"], b["time_unit"]) for b in json.loads(out)["benchmarks"]
            if b.get("run_type", "iteration") == "iteration"}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--program", default="clir_bench_kmedoids")
    ap.add_argument("--filter", default="BM_FasterPAM/10000/1$")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--release", type=Path, default=Path("build/bench-release"))
    ap.add_argument("--native", type=Path, default=Path("build/bench"))
    ap.add_argument("-o", "--output", type=Path, help="write the medians and loads as JSON")
    ap.add_argument("extra", nargs="*", help="more arguments for the benchmark program")
    args = ap.parse_args()
    builds = {"release": args.release / "bench" / args.program, "native": args.native / "bench" / args.program}
    for exe in builds.values():
        if not exe.exists():
            sys.exit(f"{exe} is missing: build it first (see the usage above)")
    load_before = os.getloadavg()
    times: dict[str, dict[str, list[float]]] = {b: {} for b in builds}
    cpu: dict[str, dict[str, list[float]]] = {b: {} for b in builds}
    units: dict[str, str] = {}
    for r in range(args.rounds):
        for build, exe in builds.items():
            for name, (t, c, unit) in run_once(exe, args.filter, args.extra).items():
                times[build].setdefault(name, []).append(t)
                cpu[build].setdefault(name, []).append(c)
                units[name] = unit
        print(f"round {r + 1} of {args.rounds} done", file=sys.stderr, flush=True)
    load_after = os.getloadavg()
    print(f"Load average (1, 5, 15 min) before: {load_before[0]:.2f}, {load_before[1]:.2f}, {load_before[2]:.2f}; "
          f"after: {load_after[0]:.2f}, {load_after[1]:.2f}, {load_after[2]:.2f}. Medians of {args.rounds} "
          f"alternating runs.\n")
    print("| benchmark | release preset (wall, CPU) | bench preset (wall, CPU) | release / bench (wall, CPU) |")
    print("|---|---:|---:|---:|")
    rows = []
    for name in times["release"]:
        rel, nat = statistics.median(times["release"][name]), statistics.median(times["native"][name])
        rc, nc = statistics.median(cpu["release"][name]), statistics.median(cpu["native"][name])
        u = units[name]
        print(f"| `{name}` | {rel:.1f} {u}, {rc:.1f} {u} | {nat:.1f} {u}, {nc:.1f} {u} | {rel / nat:.2f}, {rc / nc:.2f} |")
        rows.append({"name": name, "unit": u, "release": times["release"][name], "native": times["native"][name],
                     "release_cpu": cpu["release"][name], "native_cpu": cpu["native"][name],
                     "release_median": rel, "native_median": nat, "release_cpu_median": rc, "native_cpu_median": nc})
    if args.output:
        args.output.write_text(json.dumps({
            "date_utc": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M"),
            "program": args.program, "filter": args.filter, "rounds": args.rounds,
            "loadavg_before": list(load_before), "loadavg_after": list(load_after), "benchmarks": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
