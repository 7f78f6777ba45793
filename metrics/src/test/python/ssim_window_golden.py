#!/usr/bin/python3
"""Golden values for SsimMetric's skimage knobs (gaussian_weights, win_size, use_sample_covariance, data_range).

The reference is skimage itself (0.19: skimage.metrics.structural_similarity), called with skimage's own names on
seeded 8-bit images, on 0..255 and on [0, 1] floats (the way Painter's eval/lol/painter_inference_lol.py calls it:
float64 images in [0, 1], multichannel=True, every other argument left at skimage's default).

Usage: ssim_window_golden.py OUT_JSON   (writes the images and the values; JUnit feeds the images to SsimMetric)
"""
import json
import sys

import numpy as np
from skimage.metrics import structural_similarity


def main(out):
    rng = np.random.default_rng(2024)
    h, w = 23, 31
    a = rng.integers(0, 256, (h, w, 3)).astype(np.uint8)
    # b: a plus smooth structure and noise, so that SSIM is far from 0 and 1
    yy, xx = np.mgrid[0:h, 0:w]
    drift = (40 * np.sin(xx / 5.0) + 25 * np.cos(yy / 4.0))[..., None]
    b = np.clip(a.astype(np.float64) * 0.7 + drift + rng.normal(0, 12, (h, w, 3)) + 30, 0, 255).astype(np.uint8)
    cases = []
    knobs = [
        dict(gaussian_weights=False, win_size=7, use_sample_covariance=True),
        dict(gaussian_weights=False, win_size=7, use_sample_covariance=False),
        dict(gaussian_weights=False, win_size=3, use_sample_covariance=True),
        dict(gaussian_weights=False, win_size=11, use_sample_covariance=False),
        dict(gaussian_weights=True, win_size=11, use_sample_covariance=True),
        dict(gaussian_weights=True, win_size=11, use_sample_covariance=False),
    ]
    for k in knobs:
        for dr in (255.0, 510.0):
            kw = dict(k)
            if kw["gaussian_weights"]:
                kw["sigma"] = 1.5
            v = structural_similarity(a.astype(np.float64), b.astype(np.float64), channel_axis=2, data_range=dr, **kw)
            cases.append({"options": dict(k, data_range=dr), "value": float(v)})
    # Painter's call: floats in [0, 1], skimage defaults (uniform 7x7, sample covariance, data_range 2 for floats)
    painter = structural_similarity(a / 255.0, b / 255.0, multichannel=True)
    cases.append({"options": {"gaussian_weights": False, "win_size": 7, "use_sample_covariance": True, "data_range": 510.0},
                  "value": float(painter), "note": "painter_inference_lol.py call on [0, 1] floats"})
    json.dump({"height": h, "width": w, "a": a.reshape(-1).tolist(), "b": b.reshape(-1).tolist(), "cases": cases},
              open(out, "w"))


if __name__ == "__main__":
    main(sys.argv[1])
