"""Shared by the Python examples: the built-in CLIR 2024 scenario with other criterion weights
or another alpha, as TOML text for clir.run()."""

import re

import clir

WAR_IMPACT = ["war history", "front line", "Russian border"]
NEED = ["IDP share", "own revenue", "dotation", "capacity class"]


def scenario_with(weights=None, alpha=None, threads=None, draws=None):
    """The built-in scenario's TOML text with criterion weights (name -> weight), the
    clustering alpha, the thread count or the robustness draws replaced."""
    text = clir.scenario_text()
    for name, weight in (weights or {}).items():
        pattern = r'(name = "' + re.escape(name) + r'"\n(?:[^\[\n]*\n)*?weight = )[0-9.]+'
        text, count = re.subn(pattern, lambda m: m.group(1) + repr(float(weight)), text)
        if count != 1:
            raise ValueError(f"criterion {name!r} not found in the built-in scenario")
    if alpha is not None:
        text = re.sub(r"(?m)^alpha = [0-9.]+$", f"alpha = {float(alpha)!r}", text)
    if threads is not None:
        text = text.replace("seed = 2024\n", f"seed = 2024\nthreads = {int(threads)}\n", 1)
    if draws is not None:
        text = re.sub(r"(?m)^draws = [0-9]+$", f"draws = {int(draws)}", text)
    return text


def split_weights(war_share):
    """The default criteria's weights rescaled so that war impact gets war_share of the total
    and need the rest (the built-in split is 0.65 / 0.35)."""
    base = {c["name"]: c["weight"] for c in clir.default_criteria()}
    war = sum(base[n] for n in WAR_IMPACT)
    need = sum(base[n] for n in NEED)
    out = {n: base[n] * war_share / war for n in WAR_IMPACT}
    out.update({n: base[n] * (1 - war_share) / need for n in NEED})
    return out


def headline(result):
    """What the examples report about one run: how many of the published 19 were selected,
    their median rank, and how well their regrouping matches the published groups."""
    standing = result.reference_standing
    ranks = sorted(s["rank"] for s in standing if s["rank"] is not None)
    comparison = result.reference_comparison
    return {
        "published_selected": sum(s["selected"] for s in standing),
        "published_median_rank": ranks[len(ranks) // 2] if ranks else None,
        "regrouped_ari": comparison.adjusted_rand_index if comparison else None,
        "regrouped_ami": comparison.adjusted_mutual_information["arithmetic"] if comparison else None,
    }
