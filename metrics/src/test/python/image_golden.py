#!/usr/bin/python3
"""Golden values for EIBench's image-quality metrics (PSNR, SSIM, MS-SSIM).

Run with Debian's interpreter (python3-skimage 0.19, python3-opencv 4.6, python3-scipy, numpy):

    /usr/bin/python3 metrics/src/test/python/image_golden.py [OUT_DIR]

OUT_DIR defaults to metrics/src/test/resources/golden/image. Set5 is read from $EIBENCH_DATA/sr/Set5/HR, or from
the repository's bundled data/sr/Set5/HR. The script writes every input pair as 8-bit PNG
(so the Java tests read exactly the arrays scored here) and image_golden.json with one reference value per case.
Everything is seeded; running it twice gives the same PNG pixels and the same numbers.

References, each re-implemented here in float64 from its published formula (no code copied):
  * PSNR: BasicSR calculate_psnr (basicsr/metrics/psnr_ssim.py): crop, optional Y, mean squared error in float64,
    10 log10(L^2 / MSE). Cross-checked against skimage peak_signal_noise_ratio and cv2.PSNR.
  * Y: BasicSR to_y_channel / bgr2ycbcr(y_only=True) (basicsr/metrics/metric_util.py, basicsr/utils/color_util.py):
    Y = 16 + (65.481 R + 128.553 G + 24.966 B) / 255 for R, G, B in 0..255 (MATLAB rgb2ycbcr on im2double input).
    BasicSR evaluates this in float32; we use float64 as the design asks (the difference is ~1e-6 dB).
    y_round: MATLAB rgb2ycbcr on uint8 input rounds Y half away from zero to 8 bits.
  * SSIM: skimage structural_similarity(gaussian_weights=True, sigma=1.5, use_sample_covariance=False,
    data_range=L, channel_axis=2 for colour), cross-checked against BasicSR _ssim (cv2.filter2D with the outer
    product of cv2.getGaussianKernel(11, 1.5), valid region [5:-5, 5:-5]).
  * SSIM downsample=matlab: Wang's ssim.m (2009, "SSIM Index with automatic downsampling"):
    f = max(1, round(min(M, N) / 256)) with MATLAB round (half away from zero); if f > 1 the image is filtered with
    imfilter(img, ones(f, f) / f^2, 'symmetric', 'same') (correlation, MATLAB kernel centre floor((f + 1) / 2)),
    then subsampled img(1:f:end, 1:f:end); SSIM as above on the result.
  * MS-SSIM: pytorch_msssim (VainF/pytorch-msssim, pytorch_msssim/ssim.py, ms_ssim): five scales with weights
    (0.0448, 0.2856, 0.3001, 0.2363, 0.1333); per channel the mean contrast-structure map (cs) at scales 1-4 and the
    mean SSIM map at scale 5, each clamped at 0 (relu), combined as prod(v_i ** w_i); then the mean over channels.
    Between scales F.avg_pool2d(kernel_size=2, padding=[H % 2, W % 2]) with count_include_pad: an odd side gets
    one zero on each end and every output is the sum of its 2x2 block divided by 4.
"""

import json
import math
import os
import sys

import cv2
import numpy as np
import scipy
import scipy.ndimage
import skimage
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
DEFAULT_OUT = os.path.join(REPO, "metrics", "src", "test", "resources", "golden", "image")
# The repository's bundled data unless EIBENCH_DATA says otherwise (as for the Java tests).
DATA = os.environ.get("EIBENCH_DATA") or os.path.join(REPO, "data")
SET5 = os.path.join(DATA, "sr", "Set5", "HR")

WEIGHTS = (0.0448, 0.2856, 0.3001, 0.2363, 0.1333)
K1, K2 = 0.01, 0.03


# ----------------------------------------------------------------------------------------------------------------
# Inputs
# ----------------------------------------------------------------------------------------------------------------

def smooth_pattern(rng, h, w, c):
    """A smooth, textured image: a few random sinusoids per channel plus mild noise, as uint8."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    out = np.zeros((h, w, c))
    for ch in range(c):
        acc = np.full((h, w), 128.0)
        for _ in range(4):
            fx, fy = rng.uniform(0.01, 0.15, size=2)
            ph = rng.uniform(0, 2 * math.pi)
            acc += rng.uniform(15, 40) * np.sin(fx * xx + fy * yy + ph)
        acc += rng.normal(0, 4, size=(h, w))
        out[..., ch] = acc
    return np.clip(np.rint(out), 0, 255).astype(np.uint8)


def add_noise(rng, img, sigma):
    noisy = img.astype(np.float64) + rng.normal(0, sigma, size=img.shape)
    return np.clip(np.rint(noisy), 0, 255).astype(np.uint8)


def bicubic_degrade(img, scale):
    h, w = img.shape[:2]
    small = cv2.resize(img, (w // scale, h // scale), interpolation=cv2.INTER_CUBIC)
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC)


def read_rgb(name):
    bgr = cv2.imread(os.path.join(SET5, name), cv2.IMREAD_COLOR)
    if bgr is None:
        raise SystemExit("cannot read " + os.path.join(SET5, name))
    return bgr[..., ::-1].copy()


def build_images():
    rng = np.random.default_rng(20261126)
    im = {}
    im["syn_rgb_t"] = smooth_pattern(rng, 48, 64, 3)
    im["syn_rgb_p"] = add_noise(rng, im["syn_rgb_t"], 12)
    im["syn_gray_t"] = smooth_pattern(rng, 48, 64, 1)[..., 0]
    im["syn_gray_p"] = add_noise(rng, im["syn_gray_t"], 20)
    # Pure noise pair: SSIM near 0 and negative contrast-structure terms.
    im["noise_rgb_t"] = rng.integers(0, 256, size=(48, 64, 3), dtype=np.uint8)
    im["noise_rgb_p"] = rng.integers(0, 256, size=(48, 64, 3), dtype=np.uint8)
    # Odd sides so that every MS-SSIM pooling step pads (203 -> 102 -> 51 -> 26 -> 13; 171 -> 86 -> 43 -> 22 -> 11).
    im["ms_rgb_t"] = smooth_pattern(rng, 171, 203, 3)
    im["ms_rgb_p"] = add_noise(rng, im["ms_rgb_t"], 15)
    # Independent noise, large enough for MS-SSIM: contrast-structure terms near 0 or negative (clamped at 0).
    im["noise_gray_t"] = rng.integers(0, 256, size=(165, 170), dtype=np.uint8)
    im["noise_gray_p"] = rng.integers(0, 256, size=(165, 170), dtype=np.uint8)
    # Photographic negative: every contrast-structure term is negative, so MS-SSIM clamps to exactly 0.
    im["ms_rgb_neg"] = 255 - im["ms_rgb_t"]
    # Real images from Set5: an SR-like bicubic x4 degradation and additive Gaussian noise.
    baby = read_rgb("baby.png")
    im["baby_t"] = baby[128:384, 128:384].copy()
    im["baby_p"] = bicubic_degrade(im["baby_t"], 4)
    im["butterfly_t"] = read_rgb("butterfly.png")
    im["butterfly_p"] = add_noise(rng, im["butterfly_t"], 15)
    # ssim.m automatic downsampling: f = round(512 / 256) = 2 (even box, asymmetric MATLAB centre) ...
    baby_gray = cv2.cvtColor(baby[..., ::-1], cv2.COLOR_BGR2GRAY)
    im["babygray_t"] = baby_gray
    im["babygray_p"] = bicubic_degrade(baby_gray, 4)
    # ... and f = round(640 / 256) = round(2.5) = 3 in MATLAB (Python's round() would give 2).
    big = smooth_pattern(rng, 640, 648, 1)[..., 0]
    im["big_t"] = cv2.GaussianBlur(big, (0, 0), 2.0)
    im["big_p"] = cv2.GaussianBlur(big, (0, 0), 3.0)
    return im


# ----------------------------------------------------------------------------------------------------------------
# References
# ----------------------------------------------------------------------------------------------------------------

def as_hwc(img):
    return img[..., None] if img.ndim == 2 else img


def to_y(img, y_round):
    """BT.601 luma of an RGB image on 0..255 (BasicSR to_y_channel, in float64); gray images are luma already."""
    img = as_hwc(img).astype(np.float64)
    if img.shape[2] == 1:
        return img
    r, g, b = img[..., 0], img[..., 1], img[..., 2]
    y = 16.0 + (65.481 * r + 128.553 * g + 24.966 * b) / 255.0
    if y_round:
        y = np.floor(y + 0.5)  # MATLAB round on positive values: half away from zero
    return y[..., None]


def prepare(img, channel, y_round, crop):
    img = as_hwc(img)
    if crop:
        img = img[crop:-crop, crop:-crop, :]  # BasicSR crops first; luma is per pixel, so the order is immaterial
    return to_y(img, y_round) if channel == "y" else img.astype(np.float64)


def psnr_ref(p, t, channel, y_round, crop, data_range, cap):
    a = prepare(p, channel, y_round, crop)
    b = prepare(t, channel, y_round, crop)
    mse = np.mean((a - b) ** 2)
    if mse == 0:
        return cap
    value = 10.0 * np.log10(data_range * data_range / mse)
    if channel == "rgb" and data_range == 255:
        assert abs(value - peak_signal_noise_ratio(b, a, data_range=255)) < 1e-9
        assert abs(value - cv2.PSNR(as_hwc(p)[crop:a.shape[0] + crop, crop:a.shape[1] + crop].copy(),
                                    as_hwc(t)[crop:b.shape[0] + crop, crop:b.shape[1] + crop].copy())) < 1e-9
    return min(cap, value)


def basicsr_ssim_channel(a, b, data_range):
    """BasicSR _ssim (cv2.filter2D, valid crop) generalised to L = data_range; used as a cross-check."""
    c1 = (K1 * data_range) ** 2
    c2 = (K2 * data_range) ** 2
    k = cv2.getGaussianKernel(11, 1.5)
    win = np.outer(k, k.transpose())
    f = lambda x: cv2.filter2D(x, -1, win)[5:-5, 5:-5]
    m1, m2 = f(a), f(b)
    s11 = f(a * a) - m1 * m1
    s22 = f(b * b) - m2 * m2
    s12 = f(a * b) - m1 * m2
    smap = ((2 * m1 * m2 + c1) * (2 * s12 + c2)) / ((m1 * m1 + m2 * m2 + c1) * (s11 + s22 + c2))
    return smap.mean()


def skimage_ssim(a, b, data_range):
    """a, b: float64 HWC. Wang 2004 settings, per channel then mean (channel_axis)."""
    kw = dict(gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=data_range)
    if a.shape[2] == 1:
        return structural_similarity(a[..., 0], b[..., 0], **kw)
    return structural_similarity(a, b, channel_axis=2, **kw)


def matlab_round(x):
    return math.floor(x + 0.5)


def matlab_downsample(img2d):
    """Wang's ssim.m automatic downsampling of one 2-D plane (see module docstring)."""
    m, n = img2d.shape
    f = max(1, matlab_round(min(m, n) / 256.0))
    if f == 1:
        return img2d, f
    lo = (f + 1) // 2 - 1          # MATLAB centre floor((f + 1) / 2), as a 0-based offset
    hi = f - 1 - lo
    padded = np.pad(img2d, ((lo, hi), (lo, hi)), mode="symmetric")  # MATLAB 'symmetric' repeats the edge sample
    out = np.zeros_like(img2d)
    for dy in range(f):
        for dx in range(f):
            out += padded[dy:dy + m, dx:dx + n]
    out /= f * f
    return out[::f, ::f], f


def ssim_ref(p, t, channel, y_round, crop, data_range, downsample):
    a = prepare(p, channel, y_round, crop)
    b = prepare(t, channel, y_round, crop)
    if downsample == "matlab":
        da, db = [], []
        for ch in range(a.shape[2]):
            da.append(matlab_downsample(a[..., ch])[0])
            db.append(matlab_downsample(b[..., ch])[0])
        a = np.stack(da, axis=2)
        b = np.stack(db, axis=2)
    value = skimage_ssim(a, b, data_range)
    cross = np.mean([basicsr_ssim_channel(a[..., c], b[..., c], data_range) for c in range(a.shape[2])])
    assert abs(value - cross) < 1e-9, (value, cross)
    return value


def gaussian_valid(x):
    """Separable 11-tap Gaussian (sigma 1.5), valid region: pytorch_msssim gaussian_filter with padding=0."""
    g = np.exp(-((np.arange(11) - 5.0) ** 2) / (2 * 1.5 ** 2))
    g /= g.sum()
    out = scipy.ndimage.correlate1d(x, g, axis=0, mode="constant")[5:-5, :]
    return scipy.ndimage.correlate1d(out, g, axis=1, mode="constant")[:, 5:-5]


def ssim_cs(a, b, data_range):
    c1 = (K1 * data_range) ** 2
    c2 = (K2 * data_range) ** 2
    m1, m2 = gaussian_valid(a), gaussian_valid(b)
    s11 = gaussian_valid(a * a) - m1 * m1
    s22 = gaussian_valid(b * b) - m2 * m2
    s12 = gaussian_valid(a * b) - m1 * m2
    cs_map = (2 * s12 + c2) / (s11 + s22 + c2)
    ssim_map = ((2 * m1 * m2 + c1) / (m1 * m1 + m2 * m2 + c1)) * cs_map
    return ssim_map.mean(), cs_map.mean()


def avg_pool2(x):
    """F.avg_pool2d(x, kernel_size=2, padding=[H % 2, W % 2]) with count_include_pad=True."""
    ph, pw = x.shape[0] % 2, x.shape[1] % 2
    x = np.pad(x, ((ph, ph), (pw, pw)), mode="constant")
    h2, w2 = x.shape[0] // 2, x.shape[1] // 2
    x = x[:2 * h2, :2 * w2]
    return (x[0::2, 0::2] + x[1::2, 0::2] + x[0::2, 1::2] + x[1::2, 1::2]) / 4.0


def ms_ssim_ref(p, t, channel, y_round, crop, data_range):
    a = prepare(p, channel, y_round, crop)
    b = prepare(t, channel, y_round, crop)
    assert min(a.shape[:2]) > 160
    per_channel = []
    for ch in range(a.shape[2]):
        x, y = a[..., ch], b[..., ch]
        value = 1.0
        for level, w in enumerate(WEIGHTS):
            s, cs = ssim_cs(x, y, data_range)
            if level == 0:
                assert abs(s - skimage_ssim(x[..., None], y[..., None], data_range)) < 1e-9
            if level < len(WEIGHTS) - 1:
                value *= max(cs, 0.0) ** w
                x, y = avg_pool2(x), avg_pool2(y)
            else:
                value *= max(s, 0.0) ** w
        per_channel.append(value)
    return float(np.mean(per_channel))


# ----------------------------------------------------------------------------------------------------------------
# Cases
# ----------------------------------------------------------------------------------------------------------------

def psnr_opts(channel="rgb", y_round=False, crop=0, data_range=255.0, cap=100.0):
    return {"channel": channel, "y_round": y_round, "crop": crop, "data_range": data_range, "cap": cap}


def ssim_opts(channel="rgb", y_round=False, crop=0, data_range=255.0, downsample="none"):
    return {"channel": channel, "y_round": y_round, "crop": crop, "data_range": data_range, "downsample": downsample}


def ms_opts(channel="rgb", y_round=False, crop=0, data_range=255.0):
    return {"channel": channel, "y_round": y_round, "crop": crop, "data_range": data_range}


def build_cases(im):
    cases = []

    def add(metric, pred, target, opts, ref):
        if metric == "psnr":
            value = psnr_ref(im[pred], im[target], **opts)
        elif metric == "ssim":
            value = ssim_ref(im[pred], im[target], **opts)
        else:
            value = ms_ssim_ref(im[pred], im[target], **opts)
        tag = "-".join(f"{k}={v}" for k, v in opts.items())
        cases.append({"id": f"{metric}/{pred}~{target}/{tag}", "metric": metric, "prediction": pred,
                      "target": target, "options": dict(opts, name=metric), "value": float(value), "reference": ref})

    psnr_ref_name = "BasicSR calculate_psnr formula, float64 (= skimage peak_signal_noise_ratio = cv2.PSNR for rgb)"
    ssim_ref_name = "skimage 0.19 structural_similarity, Wang 2004 settings (= BasicSR _ssim, checked to 1e-9)"
    ssim_m_name = "Wang ssim.m downsampling (box f x f, 'symmetric', subsample) then skimage structural_similarity"
    ms_name = "pytorch_msssim ms_ssim formulas re-implemented in numpy float64"
    pairs = [("syn_rgb_p", "syn_rgb_t"), ("syn_gray_p", "syn_gray_t"), ("noise_rgb_p", "noise_rgb_t"),
             ("baby_p", "baby_t"), ("butterfly_p", "butterfly_t"), ("ms_rgb_p", "ms_rgb_t")]
    for p, t in pairs:
        for opts in (psnr_opts(), psnr_opts("y"), psnr_opts("y", True), psnr_opts("y", False, 4),
                     psnr_opts("rgb", False, 4)):
            add("psnr", p, t, opts, psnr_ref_name)
        for opts in (ssim_opts(), ssim_opts("y"), ssim_opts("y", True), ssim_opts("y", False, 4),
                     ssim_opts("rgb", False, 4)):
            add("ssim", p, t, opts, ssim_ref_name)
    add("psnr", "syn_rgb_p", "syn_rgb_t", psnr_opts(data_range=100.0), psnr_ref_name)
    add("ssim", "syn_rgb_p", "syn_rgb_t", ssim_opts(data_range=100.0), ssim_ref_name)
    add("psnr", "syn_rgb_t", "syn_rgb_t", psnr_opts(), "identical images: MSE = 0 reports the cap")
    add("psnr", "syn_rgb_t", "syn_rgb_t", psnr_opts(cap=60.0), "identical images: MSE = 0 reports the cap")
    add("ssim", "syn_rgb_t", "syn_rgb_t", ssim_opts(), ssim_ref_name)
    # ssim.m automatic downsampling: f = 1 (no-op), 2 and 3.
    add("ssim", "baby_p", "baby_t", ssim_opts("y", downsample="matlab"), ssim_m_name)
    add("ssim", "babygray_p", "babygray_t", ssim_opts(downsample="matlab"), ssim_m_name)
    add("ssim", "babygray_p", "babygray_t", ssim_opts(crop=4, downsample="matlab"), ssim_m_name)
    add("ssim", "big_p", "big_t", ssim_opts(downsample="matlab"), ssim_m_name)
    add("ssim", "big_p", "big_t", ssim_opts(), ssim_ref_name)
    for p, t in [("baby_p", "baby_t"), ("butterfly_p", "butterfly_t"), ("ms_rgb_p", "ms_rgb_t"),
                 ("babygray_p", "babygray_t"), ("big_p", "big_t"), ("noise_gray_p", "noise_gray_t")]:
        add("ms_ssim", p, t, ms_opts(), ms_name)
    for opts in (ms_opts("y"), ms_opts("y", True), ms_opts("y", False, 4), ms_opts(crop=3)):
        add("ms_ssim", "baby_p", "baby_t", opts, ms_name)
        add("ms_ssim", "ms_rgb_p", "ms_rgb_t", opts, ms_name)
    add("ms_ssim", "ms_rgb_t", "ms_rgb_t", ms_opts(), ms_name)
    add("ms_ssim", "ms_rgb_neg", "ms_rgb_t", ms_opts(), ms_name)
    add("ssim", "ms_rgb_neg", "ms_rgb_t", ssim_opts(), ssim_ref_name)
    return cases


def main():
    out = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT
    os.makedirs(out, exist_ok=True)
    im = build_images()
    images = {}
    for name, arr in sorted(im.items()):
        fname = name + ".png"
        hwc = as_hwc(arr)
        # cv2 writes BGR; store RGB pixels so a PNG reader sees them as R, G, B.
        ok = cv2.imwrite(os.path.join(out, fname), arr if arr.ndim == 2 else arr[..., ::-1])
        assert ok
        images[name] = {"file": fname, "width": int(hwc.shape[1]), "height": int(hwc.shape[0]),
                        "channels": int(hwc.shape[2])}
    doc = {
        "format": "eibench/golden-image@1",
        "generator": "metrics/src/test/python/image_golden.py",
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "skimage": skimage.__version__,
                     "opencv": cv2.__version__},
        "images": images,
        "cases": build_cases(im),
    }
    with open(os.path.join(out, "image_golden.json"), "w") as fh:
        json.dump(doc, fh, indent=1, sort_keys=False)
        fh.write("\n")
    print(f"wrote {len(doc['cases'])} cases and {len(images)} images to {out}")


if __name__ == "__main__":
    main()
