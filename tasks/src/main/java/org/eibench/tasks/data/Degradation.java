package org.eibench.tasks.data;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.eibench.imaging.MatlabResize;
import org.eibench.metrics.FloatImage;
import org.eibench.tasks.spec.Options;

/**
 * A seeded synthetic degradation that makes a task's input from its clean target. The random stream of a sample
 * depends only on the task seed and the sample id, never on order, sharding or threads.
 */
public sealed interface Degradation permits Degradation.GaussianNoise, Degradation.Jpeg, Degradation.Blur,
        Degradation.BicubicDown, Degradation.Haze, Degradation.LowLight, Degradation.Rain, CannyCondition,
        Degradation.Masking {

    /**
     * A degradation that hides a region the model must generate (inpainting, outpainting): the input is the clean
     * image with the mask's region filled by a flat colour, and the mask goes with the ground truth.
     */
    sealed interface Masking extends Degradation permits InpaintMask, OutpaintCrop {

        /** One channel, 1 = region to generate, 0 = kept; a function of the image size and the sample id only. */
        FloatImage mask(FloatImage clean, String sampleId);

        /** The flat colour, one value per channel of the image (one value for gray images). */
        float[] fill();

        /** The clean image with the mask's region filled. */
        default FloatImage fill(FloatImage clean, FloatImage mask) {
            int c = clean.channels();
            float[] out = clean.data().clone();
            float[] m = mask.data();
            float[] colour = fill();
            for (int i = 0; i < m.length; i++) {
                if (m[i] > 0.5f) {
                    for (int k = 0; k < c; k++) {
                        out[i * c + k] = colour[Math.min(k, colour.length - 1)];
                    }
                }
            }
            return new FloatImage(clean.width(), clean.height(), c, out);
        }

        @Override
        default FloatImage apply(FloatImage clean, String sampleId) {
            return fill(clean, mask(clean, sampleId));
        }
    }

    FloatImage apply(FloatImage clean, String sampleId);

    /** With the sample's metric depth map (metres, 0 = invalid), for degradations that need one (haze). */
    default FloatImage apply(FloatImage clean, String sampleId, FloatImage depth) {
        return apply(clean, sampleId);
    }

    /** Whether {@link #apply(FloatImage, String, FloatImage)} needs a depth map. */
    default boolean needsDepth() {
        return false;
    }

    Map<String, Object> options();

    /**
     * Additive white Gaussian noise of standard deviation {@code sigma} on the 0..255 scale. As in DnCNN's test code
     * (Demo_test_DnCNN.m: {@code y = x + sigma/255*randn(size(x))}, no clipping) the noisy input stays floating point
     * and unclipped unless {@code clip} is set. Normal deviates come from Box-Muller over SplittableRandom, our own
     * fixed algorithm, so values do not change with the JDK.
     */
    record GaussianNoise(double sigma, long seed, boolean clip) implements Degradation {

        @Override
        public FloatImage apply(FloatImage clean, String sampleId) {
            SplittableRandom r = new SplittableRandom(sampleSeed(seed, sampleId));
            float[] in = clean.data();
            float[] out = new float[in.length];
            for (int i = 0; i < in.length; i += 2) {
                double u1 = 1.0 - r.nextDouble(); // (0, 1]
                double u2 = r.nextDouble();
                double radius = Math.sqrt(-2.0 * Math.log(u1));
                out[i] = noisy(in[i], sigma * radius * Math.cos(2 * Math.PI * u2));
                if (i + 1 < in.length) {
                    out[i + 1] = noisy(in[i + 1], sigma * radius * Math.sin(2 * Math.PI * u2));
                }
            }
            return new FloatImage(clean.width(), clean.height(), clean.channels(), out);
        }

        private float noisy(float v, double n) {
            double x = v + n;
            return (float) (clip ? Math.min(255, Math.max(0, x)) : x);
        }

        @Override
        public Map<String, Object> options() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "gaussian-noise");
            m.put("sigma", sigma);
            m.put("seed", seed);
            m.put("clip", clip);
            return m;
        }
    }

    /**
     * JPEG compression at {@code quality} with OpenCV's encoder (libjpeg(-turbo), 4:2:0 chroma subsampling for colour,
     * standard IJG quantisation tables scaled by quality), then decoded again: the protocol of ARCNN/DnCNN-3/FBCNN
     * test sets (they use MATLAB's imwrite or PIL, whose libjpeg tables are the same; the bits may still differ slightly
     * between encoders). Gray images stay one channel.
     */
    record Jpeg(int quality) implements Degradation {

        @Override
        public FloatImage apply(FloatImage clean, String sampleId) {
            org.eibench.imaging.OpenCvLoader.ensureLoaded();
            org.opencv.core.Mat f = org.eibench.imaging.ImageFiles.toMat(clean.quantized8());
            org.opencv.core.Mat u8 = new org.opencv.core.Mat();
            f.convertTo(u8, org.opencv.core.CvType.makeType(org.opencv.core.CvType.CV_8U, clean.channels()));
            org.opencv.core.Mat bgr = new org.opencv.core.Mat();
            if (clean.channels() == 3) {
                org.opencv.imgproc.Imgproc.cvtColor(u8, bgr, org.opencv.imgproc.Imgproc.COLOR_RGB2BGR);
            } else {
                u8.copyTo(bgr);
            }
            org.opencv.core.MatOfByte buf = new org.opencv.core.MatOfByte();
            org.opencv.imgcodecs.Imgcodecs.imencode(".jpg", bgr, buf,
                    new org.opencv.core.MatOfInt(org.opencv.imgcodecs.Imgcodecs.IMWRITE_JPEG_QUALITY, quality));
            byte[] bytes = buf.toArray();
            f.release();
            u8.release();
            bgr.release();
            buf.release();
            try {
                FloatImage out = org.eibench.imaging.ImageFiles.decode(bytes, sampleId + ".jpg").image();
                return out;
            } catch (java.io.IOException e) {
                throw new IllegalStateException("JPEG round trip failed: " + e.getMessage(), e);
            }
        }

        @Override
        public Map<String, Object> options() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "jpeg");
            m.put("quality", quality);
            m.put("encoder", "opencv-imencode");
            return m;
        }
    }

    /**
     * Non-blind deblurring input as DPIR makes it (main_dpir_deblur.py): {@code ndimage.convolve(x, k, mode='wrap')}
     * (a true, circular convolution with the kernel as stored, MATLAB orientation) on [0, 1] images, plus Gaussian
     * noise of standard deviation {@code sigma}/255, not clipped; then kept in floating point like the DnCNN noise
     * protocol. Kernels are the CSV files of DPIR/Levin09 in the bundled data.
     */
    record Blur(String kernelName, int size, float[] kernel, double sigma, long seed) implements Degradation {

        static Blur of(java.nio.file.Path file, double sigma, long seed) throws java.io.IOException {
            if (!java.nio.file.Files.isRegularFile(file)) {
                throw new java.io.IOException("kernel file " + file + " not found");
            }
            List<String> lines = java.nio.file.Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
            int n = lines.size();
            float[] k = new float[n * n];
            for (int y = 0; y < n; y++) {
                String[] cells = lines.get(y).split(",");
                if (cells.length != n) {
                    throw new java.io.IOException(file + ": row " + (y + 1) + " has " + cells.length + " values, expected " + n + " (a square kernel)");
                }
                for (int x = 0; x < n; x++) {
                    k[y * n + x] = Float.parseFloat(cells[x].strip());
                }
            }
            return new Blur(file.getFileName().toString(), n, k, sigma, seed);
        }

        /**
         * The kernel as stored, as rows of numbers (MATLAB orientation): what a non-blind method (the {@code wiener}
         * baseline's {@code kernel} parameter) needs to invert this blur.
         */
        public List<List<Double>> kernelRows() {
            List<List<Double>> rows = new java.util.ArrayList<>(size);
            for (int y = 0; y < size; y++) {
                List<Double> row = new java.util.ArrayList<>(size);
                for (int x = 0; x < size; x++) {
                    row.add((double) kernel[y * size + x]);
                }
                rows.add(List.copyOf(row));
            }
            return List.copyOf(rows);
        }

        @Override
        public FloatImage apply(FloatImage clean, String sampleId) {
            int w = clean.width(), h = clean.height(), c = clean.channels(), n = size, half = n / 2;
            float[] in = clean.data();
            float[] out = new float[in.length];
            SplittableRandom r = new SplittableRandom(sampleSeed(seed, sampleId));
            // Circular convolution, one output row at a time: each non-zero tap adds its weight times the source row,
            // shifted (and wrapped at the ends), to a row of double accumulators. Every output value still receives
            // the taps in row-major kernel order as float products added to a double, so it is bit-identical to the
            // plain four-loop form with Math.floorMod per tap (kept in DegradationTest as the reference), while the
            // inner loop runs over contiguous memory.
            int taps = 0;
            for (float kv : kernel) {
                if (kv != 0) {
                    taps++;
                }
            }
            float[] weight = new float[taps];
            int[] tapRow = new int[taps];
            int[] tapShift = new int[taps]; // source column = output column + shift (mod w)
            for (int i = 0, t = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (kernel[i * n + j] != 0) {
                        weight[t] = kernel[i * n + j];
                        tapRow[t] = i;
                        tapShift[t++] = half - j;
                    }
                }
            }
            int stride = w * c;
            double[] acc = new double[stride];
            for (int y = 0; y < h; y++) {
                java.util.Arrays.fill(acc, 0);
                for (int t = 0; t < taps; t++) {
                    float kv = weight[t];
                    int src = Math.floorMod(y + half - tapRow[t], h) * stride;
                    int shift = Math.floorMod(tapShift[t], w); // in [0, w): columns x < w - shift read x + shift
                    int split = (w - shift) * c;
                    int a = src + shift * c;
                    for (int k = 0; k < split; k++) {
                        acc[k] += kv * in[a + k];
                    }
                    int b = src - split; // the rest wraps to the row's start: column x + shift - w
                    for (int k = split; k < stride; k++) {
                        acc[k] += kv * in[b + k];
                    }
                }
                for (int k = 0; k < stride; k++) {
                    out[y * stride + k] = (float) acc[k];
                }
            }
            if (sigma > 0) {
                for (int i = 0; i < out.length; i++) {
                    out[i] += (float) (sigma * normal(r));
                }
            }
            return new FloatImage(w, h, c, out);
        }

        @Override
        public Map<String, Object> options() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "blur");
            m.put("kernel", kernelName);
            m.put("sigma", sigma);
            m.put("seed", seed);
            return m;
        }
    }

    /**
     * Downscaling by an integer factor as MATLAB's {@code imresize(x, 1/scale, 'bicubic')} does it (with its default
     * antialiasing: the cubic kernel, a = -0.5, is stretched by the scale; symmetric boundary), on 8-bit images as
     * imresize on uint8 does it: rows first, rounded to uint8 after each pass. This is how the SR benchmarks' LR images were made (and how Set5's LR_bicubic
     * files here were made).
     */
    record BicubicDown(int scale) implements Degradation {

        @Override
        public FloatImage apply(FloatImage clean, String sampleId) {
            return MatlabResize.downscale8(clean, scale);
        }

        @Override
        public Map<String, Object> options() {
            return Map.of("type", "bicubic-down", "scale", scale, "method", "matlab-imresize-antialias");
        }
    }

    /**
     * Haze by the atmospheric scattering model, as RESIDE/SOTS was synthesised from depth: I = J t + A (1 - t),
     * t = exp(-beta d), with J the clean image in [0, 1], d the metric depth in metres and A the airlight. Pixels
     * without depth (0) take the largest valid depth of the frame (they are usually far or unmeasured). Rounded to
     * 8 bits, as SOTS images are stored.
     */
    record Haze(double beta, double airlight) implements Degradation {

        @Override
        public FloatImage apply(FloatImage clean, String sampleId) {
            throw new IllegalStateException("haze needs the sample's depth map (layout depth-png with target: rgb, or a manifest 'depth')");
        }

        @Override
        public boolean needsDepth() {
            return true;
        }

        @Override
        public FloatImage apply(FloatImage clean, String sampleId, FloatImage depth) {
            if (depth == null) {
                return apply(clean, sampleId);
            }
            if (depth.width() != clean.width() || depth.height() != clean.height()) {
                throw new IllegalArgumentException("depth " + depth.shape() + " and image " + clean.shape() + " differ in size");
            }
            float maxD = 0;
            for (float v : depth.data()) {
                maxD = Math.max(maxD, v);
            }
            int c = clean.channels();
            float[] in = clean.data();
            float[] out = new float[in.length];
            for (int p = 0; p < clean.pixels(); p++) {
                float d = depth.data()[p] > 0 ? depth.data()[p] : maxD;
                double t = Math.exp(-beta * d);
                for (int ch = 0; ch < c; ch++) {
                    out[p * c + ch] = (float) (255 * (in[p * c + ch] / 255.0 * t + airlight * (1 - t)));
                }
            }
            return round8(out, clean);
        }

        @Override
        public Map<String, Object> options() {
            return Map.of("type", "haze", "beta", beta, "airlight", airlight);
        }
    }

    /**
     * Low light: y = scale x^gamma on [0, 1] (the darkening of the LOL-style synthetic protocols, e.g. Lv et al.
     * 2021), then Poisson-Gaussian sensor noise (Foi et al. 2008): Poisson(peak y) / peak + N(0, read_sigma^2);
     * rounded to 8 bits. Poisson deviates: Knuth's product method below 30, the normal approximation with continuity
     * rounding above (our own fixed algorithm over SplittableRandom).
     */
    record LowLight(double gamma, double scale, double peak, double readSigma, long seed) implements Degradation {

        @Override
        public FloatImage apply(FloatImage clean, String sampleId) {
            SplittableRandom r = new SplittableRandom(sampleSeed(seed, sampleId));
            float[] in = clean.data();
            float[] out = new float[in.length];
            for (int i = 0; i < in.length; i++) {
                double y = scale * Math.pow(Math.max(0, in[i] / 255.0), gamma);
                double v = poisson(r, peak * y) / peak + readSigma * normal(r);
                out[i] = (float) (255 * v);
            }
            return round8(out, clean);
        }

        static double poisson(SplittableRandom r, double lambda) {
            if (lambda <= 0) {
                return 0;
            }
            if (lambda < 30) {
                double l = Math.exp(-lambda);
                int k = 0;
                double p = 1;
                do {
                    k++;
                    p *= r.nextDouble();
                } while (p > l);
                return k - 1;
            }
            return Math.max(0, Math.rint(lambda + Math.sqrt(lambda) * normal(r)));
        }

        @Override
        public Map<String, Object> options() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "low-light");
            m.put("gamma", gamma);
            m.put("scale", scale);
            m.put("peak", peak);
            m.put("read_sigma", readSigma);
            m.put("seed", seed);
            return m;
        }
    }

    /**
     * Rain streaks, after the usual Photoshop recipe that Rain100L-style data follow (Yang et al. 2017; Fu et al.
     * 2017): sparse random drops (a fraction {@code density} of pixels, seeded per sample) are smeared by a line
     * kernel of {@code length} pixels at {@code angle} degrees (motion blur), scaled so a streak peaks near
     * {@code intensity}, and screen-blended over the image: I = 1 - (1 - J)(1 - R). Our own algorithm; it makes light,
     * directional streaks, not a replica of any dataset. Rounded to 8 bits.
     */
    record Rain(double density, int length, double angle, double intensity, long seed) implements Degradation {

        @Override
        public FloatImage apply(FloatImage clean, String sampleId) {
            int w = clean.width(), h = clean.height(), c = clean.channels();
            SplittableRandom r = new SplittableRandom(sampleSeed(seed, sampleId));
            float[] drops = new float[w * h];
            for (int i = 0; i < drops.length; i++) {
                if (r.nextDouble() < density) {
                    drops[i] = (float) (0.5 + 0.5 * r.nextDouble());
                }
            }
            double a = Math.toRadians(angle);
            double dx = Math.cos(a), dy = Math.sin(a);
            float[] rain = new float[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float v = drops[y * w + x];
                    if (v == 0) {
                        continue;
                    }
                    for (int s = 0; s < length; s++) {
                        int px = (int) Math.round(x + (s - length / 2.0) * dx);
                        int py = (int) Math.round(y + (s - length / 2.0) * dy);
                        if (px >= 0 && px < w && py >= 0 && py < h) {
                            rain[py * w + px] = Math.max(rain[py * w + px], (float) (v * intensity));
                        }
                    }
                }
            }
            float[] in = clean.data();
            float[] out = new float[in.length];
            for (int p = 0; p < w * h; p++) {
                for (int ch = 0; ch < c; ch++) {
                    double j = in[p * c + ch] / 255.0;
                    out[p * c + ch] = (float) (255 * (1 - (1 - j) * (1 - rain[p])));
                }
            }
            return round8(out, clean);
        }

        @Override
        public Map<String, Object> options() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "rain");
            m.put("density", density);
            m.put("length", length);
            m.put("angle", angle);
            m.put("intensity", intensity);
            m.put("seed", seed);
            return m;
        }
    }

    /** A 64-bit seed from the task seed and the sample id (FNV-1a over the id, mixed with the seed). */
    static long sampleSeed(long seed, String sampleId) {
        long h = 0xcbf29ce484222325L;
        for (byte b : sampleId.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h ^ (seed * 0x9E3779B97F4A7C15L);
    }

    List<String> TYPES = List.of("gaussian-noise", "jpeg", "blur", "bicubic-down", "haze", "low-light", "rain", "canny",
            "inpaint-mask", "outpaint-crop");

    /** @return the degradation, or null when a problem was recorded */
    static Degradation create(Options o) {
        return create(o, java.nio.file.Path::of);
    }

    /**
     * @param files resolves a file named by the task file (a blur kernel) with the task file's rules
     * @return the degradation, or null when a problem was recorded
     */
    static Degradation create(Options o, java.util.function.Function<String, java.nio.file.Path> files) {
        String type = o.string("type", null);
        if (type == null) {
            return null;
        }
        long seed = o.integer("seed", 0, 0, Integer.MAX_VALUE);
        switch (type) {
            case "gaussian-noise" -> {
                return new GaussianNoise(positive(o, "sigma", Double.NaN), seed, o.bool("clip", false));
            }
            case "jpeg" -> {
                return new Jpeg(o.integer("quality", 10, 1, 100));
            }
            case "blur" -> {
                String kernel = o.string("kernel", null);
                double sigma = o.number("sigma", 0);
                if (kernel == null) {
                    return null;
                }
                try {
                    return Blur.of(files.apply(kernel), sigma, seed);
                } catch (java.io.IOException | RuntimeException e) {
                    o.fail("kernel", e.getMessage());
                    return null;
                }
            }
            case "bicubic-down" -> {
                return new BicubicDown(o.integer("scale", 4, 2, 8));
            }
            case "haze" -> {
                double beta = positive(o, "beta", 1.0);
                double a = o.number("airlight", 0.8);
                if (!(a > 0 && a <= 1)) {
                    o.fail("airlight", "must be in (0, 1]");
                }
                return new Haze(beta, a);
            }
            case "low-light" -> {
                return new LowLight(positive(o, "gamma", 2.5), positive(o, "scale", 0.5), positive(o, "peak", 200),
                        o.number("read_sigma", 0.01), seed);
            }
            case "rain" -> {
                return new Rain(positive(o, "density", 0.004), o.integer("length", 20, 3, 200), o.number("angle", 80),
                        positive(o, "intensity", 0.6), seed);
            }
            case "canny" -> {
                return CannyCondition.create(o);
            }
            case "inpaint-mask" -> {
                return InpaintMask.create(o, seed);
            }
            case "outpaint-crop" -> {
                return OutpaintCrop.create(o);
            }
            default -> {
                o.fail("type", "unknown degradation '" + type + "'; degradations: " + String.join(", ", TYPES));
                return null;
            }
        }
    }

    private static double positive(Options o, String key, double fallback) {
        double v = o.number(key, fallback);
        if (!(v > 0)) {
            o.fail(key, Double.isNaN(fallback) && !o.has(key) ? "is required (a positive number)" : "must be a positive number");
        }
        return v;
    }

    /** A standard normal deviate (Box-Muller over SplittableRandom: our own algorithm, stable across JDKs). */
    static double normal(SplittableRandom r) {
        double u1 = 1.0 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    static FloatImage round8(float[] d, FloatImage like) {
        return new FloatImage(like.width(), like.height(), like.channels(), d).quantized8();
    }
}
