package org.eibench.harness;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.eibench.tasks.DataCheck;
import org.eibench.tasks.SuiteSpec;
import org.eibench.tasks.Task;
import org.eibench.tasks.Plugins;
import org.eibench.tasks.TaskCatalog;
import org.eibench.tasks.spi.Component;
import org.eibench.tasks.data.SampleRef;
import org.eibench.tasks.spec.Instruction;
import org.eibench.tasks.spec.SpecException;
import org.eibench.tasks.spec.SpecProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "tasks", mixinStandardHelpOptions = true, description = "Built-in tasks and suites; checking task files.",
        subcommands = {TasksCommand.ListTasks.class, TasksCommand.Show.class, TasksCommand.Validate.class})
final class TasksCommand extends GroupCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the built-in (and plugin) tasks and the suites.")
    static final class ListTasks extends CatalogCommand implements Runnable {
        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            TaskCatalog catalog = data.catalog();
            List<String[]> rows = new ArrayList<>();
            List<String> unavailable = new ArrayList<>(); // per row: why it cannot be loaded, or null
            rows.add(new String[] {"ID", "SPLIT", "ZERO-SHOT", "KIND", "TITLE"});
            unavailable.add(null);
            for (String id : catalog.taskIds()) {
                try {
                    var s = catalog.task(id).spec();
                    rows.add(new String[] {id, s.split().key(), s.zeroShot().key(), s.kind().key(), s.title()});
                    unavailable.add(null);
                } catch (SpecException e) {
                    var h = catalog.header(id);
                    rows.add(new String[] {id, h.getOrDefault("split", "?"),
                            h.getOrDefault("zero_shot", "?"), h.getOrDefault("kind", "?"),
                            h.getOrDefault("title", "")});
                    unavailable.add(firstProblem(e));
                }
            }
            // Columns as wide as their longest value: a long plugin task id must not shift the others.
            int[] width = new int[4];
            rows.forEach(r -> {
                for (int c = 0; c < width.length; c++) {
                    width[c] = Math.max(width[c], r[c].length());
                }
            });
            String row = "%-" + width[0] + "s  %-" + width[1] + "s  %-" + width[2] + "s  %-" + width[3] + "s  %s%n";
            for (int i = 0; i < rows.size(); i++) {
                out.printf(row, (Object[]) rows.get(i));
                if (unavailable.get(i) != null) {
                    out.printf("%-" + width[0] + "s    unavailable: %s%n", "", unavailable.get(i));
                }
            }
            out.println();
            out.println("Suites: " + String.join(", ", catalog.suiteNames()));
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a task: its file, instructions, data and sample count.")
    static final class Show extends CatalogCommand implements Callable<Integer> {
        @Parameters(paramLabel = "ID|FILE", description = "a built-in task id or a task file")
        String id;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            TaskCatalog catalog = data.catalog();
            Task t;
            try {
                t = catalog.task(id);
            } catch (SpecException e) {
                String source = catalog.taskSource(id);
                if (source != null) {
                    out.println(source);
                }
                throw new Main.UsageError(e.getMessage());
            }
            var s = t.spec();
            out.println(s.id() + " (version " + s.version() + "): " + s.title());
            if (!s.description().isEmpty()) {
                out.println("  " + s.description().replace("\n", "\n  "));
            }
            out.println("split: " + s.split().key() + ", zero-shot level: " + s.zeroShot().key() + ", kind: " + s.kind().key());
            Plugins plugins = catalog.context().plugins();
            out.println("data: " + s.data().layout() + " at " + s.data().root() + " " + s.data().options()
                    + " (ground truth read as " + t.targets().format().key() + ")");
            printKeys(out, plugins.layouts().find(s.data().layout()));
            if (t.degradation() != null) {
                out.println("input made by: " + t.degradation().options());
                printKeys(out, plugins.degradations().find(String.valueOf(t.degradation().options().get("type"))));
            }
            out.println("instructions (" + s.instructionMode() + "):");
            for (int i = 0; i < s.instructionSet().size(); i++) {
                Instruction in = s.instructionSet().get(i);
                out.println("  [" + i + "] " + in.style() + ": " + in.text());
            }
            out.println("decoder: " + s.decoder().type() + " " + s.decoder().options());
            printKeys(out, plugins.decoders().find(s.decoder().type()));
            s.metrics().forEach(m -> {
                out.println("metric " + m.type() + ": " + m.options());
                printKeys(out, plugins.metrics().find(String.valueOf(m.options().get("name"))));
            });
            t.inactiveMetrics().forEach(m -> out.println("metric " + m + " (not computed without it)"));
            try {
                List<SampleRef> refs = t.samples();
                out.println("samples: " + refs.size());
            } catch (IOException e) {
                out.println("samples: unavailable: " + e.getMessage());
            }
            out.println("spec sha256: " + s.specHash());
            out.println("source: " + s.source());
            return Main.OK;
        }
    }

    /** The keys a component declares, with their types and defaults (nothing for a component that declares none). */
    static void printKeys(PrintWriter out, Component c) {
        if (c != null) {
            c.options().forEach(o -> out.println("    " + o.describe()));
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Check task and suite files without running anything.",
                    "Reports every problem of a task file (or suite file, *.suite.yaml) with file, line, column and "
                            + "field; then lists the task's samples and checks that their files exist. With --deep it "
                            + "also loads every sample as a run would and lists each sample with its problems. Exit "
                            + "code 2 on any problem."})
    static final class Validate extends CatalogCommand implements Callable<Integer> {
        /** How many sample ids a listing shows without --verbose. */
        static final int SHOWN = 10;

        @Parameters(paramLabel = "FILE|ID", arity = "1..*", description = "task or suite files, or built-in task ids")
        List<String> files;

        @Option(names = "--deep", description = "open every sample's files (input, ground truth, annotations): they "
                + "decode, and an input has its target's size (or that size divided by a whole scale)")
        boolean deep;

        @Option(names = {"-v", "--verbose"}, description = "list every sample's id, not only the first " + SHOWN)
        boolean verbose;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            TaskCatalog catalog = data.catalog();
            int bad = 0;
            for (String f : files) {
                List<String> problems = check(catalog, f, out);
                if (problems.isEmpty()) {
                    out.println(f + ": ok");
                } else {
                    bad++;
                    problems.forEach(err::println);
                    err.println(f + ": " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s"));
                }
            }
            out.flush();
            err.flush();
            return bad == 0 ? Main.OK : Main.USAGE;
        }

        private List<String> check(TaskCatalog catalog, String f, PrintWriter listing) {
            List<String> out = new ArrayList<>();
            boolean file = Files.isRegularFile(Path.of(f));
            if (!file && !catalog.taskIds().contains(f)) {
                out.add(f + ": no such file or built-in task");
                return out;
            }
            try {
                if (f.endsWith(".suite.yaml") || f.endsWith(".suite.yml")) {
                    SuiteSpec s = catalog.suite(f);
                    for (String id : s.tasks()) {
                        try {
                            catalog.task(resolveSibling(Path.of(f), id));
                        } catch (SpecException e) {
                            e.problems().forEach(p -> out.add(p.toString()));
                        }
                    }
                    return out;
                }
                Task t = catalog.task(f);
                DataCheck.Listing l = DataCheck.list(t);
                l.problems().forEach(p -> out.add(p.toString()));
                List<SampleRef> refs = l.samples();
                if (!deep) {
                    List<String> ids = refs.stream().map(SampleRef::id).toList();
                    int shown = verbose ? ids.size() : Math.min(SHOWN, ids.size());
                    listing.println(f + ": " + ids.size() + " sample" + (ids.size() == 1 ? "" : "s")
                            + (ids.isEmpty() ? "" : ": " + String.join(", ", ids.subList(0, shown)))
                            + (shown < ids.size() ? ", ... (-v lists all)" : ""));
                    return out;
                }
                listing.println(f + ": " + refs.size() + " sample" + (refs.size() == 1 ? "" : "s"));
                for (DataCheck.SampleStatus st : DataCheck.deep(t, refs)) {
                    listing.println("  " + st.id() + ": " + (st.ok() ? "ok" : st.problems().size() + " problem"
                            + (st.problems().size() == 1 ? "" : "s")));
                    st.problems().forEach(p -> out.add(f + ": sample " + st.id() + ": " + p));
                }
            } catch (SpecException e) {
                for (SpecProblem p : e.problems()) {
                    out.add(p.toString());
                }
            }
            return out;
        }

        /** A suite entry that is a relative task file is relative to the suite file. */
        static String resolveSibling(Path suite, String id) {
            if (id.endsWith(".yaml") || id.endsWith(".yml")) {
                Path p = Path.of(id);
                return p.isAbsolute() ? id : suite.toAbsolutePath().getParent().resolve(p).toString();
            }
            return id;
        }
    }

    static String firstProblem(SpecException e) {
        return e.problems().isEmpty() ? e.getMessage() : e.problems().get(0).message();
    }
}
