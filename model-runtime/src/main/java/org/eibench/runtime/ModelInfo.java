package org.eibench.runtime;

import java.util.Map;

/**
 * Identity and provenance of a model. {@code id} and {@code checksum} enter the run identity; {@code device} and
 * {@code details} (provider actually used, library versions) are recorded in run.json but are not identity.
 */
public record ModelInfo(String id, String checksum, String device, Map<String, Object> details) {

    public ModelInfo {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
