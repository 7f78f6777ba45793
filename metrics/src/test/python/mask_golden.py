#!/usr/bin/python3
"""Golden values for org.eibench.metrics.mask.MaskMetric.

Reference formulas, re-implemented with numpy (no code copied):
  * PySODMetrics py_sod_metrics/utils.py prepare_data: gt = gt > 128; pred = pred / 255, min-max normalised when
    max != min.
  * PySODMetrics py_sod_metrics/sod_metrics.py Fmeasure.cal_pr: q = (pred * 255).astype(uint8); histograms of q on
    foreground and background with bins linspace(0, 256, 257); flipped cumulative sums give, for thresholds 255..0,
    TP and P (= TP + FP, 0 -> 1); T = max(#fg, 1); precision = TP / P; recall = TP / T;
    F = (1 + b2) P R / (b2 P + R) with the denominator set to 1 where the numerator is 0; b2 = 0.3.
    Fmeasure.get_results: curves averaged over images; maxF = max(curve), meanF = mean(curve).
  * PySODMetrics MAE.cal_mae: mean |pred - gt| after prepare_data; averaged over images.
  * IoU (EIBench): binarise the prepared prediction at >= 0.5, IoU with gt per image, mean over images whose union
    is not empty; pooled IoU = sum of intersections / sum of unions.
  * void (EIBench extension, for the VOC-derived masks where 128 = void): void pixels are removed before
    prepare_data, so they take part in nothing (min-max included).

Usage: mask_golden.py DATA_DIR OUT_JSON
"""
import json
import sys

import numpy as np
from PIL import Image

B2 = 0.3


def prepare(pred, gt):
    g = gt > 128
    p = pred / 255
    if p.max() != p.min():
        p = (p - p.min()) / (p.max() - p.min())
    return p, g


def cal_pr(p, g):
    q = (p * 255).astype(np.uint8)
    bins = np.linspace(0, 256, 257)
    fg_hist, _ = np.histogram(q[g], bins=bins)
    bg_hist, _ = np.histogram(q[~g], bins=bins)
    tps = np.cumsum(np.flip(fg_hist))
    ps = tps + np.cumsum(np.flip(bg_hist))
    ps[ps == 0] = 1
    t = max(np.count_nonzero(g), 1)
    pre = tps / ps
    rec = tps / t
    num = (1 + B2) * pre * rec
    den = np.where(num == 0, 1, B2 * pre + rec)
    return pre, rec, num / den


def evaluate(pairs, void):
    fms, maes, ious, inter, union = [], [], [], 0, 0
    for pred, gt in pairs:
        keep = np.ones(gt.shape, bool) if void is None else gt != void
        p, g = prepare(pred[keep].astype(np.float64), gt[keep])
        fms.append(cal_pr(p, g)[2])
        maes.append(np.mean(np.abs(p - g)))
        b = p >= 0.5
        i, u = np.count_nonzero(b & g), np.count_nonzero(b | g)
        inter += i
        union += u
        if u > 0:
            ious.append(i / u)
    curve = np.mean(np.array(fms, dtype=np.float64), axis=0)
    return {"max_fbeta": float(curve.max()), "mean_fbeta": float(curve.mean()), "mae": float(np.mean(maes)),
            "iou": float(np.mean(ious)), "iou_pooled": float(inter / union)}


def soft_prediction(gt):
    """Deterministic soft map from a 0/128/255 mask; Java mirrors it."""
    H, W = gt.shape
    y, x = np.mgrid[0:H, 0:W].astype(np.float64)
    fg = (gt > 128).astype(np.float64)
    v = fg * 170 + 60 * np.sin(x / 9) * np.cos(y / 7) + 40
    v = np.roll(v, 5, axis=1)
    return np.clip(np.floor(v + 0.5), 0, 255)


def main(data, out_path):
    cases = []
    rng = np.random.default_rng(2)
    gt = np.where(rng.random((12, 10)) < 0.4, 255, 0).astype(np.float64)
    gt[0, :3] = 128
    pred = np.clip(np.round(gt * 0.6 + rng.normal(0, 60, gt.shape) + 50), 0, 255)
    for void in [None, 128]:
        cases.append({"name": f"synthetic_void_{void}", "void": void, "width": 10, "height": 12,
                      "pred": pred.reshape(-1).tolist(), "gt": gt.reshape(-1).tolist(), "expected": evaluate([(pred, gt)], void)})
    # Constant prediction (no min-max stretch) and an empty ground truth.
    cp = np.full((4, 5), 200.0)
    cg = np.zeros((4, 5))
    cases.append({"name": "constant_prediction_empty_gt", "void": None, "width": 5, "height": 4,
                  "pred": cp.reshape(-1).tolist(), "gt": cg.reshape(-1).tolist(),
                  "expected": {**evaluate([(cp, cg)], None), "iou": 0.0, "iou_pooled": 0.0}})
    ids = ["0", "114", "166", "23", "294", "474", "8"]
    pairs = []
    for i in ids:
        g = np.array(Image.open(f"{data}/foreground/voc2012_fg/{i}_fgmask.png")).astype(np.float64)
        pairs.append((soft_prediction(g), g))
    for void in [None, 128]:
        cases.append({"name": f"voc_fg_void_{void}", "void": void, "files": [f"foreground/voc2012_fg/{i}_fgmask.png" for i in ids],
                      "expected": evaluate(pairs, void)})
    with open(out_path, "w") as f:
        json.dump({"generator": "metrics/src/test/python/mask_golden.py", "cases": cases}, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
