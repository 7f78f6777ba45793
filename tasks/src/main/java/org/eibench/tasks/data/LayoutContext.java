package org.eibench.tasks.data;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * What a layout is built with: the dataset root (no path from a data file escapes it) and a resolver for paths that
 * the task file itself names (such as a uvt-json file), which follow the task file's rules ({@code ${EIBENCH_DATA}},
 * relative to the task file, absolute).
 */
public record LayoutContext(DataRoot root, Function<String, Path> taskFilePath) {
}
