#!/usr/bin/python3
"""Single-thread timings of the Python/OpenCV references for EIBench's image metrics (used by bench/metrics-image.sh).

    /usr/bin/python3 metrics/src/test/python/image_bench.py [--size 1024] [--repeat 7] [--json OUT]

Scores the same deterministic 1024x1024 RGB pair as the Java JMH benchmarks (org.eibench.metrics.bench.SsimBenchmark.Images:
a 32-bit LCG of the flat index, plus a deterministic offset), so the values printed here equal the Java ones.
Every library is pinned to one thread (OpenCV via cv2.setNumThreads(1), BLAS/OpenMP via environment variables).
Reported per reference: best and median wall time and thread CPU time of --repeat runs after one warm-up, in
milliseconds, and the value.
"""

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import cv2  # noqa: E402
import numpy as np  # noqa: E402
from skimage.metrics import structural_similarity  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import image_golden  # noqa: E402  (reference formulas shared with the golden fixture)


def bench_pair(size, channels=3):
    n = size * size * channels
    i = np.arange(n, dtype=np.uint32)
    target = ((i * np.uint32(1103515245) + np.uint32(12345)) >> np.uint32(16)) & np.uint32(255)
    noise = (((i * np.uint32(69069) + np.uint32(1)) >> np.uint32(16)) & np.uint32(31)).astype(np.int64) - 16
    pred = np.clip(target.astype(np.int64) + noise, 0, 255)
    shape = (size, size, channels)
    return pred.astype(np.uint8).reshape(shape), target.astype(np.uint8).reshape(shape)


def basicsr_ssim(img, img2):
    """BasicSR calculate_ssim (basicsr/metrics/psnr_ssim.py) as published: float64, cv2.filter2D per channel."""
    img = img.astype(np.float64)
    img2 = img2.astype(np.float64)
    return float(np.mean([image_golden.basicsr_ssim_channel(img[..., c], img2[..., c], 255.0)
                          for c in range(img.shape[2])]))


def basicsr_psnr(img, img2):
    mse = np.mean((img.astype(np.float64) - img2.astype(np.float64)) ** 2)
    return float(10.0 * np.log10(255.0 * 255.0 / mse))


def timed(fn, repeat):
    """Wall and thread-CPU time of `repeat` runs after one warm-up. CPU time is the fair number on a shared
    machine (other processes preempting this one do not count); the Java side reports the same."""
    fn()  # warm-up (imports, caches)
    wall, cpu = [], []
    value = None
    for _ in range(repeat):
        c0, t0 = time.thread_time(), time.perf_counter()
        value = fn()
        wall.append((time.perf_counter() - t0) * 1e3)
        cpu.append((time.thread_time() - c0) * 1e3)
    return {"best_ms": min(wall), "median_ms": statistics.median(wall), "best_cpu_ms": min(cpu),
            "median_cpu_ms": statistics.median(cpu), "value": float(value)}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=1024)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--json", help="write the results here as JSON")
    args = ap.parse_args(argv)
    cv2.setNumThreads(1)
    pred, target = bench_pair(args.size)
    pred32, target32 = pred.astype(np.float32), target.astype(np.float32)
    slow = max(1, min(args.repeat, 5))
    results = {
        "size": args.size,
        "threads": 1,
        "versions": {"numpy": np.__version__, "opencv": cv2.__version__,
                     "skimage": __import__("skimage").__version__},
        "refs": {
            "skimage_ssim": timed(lambda: structural_similarity(
                pred, target, gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=255,
                channel_axis=2), slow),
            "basicsr_ssim": timed(lambda: basicsr_ssim(pred, target), slow),
            "cv2_psnr_uint8": timed(lambda: cv2.PSNR(pred, target), args.repeat * 5),
            "cv2_psnr_float32": timed(lambda: cv2.PSNR(pred32, target32), args.repeat * 5),
            "basicsr_psnr": timed(lambda: basicsr_psnr(pred, target), args.repeat),
            "numpy_ms_ssim": timed(lambda: image_golden.ms_ssim_ref(pred, target, "rgb", False, 0, 255.0), slow),
        },
    }
    text = json.dumps(results, indent=1)
    if args.json:
        with open(args.json, "w") as fh:
            fh.write(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
