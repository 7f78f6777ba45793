#!/usr/bin/env python3
"""Reference model server for the EIBench HTTP protocol (docs/serving.md). Standard library only.

    GET  /v1/health    -> {"model": "...", "version": "..."}
    POST /v1/generate  {"requests": [{"id", "instruction", "image_png_base64", "seed", "params"}]}
                       -> {"outputs": [{"id", "image_png_base64", "meta"} | {"id", "error"}]}

By default it serves the identity model (returns each input PNG unchanged), which is what
`eibench runtime check` and the tests use. Plug in a model with --generate MODULE:FUNCTION, where

    FUNCTION(png: bytes, instruction: str, seed: int, params: dict) -> bytes | (bytes, dict)

returns the output PNG (and optional metadata). The UVT adapter (docs/serving-uvt.md) is --adapter uvt; it imports
torch only when selected. When EIBENCH_SERVER_TOKEN is set, requests must carry "Authorization: Bearer <token>"
(the harness sends EIBENCH_HTTP_TOKEN).
"""

import argparse
import base64
import binascii
import hmac
import importlib
import json
import os
import random
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_BODY = 256 * 1024 * 1024  # a batch of a few dozen large PNGs


class BadRequest(Exception):
    """The request body breaks the protocol: answered with 400 and the reason."""


def identity_generate(png, instruction, seed, params):
    """The floor model: the input image, unchanged."""
    return png, {"model": "identity"}


def parse_generate_body(body):
    """Validates a /v1/generate body and returns its requests; raises BadRequest with the reason."""
    try:
        doc = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise BadRequest("body is not JSON: %s" % e)
    if not isinstance(doc, dict) or not isinstance(doc.get("requests"), list):
        raise BadRequest('body must be {"requests": [...]}')
    requests = doc["requests"]
    for i, r in enumerate(requests):
        if not isinstance(r, dict):
            raise BadRequest("requests[%d] is not an object" % i)
        if not isinstance(r.get("id"), str):
            raise BadRequest("requests[%d].id must be a string" % i)
        if not isinstance(r.get("image_png_base64"), str):
            raise BadRequest("requests[%d].image_png_base64 must be a string" % i)
        if not isinstance(r.get("params", {}), dict):
            raise BadRequest("requests[%d].params must be an object" % i)
    return requests


def run_one(generate, r):
    """One request -> one output object; a model error is reported for this id only."""
    rid = r["id"]
    try:
        png = base64.b64decode(r["image_png_base64"], validate=True)
    except (binascii.Error, ValueError) as e:
        return {"id": rid, "error": "image_png_base64 is not valid base64: %s" % e}
    if not png.startswith(PNG_SIGNATURE):
        return {"id": rid, "error": "image_png_base64 is not a PNG"}
    try:
        result = generate(png, r.get("instruction") or "", int(r.get("seed") or 0), r.get("params") or {})
    except Exception as e:  # a model failure must not take the server down
        return {"id": rid, "error": "%s: %s" % (type(e).__name__, e)}
    meta = {}
    if isinstance(result, tuple):
        result, meta = result
    if not isinstance(result, (bytes, bytearray)) or not bytes(result).startswith(PNG_SIGNATURE):
        return {"id": rid, "error": "the model did not return PNG bytes"}
    return {"id": rid, "image_png_base64": base64.b64encode(bytes(result)).decode("ascii"), "meta": meta or {}}


def make_handler(generate, model, version, token, lock):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "eibench-reference-server"

        def log_message(self, fmt, *args):  # quiet by default; the harness logs per sample
            if os.environ.get("EIBENCH_SERVER_VERBOSE"):
                sys.stderr.write("%s %s\n" % (self.address_string(), fmt % args))

        def _send(self, status, obj):
            data = json.dumps(obj).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _authorised(self):
            if not token:
                return True
            got = self.headers.get("Authorization", "")
            # constant-time comparison; the token itself is never echoed
            if hmac.compare_digest(got.encode("utf-8"), ("Bearer " + token).encode("utf-8")):
                return True
            self._send(401, {"error": "missing or wrong bearer token"})
            return False

        def do_GET(self):
            if not self._authorised():
                return
            if self.path == "/v1/health":
                self._send(200, {"model": model, "version": version})
            else:
                self._send(404, {"error": "no such endpoint: %s" % self.path})

        def do_POST(self):
            if not self._authorised():
                return
            if self.path != "/v1/generate":
                self._send(404, {"error": "no such endpoint: %s" % self.path})
                return
            try:
                length = int(self.headers.get("Content-Length", ""))
            except ValueError:
                self._send(411, {"error": "Content-Length required"})
                return
            if length < 0 or length > MAX_BODY:
                self._send(413, {"error": "body larger than %d bytes" % MAX_BODY})
                return
            body = self.rfile.read(length)
            try:
                requests = parse_generate_body(body)
            except BadRequest as e:
                self._send(400, {"error": str(e)})
                return
            # One model, one GPU: requests run one at a time; concurrency only overlaps I/O.
            with lock:
                outputs = [run_one(generate, r) for r in requests]
            self._send(200, {"outputs": outputs})

    return Handler


# ---------------------------------------------------------------------------------------------------------------
# UVT adapter (docs/serving-uvt.md). Geometry helpers are plain Python so they are tested without torch; the model
# part imports torch, PIL and the UVT/Lumina-mGPT code only when --adapter uvt is selected.
# ---------------------------------------------------------------------------------------------------------------

def crop_size_list(target_size=448, patch=32, max_ratio=4.0):
    """Lumina-mGPT's generate_crop_size_list((target_size // 32) ** 2, 32): (w, h) sizes of about target_size^2."""
    num = (target_size // patch) ** 2
    sizes, wp, hp = [], num, 1
    while wp > 0:
        if max(wp, hp) / min(wp, hp) <= max_ratio:
            sizes.append((wp * patch, hp * patch))
        if (hp + 1) * wp <= num:
            hp += 1
        else:
            wp -= 1
    return sizes


def uvt_geometry(width, height, seed, target_size=448):
    """What var_center_crop does to a width x height image when Python's `random` was seeded with `seed`.

    Returns a dict: crop (w, h) chosen by aspect ratio, the size after the BOX halvings and the BICUBIC resize, and
    the crop box in resized coordinates and in original coordinates (floats). random_top_k = 1, so only the crop
    offset is random; set_seed(seed) seeds `random` first, as the UVT demo does.
    """
    sizes = crop_size_list(target_size)
    rem = [min(cw / width, ch / height) / max(cw / width, ch / height) for cw, ch in sizes]
    # sorted(zip(rem, sizes), reverse=True)[0]: best ratio, ties broken by the larger (w, h)
    crop_w, crop_h = sorted(zip(rem, sizes), reverse=True)[0][1]
    w, h = width, height
    while w >= 2 * crop_w and h >= 2 * crop_h:
        w, h = w // 2, h // 2
    scale = max(crop_w / w, crop_h / h)
    rw, rh = round(w * scale), round(h * scale)
    rng = random.Random(seed)
    left = rng.randint(0, rw - crop_w)
    top = rng.randint(0, rh - crop_h)
    fx, fy = width / rw, height / rh  # resized -> original
    return {
        "crop": (crop_w, crop_h),
        "resized": (rw, rh),
        "box_resized": (left, top, left + crop_w, top + crop_h),
        "box_original": (left * fx, top * fy, (left + crop_w) * fx, (top + crop_h) * fy),
    }


def uvt_generate_factory(model_path, uvt_repo, precision="bf16", target_size=448):
    """Builds generate() around FlexARInferenceSolver with the paper's settings. Imports torch lazily."""
    sys.path.insert(0, uvt_repo)
    import io

    import numpy as np  # noqa: F401  (the UVT code needs it)
    import torch
    from PIL import Image
    from inference_solver import FlexARInferenceSolver

    solver = FlexARInferenceSolver(model_path=model_path, precision=precision, target_size=target_size)

    def set_seed(seed):
        random.seed(seed)
        np.random.seed(seed)
        torch.manual_seed(seed)
        torch.cuda.manual_seed_all(seed)
        torch.backends.cudnn.deterministic = True
        torch.backends.cudnn.benchmark = False

    def generate(png, instruction, seed, params):
        # The UVT demo seeds with the sample index; a harness that sends params.sample_index gets exactly that.
        if "sample_index" in params:
            seed = int(params["sample_index"])
        image = Image.open(io.BytesIO(png)).convert("RGB")
        geometry = uvt_geometry(image.width, image.height, seed, target_size)
        set_seed(seed)  # var_center_crop draws its offset from `random` right after this, as in demo_inference.py
        _, images = solver.generate(
            images=[image],
            qas=[[instruction + " <|image|>", None]],
            max_gen_len=int(params.get("max_gen_len", 4096)),
            temperature=float(params.get("temperature", 1.0)),
            logits_processor=solver.create_logits_processor(cfg=float(params.get("cfg", 1.0)),
                                                            image_top_k=int(params.get("image_top_k", 2048))),
        )
        if not images:
            raise RuntimeError("the model generated no image")
        out = images[0].convert("RGB")
        meta = {"crop": list(geometry["crop"]), "box_original": list(geometry["box_original"]),
                "generated_size": [out.width, out.height]}
        if params.get("geometry", "uncrop") == "uncrop":
            out = uncrop(out, geometry, image.width, image.height)
            meta["geometry"] = "uncrop"
        buf = io.BytesIO()
        out.save(buf, format="PNG")
        return buf.getvalue(), meta

    return generate


def uncrop(out, geometry, width, height):
    """Maps a generated crop back onto the input's frame: resize to the crop box, edge-extend the cropped margin."""
    from PIL import Image

    x0, y0, x1, y1 = geometry["box_original"]
    bw, bh = max(1, round(x1 - x0)), max(1, round(y1 - y0))
    left, top = round(x0), round(y0)
    inner = out.resize((bw, bh), Image.BICUBIC)
    pad = (left, top, max(0, width - left - bw), max(0, height - top - bh))
    if any(pad):
        import numpy as np
        a = np.asarray(inner)
        a = np.pad(a, ((pad[1], pad[3]), (pad[0], pad[2]), (0, 0)), mode="edge")
        inner = Image.fromarray(a[:height, :width])
    return inner


def load_generate(spec):
    module, _, func = spec.partition(":")
    if not func:
        raise SystemExit("--generate must be MODULE:FUNCTION")
    return getattr(importlib.import_module(module), func)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000, help="0 picks a free port (printed on stdout)")
    p.add_argument("--generate", help="MODULE:FUNCTION to serve instead of the identity")
    p.add_argument("--adapter", choices=["identity", "uvt"], default="identity")
    p.add_argument("--model-name", default=None)
    p.add_argument("--model-version", default="1")
    p.add_argument("--uvt-model", help="UVT checkpoint folder (e.g. UVT_7B_448)")
    p.add_argument("--uvt-repo", help="the Explanatory_Instructions_Tuning folder of aassxun/Understanding-Vision-Tasks")
    p.add_argument("--precision", default="bf16", choices=["bf16", "fp16"])
    args = p.parse_args(argv)

    if args.generate:
        generate, name = load_generate(args.generate), args.generate
    elif args.adapter == "uvt":
        if not args.uvt_model or not args.uvt_repo:
            raise SystemExit("--adapter uvt needs --uvt-model and --uvt-repo")
        generate, name = uvt_generate_factory(args.uvt_model, args.uvt_repo, args.precision), "uvt-7b-448"
    else:
        generate, name = identity_generate, "identity"
    token = os.environ.get("EIBENCH_SERVER_TOKEN") or None
    handler = make_handler(generate, args.model_name or name, args.model_version, token, threading.Lock())
    server = ThreadingHTTPServer((args.host, args.port), handler)
    server.daemon_threads = True
    print("listening on http://%s:%d" % (args.host, server.server_address[1]), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
