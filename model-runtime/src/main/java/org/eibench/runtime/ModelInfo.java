package org.eibench.runtime;

import java.util.Map;
import java.util.Objects;

/**
 * Identity, provenance and capabilities of a model. {@code id} and {@code checksum} enter the run identity;
 * {@code device} and {@code details} (provider actually used, library versions) are recorded in run.json but are not
 * identity. {@code capabilities} says what the model may see besides the input and the instruction (the ground
 * truth, task hints); the runner gives it nothing else.
 */
public record ModelInfo(String id, String checksum, String device, Map<String, Object> details, Capabilities capabilities) {

    public ModelInfo {
        details = details == null ? Map.of() : Map.copyOf(details);
        capabilities = Objects.requireNonNullElse(capabilities, Capabilities.NONE);
    }

    /** A model that sees the input and the instruction only. */
    public ModelInfo(String id, String checksum, String device, Map<String, Object> details) {
        this(id, checksum, device, details, Capabilities.NONE);
    }
}
