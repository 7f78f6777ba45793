package org.eibench.spark;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

import org.eibench.harness.run.PooledStats;

/**
 * One partition's work as it travels back to the driver: per task the sample lines (JSON, as the local runner writes
 * them), every file it wrote under the run directory (predictions, views) by relative path, and the partition's
 * partial metric state (its ok samples' statistics per task and metric, keyed by sample id), which the driver
 * combines with Spark's tree aggregation.
 */
record Part(Map<String, List<String>> lines, Map<String, byte[]> files, PooledStats stats) implements Serializable {
    private static final long serialVersionUID = 1L;

    int samples() {
        return lines.values().stream().mapToInt(List::size).sum();
    }
}
