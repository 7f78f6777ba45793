package org.eibench.runtime;

import java.util.Map;
import java.util.Objects;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.LabelMap;

/**
 * What a runtime returns for one request: an image (or, read from a label file, a class-index map), or a failure with
 * a reason. Never both, never neither.
 */
public sealed interface Output permits Output.Generated, Output.Labels, Output.Failed {

    String id();

    /**
     * Key of {@link Generated#meta}: the bytes of the PNG file the image was decoded from, as read (a folder of
     * predictions). The runner saves them as the
     * run's prediction instead of encoding the image again (and without reading the file a second time).
     */
    String SOURCE_PNG = "png";

    /**
     * Key of {@link Generated#meta}: with {@link #SOURCE_PNG}, the bits per sample of that file (8 or 16). Its values
     * are then whole numbers in [0, 2^bits - 1], which the runner need not check again before quantising.
     */
    String SOURCE_BIT_DEPTH = "bit_depth";

    /**
     * Key of {@link Generated#meta}: with {@link #SOURCE_PNG}, the {@link java.nio.file.Path} of the file those bytes
     * were read from, which the runner may keep as a hard link instead of writing a copy.
     */
    String SOURCE_FILE = "file";

    /** @param nanos time spent on this request (its share of a batch) */
    record Generated(String id, FloatImage image, Map<String, Object> meta, long nanos) implements Output {
        public Generated {
            Objects.requireNonNull(id);
            Objects.requireNonNull(image);
            meta = meta == null ? Map.of() : Map.copyOf(meta);
        }
    }

    /**
     * A one-channel label PNG of a predictions folder read as its integers, never widened to floats, for a task whose
     * decoder takes label maps (a 512 x 512 map as floats is a 1 MB array to make and convert per sample): the same
     * prediction as the {@link Generated} image of those numbers would decode to. Its meta are {@link Generated}'s.
     *
     * @param nanos time spent on this request
     */
    record Labels(String id, LabelMap labels, Map<String, Object> meta, long nanos) implements Output {
        public Labels {
            Objects.requireNonNull(id);
            Objects.requireNonNull(labels);
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
