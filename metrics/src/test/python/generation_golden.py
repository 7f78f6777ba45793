#!/usr/bin/python3
"""Golden values for org.eibench.metrics.image.MaskedFidelityMetric.

Reference: skimage 0.19 structural_similarity(p, t, data_range=255, gaussian_weights=True, sigma=1.5,
use_sample_covariance=False, full=True, channel_axis=-1) gives the SSIM map S; skimage's own mean crops
(win_size - 1) // 2 = 5 pixels on each side (skimage/metrics/_structural_similarity.py), which is EIBench's valid
map. Masked SSIM = mean over channels of the mean of crop(S, 5) over positions whose centre pixel is in the region.
PSNR = 10 log10(255^2 / MSE) over the region's pixels and channels (capped at 100); L1 = mean |p - t| / 255 there.

Images come from the SplitMix64 generator of distribution_golden.py, integer-valued, so the Java test rebuilds them
exactly: target = floor(u * 256) (trunc toward zero); prediction = clip(target + trunc((u - 0.5) * 2 * noise), 0, 255) with u drawn
after all target values; mask = a rectangle plus a diagonal band (see mask()).

Usage: generation_golden.py [DATA_DIR] OUT_JSON
"""
import json
import os
import sys

import numpy as np
from skimage.metrics import structural_similarity

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from distribution_golden import SplitMix64  # noqa: E402


def images(w, h, c, seed, noise):
    g = SplitMix64(seed)
    t = np.array([float(int(g.uniform() * 256)) for _ in range(w * h * c)]).reshape(h, w, c)
    d = np.array([float(int((g.uniform() - 0.5) * 2 * noise)) for _ in range(w * h * c)]).reshape(h, w, c)
    p = np.clip(t + d, 0, 255)
    return p, t


def mask(w, h, kind):
    m = np.zeros((h, w))
    if kind == "full":
        m[:] = 1
    elif kind == "shapes":
        m[h // 4: h // 2, w // 3: (2 * w) // 3] = 1
        for y in range(h):
            for x in range(w):
                if abs((x - y) - w // 4) <= 2:
                    m[y, x] = 1
    elif kind == "border":  # outpainting: keep the centre half
        m[:] = 1
        m[h // 4: h // 4 + h // 2, w // 4: w // 4 + w // 2] = 0
    return m


def region_values(p, t, m, region):
    sel = (m > 0.5) if region == "hole" else (m <= 0.5)
    out = {}
    if sel.sum() == 0:
        return {"psnr": None, "ssim": None, "l1": None}
    diff = (p - t)[sel]
    mse = np.mean(diff ** 2)
    out["psnr"] = 100.0 if mse == 0 else min(100.0, 10 * np.log10(255.0 ** 2 / mse))
    out["l1"] = float(np.mean(np.abs(diff)) / 255.0)
    _, s = structural_similarity(p, t, data_range=255, gaussian_weights=True, sigma=1.5, use_sample_covariance=False,
                                 full=True, channel_axis=-1)
    s = s[5:-5, 5:-5, :]
    centres = sel[5:-5, 5:-5]
    out["ssim"] = float(np.mean([s[..., c][centres].mean() for c in range(s.shape[2])])) if centres.any() else None
    return out


CASES = [
    ("rgb_shapes", 64, 48, 3, 7, 40, "shapes"),
    ("gray_border", 40, 40, 1, 8, 25, "border"),
    ("rgb_full_hole", 32, 32, 3, 9, 10, "full"),
    ("rgb_identical", 24, 30, 3, 10, 0, "shapes"),
]


def main():
    cases = []
    for name, w, h, c, seed, noise, kind in CASES:
        p, t = images(w, h, c, seed, noise)
        m = mask(w, h, kind)
        cases.append({"name": name, "width": w, "height": h, "channels": c, "seed": seed, "noise": noise, "mask": kind,
                      "hole": region_values(p, t, m, "hole"), "preserve": region_values(p, t, m, "preserve")})
    with open(sys.argv[-1], "w") as f:
        json.dump({"cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
