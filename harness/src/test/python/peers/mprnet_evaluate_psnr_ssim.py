"""MPRNet Deraining/evaluate_PSNR_SSIM.m (swz30/MPRNet 43feb2a; Painter's eval/derain/evaluate_PSNR_SSIM.m is a copy), our
numpy re-implementation of its compute_ssim and compute_psnr (lines 56-85) and SSIM_index (from line 87):
  * Y of MATLAB rgb2ycbcr on uint8 input: imlincomb(T(1,1), R, T(1,2), G, T(1,3), B, 16) with T = origT / 255, i.e.
    T11 R + T12 G + T13 B + 16 in double, rounded half away from zero to uint8;
  * PSNR = 20 log10(255 / rmse) of the Y planes (no cap: identical images give Inf);
  * SSIM_index: fspecial('gaussian', 11, 1.5) normalised, filter2(window, img, 'valid') on double Y, K = (0.01,
    0.03), L = 255, mean2 of the map."""
import numpy as np

T = np.array([65.481, 128.553, 24.966]) / 255.0


def y_uint8(rgb):
    rgb = rgb.astype(np.float64)
    y = T[0] * rgb[..., 0] + T[1] * rgb[..., 1] + T[2] * rgb[..., 2] + 16.0
    return np.clip(np.floor(y + 0.5), 0, 255)


def psnr(pred, gt):
    d = y_uint8(pred) - y_uint8(gt)
    rmse = np.sqrt(np.mean(d.reshape(-1) ** 2))
    with np.errstate(divide="ignore"):
        return float(20 * np.log10(255.0 / rmse))


def _gaussian_window():
    x = np.arange(-5, 6, dtype=np.float64)
    g = np.exp(-(x[:, None] ** 2 + x[None, :] ** 2) / (2 * 1.5 ** 2))
    return g / g.sum()


def _filter2_valid(win, img):
    k = win.shape[0]
    h, w = img.shape
    out = np.zeros((h - k + 1, w - k + 1))
    for dy in range(k):
        for dx in range(k):
            out += win[dy, dx] * img[dy:dy + h - k + 1, dx:dx + w - k + 1]
    return out


def ssim(pred, gt):
    a = y_uint8(pred)
    b = y_uint8(gt)
    win = _gaussian_window()
    c1 = (0.01 * 255) ** 2
    c2 = (0.03 * 255) ** 2
    mu1 = _filter2_valid(win, a)
    mu2 = _filter2_valid(win, b)
    s1 = _filter2_valid(win, a * a) - mu1 * mu1
    s2 = _filter2_valid(win, b * b) - mu2 * mu2
    s12 = _filter2_valid(win, a * b) - mu1 * mu2
    m = ((2 * mu1 * mu2 + c1) * (2 * s12 + c2)) / ((mu1 * mu1 + mu2 * mu2 + c1) * (s1 + s2 + c2))
    return float(m.mean())
