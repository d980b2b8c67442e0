"""Golden values for tests/unit/lib/{linalg,gaussian,kl-discrete,kl-gaussian}.test.ts.

Run once by hand (python3 make-golden.py > golden.json); CI never runs it.
An independent reference for the TypeScript code: no numpy and no Cholesky. Every input is
taken as the exact rational value of its IEEE double (Fraction(float)), inverses come from
Gauss-Jordan elimination in exact rational arithmetic, determinants from exact fraction-free
elimination, and logarithms from mpmath at 50 significant digits. Outputs are printed to 17
significant digits, so they are correct to the last double.
"""
import json
from fractions import Fraction as F

import mpmath

mpmath.mp.dps = 50


def exact(values):
    return [F(float(v)) for v in values]


def matrix(entries, k):
    e = exact(entries)
    return [e[i * k:(i + 1) * k] for i in range(k)]


def determinant(a):
    """Exact determinant by Gaussian elimination over the rationals (with row swaps)."""
    a = [row[:] for row in a]
    n = len(a)
    det = F(1)
    for col in range(n):
        pivot = next((r for r in range(col, n) if a[r][col] != 0), None)
        if pivot is None:
            return F(0)
        if pivot != col:
            a[col], a[pivot] = a[pivot], a[col]
            det = -det
        det *= a[col][col]
        for r in range(col + 1, n):
            factor = a[r][col] / a[col][col]
            a[r] = [x - factor * y for x, y in zip(a[r], a[col])]
    return det


def inverse(a):
    """Exact inverse by Gauss-Jordan elimination over the rationals."""
    n = len(a)
    aug = [row[:] + [F(int(i == j)) for j in range(n)] for i, row in enumerate(a)]
    for col in range(n):
        pivot = next(r for r in range(col, n) if aug[r][col] != 0)
        aug[col], aug[pivot] = aug[pivot], aug[col]
        p = aug[col][col]
        aug[col] = [x / p for x in aug[col]]
        for r in range(n):
            if r != col and aug[r][col] != 0:
                factor = aug[r][col]
                aug[r] = [x - factor * y for x, y in zip(aug[r], aug[col])]
    return [row[n:] for row in aug]


def matmul(a, b):
    return [[sum(a[i][l] * b[l][j] for l in range(len(b))) for j in range(len(b[0]))] for i in range(len(a))]


def quad(x, a, y):
    return sum(x[i] * a[i][j] * y[j] for i in range(len(x)) for j in range(len(y)))


def log(x):
    return mpmath.log(mpmath.mpf(x.numerator) / x.denominator)


def num(x):
    if isinstance(x, F):
        x = mpmath.mpf(x.numerator) / x.denominator
    return mpmath.nstr(x, 17)


def kl_gaussian(mu1, cov1, mu2, cov2):
    k = len(mu1)
    s1, s2 = matrix(cov1, k), matrix(cov2, k)
    m1, m2 = exact(mu1), exact(mu2)
    inv2 = inverse(s2)
    tr = sum(matmul(inv2, s1)[i][i] for i in range(k))
    d = [b - a for a, b in zip(m1, m2)]
    mean_term = quad(d, inv2, d)
    log_ratio = log(determinant(s2)) - log(determinant(s1))
    value = (log_ratio - k + (mpmath.mpf(tr.numerator) / tr.denominator) + mpmath.mpf(mean_term.numerator) / mean_term.denominator) / 2
    return {
        "mu1": mu1, "cov1": cov1, "mu2": mu2, "cov2": cov2,
        "kl": num(value), "logDeterminantRatio": num(log_ratio), "traceTerm": num(tr), "meanTerm": num(mean_term),
    }


def kl_discrete(p, q):
    """Sum of p log(p/q) over exact rationals; weights are normalised exactly first."""
    p, q = exact(p), exact(q)
    sp, sq = sum(p), sum(q)
    p = [x / sp for x in p]
    q = [x / sq for x in q]
    total = mpmath.mpf(0)
    for a, b in zip(p, q):
        if a == 0:
            continue
        if b == 0:
            return "Infinity"
        total += (mpmath.mpf(a.numerator) / a.denominator) * log(a / b)
    return num(total)


def discrete_case(name, p, q):
    nats_pq, nats_qp = kl_discrete(p, q), kl_discrete(q, p)
    bits = lambda v: v if v == "Infinity" else num(mpmath.mpf(v) / mpmath.log(2))
    return {"name": name, "p": p, "q": q, "pq_nats": nats_pq, "qp_nats": nats_qp, "pq_bits": bits(nats_pq), "qp_bits": bits(nats_qp)}


def log_density(x, mu, cov):
    k = len(mu)
    s = matrix(cov, k)
    d = [a - b for a, b in zip(exact(x), exact(mu))]
    maha = quad(d, inverse(s), d)
    value = -(k * mpmath.log(2 * mpmath.pi) + log(determinant(s)) + mpmath.mpf(maha.numerator) / maha.denominator) / 2
    return {"x": x, "mu": mu, "cov": cov, "logDensity": num(value)}


def linalg_case(name, cov, b):
    k = len(b)
    s = matrix(cov, k)
    inv = inverse(s)
    solution = [sum(inv[i][j] * e for j, e in enumerate(exact(b))) for i in range(k)]
    return {"name": name, "matrix": cov, "rhs": b, "logDeterminant": num(log(determinant(s))), "solution": [num(x) for x in solution]}


# The notes' worked example D(Q||P) with 1/3 rounded to 0.333, in nats: once only inside the
# logarithms, as the notes write it, and once also as the weights.
notes_rounded_ratio = sum((mpmath.mpf(1) / 3) * mpmath.log(mpmath.mpf("0.333") / mpmath.mpf(p)) for p in ["0.36", "0.48", "0.16"])
notes_rounded_throughout = sum(mpmath.mpf("0.333") * mpmath.log(mpmath.mpf("0.333") / mpmath.mpf(p)) for p in ["0.36", "0.48", "0.16"])

ill_conditioned_2 = [1, 0.99999998, 0.99999998, 1]  # eigenvalues 1.99999998 and 2e-8: condition number 1e8

golden = {
    "notesRoundedRatioQP": num(notes_rounded_ratio),
    "notesRoundedThroughoutQP": num(notes_rounded_throughout),
    "discrete": [
        discrete_case("notes example", [0.36, 0.48, 0.16], [1, 1, 1]),
        discrete_case("unnormalised weights", [2, 3, 5, 0], [1, 1, 1, 1]),
        discrete_case("disjoint supports", [0.5, 0.5, 0, 0], [0, 0, 0.5, 0.5]),
        discrete_case("bimodal vs unimodal", [0.45, 0.05, 0.0, 0.05, 0.45], [0.05, 0.2, 0.5, 0.2, 0.05]),
        discrete_case("twelve outcomes", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]),
        discrete_case("nearly equal", [0.25, 0.25, 0.25, 0.25], [0.2500001, 0.2499999, 0.25, 0.25]),
    ],
    "gaussian": [
        kl_gaussian([1], [2], [-0.5], [0.7]),
        kl_gaussian([0, 0], [1, 0.5, 0.5, 2], [1, -1], [2, -0.3, -0.3, 0.5]),
        kl_gaussian([0.5, -1, 2], [2, 0.3, -0.4, 0.3, 1, 0.2, -0.4, 0.2, 1.5], [0, 0, 0], [1, 0, 0, 0, 1, 0, 0, 0, 1]),
        kl_gaussian([1, 2, 3, 4], [4, 1, 0.5, 0.2, 1, 3, 0.4, 0.1, 0.5, 0.4, 2, 0.3, 0.2, 0.1, 0.3, 1], [0, 1, 0, 1], [1, 0.2, 0, 0, 0.2, 1, 0.2, 0, 0, 0.2, 1, 0.2, 0, 0, 0.2, 1]),
        kl_gaussian([0, 0], ill_conditioned_2, [0.001, -0.001], [1, 0, 0, 1]),
        kl_gaussian([0, 0], [1, 0, 0, 1], [0.001, -0.001], ill_conditioned_2),
        # Both ill-conditioned (condition numbers 2e7 and 1e8) and nearly equal: the terms nearly cancel.
        kl_gaussian([0, 0], [1, 0.9999999, 0.9999999, 1], [0, 0.0001], ill_conditioned_2),
    ],
    "logDensity": [
        log_density([0.3], [1], [2]),
        log_density([1, -1], [0, 0.5], [1, 0.5, 0.5, 2]),
        log_density([1, 2, 3, 4], [0, 1, 0, 1], [4, 1, 0.5, 0.2, 1, 3, 0.4, 0.1, 0.5, 0.4, 2, 0.3, 0.2, 0.1, 0.3, 1]),
    ],
    "linalg": [
        linalg_case("3x3 well conditioned", [4, 2, 0.6, 2, 5, 1.5, 0.6, 1.5, 3], [1, -2, 0.5]),
        linalg_case("2x2 condition 1e8", ill_conditioned_2, [1, -1]),
        linalg_case("4x4 Hilbert", [1, 1/2, 1/3, 1/4, 1/2, 1/3, 1/4, 1/5, 1/3, 1/4, 1/5, 1/6, 1/4, 1/5, 1/6, 1/7], [1, 1, 1, 1]),
    ],
}
print(json.dumps(golden, indent=2))
