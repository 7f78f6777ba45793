"""Builds the cases of bench/score-vs-scripts.sh under OUT (deterministic: the same bytes on every machine with the
same numpy and OpenCV). Smooth synthetic scenes with texture, so that PNG decoding costs what it costs on photos.

  restore-N: N pairs of 1024x1024 RGB PNGs (target, prediction = target + Gaussian noise, sigma 6), task YAML
  seg-N:     N pairs of 512x512 8-bit label PNGs, 150 classes, a band of 255 (ignore), 1/8 of the blocks mislabelled
  depth-N:   N pairs of 640x480 uint16 PNGs in millimetres (NYU-sized): a smooth scene; the ground truth with a
             Kinect-like noise (sigma 1.2 mm x depth^2 in metres) and 5% of pixels without a value (0); the
             prediction smooth (a network's output: a scale error and a low-frequency error, no per-pixel noise)
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


def write_case(out, pairs, task_id, kind, instruction, decoder, metrics, data_extra=""):
    """Writes the (name, target, prediction) pairs and the task file. The input is what a model would have read;
    score never opens it, so it is a link to the target."""
    for sub in ("input", "target", "pred"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    for name, target, pred in pairs:
        cv2.imwrite(os.path.join(out, "target", name), target)
        cv2.imwrite(os.path.join(out, "pred", name), pred)
        os.link(os.path.join(out, "target", name), os.path.join(out, "input", name))
    with open(os.path.join(out, "task.yaml"), "w") as f:
        f.write(f"""format: eibench/task@1
id: {task_id}
version: 1
split: held-out
zero_shot: task
kind: {kind}
data: {{root: ., layout: paired-folders, input: input, target: target{data_extra}}}
instructions: ["{instruction}"]
decoder: {decoder}
metrics:
""" + "".join(f"  - {m}\n" for m in metrics))


def restoration_pair(rng):
    t = scene(rng, 1024, 1024, 3)
    return t, np.clip(t.astype(np.float32) + rng.normal(0, 6, t.shape), 0, 255).astype(np.uint8)


def segmentation_pair(rng):
    blocks = rng.integers(0, 150, (64, 64)).astype(np.uint8)
    gt = cv2.resize(blocks, (512, 512), interpolation=cv2.INTER_NEAREST)
    wrong = rng.random((64, 64)) < 0.125
    pblocks = np.where(wrong, rng.integers(0, 150, (64, 64)), blocks).astype(np.uint8)
    pred = cv2.resize(pblocks, (512, 512), interpolation=cv2.INTER_NEAREST)
    gt[200:203, :] = 255
    return gt, pred


YY, XX = np.mgrid[0:480, 0:640].astype(np.float32)


def depth_pair(rng):
    a, b, c = rng.uniform(-2e-3, 2e-3), rng.uniform(-2e-3, 2e-3), rng.uniform(1.0, 6.0)
    metres = c + a * XX + b * YY + 0.3 * np.sin(XX / rng.uniform(20, 80)) * np.cos(YY / rng.uniform(20, 80))
    noisy = metres + rng.normal(0, 1, metres.shape) * 0.0012 * metres ** 2
    gt = np.clip(np.rint(noisy * 1000), 0, 65535).astype(np.uint16)
    gt[rng.random(metres.shape) < 0.05] = 0
    low = cv2.resize(rng.normal(0, 0.05, (6, 8)).astype(np.float32), (640, 480), interpolation=cv2.INTER_CUBIC)
    pred = np.clip(np.rint((metres * rng.uniform(0.9, 1.1) + low) * 1000), 0, 65535).astype(np.uint16)
    return gt, pred


def restoration(out, n, rng):
    write_case(out, (("%04d.png" % i, *restoration_pair(rng)) for i in range(n)), "bench-restore", "restoration",
               "Restore the image.", "{type: rgb}", ["{name: psnr}", "{name: ssim}"])


def segmentation(out, n, rng):
    write_case(out, (("%05d.png" % i, *segmentation_pair(rng)) for i in range(n)), "bench-seg", "segmentation",
               "Write each pixel's class id.", "{type: labels}", ["{name: miou, num_classes: 150, ignore_index: 255}"])


def depth(out, n, rng):
    write_case(out, (("%04d.png" % i, *depth_pair(rng)) for i in range(n)), "bench-depth", "depth",
               "Write the depth in millimetres.", "{type: depth-png, scale: 0.001}",
               ["{name: depth, min_depth: 0.001, max_depth: 10, crop: eigen, precision: float32}"],
               data_extra=", depth_scale: 0.001")


def main():
    out, kind, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rng = np.random.default_rng({"restore": 1, "seg": 2, "depth": 3}[kind] * 100003 + n)
    os.makedirs(out, exist_ok=True)
    {"restore": restoration, "seg": segmentation, "depth": depth}[kind](out, n, rng)


if __name__ == "__main__":
    main()
