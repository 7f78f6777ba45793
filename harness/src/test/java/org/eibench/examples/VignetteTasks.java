package org.eibench.examples;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.eibench.tasks.Task;
import org.eibench.tasks.TaskContext;
import org.eibench.tasks.TaskFiles;
import org.eibench.tasks.spec.SpecException;
import org.eibench.tasks.spi.TaskProvider;

/** A task from code: a YAML text read by TaskFiles, so it is validated like a task file (here with the other examples). */
public final class VignetteTasks implements TaskProvider {
    static final String YAML = """
            format: eibench/task@1
            id: devignette-kodak
            version: 1
            split: held-out
            zero_shot: task
            kind: restoration
            data: {root: "${EIBENCH_DATA}/denoise/Kodak24_01-08", layout: png-folder, degrade: {type: vignette, strength: 0.6}}
            instructions: ["Brighten the dark corners of the photo."]
            decoder: {type: invert}
            metrics: [{name: psnr}, {name: worst_error}]
            """;

    @Override
    public List<String> taskIds() {
        return List.of("devignette-kodak");
    }

    @Override
    public Task task(String id, TaskContext context) throws SpecException {
        return TaskFiles.parse(YAML.getBytes(StandardCharsets.UTF_8), "plugin:devignette-kodak", null, context);
    }
}
