"""Builds the cases of bench/score-vs-scripts.sh under OUT (deterministic: the same bytes on every machine with the
same numpy and OpenCV). Smooth synthetic scenes with texture, so that PNG decoding costs what it costs on photos.

  restore-N: N pairs of 1024x1024 RGB PNGs (target, prediction = target + Gaussian noise, sigma 6), task YAML
  seg-N:     N pairs of 512x512 8-bit label PNGs, 150 classes, a band of 255 (ignore), 1/8 of the blocks mislabelled
  depth-N:   N pairs of 640x480 uint16 PNGs in millimetres (NYU-sized), zeros where the sensor has no value
"""
import os
import sys

import cv2
import numpy as np


def scene(rng, h, w, c):
    low = rng.uniform(0, 255, (h // 64 + 1, w // 64 + 1, c)).astype(np.float32)
    img = cv2.resize(low, (w, h), interpolation=cv2.INTER_CUBIC).reshape(h, w, c)
    img += rng.normal(0, 12, (h, w, c)).astype(np.float32)
    return np.clip(img, 0, 255).astype(np.uint8)


def write_task(path, text):
    with open(path, "w") as f:
        f.write(text)


def restoration(out, n, rng):
    for sub in ("input", "target", "pred"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    for i in range(n):
        t = scene(rng, 1024, 1024, 3)
        p = np.clip(t.astype(np.float32) + rng.normal(0, 6, t.shape), 0, 255).astype(np.uint8)
        name = "%04d.png" % i
        cv2.imwrite(os.path.join(out, "target", name), t)
        cv2.imwrite(os.path.join(out, "pred", name), p)
        # The input is what a model would have read; score never opens it, so it is a link to the target.
        os.link(os.path.join(out, "target", name), os.path.join(out, "input", name))
    write_task(os.path.join(out, "task.yaml"), """format: eibench/task@1
id: bench-restore
version: 1
split: held-out
zero_shot: task
kind: restoration
data: {root: ., layout: paired-folders, input: input, target: target}
instructions: ["Restore the image."]
decoder: {type: rgb}
metrics:
  - {name: psnr}
  - {name: ssim}
""")


def segmentation(out, n, rng):
    for sub in ("input", "target", "pred"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    for i in range(n):
        blocks = rng.integers(0, 150, (64, 64)).astype(np.uint8)
        gt = cv2.resize(blocks, (512, 512), interpolation=cv2.INTER_NEAREST)
        wrong = rng.random((64, 64)) < 0.125
        pblocks = np.where(wrong, rng.integers(0, 150, (64, 64)), blocks).astype(np.uint8)
        pred = cv2.resize(pblocks, (512, 512), interpolation=cv2.INTER_NEAREST)
        gt[200:203, :] = 255
        name = "%05d.png" % i
        cv2.imwrite(os.path.join(out, "target", name), gt)
        cv2.imwrite(os.path.join(out, "pred", name), pred)
        os.link(os.path.join(out, "target", name), os.path.join(out, "input", name))
    write_task(os.path.join(out, "task.yaml"), """format: eibench/task@1
id: bench-seg
version: 1
split: held-out
zero_shot: task
kind: segmentation
data: {root: ., layout: paired-folders, input: input, target: target}
instructions: ["Write each pixel's class id."]
decoder: {type: labels}
metrics:
  - {name: miou, num_classes: 150, ignore_index: 255}
""")


def depth(out, n, rng):
    for sub in ("input", "target", "pred"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    yy, xx = np.mgrid[0:480, 0:640].astype(np.float32)
    for i in range(n):
        a, b, c = rng.uniform(-2e-3, 2e-3), rng.uniform(-2e-3, 2e-3), rng.uniform(1.0, 6.0)
        metres = c + a * xx + b * yy + 0.3 * np.sin(xx / rng.uniform(20, 80)) * np.cos(yy / rng.uniform(20, 80))
        gt = np.clip(metres * 1000, 0, 65535).astype(np.uint16)
        gt[rng.random(gt.shape) < 0.05] = 0
        pred = np.clip(metres * rng.uniform(0.9, 1.1) * 1000 + rng.normal(0, 80, gt.shape), 0, 65535).astype(np.uint16)
        name = "%04d.png" % i
        cv2.imwrite(os.path.join(out, "target", name), gt)
        cv2.imwrite(os.path.join(out, "pred", name), pred)
        os.link(os.path.join(out, "target", name), os.path.join(out, "input", name))
    write_task(os.path.join(out, "task.yaml"), """format: eibench/task@1
id: bench-depth
version: 1
split: held-out
zero_shot: task
kind: depth
data: {root: ., layout: paired-folders, input: input, target: target, depth_scale: 0.001}
instructions: ["Write the depth in millimetres."]
decoder: {type: depth-png, scale: 0.001}
metrics:
  - {name: depth, min_depth: 0.001, max_depth: 10, crop: eigen, precision: float32}
""")


def main():
    out, kind, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rng = np.random.default_rng({"restore": 1, "seg": 2, "depth": 3}[kind] * 100003 + n)
    os.makedirs(out, exist_ok=True)
    {"restore": restoration, "seg": segmentation, "depth": depth}[kind](out, n, rng)


if __name__ == "__main__":
    main()
