package org.eibench.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link Metric#finish} returns: the headline values first ({@code primary}), then secondary ones such as
 * per-class IoU, plus notes (for instance how many PSNR values hit the cap).
 */
public record MetricValues(List<MetricValue> values, Map<String, Object> notes) {

    public MetricValues {
        values = List.copyOf(values);
        notes = Map.copyOf(notes);
    }

    public static MetricValues of(MetricValue... values) {
        return new MetricValues(List.of(values), Map.of());
    }

    public Optional<MetricValue> get(String key) {
        return values.stream().filter(v -> v.key().equals(key)).findFirst();
    }

    public double value(String key) {
        return get(key).orElseThrow(() -> new IllegalArgumentException("no value '" + key + "'")).value();
    }

    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        values.forEach(v -> m.put(v.key(), v.value()));
        return m;
    }
}
