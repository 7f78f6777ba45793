package org.eibench.tasks.decode;

/**
 * {@code torch.nn.functional.interpolate(x, size=(H, W), mode='bilinear', align_corners=False)} on float64 planes, as
 * Painter's evaluation scripts resize their outputs to the ground truth (eval/nyuv2_depth/painter_inference_depth.py
 * line 71, eval/ade20k_semantic/painter_inference_segm.py line 90; their tensors are float64 there, because the
 * float32 output is multiplied by numpy's float64 ImageNet statistics first).
 *
 * <p>The arithmetic is that of ATen's generic CPU kernel (aten/src/ATen/native/cpu/UpSampleKernel.cpp:
 * {@code HelperInterpLinear::compute_indices_weights} and {@code Interpolate}), in double: per axis, scale = in / out,
 * src = max(scale (dst + 0.5) - 0.5, 0), i0 = floor(src), i1 = i0 + 1 unless i0 is the last index, l1 = src - i0,
 * l0 = 1 - l1 (an axis whose size does not change is copied); a value is (x[i0][j0] w0 + x[i0][j1] w1) h0 +
 * (x[i1][j0] w0 + x[i1][j1] w1) h1, the inner sums along the width. Torch itself rounds the last bit differently
 * depending on the path it takes: Painter's tensor is a permuted NHWC view, which is channels-last, and PyTorch 1.13
 * (Debian's python3-torch, one thread) resizes it with its channels-last kernel (x00 w00 + x01 w01 + x10 w10 +
 * x11 w11, possibly contracted to fused multiply-adds). Measured on 448x448 three-channel 8-bit outputs resized to
 * 480x640 and truncated to millimetres as Painter does: torch's channels-last and contiguous kernels disagree on
 * ~0.6% of the pixels by 1 mm; this formula (that of the contiguous kernel) differs from torch 1.13's channels-last
 * result on 0.22% of the pixels of PaperProtocolGoldenTest's fixture, by 1 mm, which moves RMSE by 5e-7 relative;
 * the ADE20K class maps are identical. No choice of formula is exact for every PyTorch build.
 */
final class TorchBilinear {

    private TorchBilinear() {
    }

    /** Indices and weights of one axis. */
    private record Axis(int[] i0, int[] i1, double[] l0, double[] l1) {

        static Axis of(int in, int out) {
            int[] i0 = new int[out];
            int[] i1 = new int[out];
            double[] l0 = new double[out];
            double[] l1 = new double[out];
            if (in == out) {
                for (int d = 0; d < out; d++) {
                    i0[d] = d;
                    i1[d] = d;
                    l0[d] = 1;
                }
                return new Axis(i0, i1, l0, l1);
            }
            double scale = (double) in / out;
            for (int d = 0; d < out; d++) {
                double src = scale * (d + 0.5) - 0.5;
                if (src < 0) {
                    src = 0;
                }
                int lo = Math.min((int) src, in - 1);
                i0[d] = lo;
                i1[d] = lo + (lo < in - 1 ? 1 : 0);
                l1[d] = src - lo;
                l0[d] = 1.0 - l1[d];
            }
            return new Axis(i0, i1, l0, l1);
        }
    }

    /**
     * Resizes an interleaved (HWC) image of {@code c} channels.
     *
     * @return the resized image, interleaved, {@code outW * outH * c} values
     */
    static double[] resize(double[] src, int w, int h, int c, int outW, int outH) {
        Axis ax = Axis.of(w, outW);
        Axis ay = Axis.of(h, outH);
        double[] out = new double[outW * outH * c];
        for (int y = 0; y < outH; y++) {
            int r0 = ay.i0[y] * w;
            int r1 = ay.i1[y] * w;
            double h0 = ay.l0[y];
            double h1 = ay.l1[y];
            for (int x = 0; x < outW; x++) {
                int j0 = ax.i0[x];
                int j1 = ax.i1[x];
                double w0 = ax.l0[x];
                double w1 = ax.l1[x];
                int o = (y * outW + x) * c;
                for (int k = 0; k < c; k++) {
                    double t0 = src[(r0 + j0) * c + k] * w0 + src[(r0 + j1) * c + k] * w1;
                    double t1 = src[(r1 + j0) * c + k] * w0 + src[(r1 + j1) * c + k] * w1;
                    out[o + k] = t0 * h0 + t1 * h1;
                }
            }
        }
        return out;
    }
}
