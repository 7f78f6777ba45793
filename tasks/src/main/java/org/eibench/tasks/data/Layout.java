package org.eibench.tasks.data;

import java.io.IOException;
import java.util.List;

import org.eibench.tasks.spec.TaskKind;

/** Lists the samples of a dataset laid out in one of the known ways. */
public interface Layout {

    String name();

    /** Samples sorted by id; throws with the offending path when the data cannot be listed. */
    List<SampleRef> list() throws IOException;

    /**
     * Files besides the samples' own that decide the samples (a manifest, an instruction file, class names): with the
     * samples' files they make the task's data identity. None by default.
     */
    default List<java.nio.file.Path> indexFiles() throws IOException {
        return List.of();
    }

    /** How this layout's ground-truth files are read when the task file does not say ({@code data.target_format}). */
    default TargetFormat targetFormat(TaskKind kind) {
        return TargetFormat.defaultFor(kind);
    }

    /** What the last {@link #list} found worth recording in run.json (entries named but missing, ...); empty by default. */
    default java.util.Map<String, Object> report() {
        return java.util.Map.of();
    }
}
