package org.eibench.baselines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eibench.metrics.FloatImage;
import org.eibench.runtime.Capabilities;
import org.eibench.imaging.ImageFiles;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/** Non-blind deblurring: Wiener deconvolution with the task's blur kernel hint or a kernel file. */
final class WienerDeconvolution extends ClassicalMethod {

    WienerDeconvolution() {
        super("wiener", "Wiener deconvolution with a known blur kernel (the task's blur_kernel hint, or kernel=CSV file)",
                Set.of("restoration"), Set.of("kernel", "sigma", "nsr"), Capabilities.BLUR_KERNEL, "kernel");
    }

    /**
     * Wiener deconvolution in the frequency domain: X = conj(K) Y / (|K|^2 + NSR), K the kernel's transfer function
     * (psf2otf: zero-padded and circularly shifted so its centre is at the origin). The image is reflect-padded
     * by the kernel size first to tame wrap-around ringing, then cropped. NSR = nsr, else
     * 0.01 * max(1, sigma / 2.55)^2 with sigma the noise level in grey levels. The kernel is a CSV file
     * (rows of numbers, MATLAB orientation, normalised to sum 1) or a nested list in the request params.
     */
    @Override
    FloatImage apply(FloatImage im, Settings s) throws IOException {
        float[][] k = kernel(s);
        int kh = k.length;
        int kw = k[0].length;
        int pad = Math.max(kh, kw);
        Mat src = ImageFiles.toMat(im);
        Mat padded = new Mat();
        Core.copyMakeBorder(src, padded, pad, pad, pad, pad, Core.BORDER_REFLECT_101);
        int w = padded.cols();
        int h = padded.rows();
        Mat otf = otf(k, w, h);
        List<Mat> ch = new ArrayList<>();
        Core.split(padded, ch);
        List<Mat> outCh = new ArrayList<>();
        for (Mat c : ch) {
            Mat c01 = new Mat();
            c.convertTo(c01, CvType.CV_32F, 1 / 255.0);
            // A flat-spectrum NSR (sigma^2 / var(I)) is far too optimistic for natural images (their power falls
            // off with frequency) and amplifies noise; 0.01 at sigma <= 2.55 (1%), growing with the noise
            // variance, restored Levin kernel 1 + sigma 1 noise by +5 dB where sigma^2/var lost 4 dB.
            double nsr = s.has("nsr") ? s.number("nsr", 0.01)
                    : 0.01 * Math.pow(Math.max(1.0, s.number("sigma", 2.55) / 2.55), 2);
            Mat spec = new Mat();
            Core.dft(c01, spec, Core.DFT_COMPLEX_OUTPUT);
            Mat num = new Mat();
            Core.mulSpectrums(spec, otf, num, 0, true); // Y * conj(K)
            List<Mat> ri = new ArrayList<>();
            Core.split(otf, ri);
            Mat mag = new Mat();
            Mat t = new Mat();
            Core.multiply(ri.get(0), ri.get(0), mag);
            Core.multiply(ri.get(1), ri.get(1), t);
            Core.add(mag, t, mag);
            Core.add(mag, new org.opencv.core.Scalar(nsr), mag);
            List<Mat> nr = new ArrayList<>();
            Core.split(num, nr);
            Core.divide(nr.get(0), mag, nr.get(0));
            Core.divide(nr.get(1), mag, nr.get(1));
            Core.merge(nr, num);
            Mat back = new Mat();
            Core.idft(num, back, Core.DFT_REAL_OUTPUT | Core.DFT_SCALE);
            Mat scaled = new Mat();
            back.convertTo(scaled, CvType.CV_32F, 255.0);
            outCh.add(scaled);
        }
        Mat merged = new Mat();
        Core.merge(outCh, merged);
        Mat crop = merged.submat(pad, pad + im.height(), pad, pad + im.width()).clone();
        return ImageFiles.fromFloatMat(crop);
    }

    /** psf2otf: the kernel zero-padded to w x h with its centre moved to (0, 0), as a complex spectrum. */
    static Mat otf(float[][] k, int w, int h) {
        int kh = k.length;
        int kw = k[0].length;
        Mat big = Mat.zeros(h, w, CvType.CV_32F);
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                int yy = Math.floorMod(y - kh / 2, h);
                int xx = Math.floorMod(x - kw / 2, w);
                big.put(yy, xx, k[y][x]);
            }
        }
        Mat spec = new Mat();
        Core.dft(big, spec, Core.DFT_COMPLEX_OUTPUT);
        big.release();
        return spec;
    }

    static float[][] kernel(Settings s) throws IOException {
        Object v = s.get("kernel");
        if (v == null) {
            throw new IllegalArgumentException("needs the blur kernel: the task's blur_kernel hint (deblurring tasks "
                    + "give it), kernel=FILE.csv in the model spec, or a 'kernel' generation parameter; see docs/models.md");
        }
        List<List<Double>> rows = new ArrayList<>();
        if (v instanceof List<?> list) {
            for (Object row : list) {
                List<Double> r = new ArrayList<>();
                for (Object x : (List<?>) row) {
                    r.add(((Number) x).doubleValue());
                }
                rows.add(r);
            }
        } else {
            Path p = Path.of(v.toString().replace("${EIBENCH_DATA}", s.dataDir() == null ? "." : s.dataDir().toString()));
            for (String line : Files.readAllLines(p)) {
                if (line.isBlank()) {
                    continue;
                }
                List<Double> r = new ArrayList<>();
                for (String x : line.split("[,\\s]+")) {
                    if (!x.isBlank()) {
                        r.add(Double.parseDouble(x.strip()));
                    }
                }
                rows.add(r);
            }
        }
        if (rows.isEmpty() || rows.stream().anyMatch(r -> r.size() != rows.get(0).size() || r.isEmpty())) {
            throw new IllegalArgumentException("the kernel must be a non-empty rectangle of numbers");
        }
        double sum = rows.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).sum();
        if (Math.abs(sum) < 1e-9) {
            throw new IllegalArgumentException("the kernel sums to 0");
        }
        float[][] k = new float[rows.size()][rows.get(0).size()];
        for (int y = 0; y < k.length; y++) {
            for (int x = 0; x < k[0].length; x++) {
                k[y][x] = (float) (rows.get(y).get(x) / sum);
            }
        }
        return k;
    }
}
