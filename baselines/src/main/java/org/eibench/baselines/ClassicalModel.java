package org.eibench.baselines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eibench.imaging.ColorConversions;
import org.eibench.imaging.ImageFiles;
import org.eibench.imaging.OpenCvLoader;
import org.eibench.metrics.FloatImage;
import org.eibench.runtime.Capabilities;
import org.eibench.runtime.ModelInfo;
import org.eibench.runtime.ModelRuntime;
import org.eibench.runtime.ModelSpecException;
import org.eibench.runtime.Output;
import org.eibench.runtime.Request;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.photo.Photo;

/**
 * Classical OpenCV methods as models (docs/models.md lists their settings). Each takes its settings from the model
 * spec ({@code nlm,sigma=25}) and, per request, from generation parameters with the same keys, which win; a method
 * that declares a task hint ({@code wiener}: the blur kernel) takes it over both.
 */
final class ClassicalModel implements ModelRuntime {

    /**
     * One classical method: name, the task kinds it serves, its settings, the function, and the task hint it accepts
     * (null for none) with the setting that hint fills.
     */
    record Method(String name, String description, Set<String> kinds, Set<String> keys, Fn fn, String hint, String hintKey) {
        Method(String name, String description, Set<String> kinds, Set<String> keys, Fn fn) {
            this(name, description, kinds, keys, fn, null, null);
        }
    }

    @FunctionalInterface
    interface Fn {
        FloatImage apply(FloatImage input, Settings s) throws IOException;
    }

    static final List<Method> METHODS = List.of(
            new Method("nlm", "non-local means denoising (OpenCV fastNlMeansDenoising[Colored]), h = sigma",
                    Set.of("restoration"), Set.of("sigma", "h_factor"), Classical::nlm),
            new Method("dcp", "dark channel prior dehazing (He et al. 2009) refined with a guided filter",
                    Set.of("restoration"), Set.of("patch", "omega", "t0", "radius", "eps"), Classical::dcp),
            new Method("clahe", "low-light enhancement: adaptive gamma, then CLAHE on Lab lightness",
                    Set.of("restoration"), Set.of("clip", "tiles", "gamma"), Classical::clahe),
            new Method("wiener", "Wiener deconvolution with a known blur kernel (the task's blur_kernel hint, or kernel=CSV file)",
                    Set.of("restoration"), Set.of("kernel", "sigma", "nsr"), Classical::wiener, Capabilities.BLUR_KERNEL, "kernel"),
            new Method("median-derain", "median-filter deraining (removes thin rain streaks)",
                    Set.of("restoration"), Set.of("ksize"), Classical::medianDerain),
            new Method("canny", "Canny edges (thresholds 100/200 as ControlNet's detector), white on black",
                    Set.of("edges"), Set.of("low", "high", "blur"), Classical::canny));

    static Method method(String name) {
        return METHODS.stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
    }

    /** Settings: request params over spec options over defaults. */
    record Settings(Map<String, Object> values, Path dataDir) {
        double number(String key, double fallback) {
            Object v = values.get(key);
            if (v == null) {
                return fallback;
            }
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            try {
                return Double.parseDouble(v.toString());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("setting '" + key + "' must be a number, not '" + v + "'");
            }
        }

        boolean has(String key) {
            return values.containsKey(key);
        }

        Object get(String key) {
            return values.get(key);
        }
    }

    private final Method method;
    private final Map<String, String> options;
    private final Path dataDir;

    ClassicalModel(Method method, Map<String, String> options, Path dataDir) throws ModelSpecException {
        for (String k : options.keySet()) {
            if (!method.keys().contains(k)) {
                throw new ModelSpecException("model '" + method.name() + "' has no option '" + k + "'; it takes "
                        + String.join(", ", new java.util.TreeSet<>(method.keys())));
            }
        }
        this.method = method;
        this.options = Map.copyOf(options);
        this.dataDir = dataDir;
        OpenCvLoader.ensureLoaded();
    }

    @Override
    public ModelInfo info() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("runtime", "baseline");
        details.put("method", method.description());
        details.put("options", new java.util.TreeMap<>(options));
        details.put("opencv", Core.VERSION);
        // Options change results, so they are part of the checksum (and of the run identity).
        return new ModelInfo(method.name(), "builtin:" + method.name() + "@1" + (options.isEmpty() ? "" : ":" + new java.util.TreeMap<>(options)),
                "cpu", details, method.hint() == null ? Capabilities.NONE : Capabilities.withHints(Set.of(method.hint())));
    }

    @Override
    public int maxBatchSize() {
        return 4;
    }

    @Override
    public List<Output> generate(List<Request> batch) {
        List<Output> out = new ArrayList<>(batch.size());
        for (Request r : batch) {
            long t = System.nanoTime();
            Map<String, Object> values = new LinkedHashMap<>(options);
            r.params().forEach((k, v) -> {
                if (method.keys().contains(k)) {
                    values.put(k, v);
                }
            });
            if (method.hint() != null && r.hints().get(method.hint()) != null) {
                values.put(method.hintKey(), r.hints().get(method.hint()));
            }
            try {
                FloatImage res = method.fn().apply(r.image(), new Settings(values, dataDir));
                out.add(new Output.Generated(r.id(), res, Map.of(), System.nanoTime() - t));
            } catch (IOException | RuntimeException e) {
                out.add(new Output.Failed(r.id(), method.name() + ": " + e.getMessage()));
            }
        }
        return out;
    }

    /** The kernels. */
    static final class Classical {

        private Classical() {
        }

        /** 8-bit Mat of the image (values clipped and rounded, as saving it would). */
        static Mat to8u(FloatImage im) {
            Mat f = ImageFiles.toMat(im);
            Mat u = new Mat();
            f.convertTo(u, CvType.makeType(CvType.CV_8U, im.channels()));
            f.release();
            return u;
        }

        static FloatImage from(Mat m) {
            Mat f = new Mat();
            m.convertTo(f, CvType.makeType(CvType.CV_32F, m.channels()));
            FloatImage out = ImageFiles.fromFloatMat(f);
            f.release();
            return out;
        }

        /**
         * Non-local means with h = h_factor * sigma (and hColor the same), templates 7x7, search 21x21 (OpenCV's
         * defaults). sigma comes from the settings, else it is estimated from the image (Immerkaer 1996). h = sigma
         * is the usual pairing for OpenCV's fast variant on 8-bit images (its h is in grey levels).
         */
        static FloatImage nlm(FloatImage im, Settings s) {
            double sigma = s.has("sigma") ? s.number("sigma", 25) : estimateSigma(im);
            float h = (float) (s.number("h_factor", 1.0) * sigma);
            Mat src = to8u(im);
            Mat dst = new Mat();
            if (im.channels() == 1) {
                Photo.fastNlMeansDenoising(src, dst, h, 7, 21);
            } else {
                Photo.fastNlMeansDenoisingColored(src, dst, h, h, 7, 21);
            }
            FloatImage out = from(dst);
            src.release();
            dst.release();
            return out;
        }

        /**
         * Immerkaer's fast noise estimate: sigma = sqrt(pi/2) / (6 (W-2)(H-2)) * sum |I * N|, with N the difference
         * of two Laplacians ([1 -2 1; -2 4 -2; 1 -2 1]), on the luma.
         */
        static double estimateSigma(FloatImage im) {
            FloatImage g = im.channels() == 1 ? im : luma(im);
            int w = g.width();
            int h = g.height();
            if (w < 3 || h < 3) {
                return 0;
            }
            float[] d = g.data();
            double sum = 0;
            for (int y = 1; y < h - 1; y++) {
                for (int x = 1; x < w - 1; x++) {
                    int i = y * w + x;
                    double v = d[i - w - 1] - 2 * d[i - w] + d[i - w + 1]
                            - 2 * d[i - 1] + 4 * d[i] - 2 * d[i + 1]
                            + d[i + w - 1] - 2 * d[i + w] + d[i + w + 1];
                    sum += Math.abs(v);
                }
            }
            return Math.sqrt(Math.PI / 2) * sum / (6.0 * (w - 2) * (h - 2));
        }

        static FloatImage luma(FloatImage im) {
            float[] d = new float[im.pixels()];
            float[] s = im.data();
            for (int i = 0; i < d.length; i++) {
                d[i] = 0.299f * s[3 * i] + 0.587f * s[3 * i + 1] + 0.114f * s[3 * i + 2];
            }
            return new FloatImage(im.width(), im.height(), 1, d);
        }

        /**
         * Dark channel prior (He, Sun, Tang, CVPR 2009 / TPAMI 2011): dark channel = min over a patch (15) of the
         * min over channels; atmospheric light A = the brightest input pixel among the 0.1% haziest dark-channel
         * pixels; t = 1 - omega * dark(I / A) (omega 0.95), refined with the guided filter (He et al. 2010; radius
         * 60, eps 1e-3, gray guide in [0, 1]) instead of soft matting, clamped to t0 = 0.1; J = (I - A) / t + A.
         */
        static FloatImage dcp(FloatImage im, Settings s) {
            int patch = (int) s.number("patch", 15);
            double omega = s.number("omega", 0.95);
            double t0 = s.number("t0", 0.1);
            int radius = (int) s.number("radius", 60);
            double eps = s.number("eps", 1e-3);
            FloatImage rgb = ColorConversions.toRgb(im);
            int w = rgb.width();
            int h = rgb.height();
            int n = w * h;
            float[] px = rgb.data();
            float[] unit = new float[px.length];
            for (int i = 0; i < px.length; i++) {
                unit[i] = Math.max(0f, Math.min(1f, px[i] / 255f));
            }
            float[] dark = darkChannel(unit, w, h, patch, new float[] {1, 1, 1});
            // A: among the top 0.1% dark-channel pixels, the one with the highest intensity (sum of channels).
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Float.compare(dark[b], dark[a]));
            int top = Math.max(1, n / 1000);
            int best = order[0];
            for (int k = 0; k < top; k++) {
                int i = order[k];
                if (unit[3 * i] + unit[3 * i + 1] + unit[3 * i + 2] > unit[3 * best] + unit[3 * best + 1] + unit[3 * best + 2]) {
                    best = i;
                }
            }
            float[] a = {Math.max(1e-3f, unit[3 * best]), Math.max(1e-3f, unit[3 * best + 1]), Math.max(1e-3f, unit[3 * best + 2])};
            float[] darkNorm = darkChannel(unit, w, h, patch, a);
            float[] t = new float[n];
            for (int i = 0; i < n; i++) {
                t[i] = (float) (1 - omega * darkNorm[i]);
            }
            float[] guide = new float[n];
            for (int i = 0; i < n; i++) {
                guide[i] = 0.299f * unit[3 * i] + 0.587f * unit[3 * i + 1] + 0.114f * unit[3 * i + 2];
            }
            float[] tr = guidedFilter(guide, t, w, h, radius, eps);
            float[] out = new float[px.length];
            for (int i = 0; i < n; i++) {
                float ti = (float) Math.max(t0, tr[i]);
                for (int c = 0; c < 3; c++) {
                    float j = (unit[3 * i + c] - a[c]) / ti + a[c];
                    out[3 * i + c] = Math.max(0f, Math.min(1f, j)) * 255f;
                }
            }
            FloatImage res = new FloatImage(w, h, 3, out);
            return im.channels() == 3 ? res : luma(res);
        }

        /** min over channels of I/A, then a patch x patch minimum filter (erosion with a square). */
        static float[] darkChannel(float[] unit, int w, int h, int patch, float[] a) {
            float[] m = new float[w * h];
            for (int i = 0; i < m.length; i++) {
                m[i] = Math.min(unit[3 * i] / a[0], Math.min(unit[3 * i + 1] / a[1], unit[3 * i + 2] / a[2]));
            }
            Mat src = new Mat(h, w, CvType.CV_32F);
            src.put(0, 0, m);
            Mat dst = new Mat();
            Imgproc.erode(src, dst, Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(patch, patch)));
            dst.get(0, 0, m);
            src.release();
            dst.release();
            return m;
        }

        /** The guided filter (He, Sun, Tang, ECCV 2010), gray guide, box means via OpenCV's normalised boxFilter. */
        static float[] guidedFilter(float[] guide, float[] p, int w, int h, int r, double eps) {
            Mat i = mat(guide, w, h);
            Mat pm = mat(p, w, h);
            Size k = new Size(2 * r + 1, 2 * r + 1);
            Mat meanI = box(i, k);
            Mat meanP = box(pm, k);
            Mat ip = new Mat();
            Core.multiply(i, pm, ip);
            Mat corrIp = box(ip, k);
            Mat ii = new Mat();
            Core.multiply(i, i, ii);
            Mat corrI = box(ii, k);
            Mat covIp = new Mat();
            Mat tmp = new Mat();
            Core.multiply(meanI, meanP, tmp);
            Core.subtract(corrIp, tmp, covIp);
            Mat varI = new Mat();
            Core.multiply(meanI, meanI, tmp);
            Core.subtract(corrI, tmp, varI);
            Mat aM = new Mat();
            Core.add(varI, new org.opencv.core.Scalar(eps), tmp);
            Core.divide(covIp, tmp, aM);
            Mat bM = new Mat();
            Core.multiply(aM, meanI, tmp);
            Core.subtract(meanP, tmp, bM);
            Mat meanA = box(aM, k);
            Mat meanB = box(bM, k);
            Mat q = new Mat();
            Core.multiply(meanA, i, tmp);
            Core.add(tmp, meanB, q);
            float[] out = new float[w * h];
            q.get(0, 0, out);
            for (Mat m : List.of(i, pm, meanI, meanP, ip, corrIp, ii, corrI, covIp, tmp, varI, aM, bM, meanA, meanB, q)) {
                m.release();
            }
            return out;
        }

        private static Mat mat(float[] d, int w, int h) {
            Mat m = new Mat(h, w, CvType.CV_32F);
            m.put(0, 0, d);
            return m;
        }

        private static Mat box(Mat m, Size k) {
            Mat o = new Mat();
            Imgproc.boxFilter(m, o, CvType.CV_32F, k, new org.opencv.core.Point(-1, -1), true, Core.BORDER_REFLECT);
            return o;
        }

        /**
         * Low light: gamma so that the mean lightness moves to mid grey (gamma = log(0.5) / log(mean), clamped to
         * [0.2, 1]; or the given gamma), then CLAHE (clip 2.0, 8x8 tiles) on the L channel of Lab.
         */
        static FloatImage clahe(FloatImage im, Settings s) {
            Mat src = to8u(im);
            Mat f = new Mat();
            src.convertTo(f, CvType.CV_32F, 1 / 255.0);
            double mean = Core.mean(f).val[0];
            if (im.channels() == 3) {
                Scalar3 m = new Scalar3(Core.mean(f).val);
                mean = (m.a + m.b + m.c) / 3;
            }
            double gamma = s.has("gamma") ? s.number("gamma", 1)
                    : Math.max(0.2, Math.min(1.0, Math.log(0.5) / Math.log(Math.max(1e-3, Math.min(0.999, mean)))));
            Mat lut = new Mat(1, 256, CvType.CV_8U);
            byte[] table = new byte[256];
            for (int v = 0; v < 256; v++) {
                table[v] = (byte) Math.round(255 * Math.pow(v / 255.0, gamma));
            }
            lut.put(0, 0, table);
            Mat g = new Mat();
            Core.LUT(src, lut, g);
            org.opencv.imgproc.CLAHE clahe = Imgproc.createCLAHE(s.number("clip", 2.0),
                    new Size(s.number("tiles", 8), s.number("tiles", 8)));
            Mat out = new Mat();
            if (im.channels() == 1) {
                clahe.apply(g, out);
            } else {
                Mat lab = new Mat();
                Imgproc.cvtColor(g, lab, Imgproc.COLOR_RGB2Lab);
                List<Mat> ch = new ArrayList<>();
                Core.split(lab, ch);
                Mat l = new Mat();
                clahe.apply(ch.get(0), l);
                ch.set(0, l);
                Core.merge(ch, lab);
                Imgproc.cvtColor(lab, out, Imgproc.COLOR_Lab2RGB);
                lab.release();
            }
            FloatImage res = from(out);
            for (Mat m : List.of(src, f, lut, g, out)) {
                m.release();
            }
            return res;
        }

        private record Scalar3(double a, double b, double c) {
            Scalar3(double[] v) {
                this(v[0], v[1], v[2]);
            }
        }

        /**
         * Wiener deconvolution in the frequency domain: X = conj(K) Y / (|K|^2 + NSR), K the kernel's transfer function
         * (psf2otf: zero-padded and circularly shifted so its centre is at the origin). The image is reflect-padded
         * by the kernel size first to tame wrap-around ringing, then cropped. NSR = nsr, else
         * 0.01 * max(1, sigma / 2.55)^2 with sigma the noise level in grey levels. The kernel is a CSV file
         * (rows of numbers, MATLAB orientation, normalised to sum 1) or a nested list in the request params.
         */
        static FloatImage wiener(FloatImage im, Settings s) throws IOException {
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

        /** Per-channel median filter (ksize 5 by default, odd): thin rain streaks are outliers in a 5x5 window. */
        static FloatImage medianDerain(FloatImage im, Settings s) {
            int k = (int) s.number("ksize", 5);
            if (k < 3 || k % 2 == 0) {
                throw new IllegalArgumentException("ksize must be odd and at least 3");
            }
            Mat src = to8u(im);
            Mat dst = new Mat();
            Imgproc.medianBlur(src, dst, k);
            FloatImage out = from(dst);
            src.release();
            dst.release();
            return out;
        }

        /**
         * Canny on the 8-bit image (OpenCV uses the strongest channel's gradient for colour input, as ControlNet's
         * CannyDetector calls it), thresholds 100/200, optional Gaussian blur first; one channel, 0 or 255.
         */
        static FloatImage canny(FloatImage im, Settings s) {
            Mat src = to8u(im);
            int blur = (int) s.number("blur", 0);
            if (blur > 0) {
                Imgproc.GaussianBlur(src, src, new Size(blur | 1, blur | 1), 0);
            }
            Mat dst = new Mat();
            Imgproc.Canny(src, dst, s.number("low", 100), s.number("high", 200));
            FloatImage out = from(dst);
            src.release();
            dst.release();
            return out;
        }
    }
}
