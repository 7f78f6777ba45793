package org.eibench.tasks;

import java.util.Map;

import org.eibench.metrics.FloatImage;

/**
 * A loaded sample: the model's input, the ground truth in task space ({@code FloatImage} or {@code LabelMap}), the
 * ground truth rendered as a model output ({@code reference}, for the oracle), and the instruction it is asked with.
 */
public record Sample(String id, FloatImage input, Object target, FloatImage reference, String instruction,
                     Map<String, Object> meta) {
}
