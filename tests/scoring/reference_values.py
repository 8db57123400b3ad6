#!/usr/bin/env python3
"""Independent reference values for tests/scoring/methods_test.cpp (plain Python, no clir code).

Data: the fighter-aircraft example of Hwang and Yoon (1981), Multiple Attribute Decision Making,
Springer, LNEMS 186 (also Yoon and Hwang 1995, Sage, ch. 5): 4 aircraft, 6 attributes
(maximum speed [Mach], ferry range [NM], maximum payload [lb], acquisition cost [10^6 $] (cost),
reliability [1-9 scale], maneuverability [1-9 scale]); weights (0.2, 0.1, 0.1, 0.1, 0.2, 0.3).
Run: python3 tests/scoring/reference_values.py
"""
import math

X = [
    [2.0, 1500, 20000, 5.5, 5, 9],
    [2.5, 2700, 18000, 6.5, 3, 5],
    [1.8, 2000, 21000, 4.5, 7, 7],
    [2.2, 1800, 20000, 5.0, 5, 5],
]
W = [0.2, 0.1, 0.1, 0.1, 0.2, 0.3]
COST = [False, False, False, True, False, False]
n, m = len(X), len(W)
col = lambda j: [X[i][j] for i in range(n)]


def topsis(norm):
    cols = []
    for j in range(m):
        c = col(j)
        if norm == "vector":
            s = math.sqrt(sum(v * v for v in c))
            cols.append([v / s * W[j] for v in c])
        else:
            lo, hi = min(c), max(c)
            cols.append([(v - lo) / (hi - lo) * W[j] for v in c])
    res = []
    for i in range(n):
        dp = dn = 0.0
        for j in range(m):
            c = cols[j]
            best = min(c) if COST[j] else max(c)
            worst = max(c) if COST[j] else min(c)
            dp += (c[i] - best) ** 2
            dn += (c[i] - worst) ** 2
        dp, dn = math.sqrt(dp), math.sqrt(dn)
        res.append((dp, dn, dn / (dp + dn)))
    return res


def wsm_minmax():
    out = []
    for i in range(n):
        s = 0.0
        for j in range(m):
            c = col(j)
            lo, hi = min(c), max(c)
            r = (X[i][j] - lo) / (hi - lo)
            if COST[j]:
                r = 1 - r
            s += W[j] * r
        out.append(s)
    return out


def wpm_max_reciprocal():
    out = []
    for i in range(n):
        p = 1.0
        for j in range(m):
            c = col(j)
            r = (min(c) / X[i][j]) if COST[j] else X[i][j] / max(c)
            p *= r ** W[j]
        out.append(p)
    return out


def vikor(v=0.5):
    S, R = [], []
    for i in range(n):
        terms = []
        for j in range(m):
            c = col(j)
            best = min(c) if COST[j] else max(c)
            worst = max(c) if COST[j] else min(c)
            terms.append(W[j] * (best - X[i][j]) / (best - worst))
        S.append(sum(terms))
        R.append(max(terms))
    Q = [v * (S[i] - min(S)) / (max(S) - min(S)) + (1 - v) * (R[i] - min(R)) / (max(R) - min(R)) for i in range(n)]
    return S, R, Q


def promethee_usual():
    phi_p = [0.0] * n
    phi_m = [0.0] * n
    for a in range(n):
        for b in range(n):
            if a == b:
                continue
            pi = 0.0
            for j in range(m):
                d = X[a][j] - X[b][j]
                if COST[j]:
                    d = -d
                pi += W[j] * (1.0 if d > 0 else 0.0)
            phi_p[a] += pi / (n - 1)
            phi_m[b] += pi / (n - 1)
    return [phi_p[i] - phi_m[i] for i in range(n)]


def entropy():
    d = []
    for j in range(m):
        c = col(j)
        s = sum(c)
        e = -sum((v / s) * math.log(v / s) for v in c) / math.log(n)
        d.append(1 - e)
    return [x / sum(d) for x in d]


def minmax_oriented():
    R = []
    for j in range(m):
        c = col(j)
        lo, hi = min(c), max(c)
        r = [(v - lo) / (hi - lo) for v in c]
        if COST[j]:
            r = [1 - v for v in r]
        R.append(r)
    return R


def sd(r):
    mu = sum(r) / len(r)
    return math.sqrt(sum((v - mu) ** 2 for v in r) / len(r))


def corr(a, b):
    ma, mb = sum(a) / len(a), sum(b) / len(b)
    num = sum((x - ma) * (y - mb) for x, y in zip(a, b))
    return num / math.sqrt(sum((x - ma) ** 2 for x in a) * sum((y - mb) ** 2 for y in b))


def critic():
    R = minmax_oriented()
    C = [sd(R[j]) * sum(1 - corr(R[j], R[k]) for k in range(m) if k != j) for j in range(m)]
    return [c / sum(C) for c in C]


def std_dev():
    R = minmax_oriented()
    s = [sd(r) for r in R]
    return [x / sum(s) for x in s]


# Saaty (1977, 1980): relative brightness of four chairs, judgements of the light experiment.
A = [[1, 5, 6, 7], [1 / 5, 1, 4, 6], [1 / 6, 1 / 4, 1, 4], [1 / 7, 1 / 6, 1 / 4, 1]]


def ahp_eigen(a, iters=2000):
    k = len(a)
    w = [1.0 / k] * k
    lam = 0.0
    for _ in range(iters):
        aw = [sum(a[i][j] * w[j] for j in range(k)) for i in range(k)]
        lam = sum(aw)  # since sum(w) == 1
        w = [x / sum(aw) for x in aw]
    return w, lam


def ahp_geo(a):
    k = len(a)
    g = [math.prod(a[i]) ** (1.0 / k) for i in range(k)]
    w = [x / sum(g) for x in g]
    lam = sum(sum(a[i][j] * w[j] for j in range(k)) / w[i] for i in range(k)) / k
    return w, lam


if __name__ == "__main__":
    f = lambda xs: ", ".join(f"{x:.10f}" for x in xs)
    print("topsis vector  C:", f([r[2] for r in topsis("vector")]))
    print("topsis vector D+:", f([r[0] for r in topsis("vector")]))
    print("topsis vector D-:", f([r[1] for r in topsis("vector")]))
    print("topsis minmax  C:", f([r[2] for r in topsis("minmax")]))
    print("wsm minmax      :", f(wsm_minmax()))
    print("wpm max recip   :", f(wpm_max_reciprocal()))
    S, R, Q = vikor()
    print("vikor S:", f(S))
    print("vikor R:", f(R))
    print("vikor Q:", f(Q))
    print("promethee usual phi:", f(promethee_usual()))
    print("entropy w:", f(entropy()))
    print("critic  w:", f(critic()))
    print("std_dev w:", f(std_dev()))
    w, lam = ahp_eigen(A)
    print("ahp eigen w:", f(w), "lambda", lam, "CR", (lam - 4) / 3 / 0.90)
    w, lam = ahp_geo(A)
    print("ahp geo   w:", f(w), "lambda", lam, "CR", (lam - 4) / 3 / 0.90)
