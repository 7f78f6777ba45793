"""Painter's post-processing of its outputs (baaivision/Painter, our numpy re-implementation, no code copied).

Painter's scripts take the model output `y` (a float32 torch tensor, normalised with the ImageNet statistics), undo
the normalisation with numpy float64 arrays (which makes the tensor float64), scale it, resize it to the ground
truth's size with F.interpolate(mode='bilinear', align_corners=False), and truncate it with .int():

  * eval/nyuv2_depth/painter_inference_depth.py lines 69-74: x 10000, clip to [0, 10000], bilinear, mean over the
    channels, .int() -> uint16 PNG of millimetres;
  * eval/ade20k_semantic/painter_inference_segm.py lines 88-93: x 255, clip to [0, 255], bilinear, .int() -> uint8 PNG;
  * eval/lol/painter_inference_lol.py lines 65-68 and 164-169: bicubic to the ground truth's size, clip to [0, 1], then
    skimage psnr and structural_similarity(multichannel=True) on float64 images in [0, 1].

A model that returns an 8-bit PNG gives Painter's scripts the output g = png / 255 in place of the denormalised y
("the Painter way" for the predictions of an EIBench run).
"""
import numpy as np


def torch_bilinear(src, out_h, out_w):
    """F.interpolate(x, size=(out_h, out_w), mode='bilinear', align_corners=False) on an HWC float64 array, with the
    arithmetic of ATen's generic CPU kernel (UpSampleKernel.cpp: per-axis indices and lambdas from
    area_pixel_compute_source_index; value = (x00 w0 + x01 w1) h0 + (x10 w0 + x11 w1) h1)."""
    src = np.asarray(src, dtype=np.float64)
    h, w = src.shape[:2]

    def axis(n_in, n_out):
        d = np.arange(n_out)
        if n_in == n_out:
            return d, d, np.ones(n_out), np.zeros(n_out)
        scale = n_in / n_out
        s = scale * (d + 0.5) - 0.5
        s = np.where(s < 0, 0.0, s)
        i0 = np.minimum(s.astype(np.int64), n_in - 1)
        i1 = i0 + (i0 < n_in - 1)
        l1 = s - i0
        l0 = 1.0 - l1
        return i0, i1, l0, l1

    y0, y1, h0, h1 = axis(h, out_h)
    x0, x1, w0, w1 = axis(w, out_w)
    extra = (slice(None),) * (src.ndim - 2)
    w0 = w0.reshape((1, -1) + (1,) * (src.ndim - 2))
    w1 = w1.reshape((1, -1) + (1,) * (src.ndim - 2))
    h0 = h0.reshape((-1, 1) + (1,) * (src.ndim - 2))
    h1 = h1.reshape((-1, 1) + (1,) * (src.ndim - 2))
    r0 = src[y0]
    r1 = src[y1]
    t0 = r0[:, x0] * w0 + r0[:, x1] * w1
    t1 = r1[:, x0] * w0 + r1[:, x1] * w1
    return t0 * h0 + t1 * h1


def depth_png_mm(pred_png, gt_h, gt_w):
    """painter_inference_depth.py run_one_image on the output png / 255: the uint16 millimetres it saves."""
    g = pred_png.astype(np.float64) / 255.0
    out = np.clip(g * 10000, 0, 10000)
    out = torch_bilinear(out, gt_h, gt_w)
    out = out.sum(-1) / out.shape[-1]  # torch mean on CPU: sum, then divide
    return out.astype(np.int32).astype(np.uint16)  # .int() truncates; PIL saves mode I as 16-bit


def segm_png(pred_png, gt_h, gt_w):
    """painter_inference_segm.py run_one_image on the output png / 255: the uint8 RGB image it saves."""
    g = pred_png.astype(np.float64) / 255.0
    out = np.clip(g * 255, 0, 255)
    out = torch_bilinear(out, gt_h, gt_w)
    return out.astype(np.int32).astype(np.uint8)


def ade20k_palette():
    """data/ade20k/gen_color_ade20k_sem.py define_colors_per_location_mean_sep: 150 colours, 6 levels per channel."""
    n = int(150 ** (1 / 3)) + 1
    step = 256 // n
    colors = []
    for i in range(150):
        colors.append([255 - (i // (n * n)) * step, 255 - ((i % (n * n)) // n) * step, 255 - (i % n) * step])
    return np.array(colors, dtype=np.float32)


def segm_classes(saved_png, palette):
    """ADE20kSemSegEvaluatorCustom.post_process_segm_output with dist_type 'abs' (its default): the sum of absolute
    differences to every colour in float32, argmin (ties: the first, i.e. lowest, class id)."""
    segm = saved_png.astype(np.float32)
    dist = np.abs(segm[:, :, None, :] - palette[None, None, :, :]).sum(-1)
    return dist.argmin(-1)


def lol_metrics(pred_png, gt_png):
    """painter_inference_lol.py: skimage psnr and structural_similarity(multichannel=True) on [0, 1] floats."""
    from skimage.metrics import peak_signal_noise_ratio, structural_similarity
    restored = np.clip(pred_png.astype(np.float64) / 255.0, 0, 1)
    gt = gt_png.astype(np.float64) / 255.0
    return peak_signal_noise_ratio(restored, gt), structural_similarity(restored, gt, channel_axis=2)
