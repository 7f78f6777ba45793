package org.eibench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C during a run, in a real process: the bar's line is ended and the user is told how to resume. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class InterruptTest {

    @TempDir
    Path tmp;

    @Test
    void ctrlCEndsTheBarAndSaysHowToResume() throws Exception {
        Path out = tmp.resolve("out");
        Path log = tmp.resolve("stderr.txt");
        ProcessBuilder pb = EibenchProcess.builder(tmp.resolve("stdout.txt"), log, "run", "--task", "denoise-set12-s25",
                "--model", "test-slow", "--no-cache", "--out", out.toString());
        pb.environment().put("EIBENCH_PROGRESS", "bar");
        Process p = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            Path samples = out.resolve("test-slow").resolve("samples").resolve("denoise-set12-s25.jsonl");
            while (!(Files.isRegularFile(samples) && Files.size(samples) > 0) && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(100);
            }
            assertThat(p.isAlive()).as("the run ended before it could be interrupted: " + Files.readString(log)).isTrue();
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            // A process started with SIGINT ignored (a background job of a non-interactive shell, nohup) keeps it
            // ignored; SIGTERM runs the same shutdown path. Wait briefly: the remaining samples take several seconds
            // more, so an ignored SIGINT must not let the run finish before SIGTERM arrives.
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroy();
                assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            p.destroyForcibly();
        }
        String err = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(List.of(130, 143)).as(err).contains(p.exitValue());
        int at = err.indexOf("eibench: interrupted.");
        assertThat(at).as(err).isPositive();
        assertThat(err.charAt(at - 1)).as("the notice starts on a line of its own:\n" + err).isEqualTo('\n');
        assertThat(err.substring(at)).contains("to resume, run the same command again with --out " + out.toAbsolutePath());
        assertThat(err.substring(at)).doesNotContain("\r");
    }
}
