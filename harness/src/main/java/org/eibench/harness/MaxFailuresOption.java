package org.eibench.harness;

import java.io.PrintStream;

import picocli.CommandLine.Option;

/** {@code --max-failures}, shared by the commands that run samples: it decides their exit code. */
final class MaxFailuresOption {

    @Option(names = "--max-failures", paramLabel = "N|FRACTION", defaultValue = "0",
            description = "failed samples allowed before the exit code is 1: a count (5) or a fraction (0.01 or 1%%) of all samples; default ${DEFAULT-VALUE}")
    String value;

    /** Rejects a malformed value before any work starts. */
    void validate() {
        Runs.MaxFailures.parse(value);
    }

    int exitCode(int failed, int planned, PrintStream err) {
        return Runs.exitCode(failed, planned, value, err);
    }
}
