package org.eibench.metrics.distribution;

import org.eibench.metrics.FloatImage;

/**
 * A feature network as the distribution metrics see it: an image (its own value scale, 0..255 for 8-bit) to a vector
 * of fixed length. Implementations must be safe to call from several scoring threads at once.
 */
@FunctionalInterface
public interface FeatureExtractor {

    float[] features(FloatImage image);
}
