package org.eibench.tasks;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/** Runs the tasks module's Python reference scripts (tasks/src/test/python) with /usr/bin/python3, skipping without it. */
public final class PythonScripts {

    private PythonScripts() {
    }

    public static Path dir() {
        Path root = Path.of(System.getProperty("eibench.repo.root", ".")).toAbsolutePath().normalize();
        Path p = root.resolve("tasks/src/test/python");
        return p.toFile().isDirectory() ? p : Path.of("src/test/python").toAbsolutePath();
    }

    /** Runs a script; skips when python3 or one of {@code modules} is missing. */
    public static void run(String script, List<String> modules, String... args) throws Exception {
        File py = new File("/usr/bin/python3");
        Assumptions.assumeTrue(py.canExecute(), "no /usr/bin/python3");
        Process probe = new ProcessBuilder(py.getPath(), "-c", "import " + String.join(", ", modules)).redirectErrorStream(true).start();
        Assumptions.assumeTrue(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0, "python3 lacks " + modules);
        List<String> cmd = new ArrayList<>(List.of(py.getPath(), dir().resolve(script).toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(script + " failed:\n" + out);
        }
    }
}
