package org.eibench.metrics.edges;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eibench.metrics.AbstractMetric;
import org.eibench.metrics.FloatImage;
import org.eibench.metrics.MetricValue;
import org.eibench.metrics.MetricValues;
import org.eibench.metrics.Stats;

/**
 * The BSDS500 boundary benchmark (Arbelaez, Maire, Fowlkes, Malik, TPAMI 2011; code {@code BSR/bench}): ODS, OIS
 * and AP of a soft edge map against every annotator's boundaries.
 *
 * <p>Per image, as {@code evaluation_bdry_image.m} does: for each of {@code nthresh} thresholds
 * {@code linspace(1/(nthresh+1), 1 - 1/(nthresh+1), nthresh)}, binarise {@code pb >= t}, thin with
 * {@code bwmorph(.., 'thin', Inf)} ({@link Thinning}), and match the result one-to-one to each annotator with
 * {@code correspondPixels(bmap, gt, max_dist)} ({@link PixelCorrespondence}). Counts per threshold: cntR = GT pixels
 * matched, summed over annotators; sumR = GT pixels, summed over annotators; cntP = predicted pixels matched to at
 * least one annotator; sumP = predicted pixels. These four vectors, plus the four counts at the image's own best
 * threshold (for OIS), are the additive statistics; {@link BsdsSummary} turns their sum into ODS/OIS/AP as
 * {@code collect_eval_bdry.m} does.
 *
 * <p>The prediction is a one-channel map in [0, 1]. Values that are 8-bit levels stored as floats (k/255 to float
 * precision) are compared as the double k/255 that MATLAB's {@code double(imread(f))/255} gives, so ties with
 * thresholds such as 1/3 = 85/255 go the way they go in the official benchmark.
 */
public final class BsdsBoundaryMetric extends AbstractMetric<FloatImage, EdgeAnnotations> {

    public static final int DEFAULT_NTHRESH = 99;
    public static final double DEFAULT_MAX_DIST = 0.0075;
    /** correspondPixels: the cost of leaving a pixel unmatched, in units of maxDist. */
    static final double OUTLIER_COST = 100;

    private final int nthresh;
    private final double maxDist;
    private final boolean thin;
    private final double[] thresholds;

    /**
     * @param nthresh number of thresholds (BSDS default 99; the fixture uses 5)
     * @param maxDist match tolerance as a fraction of the image diagonal (BSDS default 0.0075)
     * @param thin    thin the binarised prediction before matching (BSDS default true; turn off only for maps that
     *                are already one pixel wide, e.g. after NMS, to reproduce papers that do so)
     */
    public BsdsBoundaryMetric(int nthresh, double maxDist, boolean thin) {
        super("bsds_edges", FloatImage.class, EdgeAnnotations.class);
        if (nthresh < 1) {
            throw new IllegalArgumentException("nthresh must be >= 1, got " + nthresh);
        }
        if (!(maxDist > 0) || maxDist >= 1) {
            throw new IllegalArgumentException("max_dist is a fraction of the diagonal in (0, 1), got " + maxDist);
        }
        this.nthresh = nthresh;
        this.maxDist = maxDist;
        this.thin = thin;
        this.thresholds = thresholds(nthresh);
    }

    /** BSDS defaults: 99 thresholds, max_dist 0.0075, thinning on. */
    public BsdsBoundaryMetric() {
        this(DEFAULT_NTHRESH, DEFAULT_MAX_DIST, true);
    }

    static double[] thresholds(int nthresh) {
        return MatlabRanges.linspace(1.0 / (nthresh + 1), 1 - 1.0 / (nthresh + 1), nthresh);
    }

    double[] thresholds() {
        return thresholds.clone();
    }

    @Override
    protected void putOptions(Map<String, Object> o) {
        o.put("nthresh", nthresh);
        o.put("max_dist", maxDist);
        o.put("thin", thin);
    }

    @Override
    public Stats measure(FloatImage prediction, EdgeAnnotations target) {
        if (prediction.channels() != 1) {
            throw new IllegalArgumentException("edge prediction must have one channel, got " + prediction.shape());
        }
        int w = prediction.width();
        int h = prediction.height();
        if (w != target.width() || h != target.height()) {
            throw new IllegalArgumentException("edge prediction is " + w + "x" + h + " but the ground truth is "
                    + target.width() + "x" + target.height());
        }
        double[] pb = asMatlabDoubles(prediction.data());
        int annotators = target.boundaries().size();
        PixelCorrespondence matcher = new PixelCorrespondence(w, h, maxDist, OUTLIER_COST);
        PixelCorrespondence.Padded[] gt = new PixelCorrespondence.Padded[annotators];
        double gtPixels = 0;
        for (int k = 0; k < annotators; k++) {
            gt[k] = matcher.pad(target.mask(k));
            gtPixels += gt[k].pixels().length;
        }
        double[] cntR = new double[nthresh];
        double[] sumR = new double[nthresh];
        double[] cntP = new double[nthresh];
        double[] sumP = new double[nthresh];
        boolean[] bmap = new boolean[pb.length];
        boolean[] previous = null;
        for (int t = 0; t < nthresh; t++) {
            double th = thresholds[t];
            for (int i = 0; i < pb.length; i++) {
                bmap[i] = pb[i] >= th;
            }
            sumR[t] = gtPixels;
            if (previous != null && java.util.Arrays.equals(previous, bmap)) {
                // Same binary map as the previous threshold (common with 8-bit maps): same counts.
                cntR[t] = cntR[t - 1];
                cntP[t] = cntP[t - 1];
                sumP[t] = sumP[t - 1];
                continue;
            }
            previous = bmap.clone();
            if (thin) {
                Thinning.thin(bmap, w, h);
            }
            PixelCorrespondence.Padded pred = matcher.pad(bmap);
            // A predicted pixel counts once however many annotators it matches (accP = accP | match1).
            boolean[] accP = new boolean[pred.pixels().length];
            long matchedGt = 0;
            for (int k = 0; k < annotators; k++) {
                int[] pairs = matcher.match(pred, gt[k]);
                for (int e = 0; e < pairs.length; e += 2) {
                    accP[pairs[e]] = true;
                }
                matchedGt += pairs.length / 2;
            }
            cntR[t] = matchedGt;
            cntP[t] = count(accP);
            sumP[t] = pred.pixels().length;
        }
        int b = BsdsSummary.bestIndex(cntR, sumR, cntP, sumP);
        return Stats.builder()
                .put("cnt_r", cntR).put("sum_r", sumR).put("cnt_p", cntP).put("sum_p", sumP)
                .put("ois_cnt_r", cntR[b]).put("ois_sum_r", sumR[b]).put("ois_cnt_p", cntP[b]).put("ois_sum_p", sumP[b])
                .put("images", 1)
                .build();
    }

    /**
     * Widens to double; a value within float rounding of an 8-bit level k/255 becomes the double k/255 (what the
     * benchmark compares after {@code double(imread(f))/255}). Moves no value by more than 4e-7.
     */
    static double[] asMatlabDoubles(float[] data) {
        double[] out = new double[data.length];
        for (int i = 0; i < data.length; i++) {
            float v = data[i];
            if (Float.isNaN(v)) {
                throw new IllegalArgumentException("edge prediction contains NaN");
            }
            double q = v * 255.0;
            double k = Math.rint(q);
            out[i] = Math.abs(q - k) < 1e-4 ? k / 255.0 : v;
        }
        return out;
    }

    private static int count(boolean[] m) {
        int n = 0;
        for (boolean b : m) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    /** All scores of a statistics sum (dataset or single image), with the per-threshold curve. */
    BsdsSummary summarize(Stats total) {
        return BsdsSummary.of(thresholds, total.vector("cnt_r"), total.vector("sum_r"), total.vector("cnt_p"),
                total.vector("sum_p"), total.scalar("ois_cnt_r"), total.scalar("ois_sum_r"),
                total.scalar("ois_cnt_p"), total.scalar("ois_sum_p"));
    }

    @Override
    public MetricValues finish(Stats total) {
        if (total.isEmpty() || total.scalarOrZero("images") == 0) {
            return new MetricValues(List.of(new MetricValue("ods", Double.NaN, true), new MetricValue("ois", Double.NaN, true),
                    new MetricValue("ap", Double.NaN, true)), Map.of("images", 0L));
        }
        if (total.vector("cnt_r").length != nthresh) {
            throw new IllegalArgumentException("statistics have " + total.vector("cnt_r").length
                    + " thresholds, this metric uses nthresh = " + nthresh);
        }
        BsdsSummary s = summarize(total);
        Map<String, Object> notes = new LinkedHashMap<>();
        notes.put("images", (long) total.scalar("images"));
        notes.put("ods_threshold", s.odsThreshold());
        notes.put("ods_recall", s.odsRecall());
        notes.put("ods_precision", s.odsPrecision());
        notes.put("ois_recall", s.oisRecall());
        notes.put("ois_precision", s.oisPrecision());
        List<List<Double>> curve = new ArrayList<>();
        for (int t = 0; t < nthresh; t++) {
            curve.add(List.of(s.thresholds()[t], s.recall()[t], s.precision()[t], s.f()[t]));
        }
        notes.put("pr_curve_t_r_p_f", curve);
        return new MetricValues(List.of(new MetricValue("ods", s.ods(), true), new MetricValue("ois", s.ois(), true),
                new MetricValue("ap", s.ap(), true)), notes);
    }
}
