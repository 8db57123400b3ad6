#!/usr/bin/env python3
"""Independent reference values for tests/scoring/methods_test.cpp (plain Python, no clir code).

Data: the fighter-aircraft example of Hwang and Yoon (1981), Multiple Attribute Decision Making,
Springer, LNEMS 186 (also Yoon and Hwang 1995, Sage, ch. 5): 4 aircraft, 6 attributes
(maximum speed [Mach], ferry range [NM], maximum payload [lb], acquisition cost [10^6 $] (cost),
reliability [1-9 scale], maneuverability [1-9 scale]); weights (0.2, 0.1, 0.1, 0.1, 0.2, 0.3).
Also (published_examples_test.cpp): recomputes every printed figure of Opricovic and Tzeng's
(2007) VIKOR example and Brans and Vincke's (1985) PROMETHEE example from their input matrices
and reports the largest deviation from the printed (3-decimal) figures, so that an input
transcribed wrongly would show.
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


# Opricovic and Tzeng (2007), EJOR 178(2) 514-529: Mlava river reservoir systems, v = 0.5.
VX = [
    [4184.3, 2914.0, 407.2, 251.0, 195, 244, 15, 2.41],
    [5211.9, 3630.0, 501.7, 308.3, 282, 346, 21, 1.41],
    [5021.3, 3920.5, 504.0, 278.6, 12, 56, 3, 4.42],
    [5566.1, 3957.9, 559.5, 335.3, 167, 268, 16, 3.36],
    [5060.5, 3293.5, 514.1, 284.2, 69, 90, 7, 4.04],
    [4317.9, 2925.9, 432.8, 239.3, 12, 55, 3, 4.36],
]
VMAX = [True, False, True, True, False, False, False, True]
VCASES = [  # weights, printed S, R, Q
    ([1] * 8, [0.692, 0.7, 0.29, 0.423, 0.28, 0.346], [0.125, 0.125, 0.121, 0.125, 0.067, 0.125],
     [0.991, 1.0, 0.473, 0.670, 0.0, 0.578]),
    ([2, 2, 2, 2, 1, 1, 1, 1], [0.701, 0.6, 0.386, 0.365, 0.317, 0.459], [0.167, 0.114, 0.161, 0.167, 0.089, 0.167],
     [1.0, 0.533, 0.552, 0.563, 0.0, 0.686]),
    ([1, 1, 1, 1, 2, 2, 2, 2], [0.683, 0.8, 0.193, 0.48, 0.243, 0.232], [0.113, 0.167, 0.08, 0.122, 0.044, 0.083],
     [0.684, 1.0, 0.147, 0.554, 0.041, 0.191]),
    ([1, 1, 1, 1, 3.2, 3.2, 3.2, 3.2], [0.678, 0.857, 0.138, 0.513, 0.222, 0.167],
     [0.129, 0.190, 0.057, 0.139, 0.042, 0.060], [0.668, 1.0, 0.051, 0.588, 0.058, 0.078]),
]


def vikor_general(x, maximize, weights, v=0.5):
    k, mm = len(x), len(x[0])
    w = [a / sum(weights) for a in weights]
    s_, r_ = [], []
    for i in range(k):
        terms = []
        for j in range(mm):
            c = [x[a][j] for a in range(k)]
            best, worst = (max(c), min(c)) if maximize[j] else (min(c), max(c))
            terms.append(w[j] * (best - x[i][j]) / (best - worst))
        s_.append(sum(terms))
        r_.append(max(terms))
    q_ = [v * (a - min(s_)) / (max(s_) - min(s_)) + (1 - v) * (b - min(r_)) / (max(r_) - min(r_))
          for a, b in zip(s_, r_)]
    return s_, r_, q_


# Brans and Vincke (1985), Management Science 31(6) 647-656: six alternatives, equal weights;
# level (type IV) and linear (type V) thresholds as q/p with the zone widths added.
BX = [[80, 90, 60, 5.4, 8, 5], [65, 58, 20, 9.7, 1, 1], [83, 60, 40, 7.2, 4, 7],
      [40, 80, 100, 7.5, 7, 10], [52, 72, 60, 2.0, 3, 8], [94, 96, 70, 3.6, 5, 6]]
BMAX = [False, True, False, False, False, True]
BFUN = [
    lambda d: 1.0 if d > 10 else 0.0,                                           # II, q = 10
    lambda d: 0.0 if d <= 0 else min(d / 30, 1.0),                              # III, p = 30
    lambda d: 0.0 if d <= 5 else (1.0 if d > 50 else (d - 5) / 45),            # V, q = 5, p = 50
    lambda d: 0.0 if d <= 1 else (0.5 if d <= 6 else 1.0),                      # IV, q = 1, p = 6
    lambda d: 1.0 if d > 0 else 0.0,                                            # I
    lambda d: 0.0 if d <= 0 else 1 - math.exp(-d * d / 50),                     # VI, s = 5
]
BPI = [[0.000, 0.296, 0.250, 0.269, 0.100, 0.185], [0.463, 0.000, 0.389, 0.333, 0.296, 0.500],
       [0.235, 0.180, 0.000, 0.333, 0.056, 0.429], [0.399, 0.506, 0.305, 0.000, 0.224, 0.212],
       [0.444, 0.515, 0.487, 0.380, 0.000, 0.448], [0.287, 0.399, 0.250, 0.431, 0.133, 0.000]]
BPLUS = [1.099, 1.980, 1.234, 1.644, 2.274, 1.500]
BMINUS = [1.827, 1.895, 1.681, 1.746, 0.808, 1.774]


def brans_vincke_pi():
    k = len(BX)
    pi = [[0.0] * k for _ in range(k)]
    for a in range(k):
        for b in range(k):
            if a != b:
                pi[a][b] = sum(fn((BX[a][j] - BX[b][j]) * (1 if BMAX[j] else -1)) for j, fn in enumerate(BFUN)) / 6
    return pi


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
    dev = 0.0
    for weights, ps, pr, pq in VCASES:
        S, R, Q = vikor_general(VX, VMAX, weights)
        dev = max(dev, *(abs(a - b) for a, b in zip(S + R + Q, ps + pr + pq)))
    print("vikor 2007: largest deviation from the printed S, R, Q:", round(dev, 6))
    pi = brans_vincke_pi()
    print("promethee 1985: largest deviation from the printed pi:",
          round(max(abs(pi[a][b] - BPI[a][b]) for a in range(6) for b in range(6)), 6))
    plus = [sum(r) for r in pi]
    minus = [sum(pi[b][a] for b in range(6)) for a in range(6)]
    print("promethee 1985 phi+ (x (n-1)):", f(plus))
    print("promethee 1985 phi- (x (n-1)):", f(minus))
    print("promethee 1985: largest deviation from the printed flows:",
          round(max(abs(a - b) for a, b in zip(plus + minus, BPLUS + BMINUS)), 6))
