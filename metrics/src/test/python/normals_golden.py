#!/usr/bin/python3
"""Golden values for org.eibench.metrics.normals.NormalsMetric.

Reference formulas, re-implemented with numpy in float64 on float32 inputs (no code copied):
  * DSINE utils/utils.py compute_normal_error: degrees(acos(clamp(cosine_similarity(pred, gt), -1, 1))); torch's
    cosine_similarity divides by max(|a||b|, eps), so a zero prediction gives 90 degrees.
  * DSINE utils/utils.py compute_normal_metrics on the errors of all valid pixels of the dataset (pooled): mean =
    np.average, median = np.median, rmse = sqrt(sum(e^2)/N), a3/a4/a5 = share of e < 11.25 / 22.5 / 30 (DSINE prints
    x100; EIBench reports fractions).
  * per-image option: the same metrics per image, then the mean over images.
Valid pixels: target vector non-zero. Ground truth here: normals derived from the Redwood depth frames (no normal
ground truth ships with the data): back-project with fx = fy = 525, cx = 319.5, cy = 239.5, n = cross(P(x+1,y) - P(x,y),
P(x,y+1) - P(x,y)), zero where a depth is missing or on the last row/column. The prediction for frame k is the normal
map of frame k+1 (a real, small camera motion).

Usage: normals_golden.py DATA_DIR OUT_JSON
"""
import json
import sys

import numpy as np
from PIL import Image

FX = FY = 525.0
CX, CY = 319.5, 239.5


def normals_from_depth(z32):
    z = z32.astype(np.float64)
    H, W = z.shape
    y, x = np.mgrid[0:H, 0:W].astype(np.float64)
    P = np.stack([(x - CX) * z / FX, (y - CY) * z / FY, z], axis=-1)
    n = np.zeros((H, W, 3))
    a = P[:-1, 1:] - P[:-1, :-1]
    b = P[1:, :-1] - P[:-1, :-1]
    c = np.stack([a[..., 1] * b[..., 2] - a[..., 2] * b[..., 1],
                  a[..., 2] * b[..., 0] - a[..., 0] * b[..., 2],
                  a[..., 0] * b[..., 1] - a[..., 1] * b[..., 0]], axis=-1)
    ok = (z[:-1, :-1] > 0) & (z[:-1, 1:] > 0) & (z[1:, :-1] > 0)
    n[:-1, :-1] = np.where(ok[..., None], c, 0.0)
    return n.astype(np.float32)


def angular_errors(pred32, gt32):
    p = pred32.reshape(-1, 3).astype(np.float64)
    t = gt32.reshape(-1, 3).astype(np.float64)
    tn = t[:, 0] * t[:, 0] + t[:, 1] * t[:, 1] + t[:, 2] * t[:, 2]
    valid = tn > 0
    p, t, tn = p[valid], t[valid], tn[valid]
    pn = p[:, 0] * p[:, 0] + p[:, 1] * p[:, 1] + p[:, 2] * p[:, 2]
    dot = p[:, 0] * t[:, 0] + p[:, 1] * t[:, 1] + p[:, 2] * t[:, 2]
    cos = np.where(pn == 0, 0.0, dot / np.sqrt(np.where(pn == 0, 1.0, pn) * tn))
    cos = np.clip(cos, -1.0, 1.0)
    return np.arccos(cos) * 180.0 / np.pi


def metrics(e):
    n = e.shape[0]
    return {"mean_angular_error": float(np.average(e)), "median_angular_error": float(np.median(e)),
            "rmse_angular": float(np.sqrt(np.sum(e * e) / n)), "within_11_25": float(np.sum(e < 11.25) / n),
            "within_22_5": float(np.sum(e < 22.5) / n), "within_30": float(np.sum(e < 30) / n)}


def main(data, out_path):
    cases = []
    rng = np.random.default_rng(5)
    gt = rng.normal(size=(6, 9, 3)).astype(np.float32)
    gt[0, 0] = 0
    gt[2, 5] = 0
    pred = (gt + rng.normal(scale=0.4, size=gt.shape)).astype(np.float32)
    pred[3, 3] = 0  # zero prediction: 90 degrees
    pred[4, 1] = -gt[4, 1]  # opposite: 180 degrees
    e = angular_errors(pred, gt)
    cases.append({"name": "synthetic", "width": 9, "height": 6, "pred": pred.reshape(-1).tolist(), "gt": gt.reshape(-1).tolist(),
                  "pixels": metrics(e), "images": metrics(e), "errors": e.tolist()})
    frames = [np.array(Image.open(f"{data}/depth/redwood_livingroom_0000{i}_depth_mm.png")).astype(np.float32) / np.float32(1000)
              for i in range(5)]
    normals = [normals_from_depth(z) for z in frames]
    errs = [angular_errors(normals[k + 1], normals[k]) for k in range(4)]
    per = [metrics(x) for x in errs]
    cases.append({"name": "redwood_next_frame", "files": [f"depth/redwood_livingroom_0000{i}_depth_mm.png" for i in range(5)],
                  "pixels": metrics(np.concatenate(errs)),
                  "images": {k: float(np.mean([m[k] for m in per])) for k in per[0]}})
    with open(out_path, "w") as f:
        json.dump({"generator": "metrics/src/test/python/normals_golden.py", "cases": cases}, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
