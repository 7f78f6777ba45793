package org.eibench.harness.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

    /** Bars being drawn now, so that a run cut short can end their line ({@link #endDrawnBars}). */
    private static final Set<Bar> DRAWN = ConcurrentHashMap.newKeySet();

    /**
     * Ends every bar still being drawn, leaving its last state on a line of its own: for a command stopped by Ctrl-C,
     * whose next message would otherwise be appended to the bar.
     */
    public static void endDrawnBars() {
        DRAWN.forEach(Bar::finish);
    }

    /**
     * "12.5 samples/s" over the samples run now (not those kept from an earlier run), or empty while there is nothing
     * to measure: no sample run yet or no time elapsed.
     */
    static String rate(int fresh, long startNanos, long nowNanos) {
        double secs = (nowNanos - startNanos) / 1e9;
        return fresh > 0 && secs > 0 ? String.format(Locale.ROOT, "%.2f samples/s", fresh / secs) : "";
    }

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

    /**
     * The bar (me.tongfei:progressbar) writing to the given stream. The rate is ours, in the bar's message: the
     * library's speed counts whole seconds and shows "?" for a task that takes less than one.
     */
    static final class Bar extends Progress {
        private final ProgressBar bar;
        private final long start = System.nanoTime();
        private int fresh;
        private int failed;
        private boolean closed;

        Bar(PrintStream out, String task, int total, int alreadyDone) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(out)).setUnit(" samples", 1)
                    .setUpdateIntervalMillis(250).startsFrom(alreadyDone, Duration.ZERO).build();
            DRAWN.add(this);
        }

        @Override
        synchronized void step(boolean ok) {
            fresh++;
            if (!ok) {
                failed++;
            }
            bar.setExtraMessage(message());
            bar.step();
        }

        private String message() {
            String rate = rate(fresh, start, System.nanoTime());
            String failures = failed > 0 ? failed + " failed" : "";
            return rate.isEmpty() || failures.isEmpty() ? rate + failures : rate + ", " + failures;
        }

        @Override
        synchronized void finish() {
            if (!closed) {
                closed = true;
                bar.setExtraMessage(message());
                bar.close();
                DRAWN.remove(this);
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
            long now = System.nanoTime();
            int fresh = done - alreadyDone;
            String rate = rate(fresh, start, now);
            String eta = rate.isEmpty() || done >= total ? ""
                    : String.format(Locale.ROOT, " ETA %.0fs", (total - done) * (now - start) / 1e9 / fresh);
            out.printf("[%s] %d/%d samples%s%s%s%n", task, done, total, failed > 0 ? " (" + failed + " failed)" : "",
                    rate.isEmpty() ? "" : ", " + rate, eta);
        }
    }
}
