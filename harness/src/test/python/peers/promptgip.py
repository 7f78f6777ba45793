"""PromptGIP test_PromptGIP_customized.py (lyh-18/PromptGIP, aa7e297), our re-implementation of calculate_psnr
(lines 117-124: float64, inf for identical images) and calculate_ssim / _ssim (lines 150-226: cv2.getGaussianKernel(11,
1.5) outer product, cv2.filter2D then [5:-5, 5:-5], per channel, mean) on RGB images read with cv2 and converted
BGR -> RGB."""
import math

import cv2
import numpy as np


def calculate_psnr(img1, img2):
    img1 = img1.astype(np.float64)
    img2 = img2.astype(np.float64)
    mse = np.mean((img1 - img2) ** 2)
    if mse == 0:
        return float("inf")
    return 20 * math.log10(255.0 / math.sqrt(mse))


def _ssim(img1, img2):
    c1 = (0.01 * 255) ** 2
    c2 = (0.03 * 255) ** 2
    img1 = img1.astype(np.float64)
    img2 = img2.astype(np.float64)
    kernel = cv2.getGaussianKernel(11, 1.5)
    window = np.outer(kernel, kernel.transpose())
    mu1 = cv2.filter2D(img1, -1, window)[5:-5, 5:-5]
    mu2 = cv2.filter2D(img2, -1, window)[5:-5, 5:-5]
    mu1_sq = mu1 ** 2
    mu2_sq = mu2 ** 2
    mu1_mu2 = mu1 * mu2
    s1 = cv2.filter2D(img1 ** 2, -1, window)[5:-5, 5:-5] - mu1_sq
    s2 = cv2.filter2D(img2 ** 2, -1, window)[5:-5, 5:-5] - mu2_sq
    s12 = cv2.filter2D(img1 * img2, -1, window)[5:-5, 5:-5] - mu1_mu2
    m = ((2 * mu1_mu2 + c1) * (2 * s12 + c2)) / ((mu1_sq + mu2_sq + c1) * (s1 + s2 + c2))
    return m.mean()


def calculate_ssim(img1, img2):
    img1 = img1.astype(np.float64)
    img2 = img2.astype(np.float64)
    return float(np.array([_ssim(img1[..., i], img2[..., i]) for i in range(img1.shape[2])]).mean())
