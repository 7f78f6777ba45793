package org.eibench.harness;

import java.nio.file.Path;

import org.eibench.harness.run.PredictionCache;
import picocli.CommandLine.Option;

/** Where the prediction cache is: --cache, else PredictionCache's default (run and the cache commands). */
final class CacheOption {

    @Option(names = "--cache", paramLabel = "DIR",
            description = "prediction cache folder (default: $EIBENCH_CACHE, else ~/.cache/eibench/predictions)")
    Path dir;

    Path resolve() {
        return dir != null ? dir.toAbsolutePath().normalize() : PredictionCache.defaultDir(System.getenv());
    }
}
