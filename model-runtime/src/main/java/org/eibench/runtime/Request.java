package org.eibench.runtime;

import java.util.Map;
import java.util.Objects;

import org.eibench.metrics.FloatImage;

/**
 * One generation request: the input image in its native value scale (0..255 for 8-bit, possibly unclipped floats for
 * synthetic inputs), the instruction, the sample's seed and generation parameters.
 *
 * @param targetWidth  width of the ground truth, a hint for runtimes that must produce a given size
 * @param targetHeight height of the ground truth
 * @param reference    the ground truth rendered into output-image space (what a perfect model would return); null
 *                     unless the model's {@link Capabilities#readsReference()} says it reads it
 * @param hints        task hints by name ({@link Capabilities#BLUR_KERNEL}), only those the model declared
 */
public record Request(String id, FloatImage image, String instruction, long seed, Map<String, Object> params,
                      int targetWidth, int targetHeight, FloatImage reference, Map<String, Object> hints) {

    public Request {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(image, "image");
        instruction = instruction == null ? "" : instruction;
        params = params == null ? Map.of() : Map.copyOf(params);
        hints = hints == null ? Map.of() : Map.copyOf(hints);
    }

    /** A request without hints. */
    public Request(String id, FloatImage image, String instruction, long seed, Map<String, Object> params,
                   int targetWidth, int targetHeight, FloatImage reference) {
        this(id, image, instruction, seed, params, targetWidth, targetHeight, reference, Map.of());
    }
}
