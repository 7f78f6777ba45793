"""The script people write for NYU depth: BTS's utils/eval_with_pngs.py (cleinc/bts) reduced to its numpy core:
uint16 PNGs in millimetres read as float32 metres, the prediction clipped to [1e-3, 10], the valid ground truth in
(1e-3, 10) inside the Eigen crop, BTS's compute_errors per image in float32, and the mean over images.
Prints the nine means as JSON. Usage: script_depth.py PRED_DIR TARGET_DIR"""
import glob, json, os, sys

import cv2
import numpy as np

keys = ["silog", "log10", "abs_rel", "sq_rel", "rmse", "rmse_log", "delta1", "delta2", "delta3"]
pred_dir, target_dir = sys.argv[1], sys.argv[2]
rows = []
for p in sorted(glob.glob(os.path.join(pred_dir, "*.png"))):
    pred = cv2.imread(p, cv2.IMREAD_UNCHANGED).astype(np.float32) / 1000.0
    gt = cv2.imread(os.path.join(target_dir, os.path.basename(p)), cv2.IMREAD_UNCHANGED).astype(np.float32) / 1000.0
    pred[pred < 1e-3] = 1e-3
    pred[pred > 10] = 10
    valid = np.logical_and(gt > 1e-3, gt < 10)
    crop = np.zeros(valid.shape, bool)
    crop[45:471, 41:601] = True
    g, q = gt[valid & crop], pred[valid & crop]
    thresh = np.maximum(g / q, q / g)
    err = np.log(q) - np.log(g)
    rows.append([np.sqrt(np.mean(err ** 2) - np.mean(err) ** 2) * 100, np.mean(np.abs(np.log10(q) - np.log10(g))),
                 np.mean(np.abs(g - q) / g), np.mean(((g - q) ** 2) / g), np.sqrt(((g - q) ** 2).mean()),
                 np.sqrt(((np.log(g) - np.log(q)) ** 2).mean()), (thresh < 1.25).mean(), (thresh < 1.25 ** 2).mean(),
                 (thresh < 1.25 ** 3).mean()])
means = np.array(rows, np.float32).mean(0)
print(json.dumps({k: float(v) for k, v in zip(keys, means)}))
