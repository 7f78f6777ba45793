package org.eibench.tasks;

import java.util.Map;
import java.util.Set;

import org.eibench.metrics.FloatImage;

/**
 * A loaded sample: the model's input, the ground truth in task space ({@code FloatImage}, {@code LabelMap}, or a list
 * of annotators' boundary maps), the ground truth rendered as a model output ({@code reference}, for models that
 * declare they read it), the instruction it is asked with: its index in the task's instruction set (-1: a per-sample
 * instruction from the data) and its style ({@code explanatory}, {@code paraphrase}, {@code terminological}; null when
 * unknown), and the task hints it offers by name (the runner passes a model only those it declared, see
 * {@code org.eibench.runtime.Capabilities}).
 */
public record Sample(String id, FloatImage input, Object target, FloatImage reference, String instruction,
                     Map<String, Object> meta, int instructionIndex, String instructionStyle, Map<String, Object> hints) {

    /**
     * The hint with the blur kernel a deblurring task's input was made with, as rows of numbers (MATLAB orientation).
     * Models declare the hints they read under the same names ({@code Capabilities.KNOWN_HINTS}, which does not
     * depend on tasks); a harness test holds the two lists equal.
     */
    public static final String BLUR_KERNEL = "blur_kernel";

    /** Every hint a task can offer. */
    public static final Set<String> HINTS = Set.of(BLUR_KERNEL);

    public Sample {
        hints = hints == null ? Map.of() : Map.copyOf(hints);
    }

    public Sample(String id, FloatImage input, Object target, FloatImage reference, String instruction, Map<String, Object> meta) {
        this(id, input, target, reference, instruction, meta, -1, null, Map.of());
    }
}
