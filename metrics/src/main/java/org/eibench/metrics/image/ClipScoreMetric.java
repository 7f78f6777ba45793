package org.eibench.metrics.image;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.GenerationTarget;
import org.eibench.metrics.Metric;
import org.eibench.metrics.MetricValue;
import org.eibench.metrics.MetricValues;
import org.eibench.metrics.Stats;

/**
 * CLIP score of a generated image against the sample's text, torchmetrics' {@code CLIPScore}: per sample
 * 100 cos(E_image, E_text) (the embeddings L2-normalised, {@code functional/multimodal/clip_score.py}
 * {@code _clip_score_update}), summed over samples, and the mean clamped at 0 ({@code multimodal/clip_score.py}
 * {@code compute}: {@code max(score / n_samples, 0)}). torchmetrics clamps the mean, not each sample, though its
 * docstring writes the clamp per pair; one sample's value is the same either way. The target image is not used
 * (CLIP score needs no reference); the text is {@link GenerationTarget#text()}. Higher is better, 0..100.
 */
public final class ClipScoreMetric implements Metric<FloatImage, GenerationTarget> {

    /** A CLIP model: an image (its own scale, 0..255 for 8-bit) and a text to their two embeddings; thread-safe. */
    @FunctionalInterface
    public interface Encoder {
        /** {image embedding, text embedding}, of equal length. */
        float[][] embed(FloatImage image, String text);
    }

    private final Encoder encoder;
    private final String key;
    private final Map<String, Object> identity;

    /** @param identity what identifies the network and tokenizer in results; recorded in the options */
    public ClipScoreMetric(Encoder encoder, String key, Map<String, Object> identity) {
        this.encoder = encoder;
        this.key = key;
        this.identity = Map.copyOf(identity);
    }

    @Override
    public String name() {
        return "clip_score";
    }

    @Override
    public Map<String, Object> options() {
        Map<String, Object> o = new LinkedHashMap<>(new TreeMap<>(identity));
        o.put("key", key);
        o.put("text", "caption, else instruction");
        o.put("reduction", "max(mean(100 cos), 0)");
        return o;
    }

    /** The target gives the text; its image is not used. */
    @Override
    public Class<GenerationTarget> targetType() {
        return GenerationTarget.class;
    }

    @Override
    public Class<FloatImage> predictionType() {
        return FloatImage.class;
    }

    @Override
    public Stats measure(FloatImage prediction, GenerationTarget target) {
        if (target.text() == null) {
            throw new IllegalArgumentException("clip_score needs a text: the sample has neither a caption nor an instruction");
        }
        float[][] e = encoder.embed(prediction, target.text());
        return Stats.builder().put("sum", 100 * cosine(e[0], e[1])).put("n", 1).build();
    }

    /** Cosine of two embeddings, in double. */
    static double cosine(float[] a, float[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("CLIP gave an image embedding of " + a.length + " values and a text embedding of "
                    + b.length);
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Float.isFinite(a[i]) || !Float.isFinite(b[i])) {
                throw new IllegalArgumentException("CLIP gave a non-finite embedding value at index " + i);
            }
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        if (na == 0 || nb == 0) {
            throw new IllegalArgumentException("CLIP gave a zero " + (na == 0 ? "image" : "text") + " embedding");
        }
        return dot / (Math.sqrt(na) * Math.sqrt(nb));
    }

    @Override
    public MetricValues finish(Stats total) {
        double n = total.scalarOrZero("n");
        double v = n == 0 ? Double.NaN : Math.max(total.scalar("sum") / n, 0);
        return new MetricValues(List.of(new MetricValue(key, v, true)), Map.of("samples", (long) n));
    }
}
