package org.eibench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

/** Usage errors exit 2 and say what exists. */
class CliUsageTest {

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
        assertThat(r.err()).contains("unknown model 'nope'").contains("identity").contains("oracle").contains("dncnn-s25");
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
            todo.add(new picocli.CommandLine(new Main()));
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
}
