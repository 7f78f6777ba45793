package org.eibench.tasks.spec;

import java.nio.file.Path;
import java.util.Map;

/** Where a task's samples live and how they are laid out; {@code options} are the layout's own keys. */
public record DataSpec(Path root, String layout, Map<String, Object> options) {

    public DataSpec {
        options = Map.copyOf(options);
    }

    public String string(String key, String fallback) {
        Object v = options.get(key);
        return v == null ? fallback : v.toString();
    }
}
