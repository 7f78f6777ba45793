#!/usr/bin/python3
"""Golden values for the Canny condition and the canny_f1 metric (org.eibench.imaging.CannyEdges,
org.eibench.tasks.metric.ConditionF1), with cv2 as ControlNet++ uses it.

Reference: ControlNet++ eval/eval.py lines 182-187 (condition: cv2.Canny on the BGR uint8 image, 100, 200) and
233-234 (the output's map, the same call); eval/eval_edge.py lines 31-34 (255 -> 1, torchmetrics BinaryF1Score:
2 TP / (2 TP + FP + FN), 0 when both maps are empty). Images: the bundled Kodak crops read with cv2.imread (BGR), and
"outputs" made from them by exact integer operations the Java test repeats: shift2 (moved right by 2 pixels, the first
2 columns repeated), lut (v * 3 // 4 + 32 per channel), gray (the original as one channel: cv2.cvtColor BGR2GRAY is
not used; the green channel is taken, which is exact on both sides).

Usage: canny_golden.py DATA_DIR OUT_JSON
"""
import hashlib
import json
import os
import sys

import cv2
import numpy as np


def variant(bgr, kind):
    if kind == "same":
        return bgr
    if kind == "shift2":
        out = np.empty_like(bgr)
        out[:, 2:] = bgr[:, :-2]
        out[:, :2] = bgr[:, :1]
        return out
    if kind == "lut":
        return (bgr.astype(np.int32) * 3 // 4 + 32).astype(np.uint8)
    if kind == "gray":
        return bgr[:, :, 1].copy()
    raise ValueError(kind)


def f1(pred, cond):
    p = pred == 255
    c = cond == 255
    tp = int(np.sum(p & c))
    fp = int(np.sum(p & ~c))
    fn = int(np.sum(~p & c))
    den = 2 * tp + fp + fn
    return tp, fp, fn, (0.0 if den == 0 else 2 * tp / den)


def main():
    data, out_path = sys.argv[1], sys.argv[2]
    folder = os.path.join(data, "denoise", "Kodak24_01-08")
    cases = []
    for name in sorted(os.listdir(folder)):
        bgr = cv2.imread(os.path.join(folder, name), cv2.IMREAD_COLOR)
        cond = cv2.Canny(bgr, 100, 200)
        for kind in ["same", "shift2", "lut", "gray"]:
            out = variant(bgr, kind)
            edges = cv2.Canny(out, 100, 200)
            tp, fp, fn, score = f1(edges, cond)
            cases.append({"image": name, "output": kind,
                          "condition_sha256": hashlib.sha256(cond.tobytes()).hexdigest(),
                          "output_edges_sha256": hashlib.sha256(edges.tobytes()).hexdigest(),
                          "condition_edges": int(np.sum(cond == 255)), "tp": tp, "fp": fp, "fn": fn, "f1": score})
    with open(out_path, "w") as f:
        json.dump({"opencv": cv2.__version__, "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
