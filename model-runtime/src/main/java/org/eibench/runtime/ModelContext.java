package org.eibench.runtime;

import java.nio.file.Path;

/**
 * What providers may need to open a model: where the bundled data and models live, and which CUDA device a model
 * asking for {@code device=cuda} runs on (null: device 0; a cluster engine sets the GPU it assigned the task).
 */
public record ModelContext(Path dataDir, Integer cudaDevice) {

    public ModelContext(Path dataDir) {
        this(dataDir, null);
    }
}
