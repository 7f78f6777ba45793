package org.eibench.harness.run;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.LabelMap;
import org.eibench.metrics.Metric;
import org.eibench.metrics.MetricValue;
import org.eibench.metrics.Stats;
import org.eibench.tasks.Sample;
import org.eibench.tasks.Task;
import org.eibench.tasks.data.SampleRef;

/**
 * Turns one model output into one sample line: quantises it as the saved PNG, decodes it into the task's space at the
 * target's geometry, measures every keyed metric, saves the prediction PNG (and the task's gallery views) under the
 * run directory, and returns the {@link SampleRecord}. The runner's scorer threads call it; so can anything that runs
 * the model elsewhere (another process, a cluster executor), given the task, the sample as {@link Task#load} made it
 * and the output, and gets the line the runner would write. Thread-safe: it keeps no state between samples.
 */
public final class SampleScorer {

    private final RunDirectory dir;
    private final PredictionPng.Compression compression;
    private final boolean linkPredictions;

    /** @param dir where predictions and views are saved (the lines are the caller's to append) */
    public SampleScorer(RunDirectory dir, PredictionPng.Compression compression) {
        this(dir, compression, false);
    }

    /**
     * @param linkPredictions keep a prediction read from a file as a hard link to that file where the file system
     *                        allows (no bytes written), instead of a copy
     */
    public SampleScorer(RunDirectory dir, PredictionPng.Compression compression, boolean linkPredictions) {
        this.dir = dir;
        this.compression = compression;
        this.linkPredictions = linkPredictions;
    }

    /**
     * The PNG file a model output was decoded from (a predictions folder).
     *
     * @param png  its bytes, as read
     * @param bits its bits per sample (8 or 16: its values are whole numbers below 2^bits), or 0
     * @param file where it was read from, or null
     */
    public record Source(byte[] png, int bits, java.nio.file.Path file) {
        static final Source NONE = new Source(null, 0, null);
    }

    /**
     * The sample's line. A problem with this sample (decoding, a metric, saving the PNG, or an unexpected exception)
     * is a failed line with its stage and reason, never an exception; an {@link Error} propagates.
     *
     * @param ref     the sample's reference, for the line's source fields
     * @param sample  {@code task.load(ref)}
     * @param output  the model's image for this sample
     * @param loadMs  time {@code task.load} took, recorded in the line's timing
     * @param modelMs the model's time for this sample, recorded in the line's timing
     */
    public SampleRecord score(Task task, SampleRef ref, Sample sample, FloatImage output, double loadMs, double modelMs) {
        return score(task, ref, sample, output, Source.NONE, loadMs, modelMs);
    }

    /**
     * As {@link #score(Task, SampleRef, Sample, FloatImage, double, double)}, for an output decoded from a PNG file (a
     * predictions folder): when its pixels are what is scored (already quantised), the saved prediction is a copy of
     * the file's bytes instead of a new encoding. Reading the copy back gives the same image, and {@code eibench
     * score} saves the encoding time (about a third of a 1 MP sample). With hard links on, the saved prediction is
     * the file itself where it can be linked (same file system), and nothing is written.
     *
     * @param source the PNG file {@code output} was decoded from ({@link Source#png} null: none)
     */
    public SampleRecord score(Task task, SampleRef ref, Sample sample, FloatImage output, Source source,
                              double loadMs, double modelMs) {
        return guarded(task, ref, sample, () -> scoreOrFail(task, sample, output, source, loadMs, modelMs));
    }

    /**
     * As {@link #score(Task, SampleRef, Sample, FloatImage, Source, double, double)}, for a label file read as its
     * integers ({@link org.eibench.runtime.Output.Labels}, a task whose decoder takes label maps): the same line as
     * scoring the image of those numbers, the saved prediction being the file itself.
     *
     * @param source the PNG file {@code output} was read from ({@link Source#png} not null)
     */
    public SampleRecord scoreLabels(Task task, SampleRef ref, Sample sample, LabelMap output, Source source,
                                    double loadMs, double modelMs) {
        return guarded(task, ref, sample, () -> {
            long t = System.nanoTime();
            Object prediction;
            try {
                prediction = task.decodeLabels(output, sample);
            } catch (RuntimeException e) {
                return SampleRecord.failed(sample.id(), "decode", String.valueOf(e.getMessage()), sample.instruction());
            }
            return measureAndSave(task, sample, prediction, null, output.width(), output.height(), source, t, loadMs,
                    modelMs);
        });
    }

    /** The line {@code scoring} makes, or a failed one for an unexpected exception; with the sample's source fields. */
    private static SampleRecord guarded(Task task, SampleRef ref, Sample sample,
                                        java.util.function.Supplier<SampleRecord> scoring) {
        SampleRecord rec;
        try {
            rec = scoring.get();
        } catch (RuntimeException e) {
            rec = SampleRecord.failed(ref.id(), "score", "internal error: " + e, sample.instruction());
        }
        return rec.withSource(SampleRecord.Source.of(task, ref));
    }

    private SampleRecord scoreOrFail(Task task, Sample s, FloatImage output, Source source, double loadMs,
                                     double modelMs) {
        byte[] sourcePng = source.png();
        int sourceBits = sourcePng != null ? source.bits() : 0;
        long t = System.nanoTime();
        int bits = task.decoder().outputBitDepth();
        // A PNG of at most the decoder's bit depth is quantised already: no pass over its pixels to find out.
        FloatImage q = sourceBits > 0 && sourceBits <= bits ? output : output.quantized(bits == 8 ? 255f : 65535f);
        Object prediction;
        try {
            prediction = task.decode(q, s);
        } catch (Sample.Unreadable e) {
            // A decoder that compares with the input, which is read on first use.
            return SampleRecord.failed(s.id(), "load", e.getMessage(), s.instruction());
        } catch (RuntimeException e) {
            return SampleRecord.failed(s.id(), "decode", String.valueOf(e.getMessage()), s.instruction());
        }
        // The pixels scored are the file's: its bytes are the saved prediction.
        boolean asRead = q == output && sourcePng != null;
        return measureAndSave(task, s, prediction, asRead ? null : q, q.width(), q.height(), source, t, loadMs,
                modelMs);
    }

    /**
     * The metrics of a decoded prediction, the saved prediction and the line.
     *
     * @param encode the output to save as a new PNG, or null to save the source file's bytes
     * @param width  the output's width (before the decoder's resampling), as {@code height}
     * @param t      when decoding started
     */
    private SampleRecord measureAndSave(Task task, Sample s, Object prediction, FloatImage encode, int width,
                                        int height, Source source, long t, double loadMs, double modelMs) {
        int bits = task.decoder().outputBitDepth();
        long tDecoded = System.nanoTime();
        Map<String, SampleRecord.MetricResult> results = new LinkedHashMap<>();
        for (Task.KeyedMetric km : task.metrics()) {
            try {
                Stats stats = measure(km.metric(), prediction, s.target());
                Map<String, Double> values = new LinkedHashMap<>();
                for (MetricValue v : km.metric().sampleValues(stats)) {
                    values.put(km.valueKey(v.key()), v.value());
                }
                results.put(km.key(), new SampleRecord.MetricResult(values, stats));
            } catch (RuntimeException e) {
                return SampleRecord.failed(s.id(), "score", km.key() + ": " + e.getMessage(), s.instruction());
            }
        }
        long tScored = System.nanoTime();
        String rel = dir.predictionPath(task.id(), s.id());
        String sha;
        try {
            boolean asRead = encode == null;
            byte[] png = asRead ? source.png() : PredictionPng.encode(encode, bits, compression);
            if (asRead && source.file() != null) {
                // The file's own bytes: linked where it can be, else copied (rescore reads them back in place).
                dir.keep(dir.dir().resolve(rel), source.file(), png, linkPredictions);
            } else {
                // Atomic: rescore reads these files back, and a kill must never leave half a PNG under its final name.
                dir.writeAtomically(dir.dir().resolve(rel), png);
            }
            sha = sha256(png);
            // Gallery pictures a task makes of this sample (generation: the synthesised input, the Canny overlay).
            for (Map.Entry<String, FloatImage> v : task.views(s, prediction).entrySet()) {
                dir.writeAtomically(dir.dir().resolve(dir.viewPath(task.id(), s.id(), v.getKey())),
                        PredictionPng.encode(v.getValue(), 8, compression));
            }
        } catch (IOException | RuntimeException e) {
            return SampleRecord.failed(s.id(), "write", "cannot save prediction: " + e.getMessage(), s.instruction());
        }
        Map<String, Double> timing = new LinkedHashMap<>();
        timing.put("load", loadMs);
        timing.put("model", modelMs);
        timing.put("score", Pipeline.ms(t));
        // The parts of "score", to see which stage bounds throughput (bench/runner-throughput.sh).
        timing.put("decode", (tDecoded - t) / 1e6);
        timing.put("metrics", (tScored - tDecoded) / 1e6);
        timing.put("write", Pipeline.ms(tScored));
        return new SampleRecord(s.id(), true, null, null, s.instruction(), results, rel, sha, timing).withNotes(task.notes(s))
                .withResized(resized(width, height, s));
    }

    /** A prediction's {@code prediction_sha256}: the SHA-256 of its PNG bytes, lower-case hex. */
    static String sha256(byte[] png) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /**
     * "WxH to WxH" when the output's size is not the target's: the decoder then resampled it to the target's size, so
     * the score is partly the resize's. The target's size where its type has one, else the reference's (the target
     * rendered as a model output, the size a decoder takes without resampling), which is then made if it was not.
     */
    static String resized(int width, int height, Sample s) {
        int[] size = Requests.targetSize(s.target());
        if (size[0] > 0) {
            return width == size[0] && height == size[1] ? null
                    : width + "x" + height + " to " + size[0] + "x" + size[1];
        }
        FloatImage reference;
        try {
            reference = s.reference();
        } catch (Sample.Unreadable e) {
            return null;
        }
        if (reference == null || (width == reference.width() && height == reference.height())) {
            return null;
        }
        return width + "x" + height + " to " + reference.width() + "x" + reference.height();
    }

    @SuppressWarnings("unchecked")
    static Stats measure(Metric<?, ?> metric, Object prediction, Object target) {
        if (!metric.predictionType().isInstance(prediction) || !metric.targetType().isInstance(target)) {
            throw new IllegalArgumentException("metric " + metric.name() + " cannot score a "
                    + prediction.getClass().getSimpleName() + " against a " + target.getClass().getSimpleName());
        }
        return ((Metric<Object, Object>) metric).measure(prediction, target);
    }
}
