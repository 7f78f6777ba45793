package org.eibench.harness.run;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eibench.metrics.Stats;

/**
 * The JSON conventions of run directories: one mapper, Stats as {name: number | [numbers] | [[numbers], ...]} (the
 * last for row statistics, one inner list per row).
 */
public final class Json {

    /** Compact, for JSONL lines. */
    public static final ObjectMapper LINES = new ObjectMapper();
    /** Indented, for run.json and summary.json; map keys in insertion order (deterministic by construction). */
    public static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    public static ObjectNode stats(Stats s) {
        ObjectNode o = LINES.createObjectNode();
        s.asMap().forEach((k, v) -> {
            if (v.length == 1) {
                o.set(k, number(v[0]));
            } else {
                var a = o.putArray(k);
                for (double d : v) {
                    a.add(number(d));
                }
            }
        });
        s.rowsMap().forEach((k, r) -> {
            var rows = o.putArray(k);
            for (int i = 0; i < r.count(); i++) {
                var a = rows.addArray();
                for (int j = 0; j < r.width(); j++) {
                    a.add(r.data()[i * r.width() + j]);
                }
            }
        });
        return o;
    }

    /**
     * A statistic as written in a sample line: a whole number (pixel counts, sample counts) without its ".0", which
     * reads back as the same double; any other value as Jackson writes a double. Lines of segmentation tasks are
     * mostly such counts.
     */
    private static JsonNode number(double d) {
        long l = (long) d;
        if (l == d && Math.abs(d) <= 9.007199254740992E15 && Double.doubleToRawLongBits(d) != Long.MIN_VALUE) {
            // Int where it fits, as Jackson's parser reads it back, so that written and read lines are equal nodes.
            return l == (int) l ? com.fasterxml.jackson.databind.node.IntNode.valueOf((int) l)
                    : com.fasterxml.jackson.databind.node.LongNode.valueOf(l);
        }
        return com.fasterxml.jackson.databind.node.DoubleNode.valueOf(d);
    }

    public static Stats stats(JsonNode o) {
        Map<String, double[]> m = new LinkedHashMap<>();
        Map<String, Stats.Rows> rows = new LinkedHashMap<>();
        o.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (v.isArray() && v.size() > 0 && v.get(0).isArray()) {
                int width = v.get(0).size();
                double[] d = new double[v.size() * width];
                for (int i = 0; i < v.size(); i++) {
                    if (v.get(i).size() != width) {
                        throw new IllegalArgumentException("statistic '" + e.getKey() + "': row " + i + " has " + v.get(i).size()
                                + " numbers, row 0 has " + width);
                    }
                    for (int j = 0; j < width; j++) {
                        d[i * width + j] = v.get(i).get(j).asDouble();
                    }
                }
                rows.put(e.getKey(), new Stats.Rows(width, d));
            } else if (v.isArray()) {
                double[] d = new double[v.size()];
                for (int i = 0; i < d.length; i++) {
                    d[i] = v.get(i).asDouble();
                }
                m.put(e.getKey(), d);
            } else {
                m.put(e.getKey(), new double[] {v.asDouble()});
            }
        });
        return Stats.of(m, rows);
    }

    /** A number for JSON: non-finite values become null so files stay standard JSON. */
    public static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
