package org.eibench.metrics.normals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eibench.metrics.AbstractMetric;
import org.eibench.metrics.FloatImage;
import org.eibench.metrics.MetricValue;
import org.eibench.metrics.MetricValues;
import org.eibench.metrics.Stats;
import org.eibench.metrics.stats.Medians;
import org.eibench.metrics.config.OptionSpec;
import org.eibench.metrics.config.Options;

/**
 * Surface-normal angular errors as DSINE computes them ({@code utils/utils.py}: {@code compute_normal_error} =
 * degrees(acos(clamp(cosine_similarity(pred, gt), -1, 1))), {@code compute_normal_metrics} over all pixels of the
 * dataset). Prediction and target are 3-channel images of decoded normals (any length; both are normalised). A
 * target pixel whose vector is zero (or not finite) is invalid and skipped; a prediction of length zero scores 90
 * degrees (torch's cosine_similarity divides by max(|a||b|, eps), giving 0); a non-finite prediction on a valid pixel
 * makes the sample unscorable.
 *
 * <p>Keys: {@code mean_angular_error}, {@code median_angular_error}, {@code rmse_angular} (sqrt of the mean squared
 * error), {@code within_11_25}, {@code within_22_5}, {@code within_30} (fractions in [0, 1] of errors strictly below
 * the threshold; DSINE prints them x100).
 *
 * <p>Pooling ({@code pooling} option): {@code pixels} (default, DSINE): every valid pixel of the dataset weighs the
 * same; the mean, rmse and fractions are exact (sums and counts), the median comes from an {@link AngleHistogram}
 * and is within max(0.001 deg, 0.1%) of numpy's median of the pooled errors. {@code images} (the per-image
 * protocol of Marigold's normal evaluation): each image's metrics (its median exact) are averaged over images.
 */
public final class NormalsMetric extends AbstractMetric<FloatImage, FloatImage> {

    /** How errors are reduced over the dataset. */
    public enum Pooling {
        PIXELS("pixels"), IMAGES("images");

        private final String key;

        Pooling(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    static final String[] KEYS = {"mean_angular_error", "median_angular_error", "rmse_angular", "within_11_25", "within_22_5", "within_30"};
    static final double[] THRESHOLDS = {11.25, 22.5, 30};

    private final Pooling pooling;

    public NormalsMetric(Pooling pooling) {
        super("normals", FloatImage.class, FloatImage.class);
        this.pooling = pooling;
    }

    /** From task-file options: {@code pooling} ({@code pixels} | {@code images}, default pixels). */
    public static NormalsMetric fromOptions(Map<String, ?> options) {
        Options o = Options.of(options);
        NormalsMetric m = fromOptions(o);
        o.check("normals");
        return m;
    }

    public static final OptionSpec POOLING = OptionSpec.choice("pooling", List.of("pixels", "images"),
            "pixels: pooled over every pixel (DSINE); images: per image, then the mean");
    public static final List<OptionSpec> OPTIONS = List.of(POOLING);

    /** Options read through {@code o}, problems recorded there. */
    public static NormalsMetric fromOptions(Options o) {
        return new NormalsMetric(o.choice(POOLING).equals("pixels") ? Pooling.PIXELS : Pooling.IMAGES);
    }

    @Override
    protected void putOptions(Map<String, Object> o) {
        o.put("pooling", pooling.key());
        o.put("median", pooling == Pooling.PIXELS ? "histogram, within max(0.001 deg, 0.1%)" : "exact per image");
    }

    /** Angular errors in degrees of the valid pixels, in pixel order. */
    public static double[] angularErrors(FloatImage prediction, FloatImage target) {
        if (!prediction.sameShape(target)) {
            throw new IllegalArgumentException("prediction is " + prediction.shape() + " but target is " + target.shape());
        }
        if (target.channels() != 3) {
            throw new IllegalArgumentException("normal maps must have 3 channels, got " + target.channels());
        }
        float[] p = prediction.data();
        float[] t = target.data();
        int pixels = target.pixels();
        double[] out = new double[pixels];
        int n = 0;
        for (int i = 0, j = 0; i < pixels; i++, j += 3) {
            double tx = t[j];
            double ty = t[j + 1];
            double tz = t[j + 2];
            double tn = tx * tx + ty * ty + tz * tz;
            if (!(tn > 0) || Double.isInfinite(tn)) {
                continue; // zero (or NaN) target vector: invalid pixel
            }
            double px = p[j];
            double py = p[j + 1];
            double pz = p[j + 2];
            double pn = px * px + py * py + pz * pz;
            if (!Double.isFinite(pn)) {
                throw new IllegalArgumentException("prediction (" + px + ", " + py + ", " + pz + ") at pixel ("
                        + (i % target.width()) + ", " + (i / target.width()) + ") is not finite");
            }
            double cos = pn == 0 ? 0 : (px * tx + py * ty + pz * tz) / Math.sqrt(pn * tn);
            cos = Math.max(-1, Math.min(1, cos));
            // acos(cos), written as atan2(sqrt((1 - c)(1 + c)), c): the same function (1 - c and 1 + c are exact where
            // they cancel, so the two agree to a few ulps, checked pixel by pixel against numpy's arccos in the golden
            // test), but about 14x faster here because JDK 17's Math.acos is StrictMath's non-intrinsic fdlibm code.
            out[n++] = Math.atan2(Math.sqrt((1 - cos) * (1 + cos)), cos) * 180.0 / Math.PI;
        }
        return Arrays.copyOf(out, n);
    }

    @Override
    public Stats measure(FloatImage prediction, FloatImage target) {
        double[] e = angularErrors(prediction, target);
        return pooling == Pooling.PIXELS ? pixelStats(e) : imageStats(e);
    }

    private static Stats pixelStats(double[] e) {
        double sum = 0;
        double sq = 0;
        double[] within = new double[THRESHOLDS.length];
        double[] hist = new double[AngleHistogram.BINS];
        for (double v : e) {
            sum += v;
            sq += v * v;
            for (int k = 0; k < THRESHOLDS.length; k++) {
                within[k] += v < THRESHOLDS[k] ? 1 : 0;
            }
            hist[AngleHistogram.bin(v)]++;
        }
        return Stats.builder().put("pixels", (double) e.length).put("sum", sum).put("sum_sq", sq).put("within", within)
                .put("histogram", hist).build();
    }

    private static Stats imageStats(double[] e) {
        int n = e.length;
        if (n == 0) {
            return Stats.builder().put("images", 0).put("skipped", 1).put("per_image", new double[KEYS.length]).build();
        }
        double sum = 0;
        double sq = 0;
        double[] within = new double[THRESHOLDS.length];
        for (double v : e) {
            sum += v;
            sq += v * v;
            for (int k = 0; k < THRESHOLDS.length; k++) {
                within[k] += v < THRESHOLDS[k] ? 1 : 0;
            }
        }
        double[] m = {sum / n, exactMedian(e.clone()), Math.sqrt(sq / n), within[0] / n, within[1] / n, within[2] / n};
        return Stats.builder().put("images", 1).put("skipped", 0).put("per_image", m).build();
    }

    static double exactMedian(double[] a) {
        return Medians.median(a);
    }

    @Override
    public MetricValues finish(Stats total) {
        double[] v = new double[KEYS.length];
        Map<String, Object> notes = new LinkedHashMap<>();
        if (pooling == Pooling.PIXELS) {
            double n = total.scalarOrZero("pixels");
            if (n == 0) {
                Arrays.fill(v, Double.NaN);
            } else {
                double[] within = total.vector("within");
                v[0] = total.scalar("sum") / n;
                v[1] = AngleHistogram.median(total.vector("histogram"));
                v[2] = Math.sqrt(total.scalar("sum_sq") / n);
                for (int k = 0; k < 3; k++) {
                    v[3 + k] = within[k] / n;
                }
            }
            notes.put("pixels", (long) n);
        } else {
            double images = total.scalarOrZero("images");
            double[] s = total.has("per_image") ? total.vector("per_image") : new double[KEYS.length];
            for (int k = 0; k < KEYS.length; k++) {
                v[k] = images == 0 ? Double.NaN : s[k] / images;
            }
            notes.put("images", (long) images);
            notes.put("skipped_no_valid_pixels", (long) total.scalarOrZero("skipped"));
        }
        List<MetricValue> values = new ArrayList<>();
        for (int k = 0; k < KEYS.length; k++) {
            values.add(new MetricValue(KEYS[k], v[k], k >= 3));
        }
        return new MetricValues(values, notes);
    }
}
