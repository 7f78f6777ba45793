"""The script people write for PSNR + SSIM over a folder of predictions: cv2.imread and scikit-image (Wang et al.'s
settings: 11x11 Gaussian window, sigma 1.5, population covariance, data range 255, the mean over RGB channels).
Prints the means as JSON. Usage: script_restoration.py PRED_DIR TARGET_DIR"""
import glob, json, os, sys

import cv2
import numpy as np
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

pred_dir, target_dir = sys.argv[1], sys.argv[2]
psnr, ssim = [], []
for p in sorted(glob.glob(os.path.join(pred_dir, "*.png"))):
    pred = cv2.imread(p, cv2.IMREAD_COLOR)
    gt = cv2.imread(os.path.join(target_dir, os.path.basename(p)), cv2.IMREAD_COLOR)
    psnr.append(peak_signal_noise_ratio(gt, pred, data_range=255))
    ssim.append(structural_similarity(gt, pred, channel_axis=2, gaussian_weights=True, sigma=1.5,
                                      use_sample_covariance=False, data_range=255))
print(json.dumps({"psnr": float(np.mean(psnr)), "ssim": float(np.mean(ssim))}))
