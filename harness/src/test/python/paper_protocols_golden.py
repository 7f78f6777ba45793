#!/usr/bin/python3
"""Small synthetic copies of the paper's datasets, predictions made the Painter way, and the numbers the peers'
evaluation scripts give for them (peers/*.py: our numpy re-implementations of those scripts).

PaperProtocolGoldenTest scores the same predictions with the shipped catalog tasks (`eibench score --task <id>`,
with --data pointing at OUT/data, whose uvt_eval_json/ holds the shortened lists, and --data-root at OUT/roots/<name>)
and compares summary.json with OUT/expected.json.

  * depth-nyuv2: the first NYU_test_data.json entries; uint16 millimetre ground truth at 640x480 (with a 1 mm pixel,
    holes and pixels beyond 10 m); outputs are 448x448 RGB PNGs of far-bright gray (Painter's x 10000 encoding) with
    per-channel noise; expected: Painter's painter_inference_depth.py on png / 255, then BTS's eval_with_pngs.py.
  * seg-ade20k: three ADEChallengeData2016-style images of three sizes; outputs are 448x448 PNGs in Painter's
    palette, blurred and noisy, with a class that the ground truth lacks; expected: painter_inference_segm.py, then
    ADE20kSemSegEvaluatorCustom / detectron2 SemSegEvaluator.
  * derain-rain100l: outputs at the ground truth's size (Painter saves them resized); expected: PromptGIP's RGB
    psnr/ssim and MPRNet's evaluate_PSNR_SSIM.m Y psnr/ssim.
  * dehaze-sots, udc-toled: PromptGIP's psnr/ssim; lowlight-lolv2: PromptGIP's psnr/ssim and Painter's LOL script
    (skimage) for psnr and ssim_painter.

Ground truth named .jpg by the UVT lists (SOTS outdoor) is written as PNG content under that name: both cv2 and
EIBench read by content, and a lossy JPEG decode would test the JPEG libraries, not the metrics.

Usage: paper_protocols_golden.py UVT_JSON_DIR OUT_DIR
"""
import json
import os
import sys

import cv2
import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from peers import bts_eval_with_pngs, detectron2_sem_seg, mprnet_evaluate_psnr_ssim, painter, promptgip  # noqa: E402

RNG = np.random.default_rng(11)


def write_png(path, arr):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    Image.fromarray(arr).save(path, format="PNG")


def write_jpg(path, arr):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    Image.fromarray(arr).save(path, format="JPEG", quality=95)


def smooth_rgb(h, w):
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    out = np.empty((h, w, 3))
    for c in range(3):
        fx, fy, ph = RNG.uniform(0.02, 0.2), RNG.uniform(0.02, 0.2), RNG.uniform(0, 6)
        out[..., c] = 128 + 80 * np.sin(fx * xx + fy * yy + ph) + RNG.normal(0, 6, (h, w))
    return np.clip(np.round(out), 0, 255).astype(np.uint8)


def degrade(clean, sigma, shift):
    noisy = clean.astype(np.float64) * 0.9 + shift + RNG.normal(0, sigma, clean.shape)
    return np.clip(np.round(noisy), 0, 255).astype(np.uint8)


def shorten(uvt_dir, name, n):
    """The first n entries of a UVT list; for SOTS, n - 1 outdoor entries and one indoor one (1400_1.png ...)."""
    entries = json.load(open(os.path.join(uvt_dir, name)))
    if name.startswith("SOTS"):
        return entries[:n - 1] + [e for e in entries if e["haze_img_A"].endswith(".png")][:1]
    return entries[:n]


def nyu(uvt_dir, out, data, roots, preds):
    entries = shorten(uvt_dir, "NYU_test_data.json", 4)
    json.dump(entries, open(os.path.join(data, "uvt_eval_json", "NYU_test_data.json"), "w"))
    root = os.path.join(roots, "nyuv2")
    pairs = []
    yy, xx = np.mgrid[0:480, 0:640].astype(np.float64)
    for k, e in enumerate(entries):
        write_jpg(os.path.join(root, e["source_img_A"]), smooth_rgb(480, 640))
        depth = 1500 + 2500 * (xx / 640) + 1500 * np.sin(yy / 70 + k) + RNG.normal(0, 40, (480, 640))
        gt = np.clip(np.round(depth), 0, 65535).astype(np.uint16)
        gt[200:230, 300:340] = 0                 # holes
        gt[50:60, 60:80] = 10500                 # beyond max_depth
        gt[100:130, 100:140] = 1                 # 1 mm: float32 says not > 1e-3, double says it is
        gt[300, 300:304] = 10000                 # exactly max_depth
        write_png(os.path.join(root, e["depth_img_B"]), gt)
        # the model's view: far-bright gray = depth / 10 m, drawn at 448x448 with its own error and channel noise
        est = cv2.resize(gt.astype(np.float64) * (1.05 + 0.1 * np.sin(xx / 90)), (448, 448), interpolation=cv2.INTER_LINEAR)
        g = est / 10000.0 * 255
        rgb = np.clip(np.round(g[..., None] + RNG.normal(0, 1.5, (448, 448, 3))), 0, 255).astype(np.uint8)
        rgb[10:60, 10:90] = 51                   # flat areas: 51 / 255 x 10000 = 2000 mm exactly
        rgb[400:440, 200:260] = 0
        write_png(os.path.join(preds, "depth-nyuv2", "%04d.png" % e["id"]), rgb)
        saved = painter.depth_png_mm(rgb, 480, 640)
        write_png(os.path.join(out, "painter", "depth-nyuv2", "%04d.png" % e["id"]), saved)   # what Painter saves
        pairs.append((saved, gt))
    return bts_eval_with_pngs.evaluate(pairs)


def ade20k(out, roots, preds):
    root = os.path.join(roots, "ade20k")
    palette = painter.ade20k_palette()
    pairs = []
    for k, (h, w) in enumerate([(51, 67), (90, 120), (64, 64)]):
        name = "ADE_val_%08d" % (k + 1)
        write_jpg(os.path.join(root, "images", "validation", name + ".jpg"), smooth_rgb(h, w))
        yy, xx = np.mgrid[0:h, 0:w]
        labels = (1 + ((xx // 13 + 2 * (yy // 11) + 5 * k) % 9) * 7).astype(np.uint8)   # ADE ids 1..57
        labels[(xx + yy) % 17 == 0] = 0                                                  # "other": ignored
        write_png(os.path.join(root, "annotations", "validation", name + ".png"), labels)
        reduced = np.where(labels == 0, 255, labels.astype(np.int64) - 1)
        colours = palette[np.where(reduced == 255, 0, reduced)]
        big = cv2.resize(colours, (448, 448), interpolation=cv2.INTER_LINEAR)
        big = big + RNG.normal(0, 6, big.shape)
        big[0:40, 0:40] = palette[149]            # a class absent from every ground truth
        rgb = np.clip(np.round(big), 0, 255).astype(np.uint8)
        write_png(os.path.join(preds, "seg-ade20k", name + ".png"), rgb)
        saved = painter.segm_png(rgb, h, w)
        classes = painter.segm_classes(saved, palette)
        write_png(os.path.join(out, "painter", "seg-ade20k", name + ".png"), classes.astype(np.uint8))  # its class map
        pairs.append((classes, reduced))
    result = detectron2_sem_seg.evaluate(pairs)
    result["mmseg_miou_union_rule"] = detectron2_sem_seg.mmseg_miou(pairs)
    return result


def restoration(uvt_dir, data, roots, preds, task, json_name, root_name, a_key, b_key, n, size, extra):
    entries = shorten(uvt_dir, json_name, n)
    json.dump(entries, open(os.path.join(data, "uvt_eval_json", json_name), "w"))
    root = os.path.join(roots, root_name)
    sums = {}
    for e in entries:
        clean = smooth_rgb(*size)
        write_png(os.path.join(root, e[b_key]), clean)       # PNG content, also under a .jpg name
        write_png(os.path.join(root, e[a_key]), degrade(clean, 20, 10))
        pred = degrade(clean, 9, 4)
        write_png(os.path.join(preds, task, "%04d.png" % e["id"]), pred)
        values = {"psnr": promptgip.calculate_psnr(pred, clean), "ssim": promptgip.calculate_ssim(pred, clean)}
        values.update(extra(pred, clean))
        for k, v in values.items():
            sums[k] = sums.get(k, 0.0) + v
    return {k: v / len(entries) for k, v in sums.items()}


def main(uvt_dir, out):
    data = os.path.join(out, "data")
    roots = os.path.join(out, "roots")
    preds = os.path.join(out, "pred")
    os.makedirs(os.path.join(data, "uvt_eval_json"), exist_ok=True)
    expected = {"depth-nyuv2": nyu(uvt_dir, out, data, roots, preds), "seg-ade20k": ade20k(out, roots, preds)}
    expected["derain-rain100l"] = restoration(
        uvt_dir, data, roots, preds, "derain-rain100l", "Rain100L_test_data.json", "rain100l", "rain_img_A", "norain_img_B",
        3, (61, 83), lambda p, t: {"psnr_y": mprnet_evaluate_psnr_ssim.psnr(p, t), "ssim_y": mprnet_evaluate_psnr_ssim.ssim(p, t)})
    expected["dehaze-sots"] = restoration(
        uvt_dir, data, roots, preds, "dehaze-sots", "SOTS_test_data.json", "sots", "haze_img_A", "nohaze_img_B", 3, (47, 64),
        lambda p, t: {})
    expected["lowlight-lolv2"] = restoration(
        uvt_dir, data, roots, preds, "lowlight-lolv2", "LOLv2_test_data.json", "lolv2", "low_img_A", "normal_img_B", 3, (40, 52),
        lambda p, t: dict(zip(["psnr_painter", "ssim_painter"], painter.lol_metrics(p, t))))
    expected["udc-toled"] = restoration(
        uvt_dir, data, roots, preds, "udc-toled", "UDC_test_data.json", "udc", "display_img_A", "gt_img_B", 2, (50, 70),
        lambda p, t: {})
    expected["torch"] = against_torch(out)
    json.dump(expected, open(os.path.join(out, "expected.json"), "w"), indent=1)


def against_torch(out):
    """Where PyTorch is installed (Debian's python3-torch: not in CI), Painter's own resize with torch instead of our
    numpy replica of its kernel: how far the replica (and so EIBench) is from a real run of Painter's scripts."""
    try:
        import torch
        import torch.nn.functional as F
    except ImportError:
        return {}
    entries = json.load(open(os.path.join(out, "data", "uvt_eval_json", "NYU_test_data.json")))
    pairs, mm_diff, mm_total = [], 0, 0
    for e in entries:
        png = np.array(Image.open(os.path.join(out, "pred", "depth-nyuv2", "%04d.png" % e["id"])))
        gt = np.array(Image.open(os.path.join(out, "roots", "nyuv2", e["depth_img_B"])))
        y = torch.tensor(png.astype(np.float64) / 255.0)                  # the NHWC view Painter resizes
        o = torch.clip(y * 10000, 0, 10000)
        o = F.interpolate(o[None, ...].permute(0, 3, 1, 2), size=list(gt.shape), mode="bilinear").permute(0, 2, 3, 1)[0]
        mm = o.mean(-1).int().numpy().astype(np.uint16)
        mine = np.array(Image.open(os.path.join(out, "painter", "depth-nyuv2", "%04d.png" % e["id"])))
        mm_diff += int((mm != mine).sum())
        mm_total += mm.size
        pairs.append((mm, gt))
    result = {"torch_version": torch.__version__, "depth_mm_differing": mm_diff, "depth_pixels": mm_total,
              "depth": bts_eval_with_pngs.evaluate(pairs)}
    palette = painter.ade20k_palette()
    differing = 0
    for f in sorted(os.listdir(os.path.join(out, "pred", "seg-ade20k"))):
        png = np.array(Image.open(os.path.join(out, "pred", "seg-ade20k", f)))
        gt = np.array(Image.open(os.path.join(out, "roots", "ade20k", "annotations", "validation", f)))
        y = torch.clip(torch.tensor(png.astype(np.float64) / 255.0) * 255, 0, 255)
        o = F.interpolate(y[None, ...].permute(0, 3, 1, 2), size=list(gt.shape), mode="bilinear").permute(0, 2, 3, 1)[0]
        classes = painter.segm_classes(o.int().numpy().astype(np.uint8), palette)
        differing += int((classes != np.array(Image.open(os.path.join(out, "painter", "seg-ade20k", f)))).sum())
    result["ade20k_class_pixels_differing"] = differing
    return result


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
