package org.eibench.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eibench.harness.run.RunDirectory;
import org.eibench.harness.run.Runner;
import org.eibench.runtime.ModelRuntime;
import org.eibench.tasks.Task;

/** What run, score and rescore share: resume or start over, the failure list, and the exit code. */
final class Runs {

    private Runs() {
    }

    /**
     * Runs into {@code dir}, resuming what it holds. When it holds another run: with {@code forceNew}, starts over
     * in the first free sibling ({@code DIR-2}, {@code DIR-3}, ...) and says so; otherwise a usage error listing the
     * differences.
     */
    static Runner.Result execute(Runner runner, ModelRuntime model, List<Task> tasks, Path dir, boolean forceNew,
                                 PrintStream err) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new Main.UsageError(dir + " is a file, not a run directory");
        }
        try {
            return runner.run(model, tasks, new RunDirectory(dir));
        } catch (RunDirectory.Busy e) {
            throw new Main.UsageError(e.getMessage());
        } catch (Runner.IdentityMismatch e) {
            if (!forceNew) {
                throw new Main.UsageError(e.getMessage());
            }
            Path fresh = freshSibling(dir);
            err.printf("%s holds a different run (%s); --force-new: starting over in %s%n", dir,
                    String.join("; ", e.differences()), fresh.toAbsolutePath().normalize());
            try {
                return runner.run(model, tasks, new RunDirectory(fresh));
            } catch (Runner.Refused e2) {
                throw new Main.UsageError(e2.getMessage());
            }
        } catch (Runner.Refused e) {
            throw new Main.UsageError(e.getMessage());
        }
    }

    /**
     * Lists every task's samples before any work starts, so that data that cannot be listed (a missing folder, a path
     * escaping its dataset root) is a usage error (exit code 2) naming the task, not a failure halfway through.
     */
    static void checkData(List<Task> tasks) {
        try {
            Runner.samples(tasks);
        } catch (Runner.DataUnreadable e) {
            throw new Main.UsageError(e.getMessage());
        }
    }

    /** --out must be a folder (or not exist yet). */
    static void checkOutFolder(Path out, String option) {
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
            throw new Main.UsageError(option + " " + out + " is a file; give a folder");
        }
    }

    static Path freshSibling(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        for (int i = 2; ; i++) {
            Path p = abs.resolveSibling(abs.getFileName() + "-" + i);
            if (!Files.exists(p)) {
                return p;
            }
        }
    }

    /** The end of score and rescore: where the summary is, the failed samples, and the exit code. */
    static int finish(PrintWriter out, Runner.Result result, String model, MaxFailuresOption maxFailures) {
        out.println("Summary: " + result.dir().summaryJson());
        printFailures(System.err, model, result.failures(), 50);
        return maxFailures.exitCode(result.failed(), result.planned(), System.err);
    }

    /** Lists failed samples with their reasons (stderr), at most {@code max} lines. */
    static void printFailures(PrintStream err, String model, List<Runner.Failure> failures, int max) {
        if (failures.isEmpty()) {
            return;
        }
        err.printf("Failed samples of %s (%d):%n", model, failures.size());
        for (int i = 0; i < Math.min(max, failures.size()); i++) {
            Runner.Failure f = failures.get(i);
            err.printf("  %s/%s [%s] %s%n", f.taskId(), f.sampleId(), f.stage(), f.reason());
        }
        if (failures.size() > max) {
            err.printf("  ... and %d more (see samples/*.jsonl)%n", failures.size() - max);
        }
    }

    /** --max-failures: a count ("5") or a fraction of all planned samples ("0.01" or "1%"). */
    record MaxFailures(double value, boolean fraction) {
        static MaxFailures parse(String s) {
            String t = s.trim();
            try {
                if (t.endsWith("%")) {
                    double v = Double.parseDouble(t.substring(0, t.length() - 1)) / 100;
                    if (v >= 0 && v <= 1) {
                        return new MaxFailures(v, true);
                    }
                } else if (t.contains(".")) {
                    double v = Double.parseDouble(t);
                    if (v >= 0 && v <= 1) {
                        return new MaxFailures(v, true);
                    }
                } else {
                    long v = Long.parseLong(t);
                    if (v >= 0) {
                        return new MaxFailures(v, false);
                    }
                }
            } catch (NumberFormatException e) {
                // the message below says what is accepted
            }
            throw new Main.UsageError("--max-failures must be a count (5) or a fraction between 0 and 1 (0.01 or 1%), not '" + s + "'");
        }

        boolean exceeded(int failed, int planned) {
            return failed > (fraction ? value * planned : value);
        }
    }

    /** Exit code from failures against --max-failures, with the reason on stderr when it is 1. */
    static int exitCode(int failed, int planned, String maxFailures, PrintStream err) {
        if (MaxFailures.parse(maxFailures).exceeded(failed, planned)) {
            err.printf("%d of %d samples failed (allowed: %s)%n", failed, planned, maxFailures);
            return Main.FAILURES;
        }
        return Main.OK;
    }
}
