package org.eibench.harness.datasets;

import java.io.PrintStream;
import java.time.Duration;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.eibench.harness.run.Progress;

/**
 * Bytes of one download on stderr: a redrawn bar (MB, speed, ETA) when stderr is a terminal, otherwise a plain line
 * at most every 5 s and one at the end. {@code EIBENCH_PROGRESS=plain|bar} overrides the detection, as for runs.
 */
abstract class DownloadProgress implements AutoCloseable {

    static DownloadProgress open(PrintStream out, String name, long start, long total) {
        if (out == null) {
            return new Lines(null, name, start, total);
        }
        return Progress.drawsBar(out) && total > 0 ? new Bar(out, name, start, total) : new Lines(out, name, start, total);
    }

    /** The download now has {@code done} bytes. */
    abstract void at(long done);

    @Override
    public abstract void close();

    static String mb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static final class Bar extends DownloadProgress {
        private final ProgressBar bar;

        Bar(PrintStream out, String name, long start, long total) {
            bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(total).startsFrom(start, Duration.ZERO)
                    .setUnit(" MB", 1_000_000).setStyle(ProgressBarStyle.ASCII).showSpeed()
                    .setConsumer(new ConsoleProgressBarConsumer(out)).build();
        }

        @Override
        void at(long done) {
            bar.stepTo(done);
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    private static final class Lines extends DownloadProgress {
        private static final long EVERY_NANOS = 5_000_000_000L;
        private final PrintStream out;
        private final String name;
        private final long total;
        private long last = System.nanoTime();
        private long done;

        Lines(PrintStream out, String name, long start, long total) {
            this.out = out;
            this.name = name;
            this.total = total;
            this.done = start;
        }

        @Override
        void at(long bytes) {
            done = bytes;
            long now = System.nanoTime();
            if (out != null && now - last >= EVERY_NANOS) {
                last = now;
                print();
            }
        }

        private void print() {
            out.println("[" + name + "] " + mb(done) + (total > 0 ? " of " + mb(total) : ""));
        }

        @Override
        public void close() {
            if (out != null) {
                print();
            }
        }
    }
}
