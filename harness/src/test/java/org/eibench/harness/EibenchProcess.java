package org.eibench.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code eibench ARGS} as a process of its own (for what only a process shows: its native stderr, signals). */
final class EibenchProcess {

    private EibenchProcess() {
    }

    /** On this test's class path with the bundled data; stdout and stderr go to the given files. */
    static ProcessBuilder builder(Path stdout, Path stderr, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        // The class path goes in CLASSPATH, not -cp: ONNX Runtime 1.29.0 crashes (SIGSEGV) when the command line is
        // longer than about 4 KB, which this test's class path is (docs/models.md).
        pb.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().put("EIBENCH_DATA", SharedData.dir().toString());
        return pb;
    }
}
