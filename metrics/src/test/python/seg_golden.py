#!/usr/bin/python3
"""Golden values for org.eibench.metrics.segmentation.SegmentationMetric.

Reference formulas, re-implemented with numpy (no code copied):
  * mmseg  mmseg/evaluation/metrics/iou_metric.py  IoUMetric.intersect_and_union (torch.histc with bins=C,
    min=0, max=C-1 -> np.histogram(bins=C, range=(0, C-1)); values outside the range are dropped) and
    IoUMetric.total_area_to_metrics (aAcc, IoU = intersect/union, Acc = intersect/label; mIoU/mAcc = np.nanmean).
    reduce_zero_label: mmseg/datasets/transforms/loading.py LoadAnnotations (gt 0 -> 255, gt - 1, 254 -> 255).
  * detectron2  detectron2/evaluation/sem_seg_evaluation.py  SemSegEvaluator.process/evaluate: (C+1)^2 confusion
    matrix via np.bincount((C+1)*pred + gt) with gt==ignore -> C; acc_valid = pos_gt > 0;
    iou_valid = acc_valid & union > 0; mIoU, fwIoU, mACC, pACC.  detectron2 only ever sees argmax predictions in
    [0, C); for the EIBench extension "a prediction outside [0, C) is wrong" such pixels go to prediction row C and
    count in pos_gt (sum over all prediction rows) - documented deviation, exercised by one case only.

Usage: seg_golden.py DATA_DIR OUT_JSON
"""
import json
import sys

import numpy as np
from PIL import Image


def mmseg_areas(pred, gt, C, ignore):
    mask = gt != ignore
    p = pred[mask].astype(np.float64)
    g = gt[mask].astype(np.float64)
    inter = p[p == g]
    h = lambda v: np.histogram(v, bins=C, range=(0, C - 1))[0].astype(np.float64)
    return h(inter), h(p), h(g)


def mmseg_metrics(inter, pred, label):
    union = pred + label - inter
    with np.errstate(divide="ignore", invalid="ignore"):
        iou = inter / union
        acc = inter / label
    return {"aacc": float(inter.sum() / label.sum()), "miou": float(np.nanmean(iou)),
            "macc": float(np.nanmean(acc)), "iou": [None if np.isnan(v) else float(v) for v in iou]}


def d2_confusion(pred, gt, C, ignore):
    gt = gt.astype(np.int64).copy()
    pred = pred.astype(np.int64).copy()
    gt[gt == ignore] = C
    pred[(pred < 0) | (pred >= C)] = C  # extension: out-of-range prediction -> row C
    return np.bincount((C + 1) * pred.reshape(-1) + gt.reshape(-1), minlength=(C + 1) ** 2).reshape(C + 1, C + 1)


def d2_metrics(conf, C):
    acc = np.full(C, np.nan)
    iou = np.full(C, np.nan)
    tp = conf.diagonal()[:-1].astype(np.float64)
    pos_gt = np.sum(conf[:, :-1], axis=0).astype(np.float64)  # detectron2: conf[:-1, :-1]; row C is empty there
    class_weights = pos_gt / np.sum(pos_gt)
    pos_pred = np.sum(conf[:-1, :-1], axis=1).astype(np.float64)
    acc_valid = pos_gt > 0
    acc[acc_valid] = tp[acc_valid] / pos_gt[acc_valid]
    union = pos_gt + pos_pred - tp
    iou_valid = np.logical_and(acc_valid, union > 0)
    iou[iou_valid] = tp[iou_valid] / union[iou_valid]
    return {"miou": float(np.sum(iou[iou_valid]) / np.sum(iou_valid)), "fwiou": float(np.sum(iou[iou_valid] * class_weights[iou_valid])),
            "macc": float(np.sum(acc[acc_valid]) / np.sum(acc_valid)), "aacc": float(np.sum(tp) / np.sum(pos_gt)),
            "iou": [None if np.isnan(v) else float(v) for v in iou]}


def reduce_zero_label(gt):
    g = gt.astype(np.int64).copy()
    g[g == 0] = 255
    g = g - 1
    g[g == 254] = 255
    return g


def perturb(gt, C, void_to, salt_mod, salt_range):
    """Deterministic prediction: a (+2, -3) pixel shift of gt (boundary errors) plus salt; Java mirrors this."""
    H, W = gt.shape
    base = gt.astype(np.int64).copy()
    base[base == void_to[0]] = void_to[1]
    ys = np.maximum(np.arange(H) - 3, 0)
    xs = np.minimum(np.arange(W) + 2, W - 1)
    pred = base[ys][:, xs]
    y, x = np.mgrid[0:H, 0:W]
    salt = (x * 7 + y * 13) % salt_mod == 0
    pred[salt] = ((x + 2 * y) % salt_range)[salt]
    return pred


def case(name, pred, gt, C, ignore, reduce, inline):
    g = reduce_zero_label(gt) if reduce else gt.astype(np.int64)
    inter, p, l = mmseg_areas(pred, g, C, ignore)
    out = {"name": name, "num_classes": C, "ignore_index": ignore, "reduce_zero_label": reduce,
           "mmseg": mmseg_metrics(inter, p, l), "detectron2": d2_metrics(d2_confusion(pred, g, C, ignore), C),
           "area_intersect": inter.tolist(), "area_pred": p.tolist(), "area_label": l.tolist()}
    if inline:
        out["width"] = int(gt.shape[1])
        out["height"] = int(gt.shape[0])
        out["pred"] = pred.reshape(-1).tolist()
        out["gt"] = gt.reshape(-1).tolist()
    return out


def main(data, out_path):
    cases = []
    # 1. Tiny hand-made case where the absent-class rules differ: class 2 is predicted but absent from gt.
    gt = np.array([[0, 0, 1, 1], [0, 0, 1, 1], [255, 3, 3, 3]])
    pred = np.array([[0, 2, 1, 1], [0, 0, 1, 2], [1, 3, 3, 0]])
    cases.append(case("absent_class_predicted", pred, gt, 4, 255, False, True))
    # 2. Out-of-range predictions (-1 and 7) count as wrong.
    gt = np.array([[0, 1, 2], [2, 1, 0]])
    pred = np.array([[0, 7, 2], [-1, 1, 1]])
    cases.append(case("out_of_range_prediction", pred, gt, 3, 255, False, True))
    # 3. Random 37x23 maps, ignore 255 in 10%, 6 classes.
    rng = np.random.default_rng(3)
    gt = rng.integers(0, 6, (23, 37))
    gt[rng.random((23, 37)) < 0.1] = 255
    pred = np.where(rng.random((23, 37)) < 0.7, np.where(gt == 255, 0, gt), rng.integers(0, 6, (23, 37)))
    cases.append(case("random_small", pred, gt, 6, 255, False, True))
    # 4. Real VOC 2012 labels (21 classes, 255 void) with the deterministic perturbation, pooled over 7 images.
    voc = []
    for i in ["0", "114", "166", "23", "294", "474", "8"]:
        g = np.array(Image.open(f"{data}/segmentation/voc2012/{i}_label.png")).astype(np.int64)
        voc.append((g, perturb(g, 21, (255, 0), 23, 22)))
    cases.append(pooled("voc2012_7_perturbed", voc, 21, 255, False,
                        [f"segmentation/voc2012/{i}_label.png" for i in ["0", "114", "166", "23", "294", "474", "8"]]))
    # 5. Real ADE20K labels with reduce_zero_label (150 classes): prediction in reduced ids 0..149, 150 out of range.
    ade = []
    names = ["ADE_val_00000001", "ADE_val_00000002", "ADE_val_00000003"]
    for n in names:
        g = np.array(Image.open(f"{data}/segmentation/ade20k/{n}.png")).astype(np.int64)
        shifted = perturb(g, 151, (0, 1), 19, 152) - 1  # raw ids shifted then reduced; salt gives -1..150
        ade.append((g, shifted))
    cases.append(pooled("ade20k_3_reduce_zero_label", ade, 150, 255, True, [f"segmentation/ade20k/{n}.png" for n in names]))
    with open(out_path, "w") as f:
        json.dump({"generator": "metrics/src/test/python/seg_golden.py", "cases": cases}, f, indent=1, sort_keys=True)
        f.write("\n")


def pooled(name, pairs, C, ignore, reduce, files):
    tot = [np.zeros(C), np.zeros(C), np.zeros(C)]
    conf = np.zeros((C + 1, C + 1), dtype=np.int64)
    for g, p in pairs:
        gg = reduce_zero_label(g) if reduce else g
        for k, a in enumerate(mmseg_areas(p, gg, C, ignore)):
            tot[k] += a
        conf += d2_confusion(p, gg, C, ignore)
    return {"name": name, "num_classes": C, "ignore_index": ignore, "reduce_zero_label": reduce, "files": files,
            "mmseg": mmseg_metrics(*tot), "detectron2": d2_metrics(conf, C),
            "area_intersect": tot[0].tolist(), "area_pred": tot[1].tolist(), "area_label": tot[2].tolist()}


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
