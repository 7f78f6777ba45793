package org.eibench.spark;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One partition's work as it travels back to the driver: per task the sample lines (JSON, as the local runner writes
 * them) and every file it wrote under the run directory (predictions, views) by relative path.
 */
record Part(Map<String, List<String>> lines, Map<String, byte[]> files) implements Serializable {
    private static final long serialVersionUID = 1L;

    int samples() {
        return lines.values().stream().mapToInt(List::size).sum();
    }
}
