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
Also (published_examples_test.cpp): recomputes the printed figures of the weighted sum / weighted
product example of Chakraborty, Zavadskas and Antucheviciene (2015), the entropy examples of Xu
(2004), Zavadskas and Podvezko (2016), Lee and Chang (2018) and Ersoy (2021), the CRITIC example of
Tuş and Aytaç Adalı (2019) and the standard-deviation example of Sałabun, Wątróbski and Shekhovtsov
(2020), and reports the largest deviation from the printed figures.
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


# Chakraborty, Zavadskas and Antucheviciene (2015), WASPAS Example 2: linear normalization
# (x / max for maximized, min / x for minimized criteria), Q = lam WSM + (1 - lam) WPM.
CX = [[581818, 54.49, 3, 5500], [595454, 49.73, 3, 4500], [586060, 51.24, 3, 5000], [522727, 45.71, 3, 5800],
      [561818, 52.66, 3, 5200], [543030, 74.46, 4, 5600], [522727, 75.42, 4, 5800], [486970, 62.62, 4, 5600],
      [509394, 65.87, 4, 6400], [513333, 70.67, 4, 6000]]
CCOST = [True, True, True, False]
CW = [0.467, 0.160, 0.095, 0.278]
CQ = {  # lambda: printed Q (4 decimals)
    0.0: [0.8578, 0.8144, 0.8408, 0.9413, 0.8632, 0.8241, 0.8454, 0.8915, 0.8987, 0.8697],
    0.1: [0.8580, 0.8149, 0.8410, 0.9414, 0.8633, 0.8249, 0.8464, 0.8922, 0.8995, 0.8706],
    0.2: [0.8581, 0.8154, 0.8412, 0.9415, 0.8634, 0.8256, 0.8474, 0.8929, 0.9003, 0.8714],
    0.3: [0.8582, 0.8159, 0.8414, 0.9415, 0.8636, 0.8263, 0.8484, 0.8936, 0.9011, 0.8723],
    0.4: [0.8583, 0.8164, 0.8417, 0.9416, 0.8637, 0.8271, 0.8493, 0.8942, 0.9019, 0.8732],
    0.5: [0.8584, 0.8169, 0.8419, 0.9417, 0.8638, 0.8278, 0.8503, 0.8949, 0.9027, 0.8740],
    0.6: [0.8585, 0.8174, 0.8421, 0.9417, 0.8640, 0.8286, 0.8513, 0.8956, 0.9035, 0.8749],
    0.7: [0.8586, 0.8179, 0.8423, 0.9418, 0.8641, 0.8293, 0.8523, 0.8963, 0.9043, 0.8758],
    0.8: [0.8588, 0.8184, 0.8425, 0.9419, 0.8643, 0.8300, 0.8532, 0.8969, 0.9051, 0.8766],
    0.9: [0.8589, 0.8189, 0.8427, 0.9419, 0.8644, 0.8308, 0.8542, 0.8976, 0.9059, 0.8775],
    1.0: [0.8590, 0.8194, 0.8430, 0.9420, 0.8645, 0.8315, 0.8552, 0.8983, 0.9067, 0.8784],
}


def chakraborty_wsm_wpm():
    k, m_ = len(CX), len(CW)
    cols = [[CX[i][j] for i in range(k)] for j in range(m_)]
    r = [[(min(c) / v if cost else v / max(c)) for v in c] for c, cost in zip(cols, CCOST)]
    wsm = [sum(CW[j] * r[j][i] for j in range(m_)) for i in range(k)]
    wpm = [math.prod(r[j][i] ** CW[j] for j in range(m_)) for i in range(k)]
    return wsm, wpm


# Entropy examples: p = x / sum x per column of the values as they are, e = -sum p ln p / ln n.
ENTROPY_EXAMPLES = {
    "Xu 2004": ([[30, 30, 38, 29], [19, 54, 86, 29], [19, 15, 85, 28.9], [68, 70, 60, 29]],
                [0.4630, 0.3992, 0.1378, 0.0000]),
    "Zavadskas and Podvezko 2016": ([[3.0, 100, 10, 7], [2.5, 80, 8, 5], [1.8, 50, 20, 11], [2.2, 70, 12, 9]],
                                    [0.1146, 0.1981, 0.4185, 0.2689]),
    "Lee and Chang 2018": ([[4550, 30, 6.74, 20, 15, 5, 85, 150, 0.87, 4.76],
                            [3005, 60.86, 2.4, 35, 27, 4, 26, 200, 0.17, 4.51],
                            [2040, 14.85, 1.7, 90, 25, 5, 26, 500, 0.27, 4.19],
                            [3370, 99.4, 3.25, 25.3, 54, 3, 45, 222, 0.21, 3.78],
                            [3920, 112.6, 4.93, 11.4, 71.7, 2, 50, 100, 0.25, 4.11]],
                           [0.026, 0.154, 0.089, 0.199, 0.115, 0.04, 0.08, 0.123, 0.172, 0.002]),
    "Ersoy 2021": ([[256, 8, 41, 1.6, 1.77, 7347.16], [256, 8, 32, 1.0, 1.8, 6919.99], [256, 8, 53, 1.6, 1.9, 8400],
                    [256, 8, 41, 1.0, 1.75, 6808.9], [512, 8, 35, 1.6, 1.7, 8479.99],
                    [256, 4, 35, 1.6, 1.7, 7499.99]],
                   [0.405, 0.221, 0.134, 0.199, 0.007, 0.034]),
}


def entropy_of(x):
    k = len(x)
    d = []
    for j in range(len(x[0])):
        c = [x[i][j] for i in range(k)]
        s = sum(c)
        d.append(1 + sum((v / s) * math.log(v / s) for v in c if v > 0) / math.log(k))
    return [v / sum(d) for v in d]


# Tuş and Aytaç Adalı (2019): CRITIC on five time-and-attendance software packages; column 1
# (price) is a cost. TQ: the paper's WASPAS scores (lambda = 0.5), computed with its weights.
TX = [[5000, 3, 3, 4, 3, 2], [680, 5, 3, 2, 2, 1], [2000, 3, 2, 3, 4, 3], [600, 4, 3, 1, 2, 2], [800, 2, 4, 3, 3, 4]]
TCOST = [True, False, False, False, False, False]
TW = [0.157, 0.249, 0.168, 0.121, 0.154, 0.151]
TQ = [0.5622, 0.6575, 0.6192, 0.6409, 0.722]


def critic_of(x, cost):
    k, m_ = len(x), len(x[0])
    r = []
    for j in range(m_):
        c = [x[i][j] for i in range(k)]
        lo, hi = min(c), max(c)
        r.append([((hi - v) if cost[j] else (v - lo)) / (hi - lo) for v in c])
    info = [sd(r[j]) * sum(1 - corr(r[j], r[q]) for q in range(m_)) for j in range(m_)]
    return [v / sum(info) for v in info]


def waspas(x, cost, w, lam=0.5):
    k, m_ = len(x), len(w)
    cols = [[x[i][j] for i in range(k)] for j in range(m_)]
    r = [[(min(c) / v if c_ else v / max(c)) for v in c] for c, c_ in zip(cols, cost)]
    return [lam * sum(w[j] * r[j][i] for j in range(m_)) + (1 - lam) * math.prod(r[j][i] ** w[j] for j in range(m_))
            for i in range(k)]


# Sałabun, Wątróbski and Shekhovtsov (2020): standard-deviation weights of a 5 x 3 matrix.
SX = [[0.619, 0.449, 0.447], [0.862, 0.466, 0.006], [0.458, 0.698, 0.771], [0.777, 0.631, 0.491],
      [0.567, 0.992, 0.968]]
SW = [0.217, 0.294, 0.488]


def std_dev_of(x, minmax):
    k = len(x)
    s = []
    for j in range(len(x[0])):
        c = [x[i][j] for i in range(k)]
        if minmax:
            c = [(v - min(c)) / (max(c) - min(c)) for v in c]
        s.append(sd(c))
    return [v / sum(s) for v in s]


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
    dev = lambda a, b: round(max(abs(x - y) for x, y in zip(a, b)), 6)
    wsm, wpm = chakraborty_wsm_wpm()
    print("chakraborty 2015 WPM (lambda 0):", f(wpm))
    print("chakraborty 2015 WSM (lambda 1):", f(wsm))
    print("chakraborty 2015: largest deviation from the printed Q, all 11 lambdas:",
          max(dev([lam * a + (1 - lam) * b for a, b in zip(wsm, wpm)], q) for lam, q in CQ.items()))
    for name, (x, printed) in ENTROPY_EXAMPLES.items():
        w = entropy_of(x)
        print(f"entropy {name}:", f(w), "largest deviation from the printed:", dev(w, printed))
    w = critic_of(TX, [False] * 6)
    print("critic Tus 2019, price not flipped:", f(w), "largest deviation from the printed:", dev(w, TW))
    print("critic Tus 2019, price flipped (clir's compute_weights):", f(critic_of(TX, TCOST)))
    print("Tus 2019 WASPAS with the printed weights: largest deviation from the printed Q:",
          dev(waspas(TX, TCOST, TW), TQ), "; with the flipped-price weights:", dev(waspas(TX, TCOST, critic_of(TX, TCOST)), TQ))
    w = std_dev_of(SX, False)
    print("std_dev Salabun 2020 (matrix as given):", f(w), "largest deviation from the printed:", dev(w, SW))
    print("std_dev Salabun 2020 (min-max first, clir's compute_weights):", f(std_dev_of(SX, True)))
