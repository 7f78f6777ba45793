package org.eibench.tasks.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.config.OptionSpec;
import org.eibench.metrics.config.Options;
import org.eibench.imaging.OpenCvLoader;
import org.eibench.tasks.spi.AbstractComponent;
import org.eibench.tasks.spi.DegradationProvider;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * Seeded inpainting masks after LaMa's evaluation protocol (Suvorov et al., WACV 2022; advimman/lama), filled with a
 * flat colour. Our own code after LaMa's algorithm, with our random stream (SplittableRandom seeded by the task seed
 * and the sample id, so masks do not depend on order or threads; LaMa's depend on numpy's global state):
 * <ul>
 *   <li>a mask is either free-form strokes or boxes, chosen with LaMa's probabilities (irregular_proba 1 against
 *   box_proba 0.3: {@code MixedMaskGenerator}, saicinpainting/training/data/masks.py lines 252-315);</li>
 *   <li>strokes: {@code make_random_irregular_mask} (lines 22-48): times in [min_times, max_times + 1] (the generator
 *   passes max_times + 1, line 66); from a random start, 1-5 segments of angle 0.01 + randint(max_angle) (mirrored on
 *   even strokes), length 10 + randint(max_len), width 5 + randint(max_width), drawn with OpenCV's 8-connected
 *   {@code line};</li>
 *   <li>boxes: {@code make_random_rectangle_mask} (lines 72-83): times in [min_times, max_times], sides in
 *   [bbox_min_size, min(bbox_max_size, side - 2 margin)], placed inside the margin;</li>
 *   <li>a mask covering more than half the image is drawn again ({@code max_tamper_area: 0.5},
 *   bin/gen_mask_dataset.py line 77).</li>
 * </ul>
 * Protocols {@code thick}, {@code medium}, {@code thin} take the parameters of configs/data_gen/random_*_512.yaml.
 * LaMa draws its masks on 512-pixel crops; lengths, widths, box sizes and margins here scale with min(W, H) / 512.
 */
public record InpaintMask(String protocol, long seed, float[] fill) implements Degradation.Masking {

    /** One LaMa configuration (configs/data_gen/random_{thick,medium,thin}_512.yaml). */
    record Params(int minTimes, int maxTimes, int maxWidth, int maxAngle, int maxLen, double irregularProba,
                  int margin, int boxMin, int boxMax, int boxMinTimes, int boxMaxTimes, double boxProba) {
    }

    static final Map<String, Params> PROTOCOLS = Map.of(
            "thick", new Params(1, 5, 250, 4, 450, 1, 10, 30, 300, 1, 4, 0.3),
            "medium", new Params(4, 10, 100, 4, 200, 1, 0, 30, 150, 1, 5, 0.3),
            "thin", new Params(4, 70, 20, 4, 100, 1, 0, 0, 0, 0, 0, 0));
    static final double MAX_AREA = 0.5;
    private static final int MAX_DRAWS = 1000;

    /** The flat colour: a grey level or [r, g, b]. */
    static final OptionSpec FILL = OptionSpec.list("fill", "a grey level or [r, g, b] in 0..255 (default 128)");

    /** The {@code fill} option: a grey level or [r, g, b] in 0..255 (default mid-grey 128). */
    static float[] fillColour(Options o) {
        Object v = o.raw(FILL.name());
        if (v == null) {
            return new float[] {128, 128, 128};
        }
        List<Object> values = v instanceof List<?> l ? new ArrayList<>(l) : List.of(v);
        if (values.size() != 1 && values.size() != 3) {
            o.fail("fill", "must be a grey level or [r, g, b] in 0..255");
            return new float[] {128, 128, 128};
        }
        float[] f = new float[values.size()];
        for (int i = 0; i < f.length; i++) {
            if (!(values.get(i) instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 255) {
                o.fail("fill", "must be a grey level or [r, g, b] in 0..255, not " + v);
                return new float[] {128, 128, 128};
            }
            f[i] = n.floatValue();
        }
        return f;
    }

    static List<Double> list(float[] f) {
        List<Double> l = new ArrayList<>();
        for (float v : f) {
            l.add((double) v);
        }
        return l;
    }

    @Override
    public FloatImage mask(FloatImage clean, String sampleId) {
        Params p = PROTOCOLS.get(protocol);
        int w = clean.width();
        int h = clean.height();
        double scale = Math.min(w, h) / 512.0;
        SplittableRandom r = new SplittableRandom(SampleSeeds.forSample(seed, sampleId));
        double irregular = p.irregularProba() / (p.irregularProba() + p.boxProba());
        for (int draw = 0; draw < MAX_DRAWS; draw++) {
            float[] m = r.nextDouble() < irregular ? strokes(p, w, h, scale, r) : boxes(p, w, h, scale, r);
            double area = 0;
            for (float v : m) {
                area += v;
            }
            area /= m.length;
            if (area > 0 && area <= MAX_AREA) {
                return new FloatImage(w, h, 1, m);
            }
        }
        throw new IllegalArgumentException("no " + protocol + " mask covering at most half of a " + w + "x" + h
                + " image in " + MAX_DRAWS + " draws");
    }

    /** randint(lo, hi) as numpy: an integer in [lo, hi). */
    private static int randint(SplittableRandom r, int lo, int hi) {
        return hi <= lo ? lo : lo + r.nextInt(hi - lo);
    }

    private static float[] strokes(Params p, int w, int h, double scale, SplittableRandom r) {
        OpenCvLoader.ensureLoaded();
        Mat mask = Mat.zeros(h, w, CvType.CV_32F);
        int times = randint(r, p.minTimes(), p.maxTimes() + 2);
        for (int i = 0; i < times; i++) {
            int sx = randint(r, 0, w);
            int sy = randint(r, 0, h);
            int segments = 1 + randint(r, 0, 5);
            for (int j = 0; j < segments; j++) {
                double angle = 0.01 + randint(r, 0, p.maxAngle());
                if (i % 2 == 0) {
                    angle = 2 * 3.1415926 - angle;
                }
                double length = (10 + randint(r, 0, p.maxLen())) * scale;
                int brush = Math.max(1, (int) Math.round((5 + randint(r, 0, p.maxWidth())) * scale));
                int ex = (int) Math.max(0, Math.min(w, (long) (sx + length * Math.sin(angle))));
                int ey = (int) Math.max(0, Math.min(h, (long) (sy + length * Math.cos(angle))));
                Imgproc.line(mask, new Point(sx, sy), new Point(ex, ey), new Scalar(1.0), brush);
                sx = ex;
                sy = ey;
            }
        }
        float[] out = new float[w * h];
        mask.get(0, 0, out);
        mask.release();
        return out;
    }

    private static float[] boxes(Params p, int w, int h, double scale, SplittableRandom r) {
        float[] m = new float[w * h];
        int margin = (int) Math.round(p.margin() * scale);
        int min = Math.max(1, (int) Math.round(p.boxMin() * scale));
        // The generator passes bbox_max_size + 1 (masks.py line 97), clipped to the image inside the margins (line 75).
        int upper = Math.min((int) Math.round(p.boxMax() * scale) + 1, Math.min(h - 2 * margin, w - 2 * margin));
        int times = randint(r, p.boxMinTimes(), p.boxMaxTimes() + 1);
        for (int i = 0; i < times; i++) {
            int bw = randint(r, min, upper);
            int bh = randint(r, min, upper);
            int x0 = randint(r, margin, w - margin - bw + 1);
            int y0 = randint(r, margin, h - margin - bh + 1);
            for (int y = y0; y < Math.min(h, y0 + bh); y++) {
                for (int x = x0; x < Math.min(w, x0 + bw); x++) {
                    m[y * w + x] = 1;
                }
            }
        }
        return m;
    }

    @Override
    public Map<String, Object> options() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "inpaint-mask");
        m.put("protocol", "lama-" + protocol);
        m.put("seed", seed);
        m.put("fill", list(fill));
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InpaintMask i && i.protocol.equals(protocol) && i.seed == seed && java.util.Arrays.equals(i.fill, fill);
    }

    @Override
    public int hashCode() {
        return protocol.hashCode() * 31 + Long.hashCode(seed) + java.util.Arrays.hashCode(fill);
    }

    @Override
    public String toString() {
        return "InpaintMask" + options();
    }

    /** Registered in META-INF/services/org.eibench.tasks.spi.DegradationProvider. */
    public static final class Provider extends AbstractComponent implements DegradationProvider {
        static final OptionSpec PROTOCOL = OptionSpec.choice("protocol", List.of("thick", "medium", "thin"), "LaMa's mask configuration");

        public Provider() {
            super("inpaint-mask", Set.of(), PROTOCOL, Degradations.SEED, FILL);
        }

        @Override
        public Degradation create(Options o, Function<String, Path> files) {
            long seed = o.integer(Degradations.SEED);
            String protocol = o.choice(PROTOCOL);
            return new InpaintMask(protocol, seed, fillColour(o));
        }
    }
}
