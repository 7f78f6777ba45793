package org.eibench.tasks;

import java.io.IOException;
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
 *
 * <p>The input read from a file and the reference are made on first use: scoring predictions made elsewhere needs
 * neither (a third of the decoding of a restoration sample), while a model or a decoder that reads them gets them as
 * before. A file that cannot be read then fails the call with {@link Unreadable}, naming the file.
 */
public final class Sample {

    /**
     * The hint with the blur kernel a deblurring task's input was made with, as rows of numbers (MATLAB orientation).
     * Models declare the hints they read under the same names ({@code Capabilities.KNOWN_HINTS}, which does not
     * depend on tasks); a harness test holds the two lists equal.
     */
    public static final String BLUR_KERNEL = "blur_kernel";

    /** Every hint a task can offer. */
    public static final Set<String> HINTS = Set.of(BLUR_KERNEL);

    /** A part of the sample made on first use could not be made; the message names the file and the reason. */
    public static final class Unreadable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** How a part made on first use is made. */
    @FunctionalInterface
    interface Part {
        FloatImage make() throws IOException;
    }

    /** How the reference is made, given the input (read only if the rendering asks for it). */
    @FunctionalInterface
    interface Rendering {
        FloatImage render(java.util.function.Supplier<FloatImage> input) throws IOException;
    }

    /** A part made once, by the first thread that asks; a failure is kept and thrown to every caller. */
    private static final class Lazy {
        private Part part;
        private FloatImage value;
        private Unreadable error;

        Lazy(Part part) {
            this.part = part;
        }

        Lazy(FloatImage value) {
            this.value = value;
        }

        synchronized FloatImage get() {
            if (part != null) {
                try {
                    value = part.make();
                } catch (IOException e) {
                    error = new Unreadable(e.getMessage(), e);
                } catch (RuntimeException e) {
                    error = new Unreadable(String.valueOf(e.getMessage()), e);
                }
                part = null;
            }
            if (error != null) {
                throw error;
            }
            return value;
        }
    }

    private final String id;
    private final Lazy input;
    private final Object target;
    private final Lazy reference;
    private final String instruction;
    private final Map<String, Object> meta;
    private final int instructionIndex;
    private final String instructionStyle;
    private final Map<String, Object> hints;

    private Sample(String id, Lazy input, Object target, Lazy reference, String instruction, Map<String, Object> meta,
                   int instructionIndex, String instructionStyle, Map<String, Object> hints) {
        this.id = id;
        this.input = input;
        this.target = target;
        this.reference = reference;
        this.instruction = instruction;
        this.meta = meta;
        this.instructionIndex = instructionIndex;
        this.instructionStyle = instructionStyle;
        this.hints = hints == null ? Map.of() : Map.copyOf(hints);
    }

    public Sample(String id, FloatImage input, Object target, FloatImage reference, String instruction,
                  Map<String, Object> meta, int instructionIndex, String instructionStyle, Map<String, Object> hints) {
        this(id, new Lazy(input), target, new Lazy(reference), instruction, meta, instructionIndex, instructionStyle, hints);
    }

    public Sample(String id, FloatImage input, Object target, FloatImage reference, String instruction, Map<String, Object> meta) {
        this(id, input, target, reference, instruction, meta, -1, null, Map.of());
    }

    /** A sample whose input and reference are made on first use ({@link Task#load}). */
    static Sample deferred(String id, Part input, Object target, Rendering reference, String instruction,
                           Map<String, Object> meta, int instructionIndex, String instructionStyle,
                           Map<String, Object> hints) {
        Lazy in = new Lazy(input);
        return new Sample(id, in, target, new Lazy(() -> reference.render(in::get)), instruction, meta,
                instructionIndex, instructionStyle, hints);
    }

    public String id() {
        return id;
    }

    /** @throws Unreadable when the input file cannot be read */
    public FloatImage input() {
        return input.get();
    }

    public Object target() {
        return target;
    }

    /** @throws Unreadable when the ground truth cannot be rendered as a model output */
    public FloatImage reference() {
        return reference.get();
    }

    public String instruction() {
        return instruction;
    }

    public Map<String, Object> meta() {
        return meta;
    }

    public int instructionIndex() {
        return instructionIndex;
    }

    public String instructionStyle() {
        return instructionStyle;
    }

    public Map<String, Object> hints() {
        return hints;
    }

    @Override
    public String toString() {
        return "Sample[" + id + "]";
    }
}
