package org.eibench.harness.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Supplier;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Per-task progress on stderr: done/total, samples/s and ETA. A redrawn bar when stderr is a terminal; plain lines
 * otherwise (at most one every 2 s, and one at the end), so CI logs and redirected output stay readable.
 */
public abstract class Progress {

    Progress() {
    }

    /**
     * Whether progress on {@code out} is a redrawn bar (stderr is a terminal that can redraw) or plain lines; set
     * EIBENCH_PROGRESS=plain (or bar) to override the detection. Downloads decide the same way.
     */
    public static boolean drawsBar(PrintStream out) {
        String mode = System.getenv("EIBENCH_PROGRESS");
        return mode != null ? mode.equals("bar")
                : out == System.err && System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    static Progress open(PrintStream out, String task, int total, int alreadyDone) {
        if (out == null) {
            return new Lines(null, task, total, alreadyDone);
        }
        return drawsBar(out) ? new Bar(out, task, total, alreadyDone) : new Lines(out, task, total, alreadyDone);
    }

    abstract void step(boolean ok);

    abstract void finish();

    /**
     * A task's progress held back until it is the one shown: tasks overlap at their boundaries (the runner's
     * pipeline), and a terminal can show one bar at a time. Steps taken before {@link #show} are replayed then.
     */
    static final class Deferred extends Progress {
        private final Supplier<Progress> opener;
        private Progress shown;
        private int ok;
        private int failed;

        Deferred(Supplier<Progress> opener) {
            this.opener = opener;
        }

        synchronized void show() {
            if (shown == null) {
                shown = opener.get();
                for (int i = 0; i < ok; i++) {
                    shown.step(true);
                }
                for (int i = 0; i < failed; i++) {
                    shown.step(false);
                }
            }
        }

        @Override
        synchronized void step(boolean stepOk) {
            if (shown != null) {
                shown.step(stepOk);
            } else if (stepOk) {
                ok++;
            } else {
                failed++;
            }
        }

        @Override
        synchronized void finish() {
            show();
            shown.finish();
        }
    }

    /** The bar (me.tongfei:progressbar) writing to the given stream. */
    static final class Bar extends Progress {
        private final ProgressBar bar;
        private int failed;
        private boolean closed;

        Bar(PrintStream out, String task, int total, int alreadyDone) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(out)).setUnit(" samples", 1).showSpeed()
                    .setUpdateIntervalMillis(250).startsFrom(alreadyDone, Duration.ZERO).build();
        }

        @Override
        synchronized void step(boolean ok) {
            bar.step();
            if (!ok) {
                failed++;
                bar.setExtraMessage(failed + " failed");
            }
        }

        @Override
        synchronized void finish() {
            if (!closed) {
                closed = true;
                bar.close();
            }
        }
    }

    /** Plain lines. */
    static final class Lines extends Progress {
        private final PrintStream out;
        private final String task;
        private final int total;
        private final int alreadyDone;
        private final long start = System.nanoTime();
        private int done;
        private int failed;
        private long lastPrint;
        private boolean finished;

        Lines(PrintStream out, String task, int total, int alreadyDone) {
            this.out = out;
            this.task = task;
            this.total = total;
            this.alreadyDone = alreadyDone;
            this.done = alreadyDone;
            this.lastPrint = start;
            if (out != null && alreadyDone > 0) {
                out.printf("[%s] resuming: %d of %d samples already done%n", task, alreadyDone, total);
            }
        }

        @Override
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

        @Override
        synchronized void finish() {
            if (out != null && !finished) {
                finished = true;
                print();
            }
        }

        synchronized int done() {
            return done;
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
}
