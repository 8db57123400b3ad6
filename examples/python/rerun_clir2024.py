#!/usr/bin/env python3
"""Notebook-style: rerun the CLIR 2024 scenario with other criterion weights and compare each
run with the groups the CLIR initiative published in January 2024.

    /usr/bin/python3 examples/python/rerun_clir2024.py [--quick] [--plot weights.png]

Each "# %%" cell can be pasted into a Jupyter notebook as it is. matplotlib is used only when it
is importable and --plot is given.
"""

# %% Setup
import argparse
import sys
from pathlib import Path

import numpy as np

import clir

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scenario_variants import headline, scenario_with, split_weights  # noqa: E402

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--quick", action="store_true", help="two weightings and few robustness draws (for tests)")
parser.add_argument("--plot", help="write a bar chart of the variants to this file (needs matplotlib)")
args = parser.parse_args()

# %% The built-in scenario as published in the repository (war impact 0.65, need 0.35)
base = clir.run()
print(f"built-in scenario: {len(base.selected)} selected; first three: {base.selected[:3]}")
print(base.summary().splitlines()[0])

# %% Other weightings: shift the balance between war impact and need
variants = {"built-in (war 0.65)": None, "need first (war 0.35)": split_weights(0.35)}
if not args.quick:
    variants.update({"war impact only": split_weights(1.0), "need only": split_weights(0.0),
                     "equal split (war 0.5)": split_weights(0.5)})

rows = []
for label, weights in variants.items():
    result = base if weights is None else clir.run(scenario_with(weights, draws=200 if args.quick else None))
    h = headline(result)
    overlap = len(set(result.selected) & set(base.selected))
    rows.append((label, h, overlap))

# %% Compare with the published groups
print()
print(f"{'weighting':<24} {'published selected':>18} {'median rank':>11} {'ARI':>7} {'AMI':>7} {'same as built-in':>16}")
for label, h, overlap in rows:
    ari = "–" if h["regrouped_ari"] is None else f"{h['regrouped_ari']:.3f}"
    ami = "–" if h["regrouped_ami"] is None else f"{h['regrouped_ami']:.3f}"
    print(f"{label:<24} {h['published_selected']:>14} / 19 {h['published_median_rank']!s:>11} {ari:>7} {ami:>7}"
          f" {overlap:>12} / 19")
print("\nARI/AMI: the published 19 grouped as the scenario's [clustering] says, against the published 6 groups;"
      "\nthe grouping reads the needs columns and alpha, not the criterion weights, so it is the same in every row"
      "\n(examples/python/sweep_dask.py varies alpha). 'published selected': how many of the published 19 the"
      "\nweighting selects; 'median rank': their median rank among the eligible.")

# %% Where the published communities rank under the built-in weights
ref = clir.clir2024()
ranks = {s["code"]: s["rank"] for s in base.reference_standing}
published = np.array([ranks[c] if ranks[c] is not None else -1 for c in ref["code"]])
print(f"published communities' ranks (built-in weights): {sorted(int(r) for r in published if r > 0)}")

# %% A chart, only where matplotlib is installed
if args.plot:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed; no chart written")
    else:
        fig, ax = plt.subplots(figsize=(7, 3))
        ax.bar([r[0] for r in rows], [r[1]["published_selected"] for r in rows])
        ax.set_ylabel("published communities selected")
        ax.tick_params(axis="x", rotation=20)
        fig.tight_layout()
        fig.savefig(args.plot)
        print(f"chart written to {args.plot}")
