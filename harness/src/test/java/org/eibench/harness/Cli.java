package org.eibench.harness;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the CLI in process for tests, with the bundled data folder. */
final class Cli {

    record Outcome(int code, String out, String err) {
    }

    private Cli() {
    }

    static Path data() {
        return SharedData.dir();
    }

    static Outcome run(String... args) {
        List<String> a = new ArrayList<>(List.of(args));
        a.add("--data");
        a.add(data().toString());
        // The runner reports progress and failures on System.err; capture both it and picocli's stream.
        StringWriter out = new StringWriter();
        java.io.ByteArrayOutputStream errBytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream errStream = new java.io.PrintStream(errBytes, true, StandardCharsets.UTF_8);
        java.io.PrintStream saved = System.err;
        int code;
        System.setErr(errStream);
        try {
            code = Main.execute(a.toArray(String[]::new), new PrintWriter(out, true),
                    new PrintWriter(new java.io.OutputStreamWriter(errStream, StandardCharsets.UTF_8), true));
        } finally {
            System.setErr(saved);
        }
        String err = errBytes.toString(StandardCharsets.UTF_8);
        saved.print(err);
        return new Outcome(code, out.toString(), err);
    }

    /** summary.json without lines that may legitimately differ between runs (none today: it has no timestamps). */
    static String summary(Path runDir) throws IOException {
        return Files.readString(runDir.resolve("summary.json"), StandardCharsets.UTF_8);
    }
}
