package org.eibench.tasks.decode;

/**
 * A decoder's type name, prediction class and output bit depth held as fields, so a decoder class holds only its
 * conversion.
 */
abstract class AbstractDecoder implements Decoder {

    private final String type;
    private final Class<?> predictionType;
    final int bitDepth;

    AbstractDecoder(String type, Class<?> predictionType) {
        this(type, predictionType, 8);
    }

    /** @param bitDepth bits per channel the output is quantised to (as its PNG is saved) */
    AbstractDecoder(String type, Class<?> predictionType, int bitDepth) {
        this.type = type;
        this.predictionType = predictionType;
        this.bitDepth = bitDepth;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final Class<?> predictionType() {
        return predictionType;
    }

    /** The built-in decoders convert the output alone; {@code overlay-mask} says otherwise. */
    @Override
    public boolean readsInput() {
        return false;
    }

    @Override
    public final int outputBitDepth() {
        return bitDepth;
    }
}
