package org.eibench.tasks.metric;

import java.util.Locale;
import java.util.Map;

import org.eibench.metrics.FloatImage;

/**
 * A network that scores images rather than makes them, as the {@code feature_distance} and {@code lpips} metrics use
 * it, and {@code clip_score}. Tasks only call it; whoever opens one (the harness, with model-runtime's ONNX evaluator) adapts it to this, so
 * tasks need no model runtime.
 */
public interface EvaluatorNetwork {

    /** What the network computes. */
    enum Type {
        FEATURES, PAIR, CLIP;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    Type type();

    /** The network's id as it appears in metric keys ({@code fd_<keyId>}, {@code pd_<keyId>}). */
    String keyId();

    /** {@code fid} or {@code lpips} for networks exported from the known weights; null for any other network. */
    String protocolName();

    /** What identifies the network in results. */
    Map<String, Object> identity();

    /** The feature vector of one image (pixels in their own scale); feature networks only. */
    float[] features(FloatImage image);

    /** The distance between two images; pair networks only. */
    double distance(FloatImage a, FloatImage b);

    /** {image embedding, text embedding} of an image and a text; CLIP networks only. */
    float[][] clip(FloatImage image, String text);
}
