package org.eibench.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eibench.harness.Main;
import org.eibench.harness.run.RunDirectory;

/** Runs the CLI in process over the bundled data, and compares two run directories. */
final class RunDirs {

    /** The quick suite's denoising and VOC segmentation tasks, as issue 15 names them. */
    static final String TASKS = "denoise-set12-s25,seg-voc-sample";

    private RunDirs() {
    }

    static Path data() {
        String env = System.getenv("EIBENCH_DATA");
        Path p = env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("eibench.repo.root", "..")).resolve("data");
        return p.toAbsolutePath().normalize();
    }

    /** eibench with the given arguments and the bundled data; the exit code, with stdout and stderr printed. */
    static int cli(String... args) {
        List<String> a = new ArrayList<>(List.of(args));
        a.add("--data");
        a.add(data().toString());
        a.add("--no-cache");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(a.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        System.out.print(out);
        System.err.print(err);
        return code;
    }

    /**
     * The same summary.json bytes, the same sample lines (as sets: their order is the order samples finished; the
     * timing differs by nature) and the same prediction files.
     */
    static void assertSameRun(Path expected, Path actual) throws IOException {
        assertThat(Files.readString(actual.resolve("summary.json")))
                .isEqualTo(Files.readString(expected.resolve("summary.json")));
        assertThat(lines(actual)).isEqualTo(lines(expected));
        assertThat(files(actual, "predictions")).isEqualTo(files(expected, "predictions"));
    }

    /** Task -> sample id -> its line without timing; fails on a sample written twice. */
    static Map<String, Map<String, String>> lines(Path run) throws IOException {
        Map<String, Map<String, String>> out = new TreeMap<>();
        RunDirectory dir = new RunDirectory(run);
        for (String task : dir.taskIdsWithSamples()) {
            Map<String, String> byId = new TreeMap<>();
            RunDirectory.scan(dir.samplesFile(task), (node, text) -> {
                ((ObjectNode) node).remove("timing_ms");
                String previous = byId.put(node.path("id").asText(), node.toString());
                assertThat(previous).as("%s: sample %s written twice", task, node.path("id").asText()).isNull();
            });
            out.put(task, byId);
        }
        return out;
    }

    /** Relative path -> SHA-256 of every file under a folder of a run. */
    static Map<String, String> files(Path run, String folder) throws IOException {
        Map<String, String> out = new TreeMap<>();
        Path root = run.resolve(folder);
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                out.put(root.relativize(p).toString(), sha256(Files.readAllBytes(p)));
            }
        }
        return out;
    }

    private static String sha256(byte[] b) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
