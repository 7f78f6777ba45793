package org.eibench.tasks.spec;

import java.util.Map;

/** A decoder or metric as a task file names it: a type and its options. */
public record ComponentSpec(String type, Map<String, Object> options) {

    public ComponentSpec {
        options = Map.copyOf(options);
    }
}
