package org.eibench.tasks.decode;

import java.util.Map;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.LabelMap;

/**
 * Turns a model's output image into a prediction in task space (RGB image, label map, depth, normals, mask), mapped
 * back to the ground truth's geometry, and renders a ground truth into output-image space ({@link #encode}) for the
 * oracle and for round-trip tests. Its type and options are part of the task's identity.
 */
public interface Decoder {

    /** Key of the sample's instruction in the metadata given to {@link #decode} and {@link #encode}. */
    String INSTRUCTION = "instruction";

    String type();

    Map<String, Object> options();

    /** Class of the predictions this decoder produces ({@code FloatImage} or {@code LabelMap}). */
    Class<?> predictionType();

    /** Bits per sample of the saved prediction PNG: outputs are quantised to this before decoding. */
    default int outputBitDepth() {
        return 8;
    }

    /**
     * Whether {@link #decode} and {@link #encode} look at the input image. A decoder that does not is given null for
     * it, and scoring predictions made elsewhere then never reads a sample's input file. True unless a decoder says
     * otherwise, so a plugin written before this method still gets its input.
     */
    default boolean readsInput() {
        return true;
    }

    /**
     * @param output the model's output, already quantised to {@link #outputBitDepth()}
     * @param input  the model's input image (some decoders compare against it)
     * @param target the ground truth, whose geometry the prediction must take
     */
    Object decode(FloatImage output, FloatImage input, Object target);

    /**
     * Whether this decoder reads a one-channel output as class indices and nothing else (as {@code labels} does), so
     * that a prediction file's integers can be handed to {@link #decodeLabels} without being widened to floats first.
     * False by default.
     */
    default boolean takesLabelMaps() {
        return false;
    }

    /**
     * {@link #decode} of a one-channel output already read as whole numbers of at most {@link #outputBitDepth()} bits:
     * the same prediction as decoding those numbers as a float image. Only called when {@link #takesLabelMaps()}.
     */
    default Object decodeLabels(LabelMap output, Object target) {
        throw new UnsupportedOperationException("the " + type() + " decoder does not take label maps");
    }

    /** The ground truth as a perfect model would output it. */
    FloatImage encode(Object target);

    /**
     * The ground truth as a perfect model would output it for this input and sample metadata (decoders that compare
     * with the input, such as {@code overlay-mask}, need them).
     */
    default FloatImage encode(Object target, FloatImage input, Map<String, Object> meta) {
        return encode(target);
    }

    /** Decoding with the sample's metadata (a per-sample overlay colour, ...); by default the metadata is unused. */
    default Object decode(FloatImage output, FloatImage input, Object target, Map<String, Object> meta) {
        return decode(output, input, target);
    }

    /**
     * Remarks on a sample worth counting in the summary, by key (e.g. an instruction that states the opposite depth
     * convention to the decoder's); none by default.
     */
    default Map<String, String> notes(Map<String, Object> meta) {
        return Map.of();
    }
}
