package org.eibench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corrupt or missing image marks that sample failed with its path and the reason; the run goes on, the summary
 * counts it, and the exit code follows --max-failures.
 */
class FailedSampleTest {

    @TempDir
    Path tmp;

    private Path makeTask() throws Exception {
        Path data = tmp.resolve("data");
        Files.createDirectories(data.resolve("in"));
        Files.createDirectories(data.resolve("gt"));
        Path set5 = SharedData.dir().resolve("sr/Set5");
        for (String id : new String[] {"baby", "bird", "head"}) {
            Files.copy(set5.resolve("HR/" + id + ".png"), data.resolve("gt/" + id + ".png"));
            Files.copy(set5.resolve("LR_bicubic/X4/" + id + "x4.png"), data.resolve("in/" + id + ".png"));
        }
        byte[] png = Files.readAllBytes(data.resolve("in/bird.png"));
        Files.write(data.resolve("in/bird.png"), java.util.Arrays.copyOf(png, 200)); // valid header, truncated pixels
        Files.delete(data.resolve("gt/head.png")); // missing target
        Path task = tmp.resolve("task.yaml");
        Files.writeString(task, """
                format: eibench/task@1
                id: my-sr
                version: 1
                split: held-out
                zero_shot: task
                kind: restoration
                data: {root: ./data, layout: paired-folders, input: in, target: gt}
                instructions: ["Make it four times larger."]
                decoder: {type: rgb}
                metrics:
                  - {name: psnr, channel: y, crop: 4}
                """);
        return task;
    }

    @Test
    void badSamplesFailWithPathAndReasonAndTheRunGoesOn() throws Exception {
        Path task = makeTask();
        Path out = tmp.resolve("out");
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"run", "--data", SharedData.dir().toString(), "--task", task.toString(),
                "--model", "identity", "--out", out.toString()}, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(code).as("two failures exceed the default --max-failures 0").isEqualTo(1);

        JsonNode t = new ObjectMapper().readTree(out.resolve("identity/summary.json").toFile()).path("tasks").path("my-sr");
        assertThat(t.path("n").asInt()).isEqualTo(1);
        assertThat(t.path("failed").asInt()).isEqualTo(2);
        assertThat(t.path("metrics").path("psnr").path("value").asDouble()).isGreaterThan(20);
        String failures = t.path("failures").toString();
        assertThat(failures).contains("bird").contains("in/bird.png").contains("truncated PNG");
        assertThat(failures).contains("head").contains("gt/head.png").contains("no such file");
        assertThat(Files.readAllLines(out.resolve("identity/samples/my-sr.jsonl"))).hasSize(3);
    }

    @Test
    void maxFailuresDecidesTheExitCode() throws Exception {
        Path task = makeTask();
        String[] base = {"run", "--data", SharedData.dir().toString(), "--task", task.toString(), "--model", "identity"};
        assertThat(Main.execute(concat(base, "--out", tmp.resolve("a").toString(), "--max-failures", "2"), sink(), sink())).isZero();
        assertThat(Main.execute(concat(base, "--out", tmp.resolve("b").toString(), "--max-failures", "0.5"), sink(), sink())).isEqualTo(1);
        assertThat(Main.execute(concat(base, "--out", tmp.resolve("c").toString(), "--max-failures", "0.7"), sink(), sink())).isZero();
    }

    private static PrintWriter sink() {
        return new PrintWriter(new StringWriter(), true);
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
