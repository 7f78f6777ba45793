package org.eibench.runtime;

import java.nio.file.Path;

/** What providers may need to open a model: where the bundled data and models live. */
public record ModelContext(Path dataDir) {
}
