package org.eibench.runtime;

import java.util.Map;
import java.util.Objects;

import org.eibench.metrics.FloatImage;

/** What a runtime returns for one request: an image, or a failure with a reason. Never both, never neither. */
public sealed interface Output permits Output.Generated, Output.Failed {

    String id();

    /** @param nanos time spent on this request (its share of a batch) */
    record Generated(String id, FloatImage image, Map<String, Object> meta, long nanos) implements Output {
        public Generated {
            Objects.requireNonNull(id);
            Objects.requireNonNull(image);
            meta = meta == null ? Map.of() : Map.copyOf(meta);
        }
    }

    record Failed(String id, String reason) implements Output {
        public Failed {
            Objects.requireNonNull(id);
            Objects.requireNonNull(reason);
        }
    }
}
