package org.eibench.harness;

import java.io.PrintStream;

import org.eibench.harness.run.Progress;

/**
 * While a command writes a run: when the JVM shuts down before the command ends (Ctrl-C, SIGTERM), the progress bar's
 * line is ended and the user is told how to resume. The exit code stays the JVM's (130 for Ctrl-C).
 */
final class InterruptNotice implements AutoCloseable {

    private final Thread hook;

    /** @param howToResume a sentence naming what to run again, e.g. the --out folder */
    InterruptNotice(PrintStream err, String howToResume) {
        hook = new Thread(() -> {
            Progress.endDrawnBars();
            err.println("eibench: interrupted. The samples finished so far are saved; " + howToResume);
            err.flush();
        }, "eibench-interrupt-notice");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the notice is being printed.
        }
    }
}
