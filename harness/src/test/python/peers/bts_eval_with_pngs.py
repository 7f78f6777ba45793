"""BTS utils/eval_with_pngs.py (cleinc/bts, 5e3406b; copied by Painter as eval/nyuv2_depth/eval_with_pngs.py), our
numpy re-implementation for NYUv2 with --eigen_crop, --min_depth_eval 1e-3, --max_depth_eval 10: float32 depths
(line 100: png / 1000.0, line 136 for the ground truth), the prediction clipped in place (lines 177-179), the valid
mask and the Eigen crop (lines 184, 205), compute_errors (lines 50-71) in float32, per-image values stored in float32
arrays (lines 162-170) and averaged."""
import numpy as np

KEYS = ["silog", "log10", "abs_rel", "sq_rel", "rmse", "rmse_log", "delta1", "delta2", "delta3"]


def compute_errors(gt, pred):
    thresh = np.maximum((gt / pred), (pred / gt))
    d1 = (thresh < 1.25).mean()
    d2 = (thresh < 1.25 ** 2).mean()
    d3 = (thresh < 1.25 ** 3).mean()
    rmse = np.sqrt(((gt - pred) ** 2).mean())
    rmse_log = np.sqrt(((np.log(gt) - np.log(pred)) ** 2).mean())
    abs_rel = np.mean(np.abs(gt - pred) / gt)
    sq_rel = np.mean(((gt - pred) ** 2) / gt)
    err = np.log(pred) - np.log(gt)
    silog = np.sqrt(np.mean(err ** 2) - np.mean(err) ** 2) * 100
    log10 = np.mean(np.abs(np.log10(pred) - np.log10(gt)))
    return silog, log10, abs_rel, sq_rel, rmse, rmse_log, d1, d2, d3


def evaluate(pairs, min_depth=1e-3, max_depth=10.0):
    """pairs: (pred uint16 mm, gt uint16 mm) -> the means BTS prints, by EIBench key."""
    per = np.zeros((len(pairs), len(KEYS)), np.float32)
    for i, (pred_mm, gt_mm) in enumerate(pairs):
        pred = pred_mm.astype(np.float32) / 1000.0
        gt = gt_mm.astype(np.float32) / 1000.0
        pred[pred < min_depth] = min_depth
        pred[pred > max_depth] = max_depth
        pred[np.isinf(pred)] = max_depth
        gt[np.isinf(gt)] = 0
        gt[np.isnan(gt)] = 0
        valid = np.logical_and(gt > min_depth, gt < max_depth)
        eval_mask = np.zeros(valid.shape)
        eval_mask[45:471, 41:601] = 1
        valid = np.logical_and(valid, eval_mask)
        per[i] = compute_errors(gt[valid], pred[valid])
    return {k: float(per[:, j].mean()) for j, k in enumerate(KEYS)}
