package org.eibench.harness.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eibench.imaging.ImageFiles;
import org.eibench.metrics.LabelMap;
import org.eibench.runtime.ModelInfo;
import org.eibench.runtime.ModelRuntime;
import org.eibench.runtime.Output;
import org.eibench.runtime.Request;
import org.eibench.tasks.Task;

/**
 * A "model" whose outputs are files made elsewhere: {@code DIR/<sample id>.png} (or {@code DIR/<task id>/<sample
 * id>.png} when scoring several tasks). This is how {@code eibench score} and {@code eibench rescore} reuse the
 * runner: same loading, decoding, scoring, sample lines and summary as {@code run}. A missing or unreadable file is a
 * failed sample naming the path.
 */
public final class PredictionsRuntime implements ModelRuntime, Runner.PerTask, Runner.Stored {

    private final Path dir;
    private final ModelInfo info;
    private final Map<String, Map<String, String>> earlierFailures;
    private final Map<String, Map<String, String>> recordedSha256;
    /**
     * For one task whose decoder takes label maps: the most bits per sample of a label file read as integers
     * ({@link Output.Labels}); 0: every file is read as an image.
     */
    private final int labelBits;

    /** @param info what to record as the model: the original model for rescore, the folder for score */
    public PredictionsRuntime(Path dir, ModelInfo info) {
        this(dir, info, Map.of());
    }

    /**
     * @param earlierFailures task id -> sample id -> reason, for rescore: a sample that failed in the original run
     *                        has no prediction, and its failure keeps the original reason instead of "no file"
     */
    public PredictionsRuntime(Path dir, ModelInfo info, Map<String, Map<String, String>> earlierFailures) {
        this(dir, info, earlierFailures, Map.of());
    }

    /**
     * @param recordedSha256 task id -> sample id -> the SHA-256 its line recorded, for rescore: a file that no longer
     *                       has it (rewritten in place since it was scored: a run of {@code score} keeps hard links to
     *                       the files it scored) is a failed sample saying so, not a silent score of other pixels
     */
    public PredictionsRuntime(Path dir, ModelInfo info, Map<String, Map<String, String>> earlierFailures,
                              Map<String, Map<String, String>> recordedSha256) {
        this(dir, info, earlierFailures, recordedSha256, 0);
    }

    private PredictionsRuntime(Path dir, ModelInfo info, Map<String, Map<String, String>> earlierFailures,
                               Map<String, Map<String, String>> recordedSha256, int labelBits) {
        this.dir = dir.toAbsolutePath().normalize();
        this.info = info;
        this.earlierFailures = earlierFailures;
        this.recordedSha256 = recordedSha256;
        this.labelBits = labelBits;
    }

    /** Identity of a predictions folder: its path (files made elsewhere have no checksum we could trust more). */
    public static ModelInfo folderInfo(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        return new ModelInfo("predictions:" + d.getFileName(), "folder:" + d, "files", Map.of("runtime", "predictions"));
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public int maxBatchSize() {
        return 8;
    }

    @Override
    public ModelRuntime forTask(Task task) {
        Path sub = dir.resolve(task.id());
        Path d = Files.isDirectory(sub) ? sub : dir;
        Map<String, String> earlier = earlierFailures.getOrDefault(task.id(), Map.of());
        Map<String, String> recorded = recordedSha256.getOrDefault(task.id(), Map.of());
        return new PredictionsRuntime(d, info, earlier.isEmpty() ? Map.of() : Map.of("", earlier),
                recorded.isEmpty() ? Map.of() : Map.of("", recorded),
                task.decoder().takesLabelMaps() ? task.decoder().outputBitDepth() : 0);
    }

    @Override
    public List<Output> generate(List<Request> batch) {
        return batch.stream().map(r -> read(r.id())).toList();
    }

    @Override
    public Output read(String id) {
        Path f = dir.resolve(id + ".png").normalize();
        if (!f.startsWith(dir)) {
            return new Output.Failed(id, "sample id escapes the predictions folder: " + id);
        }
        if (!Files.isRegularFile(f)) {
            String earlier = earlierFailures.getOrDefault("", Map.of()).get(id);
            return new Output.Failed(id, earlier != null ? earlier : "no prediction file " + f);
        }
        try {
            long t = System.nanoTime();
            byte[] bytes = Files.readAllBytes(f);
            String recorded = recordedSha256.getOrDefault("", Map.of()).get(id);
            if (recorded != null) {
                String now = SampleScorer.sha256(bytes);
                if (!now.equals(recorded)) {
                    return new Output.Failed(id, "prediction " + f + " changed since it was scored: SHA-256 " + now
                            + ", the run recorded " + recorded + " (a hard link to the file scored changes when that file "
                            + "is rewritten in place; score with --copy-predictions to keep copies)");
                }
            }
            // A one-channel label PNG for a task that takes label maps: its integers, never floats.
            LabelMap labels = labelBits > 0 ? ImageFiles.decodeLabels(bytes, f.toString(), labelBits) : null;
            if (labels != null) {
                return new Output.Labels(id, labels, Map.of(Output.SOURCE_PNG, bytes, Output.SOURCE_FILE, f),
                        System.nanoTime() - t);
            }
            ImageFiles.Decoded d = ImageFiles.decode(bytes, f.toString());
            Map<String, Object> meta = ImageFiles.isPng(bytes)
                    ? Map.of(Output.SOURCE_PNG, bytes, Output.SOURCE_BIT_DEPTH, d.bitDepth(), Output.SOURCE_FILE, f)
                    : Map.of();
            return new Output.Generated(id, d.image(), meta, System.nanoTime() - t);
        } catch (IOException | RuntimeException e) {
            // The image readers' messages start with the file already.
            String m = String.valueOf(e.getMessage());
            return new Output.Failed(id, "cannot read prediction " + (m.startsWith(f.toString()) ? m : f + ": " + m));
        }
    }
}
