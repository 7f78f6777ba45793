#!/usr/bin/env python3
"""CLIP score of a run's predictions with the tiny CLIP of ClipScoreEndToEndTest, in numpy: torchmetrics' CLIPScore
formula (functional/multimodal/clip_score.py _clip_score_update: 100 * cosine of the L2-normalised embeddings;
multimodal/clip_score.py compute: max(mean, 0)) on embeddings computed here from the weights the test wrote.

  clip_score_golden.py WEIGHTS_JSON MERGES RUN_DIR TASK MANIFEST

Image: the prediction PNG (read with zlib, no imaging library), per channel mean of (pixel / 255 - mean) / std, times
wi plus bi. Text: the sample's caption from MANIFEST (meta.caption), else its instruction, tokenized by our
re-implementation of CLIP's tokenizer (model-runtime/src/test/python/clip_bpe_golden.py), the mean of the table's
rows over the ids up to the eot. Prints {"n", "value", "per_sample": {id: 100 cos}}.
"""
import json
import os
import struct
import sys
import zlib

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "..", "model-runtime", "src", "test", "python"))
from clip_bpe_golden import Tokenizer  # noqa: E402


def read_png(path):
    """8-bit, non-interlaced PNG (gray, gray+alpha, RGB, RGBA) as float64 [H, W, 3] (gray repeated)."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            w, h, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and interlace == 0, (path, depth, interlace)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    ch = {0: 1, 2: 3, 4: 2, 6: 4}[color]
    raw = zlib.decompress(idat)
    stride = w * ch
    out = np.zeros((h, stride), dtype=np.int64)
    prev = np.zeros(stride, dtype=np.int64)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = np.frombuffer(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)], dtype=np.uint8).astype(np.int64)
        cur = np.zeros(stride, dtype=np.int64)
        for x in range(stride):
            a = cur[x - ch] if x >= ch else 0
            b = prev[x]
            c = prev[x - ch] if x >= ch else 0
            if f == 0:
                p = 0
            elif f == 1:
                p = a
            elif f == 2:
                p = b
            elif f == 3:
                p = (a + b) // 2
            else:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                p = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            cur[x] = (line[x] + p) & 0xFF
        out[y] = cur
        prev = cur
    img = out.reshape(h, w, ch).astype(np.float64)
    if ch in (1, 2):
        return np.repeat(img[:, :, :1], 3, axis=2)
    return img[:, :, :3]


def main():
    weights_path, merges, run_dir, task, manifest = sys.argv[1:6]
    wts = json.load(open(weights_path))
    d = wts["d"]
    wi = np.array(wts["wi"], dtype=np.float64).reshape(3, d)
    bi = np.array(wts["bi"], dtype=np.float64)
    table = np.array(wts["table"], dtype=np.float64).reshape(-1, d)
    mean, std = np.array(wts["mean"]), np.array(wts["std"])
    tok = Tokenizer(merges)
    eot = tok.ids["<|endoftext|>"]
    captions = {}
    for line in open(manifest, encoding="utf-8"):
        if line.strip():
            e = json.loads(line)
            if "caption" in e.get("meta", {}):
                captions[e["id"]] = e["meta"]["caption"]
    scores = {}
    for line in open(os.path.join(run_dir, "samples", task + ".jsonl"), encoding="utf-8"):
        s = json.loads(line)
        img = read_png(os.path.join(run_dir, s["prediction"]))
        a = ((img / 255.0 - mean) / std).reshape(-1, 3).mean(axis=0) @ wi + bi
        ids = tok.tokens(captions.get(s["id"].split("@")[0], s["instruction"]))
        kept = ids[:ids.index(eot) + 1]
        t = table[kept].mean(axis=0)
        scores[s["id"]] = float(100 * (a / np.linalg.norm(a)) @ (t / np.linalg.norm(t)))
    value = max(sum(scores.values()) / len(scores), 0.0)
    print(json.dumps({"n": len(scores), "value": value, "per_sample": scores}))


if __name__ == "__main__":
    main()
