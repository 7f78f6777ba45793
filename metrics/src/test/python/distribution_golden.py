#!/usr/bin/python3
"""Golden values for org.eibench.metrics.distribution (Frechet distance and kernel distance).

Reference formulas, re-implemented with numpy/scipy (no code copied):
  * pytorch-fid src/pytorch_fid/fid_score.py calculate_frechet_distance (lines 179-236): mu and np.cov(rowvar=False)
    per set; covmean = scipy.linalg.sqrtm(sigma1 @ sigma2); if not finite, retry with eps = 1e-6 added to both
    diagonals; a complex covmean keeps its real part (pytorch-fid raises when the diagonal's imaginary part exceeds
    1e-3, clean-fid cleanfid/fid.py lines 79-83 does not: we record the largest imaginary part instead);
    FD = |mu1 - mu2|^2 + tr(sigma1) + tr(sigma2) - 2 tr(covmean).
  * torch-fidelity torch_fidelity/metric_fid.py line 39: tr(covmean) as the sum of the real parts of the square
    roots of eigvals(sigma1 @ sigma2) (reported as fid_eig, a second opinion).
  * torch-fidelity torch_fidelity/metric_kid.py lines 21-134: rng = np.random.RandomState(seed); per subset
    features_1[rng.choice(n1, m, replace=False)] then features_2[rng.choice(n2, m, replace=False)]; polynomial
    kernel (X Y^T * gamma + coef0) ** 3 with gamma = 1 / d, coef0 = 1; unbiased MMD^2
    (sum of off-diagonal K_XX + K_YY) / (m (m - 1)) - 2 sum(K_XY) / m^2; mean and np.std over the subsets.
    torch-fidelity refuses m > n (line 106); the subset size here is min(n1, n2, subset_size), clean-fid's rule
    (cleanfid/fid.py line 101).

Features come from a generator that the Java test reproduces bit for bit (no transcendental functions): SplitMix64,
uniform = (next >> 11) * 2^-53, normal = sum of 12 uniforms - 6, drawn row-major. Kinds: gauss (normal * scale +
shift), relu (max(0, gauss)), lowrank (Z[n, r] then W[r, d], X = Z W summed over r in order), const (gauss, then
column 0 = 0.5 and column 1 = 0), dup (gauss, then the last column = 2 * column 0), same (set 2 = set 1).

Usage:
  distribution_golden.py [DATA_DIR] OUT_JSON the fixture of random cases (DATA_DIR is ignored: the cases need no
                                             data; ReferenceScriptsTest passes it to every script)
  distribution_golden.py --run RUN_DIR TASK METRIC_KEY [SUBSETS SUBSET_SIZE SEED]
                                             FD and KD of the feature rows a run stored for TASK (samples JSONL,
                                             ok lines in id order), printed as JSON
"""
import json
import os
import sys
import warnings

import numpy as np
from scipy import linalg

MASK64 = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK64

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def uniform(self):
        return (self.next() >> 11) * (1.0 / (1 << 53))

    def normal(self):
        s = 0.0
        for _ in range(12):
            s += self.uniform()
        return s - 6.0


def features(kind, n, d, seed, scale, shift, rank):
    g = SplitMix64(seed)
    if kind == "lowrank":
        z = [[g.normal() for _ in range(rank)] for _ in range(n)]
        w = [[g.normal() for _ in range(d)] for _ in range(rank)]
        x = []
        for i in range(n):
            row = []
            for j in range(d):
                s = 0.0
                for k in range(rank):
                    s += z[i][k] * w[k][j]
                row.append(s * scale + shift)
            x.append(row)
        return np.array(x, dtype=np.float64)
    x = [[g.normal() * scale + shift for _ in range(d)] for _ in range(n)]
    if kind == "relu":
        x = [[v if v > 0 else 0.0 for v in row] for row in x]
    if kind == "const":
        for row in x:
            row[0] = 0.5
            row[1] = 0.0
    if kind == "dup":
        for row in x:
            row[d - 1] = 2.0 * row[0]
    return np.array(x, dtype=np.float64)


def frechet_pytorch_fid(x, y, eps=1e-6):
    mu1, mu2 = x.mean(axis=0), y.mean(axis=0)
    s1 = np.atleast_2d(np.cov(x, rowvar=False))
    s2 = np.atleast_2d(np.cov(y, rowvar=False))
    diff = mu1 - mu2
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        covmean, _ = linalg.sqrtm(s1.dot(s2), disp=False)
        retried = False
        if not np.isfinite(covmean).all():
            retried = True
            offset = np.eye(s1.shape[0]) * eps
            covmean = linalg.sqrtm((s1 + offset).dot(s2 + offset))
    imag = 0.0
    if np.iscomplexobj(covmean):
        imag = float(np.max(np.abs(np.diagonal(covmean).imag)))
        covmean = covmean.real
    fd = diff.dot(diff) + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean)
    eig = np.sum(np.sqrt(np.linalg.eigvals(s1.dot(s2)).astype("complex128")).real)
    fd_eig = diff.dot(diff) + np.trace(s1) + np.trace(s2) - 2 * eig
    return float(fd), float(fd_eig), retried, imag


def mmd2_unbiased(kxx, kxy, kyy):
    m = kxx.shape[0]
    kt_xx = (kxx.sum(axis=1) - np.diagonal(kxx)).sum()
    kt_yy = (kyy.sum(axis=1) - np.diagonal(kyy)).sum()
    return (kt_xx + kt_yy) / (m * (m - 1)) - 2 * kxy.sum() / (m * m)


def poly(a, b):
    gamma = 1.0 / a.shape[1]
    return (np.matmul(a, b.T) * gamma + 1) ** 3


def kernel_torch_fidelity(x, y, subsets, subset_size, seed):
    n1, n2 = len(x), len(y)
    m = min(n1, n2, subset_size)
    rng = np.random.RandomState(seed)
    mmds = np.zeros(subsets)
    first = None
    for i in range(subsets):
        i1 = rng.choice(n1, m, replace=False)
        i2 = rng.choice(n2, m, replace=False)
        if first is None:
            first = [int(v) for v in i1[:8]] + [int(v) for v in i2[:8]]
        f1, f2 = x[i1], y[i2]
        mmds[i] = mmd2_unbiased(poly(f1, f1), poly(f1, f2), poly(f2, f2))
    return float(np.mean(mmds)), float(np.std(mmds)), m, first


CASES = [
    # name, kind, n1, n2, d, rank, (scale1, shift1), (scale2, shift2), subsets, subset_size
    ("n10_d8_gauss", "gauss", 10, 10, 8, 0, (1.0, 0.0), (1.3, 0.2), 100, 1000),
    ("n10_d64_rank_deficient", "gauss", 10, 10, 64, 0, (1.0, 0.0), (1.1, 0.1), 100, 1000),
    ("n2_d4_smallest", "gauss", 2, 2, 4, 0, (1.0, 0.0), (2.0, -0.5), 100, 1000),
    ("n50_d16_relu", "relu", 50, 50, 16, 0, (1.0, 0.3), (0.8, 0.5), 100, 1000),
    ("n200_d64_lowrank", "lowrank", 200, 200, 64, 4, (0.3, 0.0), (0.25, 0.05), 100, 1000),
    ("n200_d16_const_subset50", "const", 200, 200, 16, 0, (1.0, 0.0), (1.2, 0.1), 20, 50),
    ("n200_d16_dup", "dup", 200, 200, 16, 0, (1.0, 0.0), (0.9, -0.1), 100, 1000),
    ("n300_n120_d8_unequal", "gauss", 300, 120, 8, 0, (1.0, 0.0), (1.5, 1.0), 30, 100),
    ("n100_d8_same", "same", 100, 100, 8, 0, (1.0, 0.0), (1.0, 0.0), 100, 1000),
    ("n2000_d16_gauss", "gauss", 2000, 2000, 16, 0, (1.0, 0.0), (1.05, 0.02), 100, 1000),
]


def case(spec, index):
    name, kind, n1, n2, d, rank, (sc1, sh1), (sc2, sh2), subsets, subset_size = spec
    seed = 1000 + 17 * index
    x = features("lowrank" if kind == "lowrank" else ("gauss" if kind == "same" else kind), n1, d, seed, sc1, sh1, rank)
    y = x.copy() if kind == "same" else features(kind, n2, d, seed + 1, sc2, sh2, rank)
    fd, fd_eig, retried, imag = frechet_pytorch_fid(x, y)
    kid, kid_std, m, first = kernel_torch_fidelity(x, y, subsets, subset_size, 2020)
    return {"name": name, "kind": kind, "n1": n1, "n2": n2, "d": d, "rank": rank, "seed": seed,
            "scale1": sc1, "shift1": sh1, "scale2": sc2, "shift2": sh2,
            "subsets": subsets, "subset_size": subset_size, "kid_seed": 2020,
            "fd": fd, "fd_eig": fd_eig, "sqrtm_retried": retried, "sqrtm_imag": imag,
            "kid": kid, "kid_std": kid_std, "kid_m": m, "first_indices": first}


def run_rows(run_dir, task, key, subsets=100, subset_size=1000, seed=2020):
    out, tgt = [], []
    lines = {}
    with open(os.path.join(run_dir, "samples", task + ".jsonl")) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            try:
                o = json.loads(line)
            except ValueError:
                continue  # a torn last line
            if o.get("status") == "ok" and key in o.get("metrics", {}):
                lines[o["id"]] = o["metrics"][key]["stats"]
    for sid in sorted(lines):
        st = lines[sid]
        out.extend(st["output"])
        tgt.extend(st["target"])
    x, y = np.array(out, dtype=np.float64), np.array(tgt, dtype=np.float64)
    fd, fd_eig, retried, imag = frechet_pytorch_fid(x, y)
    kid, kid_std, m, _ = kernel_torch_fidelity(x, y, subsets, subset_size, seed)
    return {"n": len(x), "d": x.shape[1], "fd": fd, "fd_eig": fd_eig, "kid": kid, "kid_std": kid_std, "kid_m": m}


def main():
    if len(sys.argv) >= 5 and sys.argv[1] == "--run":
        extra = [int(v) for v in sys.argv[5:8]]
        print(json.dumps(run_rows(sys.argv[2], sys.argv[3], sys.argv[4], *extra)))
        return
    out = [case(spec, i) for i, spec in enumerate(CASES)]
    with open(sys.argv[-1], "w") as f:
        json.dump({"cases": out}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
