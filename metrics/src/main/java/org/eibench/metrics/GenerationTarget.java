package org.eibench.metrics;

/**
 * The ground truth of a generation task: the original image, and for inpainting and outpainting the mask of the
 * region the model has to generate (one channel, 1 = generate, 0 = keep; the same size as the image), null when the
 * whole image is generated (Canny-to-image); and the text the output is scored against by text-image metrics (CLIP
 * score): the sample's caption when its data gives one, else its instruction; null when neither is known.
 */
public record GenerationTarget(FloatImage image, FloatImage mask, String text) {

    public GenerationTarget {
        if (image == null) {
            throw new IllegalArgumentException("a generation target needs an image");
        }
        if (mask != null && (mask.channels() != 1 || mask.width() != image.width() || mask.height() != image.height())) {
            throw new IllegalArgumentException("mask " + mask.shape() + " does not fit image " + image.shape());
        }
    }

    public GenerationTarget(FloatImage image, FloatImage mask) {
        this(image, mask, null);
    }

    public static GenerationTarget of(FloatImage image) {
        return new GenerationTarget(image, null, null);
    }

    /** The same target with the text to score against. */
    public GenerationTarget withText(String caption) {
        return new GenerationTarget(image, mask, caption);
    }
}
