package org.eibench.harness.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eibench.metrics.MetricValue;
import org.eibench.metrics.Stats;
import org.eibench.metrics.stats.Bootstrap;
import org.eibench.tasks.Task;

/**
 * The paired comparison of two runs (the CI gate): per task and metric, the difference NEW - BASE on the samples
 * that are ok in both, with a paired bootstrap interval (the same resampled samples in both runs, each re-finished,
 * so pooled metrics such as mIoU are compared honestly). A regression is a change in the bad direction larger than
 * the tolerance whose interval excludes zero; noise and reruns of the same model never are.
 */
public final class Compare {

    public enum Verdict { SAME, IMPROVED, WITHIN_TOLERANCE, NOT_SIGNIFICANT, REGRESSION, NO_DATA }

    public record Row(String task, String metric, double base, double next, double diff, double lo, double hi, int n,
                      boolean higherIsBetter, double tolerance, Verdict verdict) {
        public boolean regression() {
            return verdict == Verdict.REGRESSION;
        }
    }

    private final Bootstrap bootstrap;
    private final Map<String, Double> tolerances;

    /** @param tolerances by "metric" or "task/metric" (the more specific wins); absent: 0 */
    public Compare(Bootstrap bootstrap, Map<String, Double> tolerances) {
        this.bootstrap = bootstrap;
        this.tolerances = Map.copyOf(tolerances);
    }

    public List<Row> compare(Task task, RunDirectory base, RunDirectory next) throws IOException {
        Map<String, SampleRecord> a = new TreeMap<>(base.readSamples(task.id()));
        Map<String, SampleRecord> b = next.readSamples(task.id());
        List<Row> rows = new ArrayList<>();
        for (Task.KeyedMetric km : task.metrics()) {
            List<Stats> sa = new ArrayList<>();
            List<Stats> sb = new ArrayList<>();
            for (Map.Entry<String, SampleRecord> e : a.entrySet()) {
                SampleRecord ra = e.getValue();
                SampleRecord rb = b.get(e.getKey());
                if (ra.ok() && rb != null && rb.ok() && ra.metrics().containsKey(km.key()) && rb.metrics().containsKey(km.key())) {
                    sa.add(ra.metrics().get(km.key()).stats());
                    sb.add(rb.metrics().get(km.key()).stats());
                }
            }
            if (sa.isEmpty()) {
                rows.add(new Row(task.id(), km.key(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, true,
                        tolerance(task.id(), km.key()), Verdict.NO_DATA));
                continue;
            }
            Map<String, MetricValue> va = finish(km, sa);
            Map<String, MetricValue> vb = finish(km, sb);
            Map<String, double[]> ci = bootstrap.pairedDifference(km.metric(), sa, sb);
            for (Map.Entry<String, MetricValue> e : vb.entrySet()) {
                MetricValue mb = e.getValue();
                MetricValue ma = va.get(e.getKey());
                if (ma == null) {
                    continue;
                }
                String key = km.valueKey(e.getKey());
                double diff = mb.value() - ma.value();
                double[] c = ci.getOrDefault(e.getKey(), new double[] {Double.NaN, Double.NaN});
                double tol = tolerance(task.id(), key);
                rows.add(new Row(task.id(), key, ma.value(), mb.value(), diff, c[0], c[1], sa.size(),
                        mb.higherIsBetter(), tol, verdict(diff, c[0], c[1], mb.higherIsBetter(), tol)));
            }
        }
        return rows;
    }

    static Verdict verdict(double diff, double lo, double hi, boolean higherIsBetter, double tol) {
        if (!Double.isFinite(diff)) {
            return diff == 0 || Double.isNaN(diff) ? Verdict.SAME : Verdict.NOT_SIGNIFICANT;
        }
        if (diff == 0 && lo == 0 && hi == 0) {
            return Verdict.SAME;
        }
        double better = higherIsBetter ? diff : -diff;
        // "Excludes zero" on the bad side: the whole interval says worse.
        boolean significantlyWorse = higherIsBetter ? hi < 0 : lo > 0;
        boolean significantlyBetter = higherIsBetter ? lo > 0 : hi < 0;
        if (better < 0) {
            if (-better <= tol) {
                return Verdict.WITHIN_TOLERANCE;
            }
            return significantlyWorse ? Verdict.REGRESSION : Verdict.NOT_SIGNIFICANT;
        }
        if (better > 0 && significantlyBetter) {
            return Verdict.IMPROVED;
        }
        return better == 0 ? Verdict.SAME : Verdict.NOT_SIGNIFICANT;
    }

    double tolerance(String task, String metric) {
        Double t = tolerances.get(task + "/" + metric);
        if (t == null) {
            t = tolerances.get(metric);
        }
        return t == null ? 0 : t;
    }

    private static Map<String, MetricValue> finish(Task.KeyedMetric km, List<Stats> perSample) {
        Stats.Accumulator acc = new Stats.Accumulator();
        perSample.forEach(acc::add);
        Map<String, MetricValue> m = new LinkedHashMap<>();
        for (MetricValue v : km.metric().finish(acc.result()).values()) {
            m.put(v.key(), v);
        }
        return m;
    }
}
