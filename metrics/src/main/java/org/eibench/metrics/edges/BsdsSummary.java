package org.eibench.metrics.edges;

import java.util.ArrayList;
import java.util.List;

/**
 * Dataset scores from pooled per-threshold counts, as BSDS500 {@code benchmarks/collect_eval_bdry.m} (P. Arbelaez)
 * computes them:
 * <ul>
 *   <li>R = cntR / sumR and P = cntP / sumP per threshold (a zero denominator counts as 1);</li>
 *   <li>ODS: the best F over the pooled curve, searched by {@code maxF}: between consecutive thresholds, R, P and
 *       the threshold are interpolated linearly at {@code linspace(0, 1)} (100 steps) and the first strictly
 *       larger F wins;</li>
 *   <li>OIS: F of the counts summed at each image's best (first maximal F, not interpolated) threshold;</li>
 *   <li>AP: {@code [Ru, i] = unique(R)}, P interpolated linearly ({@code interp1}) at R = 0:0.01:1, values outside
 *       the recall range of the curve count as 0, area = sum * 0.01. With few thresholds the recall range is
 *       short and AP is small: that is the official number.</li>
 * </ul>
 */
record BsdsSummary(double[] thresholds, double[] recall, double[] precision, double[] f,
                   double odsThreshold, double odsRecall, double odsPrecision, double ods,
                   double oisRecall, double oisPrecision, double ois, double ap) {

    static double fmeasure(double r, double p) {
        double s = p + r;
        return 2 * p * r / (s == 0 ? 1 : s);
    }

    static double ratio(double cnt, double total) {
        return cnt / (total == 0 ? 1 : total);
    }

    static BsdsSummary of(double[] thr, double[] cntR, double[] sumR, double[] cntP, double[] sumP,
                          double oisCntR, double oisSumR, double oisCntP, double oisSumP) {
        int n = thr.length;
        double[] r = new double[n];
        double[] p = new double[n];
        double[] f = new double[n];
        for (int t = 0; t < n; t++) {
            r[t] = ratio(cntR[t], sumR[t]);
            p[t] = ratio(cntP[t], sumP[t]);
            f[t] = fmeasure(r[t], p[t]);
        }
        double[] best = maxF(thr, r, p);
        double oisR = ratio(oisCntR, oisSumR);
        double oisP = ratio(oisCntP, oisSumP);
        return new BsdsSummary(thr, r, p, f, best[0], best[1], best[2], best[3], oisR, oisP, fmeasure(oisR, oisP),
                areaPr(r, p));
    }

    /** Index of the first maximal F (collect_eval_bdry: {@code ff = find(F == max(F)); ff(1)}). */
    static int bestIndex(double[] cntR, double[] sumR, double[] cntP, double[] sumP) {
        int best = 0;
        double bestF = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < cntR.length; t++) {
            double ft = fmeasure(ratio(cntR[t], sumR[t]), ratio(cntP[t], sumP[t]));
            if (ft > bestF) {
                bestF = ft;
                best = t;
            }
        }
        return best;
    }

    /** {t, R, P, F} at the best interpolated point. */
    static double[] maxF(double[] thr, double[] r, double[] p) {
        double bestT = thr[0];
        double bestR = r[0];
        double bestP = p[0];
        double bestF = fmeasure(r[0], p[0]);
        double[] d = MatlabRanges.linspace(0, 1, 100);
        for (int i = 1; i < thr.length; i++) {
            for (double di : d) {
                double t = thr[i] * di + thr[i - 1] * (1 - di);
                double ri = r[i] * di + r[i - 1] * (1 - di);
                double pi = p[i] * di + p[i - 1] * (1 - di);
                double fi = fmeasure(ri, pi);
                if (fi > bestF) {
                    bestT = t;
                    bestR = ri;
                    bestP = pi;
                    bestF = fi;
                }
            }
        }
        return new double[] {bestT, bestR, bestP, bestF};
    }

    static double areaPr(double[] r, double[] p) {
        // unique(R): sorted distinct recalls, each with the precision at its first occurrence.
        Integer[] order = new Integer[r.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> a.equals(b) ? 0 : r[a] != r[b] ? Double.compare(r[a], r[b]) : Integer.compare(a, b));
        List<double[]> u = new ArrayList<>();
        for (int k : order) {
            if (u.isEmpty() || u.get(u.size() - 1)[0] != r[k]) {
                u.add(new double[] {r[k], p[k]});
            }
        }
        if (u.size() <= 1) {
            return 0;
        }
        double sum = 0;
        for (double x : MatlabRanges.colon(0, 0.01, 1)) {
            sum += interp1(u, x);
        }
        return sum * 0.01;
    }

    /** Linear interpolation on sorted knots; NaN outside the knots, which collect_eval_bdry then sets to 0. */
    private static double interp1(List<double[]> u, double x) {
        if (x < u.get(0)[0] || x > u.get(u.size() - 1)[0]) {
            return 0;
        }
        for (int k = 0; k + 1 < u.size(); k++) {
            double x0 = u.get(k)[0];
            double x1 = u.get(k + 1)[0];
            if (x >= x0 && x <= x1) {
                double y0 = u.get(k)[1];
                double y1 = u.get(k + 1)[1];
                return x == x1 ? y1 : y0 + (x - x0) * (y1 - y0) / (x1 - x0);
            }
        }
        return 0;
    }
}
