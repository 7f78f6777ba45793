package org.eibench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

/** Usage errors exit 2 and say what exists; every refusal of user input before work starts exits 2. */
class CliUsageTest {

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path tmp;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void unknownTaskListsTheTasks() {
        Result r = run("run", "--data", SharedData.dir().toString(), "--task", "nope", "--model", "identity");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown task 'nope'").contains("denoise-set12-s25").contains("seg-voc-sample");
    }

    @Test
    void unknownModelListsTheModels() {
        Result r = run("run", "--data", SharedData.dir().toString(), "--task", "sr-set5-x4", "--model", "nope");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown model 'nope'").contains("identity").contains("oracle").contains("dncnn-s25")
                .contains("onnx:PATH").contains("http://HOST:PORT");
    }

    @Test
    void badOptionIsAUsageError() {
        assertThat(run("run", "--no-such-option").code()).isEqualTo(2);
        assertThat(run("run", "--max-failures", "lots", "--data", SharedData.dir().toString()).code()).isEqualTo(2);
    }

    @Test
    void versionAndHelpWork() {
        Result v = run("--version");
        assertThat(v.code()).isZero();
        assertThat(v.out()).startsWith("eibench ");
        for (String[] args : new String[][] {{"--help"}, {"run", "--help"}, {"tasks", "list", "--help"}, {"models", "list", "--help"}}) {
            Result h = run(args);
            assertThat(h.code()).as(String.join(" ", args)).isZero();
            assertThat(h.out()).contains("Usage:");
        }
        assertThat(run("--help").out()).contains("Exit codes:");
    }

    /** Every command's help renders without picocli format warnings (a bare % in a description). */
    @Test
    void everyHelpTextFormats() {
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.err;
        System.setErr(new java.io.PrintStream(captured, true));
        try {
            java.util.ArrayDeque<picocli.CommandLine> todo = new java.util.ArrayDeque<>();
            todo.add(Main.commandLine());
            int seen = 0;
            while (!todo.isEmpty()) {
                picocli.CommandLine c = todo.poll();
                assertThat(c.getUsageMessage()).as(c.getCommandName()).contains("Usage:");
                todo.addAll(c.getSubcommands().values());
                seen++;
            }
            assertThat(seen).isGreaterThan(10);
        } finally {
            System.setErr(saved);
        }
        assertThat(captured.toString()).doesNotContain("WARN");
    }

    @Test
    void listsTasksAndModels() {
        assertThat(run("tasks", "list", "--data", SharedData.dir().toString()).out()).contains("sr-set5-x4").contains("seen").contains("Suites: quick");
        assertThat(run("models", "list", "--data", SharedData.dir().toString()).out()).contains("fsrcnn-x4").contains("oracle");
    }

    /** A task whose manifest names a file outside its dataset root: refused before any work, naming file and line. */
    @Test
    void aDatasetRootEscapeExits2() throws Exception {
        java.nio.file.Path ds = tmp.resolve("ds");
        java.nio.file.Files.createDirectories(ds);
        java.nio.file.Files.writeString(ds.resolve("manifest.jsonl"),
                "{\"id\": \"a\", \"input\": \"../../etc/passwd\", \"target\": \"x.png\"}\n");
        java.nio.file.Path yaml = tmp.resolve("t.yaml");
        java.nio.file.Files.writeString(yaml, """
                format: eibench/task@1
                id: escape
                version: 1
                split: held-out
                zero_shot: task
                kind: restoration
                data: {root: ds, layout: manifest-jsonl, file: manifest.jsonl}
                instructions: ["x"]
                decoder: {type: rgb}
                metrics: [{name: psnr}]
                """);
        for (String[] args : new String[][] {
                {"run", "--data", SharedData.dir().toString(), "--task", yaml.toString(), "--model", "identity", "--out",
                        tmp.resolve("out").toString()},
                {"score", "--data", SharedData.dir().toString(), "--task", yaml.toString(), "--predictions", tmp.toString(),
                        "--out", tmp.resolve("scored").toString()}}) {
            Result r = run(args);
            assertThat(r.code()).as(args[0] + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).contains("task escape", "manifest.jsonl:1", "'../../etc/passwd' escapes the dataset root");
            assertThat(tmp.resolve(args[0].equals("run") ? "out" : "scored")).doesNotExist();
        }
    }

    @Test
    void anOutThatIsAFileExits2() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(tmp.resolve("a-file"), "not a folder");
        String data = SharedData.dir().toString();
        for (String[] args : new String[][] {
                {"run", "--data", data, "--task", "sr-set5-x4", "--model", "identity", "--out", file.toString()},
                {"score", "--data", data, "--task", "sr-set5-x4", "--predictions", tmp.toString(), "--out", file.toString()},
                {"report", tmp.toString(), "--out", file.toString()}}) {
            Result r = run(args);
            assertThat(r.code()).as(args[0] + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).contains(file.toString()).contains("is a file");
        }
        assertThat(java.nio.file.Files.readString(file)).isEqualTo("not a folder");
    }

    @Test
    void aMissingOnnxModelFileExits2NamingTheFile() {
        String missing = tmp.resolve("missing.onnx").toString();
        Result r = run("run", "--data", SharedData.dir().toString(), "--task", "sr-set5-x4", "--model", "onnx:" + missing);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("model file " + missing + " not found").doesNotContain("card");
        Result card = run("run", "--data", SharedData.dir().toString(), "--task", "sr-set5-x4", "--model",
                "onnx:" + tmp.resolve("missing.yaml"));
        assertThat(card.code()).isEqualTo(2);
        assertThat(card.err()).contains("model card " + tmp.resolve("missing.yaml") + " not found");
    }

    /** A command line builds only the subcommand it names (picocli's reflection is a large share of a short start). */
    @Test
    void onlyTheNamedSubcommandIsBuilt() {
        assertThat(Main.commandLine("score").getSubcommands().keySet()).containsExactly("score");
        assertThat(Main.commandLine("--help").getSubcommands().keySet()).contains("run", "score", "report", "help").hasSize(13);
        assertThat(Main.commandLine("no-such-command").getSubcommands()).hasSize(13);
        assertThat(Main.commandLine("help").getSubcommands()).hasSize(13);
    }
}
