package org.eibench.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A parsed model spec: {@code NAME[,key=value...]}. The name may itself carry a scheme ({@code onnx:/path/m.onnx},
 * {@code http://localhost:8000}). Options are transport or device settings ({@code device=cuda}, {@code threads=4}).
 */
public record ModelSpec(String raw, String name, Map<String, String> options) {

    public ModelSpec {
        options = Map.copyOf(options);
    }

    public static ModelSpec parse(String raw) throws ModelSpecException {
        String s = raw.strip();
        if (s.isEmpty()) {
            throw new ModelSpecException("empty model spec");
        }
        String[] parts = s.split(",");
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0) {
                throw new ModelSpecException("model option '" + parts[i] + "' in '" + raw + "' is not key=value");
            }
            options.put(parts[i].substring(0, eq).strip(), parts[i].substring(eq + 1).strip());
        }
        return new ModelSpec(raw, parts[0].strip(), options);
    }

    public String option(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }
}
