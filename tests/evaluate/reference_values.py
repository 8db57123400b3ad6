#!/usr/bin/env python3
"""Independent reference values for tests/evaluate/*.cpp.

scikit-learn is not available on the build machines, so this script recomputes, with the
Python standard library only, the scores scikit-learn 1.x defines in sklearn.metrics.cluster
(_supervised.py, _unsupervised.py) on the fixed inputs used by the C++ tests:

  * pair counts, Rand and adjusted Rand index in exact rational arithmetic (fractions);
  * entropies, mutual information, NMI (arithmetic/geometric/max/min), variation of
    information, homogeneity/completeness/V-measure in double precision from the
    textbook formulas (natural logarithms, as scikit-learn);
  * the expected mutual information of Vinh, Epps & Bailey (2010, eq. 24-25) term by term,
    with the hypergeometric probabilities as exact fractions of binomial coefficients
    (math.comb) for small n, and via math.lgamma for large n -- a different route from the
    C++ code, which sums ratios of consecutive terms outward from the mode;
  * AMI = (MI - EMI) / (mean(H_u, H_v) - EMI), scikit-learn's default mean 'arithmetic';
  * silhouette (Rousseeuw 1987), Davies-Bouldin and Calinski-Harabasz on small point sets.

Special cases follow scikit-learn: NMI/AMI = 1 when both groupings have a single group;
Rand = 1 when all pairs agree; homogeneity = 1 when H(reference) = 0; FM = 0 when no pair is
together in both.

Run: python3 tests/evaluate/reference_values.py   (prints the values copied into the tests)
"""
from fractions import Fraction
from math import comb, exp, lgamma, log, sqrt
from collections import Counter


def table(u, v):
    assert len(u) == len(v) and u
    cells = Counter(zip(u, v))
    a = Counter(u)
    b = Counter(v)
    return cells, a, b, len(u)


def c2(m):
    return m * (m - 1) // 2


def pair_scores(u, v):
    cells, a, b, n = table(u, v)
    both = sum(c2(x) for x in cells.values())
    sa = sum(c2(x) for x in a.values())
    sb = sum(c2(x) for x in b.values())
    total = c2(n)
    agree = total - sa - sb + 2 * both
    rand = Fraction(1) if total == 0 or agree == total else Fraction(agree, total)
    if sa == both and sb == both:
        ari = Fraction(1)
    else:
        expected = Fraction(sa * sb, total)
        ari = (both - expected) / (Fraction(sa + sb, 2) - expected)
    fm = 0.0 if both == 0 else sqrt(both / sa) * sqrt(both / sb)
    return rand, ari, fm


def entropy(counts, n):
    return -sum((c / n) * log(c / n) for c in counts.values())


def mi(u, v):
    cells, a, b, n = table(u, v)
    return max(0.0, sum((nij / n) * log(n * nij / (a[i] * b[j])) for (i, j), nij in cells.items()))


def hypergeom_exact(x, ai, bj, n):
    return Fraction(comb(ai, x) * comb(n - ai, bj - x), comb(n, bj))


def hypergeom_lgamma(x, ai, bj, n):
    return exp(lgamma(ai + 1) + lgamma(bj + 1) + lgamma(n - ai + 1) + lgamma(n - bj + 1)
               - lgamma(n + 1) - lgamma(x + 1) - lgamma(ai - x + 1) - lgamma(bj - x + 1)
               - lgamma(n - ai - bj + x + 1))


def emi(u, v):
    _, a, b, n = table(u, v)
    exact = n <= 5000
    total = 0.0
    for ai in a.values():
        for bj in b.values():
            for x in range(max(1, ai + bj - n), min(ai, bj) + 1):
                p = float(hypergeom_exact(x, ai, bj, n)) if exact else hypergeom_lgamma(x, ai, bj, n)
                total += p * (x / n) * log(n * x / (ai * bj))
    return total


def mean(h1, h2, how):
    return {"arithmetic": (h1 + h2) / 2, "geometric": sqrt(h1 * h2), "max": max(h1, h2), "min": min(h1, h2)}[how]


def info_scores(u, v):
    _, a, b, n = table(u, v)
    hu, hv, m = entropy(a, n), entropy(b, n), mi(u, v)
    e = emi(u, v)
    single = len(a) == 1 and len(b) == 1
    out = {"H_ref": hu, "H_cand": hv, "MI": m, "EMI": e}
    for how in ("arithmetic", "geometric", "max", "min"):
        out["NMI_" + how] = 1.0 if single else (0.0 if m == 0 else m / mean(hu, hv, how))
        d = mean(hu, hv, how) - e
        d = min(d, -2.220446049250313e-16) if d < 0 else max(d, 2.220446049250313e-16)
        out["AMI_" + how] = 1.0 if single else (m - e) / d
    out["VI"] = hu + hv - 2 * m
    h = 1.0 if hu == 0 else m / hu
    c = 1.0 if hv == 0 else m / hv
    out["homogeneity"], out["completeness"] = h, c
    out["v_measure"] = 0.0 if h + c == 0 else 2 * h * c / (h + c)
    cells, _, _, _ = table(u, v)
    best = Counter()
    for (i, j), nij in cells.items():
        best[j] = max(best[j], nij)
    out["purity"] = sum(best.values()) / n
    return out


def report(name, u, v):
    rand, ari, fm = pair_scores(u, v)
    print(f"== {name} (n = {len(u)})")
    print(f"  rand = {rand} = {float(rand)!r}")
    print(f"  ARI  = {ari} = {float(ari)!r}")
    print(f"  FM   = {fm!r}")
    for k, val in info_scores(u, v).items():
        print(f"  {k:16s} = {val!r}")


def silhouette(points, labels):
    n = len(points)
    dist = lambda p, q: sqrt(sum((x - y) ** 2 for x, y in zip(p, q)))
    groups = sorted(set(labels))
    s = []
    for i in range(n):
        own = [j for j in range(n) if labels[j] == labels[i] and j != i]
        if not own:
            s.append(0.0)
            continue
        a = sum(dist(points[i], points[j]) for j in own) / len(own)
        b = min(sum(dist(points[i], points[j]) for j in range(n) if labels[j] == g) /
                sum(1 for j in range(n) if labels[j] == g) for g in groups if g != labels[i])
        s.append((b - a) / max(a, b) if max(a, b) > 0 else 0.0)
    return s


def centroids(points, labels):
    groups = sorted(set(labels))
    out = {}
    for g in groups:
        members = [p for p, l in zip(points, labels) if l == g]
        out[g] = [sum(c) / len(members) for c in zip(*members)]
    return out


def davies_bouldin(points, labels):
    dist = lambda p, q: sqrt(sum((x - y) ** 2 for x, y in zip(p, q)))
    cen = centroids(points, labels)
    groups = sorted(cen)
    scat = {g: sum(dist(p, cen[g]) for p, l in zip(points, labels) if l == g) /
            sum(1 for l in labels if l == g) for g in groups}
    return sum(max((scat[g] + scat[h]) / dist(cen[g], cen[h]) for h in groups if h != g) for g in groups) / len(groups)


def calinski_harabasz(points, labels):
    sq = lambda p, q: sum((x - y) ** 2 for x, y in zip(p, q))
    n, cen = len(points), centroids(points, labels)
    k = len(cen)
    overall = [sum(c) / n for c in zip(*points)]
    between = sum(sum(1 for l in labels if l == g) * sq(cen[g], overall) for g in cen)
    within = sum(sq(p, cen[l]) for p, l in zip(points, labels))
    return between * (n - k) / (within * (k - 1))


if __name__ == "__main__":
    # scikit-learn's test_adjusted_mutual_info_score inputs (published: MI 0.41022, EMI 0.15042, AMI 0.27821).
    sk_a = [1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3]
    sk_b = [1, 1, 1, 1, 2, 1, 2, 2, 2, 2, 3, 1, 3, 3, 3, 2, 2]
    report("sklearn AMI test", sk_a, sk_b)
    report("sklearn AMI test x110 (published AMI 0.38)", sk_a * 110, sk_b * 110)
    report("docstring [0,0,1,2] vs [0,0,1,1]", [0, 0, 1, 2], [0, 0, 1, 1])
    report("h/c/v [0,0,0,1,1,1] vs [0,1,0,1,2,2]", [0, 0, 0, 1, 1, 1], [0, 1, 0, 1, 2, 2])
    # Formula inputs, reproduced in the C++ tests: i in 0..199.
    u = [(7 * i + 3) % 5 for i in range(200)]
    v = [(i * i + 1) % 4 + (1 if i % 9 == 0 else 0) for i in range(200)]
    report("formula n=200", u, v)
    # Large n: labels i % 6 against (i // 7) % 5 with a block of agreement, n = 10^6.
    n = 1_000_000
    u = [i % 6 for i in range(n)]
    v = [(i // 7) % 5 if i % 3 else i % 6 for i in range(n)]
    report("formula n=1e6", u, v)

    pts = [(0.0, 0.0), (1.0, 0.0), (0.0, 1.5), (5.0, 5.0), (6.0, 5.5), (5.5, 7.0), (10.0, 0.0), (11.0, 1.0), (3.0, 2.0)]
    lab = [0, 0, 0, 1, 1, 1, 2, 2, 0]
    s = silhouette(pts, lab)
    print("== points: silhouette per item", [repr(x) for x in s])
    print("  mean silhouette =", repr(sum(s) / len(s)))
    print("  davies_bouldin =", repr(davies_bouldin(pts, lab)))
    print("  calinski_harabasz =", repr(calinski_harabasz(pts, lab)))
