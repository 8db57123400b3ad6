#!/usr/bin/env python3
"""A weight / alpha sweep of the CLIR 2024 scenario fanned out with Dask, where installed.

    /usr/bin/python3 examples/python/sweep_dask.py [--quick] [--scheduler threads|processes|synchronous]

Every grid point is one clir.run() of the built-in scenario with the war-impact share of the
weights and the clustering alpha replaced; it reports how many of the published 19 are selected
and how well their regrouping matches the published groups. clir itself stays single-process:
each run gets one thread and releases the GIL, so Dask's threaded scheduler runs them in
parallel; a Dask cluster (dask.distributed) would spread the same tasks over machines. Without
Dask the grid runs in a plain loop.
"""

import argparse
import sys
import time
from pathlib import Path

import clir

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scenario_variants import headline, scenario_with, split_weights  # noqa: E402


def one_point(war_share, alpha, draws):
    """One grid point: plain Python data out, so it also works with the process scheduler."""
    result = clir.run(scenario_with(split_weights(war_share), alpha=alpha, threads=1, draws=draws))
    return {"war_share": war_share, "alpha": alpha, **headline(result)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a 2 x 2 grid with few robustness draws (for tests)")
    parser.add_argument("--scheduler", default="threads", help="Dask scheduler (default: threads)")
    args = parser.parse_args()
    shares = [0.5, 0.65] if args.quick else [0.35, 0.5, 0.65, 0.8, 1.0]
    alphas = [0.0, 0.3] if args.quick else [round(0.1 * i, 1) for i in range(11)]
    draws = 100 if args.quick else 2000
    grid = [(s, a) for s in shares for a in alphas]
    start = time.perf_counter()
    try:
        import dask
    except ImportError:
        print("dask is not installed (Debian: python3-dask); running the grid in a loop")
        points = [one_point(s, a, draws) for s, a in grid]
    else:
        tasks = [dask.delayed(one_point)(s, a, draws) for s, a in grid]
        points = list(dask.compute(*tasks, scheduler=args.scheduler))
        print(f"dask {dask.__version__}: {len(tasks)} runs on the '{args.scheduler}' scheduler")
    elapsed = time.perf_counter() - start
    print(f"{'war share':>9} {'alpha':>5} {'published selected':>18} {'ARI':>7}")
    for p in points:
        ari = "–" if p["regrouped_ari"] is None else f"{p['regrouped_ari']:.3f}"
        print(f"{p['war_share']:>9.2f} {p['alpha']:>5.1f} {p['published_selected']:>14} / 19 {ari:>7}")
    best = max(points, key=lambda p: -1 if p["regrouped_ari"] is None else p["regrouped_ari"])
    print(f"best regrouping: war share {best['war_share']}, alpha {best['alpha']} (ARI {best['regrouped_ari']:.3f});"
          f" {len(points)} runs in {elapsed:.1f} s")


if __name__ == "__main__":
    main()
