package org.eibench.runtime;

import java.util.Set;
import java.util.TreeSet;

/**
 * What a model may see besides the input image and the instruction; the runner passes nothing else. A model that
 * reads the ground truth is a ceiling check (the oracle), one given hints is non-blind: reports label both and keep
 * them out of rankings.
 *
 * @param readsReference the model is given {@link Request#reference()}, the ground truth in output-image space
 * @param hints          task hints it accepts by name, e.g. {@link #BLUR_KERNEL}; others are never sent
 */
public record Capabilities(boolean readsReference, Set<String> hints) {

    /** The blur kernel a deblurring task's input was made with, as rows of numbers (MATLAB orientation). */
    public static final String BLUR_KERNEL = "blur_kernel";

    /**
     * Every hint a task can offer. Tasks name them in {@code org.eibench.tasks.Sample.HINTS} (neither module depends on
     * the other); a harness test holds the two equal.
     */
    public static final Set<String> KNOWN_HINTS = Set.of(BLUR_KERNEL);

    /** Sees the input and the instruction only. */
    public static final Capabilities NONE = new Capabilities(false, Set.of());

    public Capabilities {
        hints = Set.copyOf(hints);
        for (String h : hints) {
            if (!KNOWN_HINTS.contains(h)) {
                throw new IllegalArgumentException("unknown hint '" + h + "'; known: " + String.join(", ", new TreeSet<>(KNOWN_HINTS)));
            }
        }
    }

    public static Capabilities readingReference() {
        return new Capabilities(true, Set.of());
    }

    public static Capabilities withHints(Set<String> hints) {
        return new Capabilities(false, hints);
    }

    /** Sees only what every model sees. */
    public boolean blind() {
        return !readsReference && hints.isEmpty();
    }

    /** The hints in a stable order, for files. */
    public java.util.List<String> sortedHints() {
        return java.util.List.copyOf(new TreeSet<>(hints));
    }
}
