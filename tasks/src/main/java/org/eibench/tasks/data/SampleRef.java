package org.eibench.tasks.data;

import java.nio.file.Path;
import java.util.Map;

/**
 * One sample before its pixels are read: its id, where its input and ground truth are, and layout metadata
 * (a per-sample instruction, a category, ...). {@code input} may be null when the input is synthesised from the
 * target by a degradation.
 */
public record SampleRef(String id, Path input, Path target, String instruction, Map<String, Object> meta) {

    public SampleRef {
        meta = meta == null ? Map.of() : Map.copyOf(meta);
    }
}
