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
 * @param reference    the ground truth rendered into output-image space (what a perfect model would return), or
 *                     null; only ceiling baselines such as {@code oracle} may read it
 */
public record Request(String id, FloatImage image, String instruction, long seed, Map<String, Object> params,
                      int targetWidth, int targetHeight, FloatImage reference) {

    public Request {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(image, "image");
        instruction = instruction == null ? "" : instruction;
        params = params == null ? Map.of() : Map.copyOf(params);
    }
}
