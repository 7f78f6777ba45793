"""detectron2 SemSegEvaluator (detectron2/evaluation/sem_seg_evaluation.py, 02b5c4e: process lines 136-141, evaluate
lines 186-199), as Painter's ADE20kSemSegEvaluatorCustom.process calls it, our numpy re-implementation: a
(C+1) x (C+1) confusion matrix of bincount((C + 1) pred + gt) with the ignore label mapped to C; IoU only for
classes with ground-truth pixels (iou_valid = acc_valid & union > 0)."""
import numpy as np


def evaluate(pairs, num_classes=150, ignore_label=255):
    """pairs: (pred class map 0..C-1, gt reduced labels 0..C-1 or 255) -> mIoU, fwIoU, mACC, pACC in [0, 1]."""
    n = num_classes
    conf = np.zeros((n + 1, n + 1), dtype=np.int64)
    for pred, gt in pairs:
        gt = gt.astype(np.int64).copy()
        gt[gt == ignore_label] = n
        conf += np.bincount((n + 1) * pred.reshape(-1).astype(np.int64) + gt.reshape(-1),
                            minlength=conf.size).reshape(conf.shape)
    acc = np.full(n, np.nan)
    iou = np.full(n, np.nan)
    tp = conf.diagonal()[:-1].astype(float)
    pos_gt = np.sum(conf[:-1, :-1], axis=0).astype(float)
    class_weights = pos_gt / np.sum(pos_gt)
    pos_pred = np.sum(conf[:-1, :-1], axis=1).astype(float)
    acc_valid = pos_gt > 0
    acc[acc_valid] = tp[acc_valid] / pos_gt[acc_valid]
    union = pos_gt + pos_pred - tp
    iou_valid = np.logical_and(acc_valid, union > 0)
    iou[iou_valid] = tp[iou_valid] / union[iou_valid]
    return {"miou": float(np.sum(iou[iou_valid]) / np.sum(iou_valid)),
            "fwiou": float(np.sum(iou[iou_valid] * class_weights[iou_valid])),
            "macc": float(np.sum(acc[acc_valid]) / np.sum(acc_valid)),
            "aacc": float(np.sum(tp) / np.sum(pos_gt))}


def mmseg_miou(pairs, num_classes=150, ignore_label=255):
    """mmseg IoUMetric (mmseg/evaluation/metrics/iou_metric.py: intersect_and_union, total_area_to_metrics): IoU over
    every class with a non-empty union, np.nanmean. For the check that the two rules differ on the fixture."""
    inter = np.zeros(num_classes)
    p_area = np.zeros(num_classes)
    g_area = np.zeros(num_classes)
    for pred, gt in pairs:
        m = gt != ignore_label
        p = pred[m]
        g = gt[m]
        h = lambda v: np.bincount(v.astype(np.int64), minlength=num_classes)[:num_classes].astype(float)
        inter += h(p[p == g])
        p_area += h(p)
        g_area += h(g)
    union = p_area + g_area - inter
    with np.errstate(invalid="ignore", divide="ignore"):
        return float(np.nanmean(inter / union))
