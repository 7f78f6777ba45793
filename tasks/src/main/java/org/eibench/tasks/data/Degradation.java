package org.eibench.tasks.data;

import java.util.Map;

import org.eibench.metrics.FloatImage;

/**
 * A seeded synthetic degradation that makes a task's input from its clean target. The random stream of a sample
 * depends only on the task seed and the sample id ({@link SampleSeeds#forSample}), never on order, sharding or threads.
 * Each built-in lives in its own file with its {@code Provider}; {@link Degradations} builds the one a task file names.
 */
public interface Degradation {

    /**
     * A degradation that hides a region the model must generate (inpainting, outpainting): the input is the clean
     * image with the mask's region filled by a flat colour, and the mask goes with the ground truth.
     */
    sealed interface Masking extends Degradation permits InpaintMask, OutpaintCrop {

        /** One channel, 1 = region to generate, 0 = kept; a function of the image size and the sample id only. */
        FloatImage mask(FloatImage clean, String sampleId);

        /** The flat colour, one value per channel of the image (one value for gray images). */
        float[] fill();

        /** The clean image with the mask's region filled. */
        default FloatImage fill(FloatImage clean, FloatImage mask) {
            int c = clean.channels();
            float[] out = clean.data().clone();
            float[] m = mask.data();
            float[] colour = fill();
            for (int i = 0; i < m.length; i++) {
                if (m[i] > 0.5f) {
                    for (int k = 0; k < c; k++) {
                        out[i * c + k] = colour[Math.min(k, colour.length - 1)];
                    }
                }
            }
            return new FloatImage(clean.width(), clean.height(), c, out);
        }

        @Override
        default FloatImage apply(FloatImage clean, String sampleId) {
            return fill(clean, mask(clean, sampleId));
        }
    }

    FloatImage apply(FloatImage clean, String sampleId);

    /** With the sample's metric depth map (metres, 0 = invalid), for degradations that need one (haze). */
    default FloatImage apply(FloatImage clean, String sampleId, FloatImage depth) {
        return apply(clean, sampleId);
    }

    /** Whether {@link #apply(FloatImage, String, FloatImage)} needs a depth map. */
    default boolean needsDepth() {
        return false;
    }

    Map<String, Object> options();
}
