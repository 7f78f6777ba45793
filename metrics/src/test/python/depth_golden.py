#!/usr/bin/python3
"""Golden values for org.eibench.metrics.depth.DepthMetric.

Reference formulas, re-implemented with numpy in float64 on float32 inputs (no code copied):
  * errors: BTS pytorch/bts_eval.py compute_errors (abs_rel, sq_rel, rmse, rmse_log, log10,
    silog = sqrt(mean(d^2) - mean(d)^2) * 100 with d = log(pred) - log(gt), d1..d3 = mean(max(gt/pred, pred/gt) < 1.25^k)).
  * valid mask and crops: BTS pytorch/bts_eval.py eval (min_depth_eval < gt < max_depth_eval; garg crop
    int(0.40810811*H):int(0.99189189*H), int(0.03594771*W):int(0.96405229*W); eigen crop 45:471, 41:601).
  * clipping: prediction clipped to [min_depth, max_depth] (BTS eval; Marigold script/eval.py after alignment).
  * median alignment: Monodepth2 evaluate_depth.py (ratio = median(gt) / median(pred), pred *= ratio, then clip).
  * lstsq: Marigold src/util/alignment.py align_depth_least_square (np.linalg.lstsq on [pred, 1]).
  * lstsq-disparity: Marigold script/eval.py least_square_disparity branch (gt -> 1/gt, fit on valid & pred > 0,
    aligned disparity clipped to >= 1e-3, inverted; depth2disparity gives 0 for non-positive values).
  Per image, then the mean over images (BTS eval: silog.mean(), ...).

Usage: depth_golden.py DATA_DIR OUT_JSON
"""
import json
import sys

import numpy as np
from PIL import Image

KEYS = ["abs_rel", "sq_rel", "rmse", "rmse_log", "log10", "silog", "delta1", "delta2", "delta3"]


def compute_errors(gt, pred):
    thresh = np.maximum(gt / pred, pred / gt)
    d1 = (thresh < 1.25).mean()
    d2 = (thresh < 1.25 ** 2).mean()
    d3 = (thresh < 1.25 ** 3).mean()
    rmse = np.sqrt(((gt - pred) ** 2).mean())
    rmse_log = np.sqrt(((np.log(gt) - np.log(pred)) ** 2).mean())
    abs_rel = np.mean(np.abs(gt - pred) / gt)
    sq_rel = np.mean(((gt - pred) ** 2) / gt)
    err = np.log(pred) - np.log(gt)
    radicand = np.mean(err ** 2) - np.mean(err) ** 2
    assert radicand > -1e-12
    silog = np.sqrt(max(radicand, 0.0)) * 100
    log10 = np.mean(np.abs(np.log10(pred) - np.log10(gt)))
    return dict(zip(KEYS, [abs_rel, sq_rel, rmse, rmse_log, log10, silog, d1, d2, d3]))


def valid_mask(gt, lo, hi, crop):
    with np.errstate(invalid="ignore"):
        m = np.logical_and(gt > lo, gt < hi)
    H, W = gt.shape
    if crop == "garg":
        e = np.zeros_like(m)
        e[int(0.40810811 * H):int(0.99189189 * H), int(0.03594771 * W):int(0.96405229 * W)] = True
        m &= e
    elif crop == "eigen":
        assert (H, W) == (480, 640)
        e = np.zeros_like(m)
        e[45:471, 41:601] = True
        m &= e
    return m


def lstsq(x, y):
    A = np.stack([x, np.ones_like(x)], axis=-1)
    s, t = np.linalg.lstsq(A, y, rcond=None)[0]
    return s, t


def evaluate(pred32, gt32, lo, hi, crop, align):
    gt = gt32.astype(np.float64)
    pred = pred32.astype(np.float64)
    m = valid_mask(gt, lo, hi, crop)
    g = gt[m]
    p = pred[m]
    if align == "median":
        p = p * (np.median(g) / np.median(p))
    elif align == "lstsq":
        s, t = lstsq(p, g)
        p = p * s + t
    elif align in ("lstsq-disparity", "lstsq-disparity/disparity"):
        x = p.copy() if align.endswith("/disparity") else np.where(p > 0, 1.0 / np.where(p > 0, p, 1), 0.0)
        use = p > 0
        s, t = lstsq(x[use], 1.0 / g[use])
        d = np.clip(x * s + t, 1e-3, None)
        p = 1.0 / d
    p = np.clip(p, lo, hi)
    return compute_errors(g, p)


def mean_over(results):
    return {k: float(np.mean([r[k] for r in results])) for k in KEYS}


def synth_pred(gt32):
    H, W = gt32.shape
    y, x = np.mgrid[0:H, 0:W].astype(np.float64)
    g = gt32.astype(np.float64)
    p = np.where(g > 0, g * (1.1 + 0.1 * np.sin(x / 40)) + 0.05 * np.cos(y / 30), 1.5 + 0.5 * np.sin((x + y) / 50))
    return p  # float64; callers cast to float32


def main(data, out_path):
    cases = []
    rng = np.random.default_rng(11)
    gt = rng.uniform(0.5, 9.0, (5, 7)).astype(np.float32)
    gt[0, 0] = 0.0
    gt[1, 3] = np.nan
    gt[4, 6] = 12.0
    pred = (gt.astype(np.float64) * rng.uniform(0.7, 1.4, (5, 7)) + 0.3).astype(np.float32)
    pred[1, 3] = np.nan  # invalid target pixel: never looked at
    pred[2, 2] = 25.0    # clipped to max
    pred[3, 4] = -1.0    # clipped to min (none), excluded from the disparity fit
    for align in ["none", "median", "lstsq", "lstsq-disparity", "lstsq-disparity/disparity"]:
        p = pred.copy()
        if align.endswith("/disparity"):
            p = np.where(np.isnan(pred), np.nan, 1.0 / np.where(pred > 0, pred, 1.0) * 0.8 + 0.05).astype(np.float32)
            p[3, 4] = -0.5
        r = evaluate(p, gt, 1e-3, 10.0, "none", align)
        cases.append({"name": "synthetic_" + align, "alignment": align.split("/")[0],
                      "input": "disparity" if align.endswith("/disparity") else "depth", "crop": "none",
                      "min_depth": 1e-3, "max_depth": 10.0, "width": 7, "height": 5,
                      "pred": [None if np.isnan(v) else float(v) for v in p.reshape(-1)],
                      "gt": [None if np.isnan(v) else float(v) for v in gt.reshape(-1)],
                      "expected": {k: float(v) for k, v in r.items()}})
    frames = ["redwood_livingroom_0000%d" % i for i in range(5)] + ["tum"]
    gts = []
    for f in frames:
        raw = np.array(Image.open(f"{data}/depth/{f}_depth_mm.png")).astype(np.float32)
        gts.append(raw / np.float32(1000.0))
    for crop, align in [("eigen", "none"), ("garg", "median"), ("none", "lstsq"), ("eigen", "lstsq-disparity"),
                        ("none", "lstsq-disparity/disparity")]:
        res = []
        for g in gts:
            p64 = synth_pred(g)
            p = (0.7 / p64 + 0.02).astype(np.float32) if align.endswith("/disparity") else p64.astype(np.float32)
            res.append(evaluate(p, g, 1e-3, 10.0, crop, align))
        cases.append({"name": f"real_{crop}_{align}", "alignment": align.split("/")[0],
                      "input": "disparity" if align.endswith("/disparity") else "depth", "crop": crop,
                      "min_depth": 1e-3, "max_depth": 10.0,
                      "files": [f"depth/{f}_depth_mm.png" for f in frames], "expected": mean_over(res)})
    with open(out_path, "w") as f:
        json.dump({"generator": "metrics/src/test/python/depth_golden.py", "cases": cases}, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
