"""The script people write for mIoU over label PNGs: cv2.imread and np.bincount into one confusion matrix (as
mmsegmentation's IoUMetric pools it), 255 ignored, classes absent from both left out of the mean.
Prints mIoU, aAcc and mAcc as JSON. Usage: script_segmentation.py PRED_DIR TARGET_DIR NUM_CLASSES"""
import glob, json, os, sys

import cv2
import numpy as np

pred_dir, target_dir, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
hist = np.zeros(n * n, np.int64)
for p in sorted(glob.glob(os.path.join(pred_dir, "*.png"))):
    pred = cv2.imread(p, cv2.IMREAD_UNCHANGED).astype(np.int64)
    gt = cv2.imread(os.path.join(target_dir, os.path.basename(p)), cv2.IMREAD_UNCHANGED).astype(np.int64)
    keep = gt != 255
    hist += np.bincount(n * gt[keep] + pred[keep], minlength=n * n)
hist = hist.reshape(n, n)
with np.errstate(invalid="ignore", divide="ignore"):
    iou = np.diag(hist) / (hist.sum(0) + hist.sum(1) - np.diag(hist))
    acc = np.diag(hist) / hist.sum(1)
print(json.dumps({"miou": float(np.nanmean(iou)), "aacc": float(np.diag(hist).sum() / hist.sum()),
                  "macc": float(np.nanmean(acc))}))
