package org.eibench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/running.md's checkpoint-comparison example, run exactly as written: its commands are read from the page and
 * executed from a fresh folder (relative paths and all) holding two checkpoints with their cards, base = the bundled
 * DnCNN-S for sigma 25 and new = DnCNN-3, which is 0.3 dB lower on Set12 at sigma 25.
 */
class DocsCompareExampleTest {

    @TempDir
    Path cwd;

    /** The first code block after the section heading: one command per line, '\' joining lines, '#' comments dropped. */
    static List<List<String>> commands(Path page) throws Exception {
        String md = Files.readString(page, StandardCharsets.UTF_8);
        int section = md.indexOf("## Evaluating a new checkpoint");
        assertThat(section).as("section in " + page).isPositive();
        int open = md.indexOf("```\n", section) + 4;
        String block = md.substring(open, md.indexOf("```", open)).replace("\\\n", " ");
        List<List<String>> out = new ArrayList<>();
        for (String line : block.split("\n")) {
            String cmd = line.replaceAll("\\s+#.*$", "").strip();
            if (!cmd.isEmpty()) {
                out.add(List.of(cmd.split("\\s+")));
            }
        }
        return out;
    }

    private void card(String id, String model) throws Exception {
        Files.copy(SharedData.dir().resolve("models/dncnn/" + model), cwd.resolve(id + ".onnx"));
        Files.writeString(cwd.resolve(id + ".yaml"), """
                format: eibench/model@1
                id: %s
                file: %s.onnx
                kinds: [restoration]
                input: {name: input, color: gray, scale: 255}
                output: {name: output, color: gray, scale: 255}
                """.formatted(id, id));
    }

    private record Exit(int code, String out) {
    }

    /** `./eibench ARGS` as a process in the test folder, on this test's class path. */
    private Exit eibench(List<String> args) throws Exception {
        assertThat(args.get(0)).isEqualTo("./eibench");
        // The class path goes in CLASSPATH, not -cp: ONNX Runtime 1.29.0 crashes (SIGSEGV) creating its environment when
        // the process's command line is longer than about 4 KB, which this test's class path is (docs/models.md).
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                Main.class.getName()));
        cmd.addAll(args.subList(1, args.size()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(cwd.resolve("out.txt").toFile());
        pb.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().put("EIBENCH_DATA", SharedData.dir().toString());
        pb.environment().put("EIBENCH_CACHE", cwd.resolve("cache").toString());
        Process p = pb.start();
        assertThat(p.waitFor(600, TimeUnit.SECONDS)).as(String.join(" ", args)).isTrue();
        String out = Files.readString(cwd.resolve("out.txt"));
        System.out.print(out);
        return new Exit(p.exitValue(), out);
    }

    @Test
    void theCompareExampleWorksAsWritten() throws Exception {
        List<List<String>> commands = commands(Path.of(System.getProperty("eibench.repo.root", "..")).resolve("docs/running.md"));
        assertThat(commands).hasSize(3);
        card("base", "dncnn_s_sigma25_gray.onnx");
        card("new", "dncnn3_gray.onnx");
        Exit base = eibench(commands.get(0));
        assertThat(base.code()).as(base.out()).isZero();
        Exit next = eibench(commands.get(1));
        assertThat(next.code()).as(next.out()).isZero();
        // onnx: runs are named after the card's id, as the compare line expects.
        assertThat(cwd.resolve("runs/base/base/summary.json")).isRegularFile();
        assertThat(cwd.resolve("runs/new/new/summary.json")).isRegularFile();
        Exit gate = eibench(commands.get(2));
        assertThat(gate.code()).as(gate.out()).isEqualTo(Main.FAILURES);
        assertThat(gate.out()).containsPattern("denoise-set12-s25 +psnr +30\\.4\\d* +30\\.1\\d* .* REGRESSION \\(beyond tolerance 0\\.05\\)")
                .containsPattern("denoise-set12-s25 +ssim .* REGRESSION").contains("2 regression(s) in 3 comparison(s)");
        assertThat(cwd.resolve("reports/eibench.xml")).content().contains("failures=\"2\"", "<failure type=\"regression\"");
    }
}
