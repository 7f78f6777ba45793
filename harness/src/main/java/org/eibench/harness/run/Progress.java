package org.eibench.harness.run;

import java.io.PrintStream;

/** Per-task progress on stderr: done/total, samples/s and ETA, as plain lines (at most one every 2 s, and at the end). */
final class Progress {

    private final PrintStream out;
    private final String task;
    private final int total;
    private final int alreadyDone;
    private final long start = System.nanoTime();
    private int done;
    private int failed;
    private long lastPrint;

    Progress(PrintStream out, String task, int total, int alreadyDone) {
        this.out = out;
        this.task = task;
        this.total = total;
        this.alreadyDone = alreadyDone;
        this.done = alreadyDone;
        if (out != null && alreadyDone > 0) {
            out.printf("[%s] resuming: %d of %d samples already done%n", task, alreadyDone, total);
        }
    }

    synchronized void step(boolean ok) {
        done++;
        if (!ok) {
            failed++;
        }
        long now = System.nanoTime();
        if (out != null && now - lastPrint > 2_000_000_000L && done < total) {
            lastPrint = now;
            print();
        }
    }

    synchronized void finish() {
        if (out != null) {
            print();
        }
    }

    private void print() {
        double secs = (System.nanoTime() - start) / 1e9;
        int fresh = done - alreadyDone;
        double rate = secs > 0 ? fresh / secs : 0;
        String eta = rate > 0 && done < total ? String.format(" ETA %.0fs", (total - done) / rate) : "";
        out.printf("[%s] %d/%d samples%s, %.2f samples/s%s%n", task, done, total,
                failed > 0 ? " (" + failed + " failed)" : "", rate, eta);
    }
}
