package org.eibench.harness;

import java.io.PrintWriter;

import org.eibench.tasks.Task;
import org.eibench.tasks.TaskCatalog;
import org.eibench.tasks.spec.SpecException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "tasks", mixinStandardHelpOptions = true, description = "Built-in tasks and suites.",
        subcommands = {TasksCommand.ListTasks.class})
final class TasksCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the built-in tasks and suites.")
    static final class ListTasks implements Runnable {
        @CommandLine.Mixin
        DataOption data = new DataOption();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            TaskCatalog catalog = new TaskCatalog(data.resolve());
            out.printf("%-20s %-9s %-12s %-13s %s%n", "ID", "SPLIT", "ZERO-SHOT", "KIND", "TITLE");
            for (String id : catalog.taskIds()) {
                try {
                    Task t = catalog.task(id);
                    out.printf("%-20s %-9s %-12s %-13s %s%n", id, t.spec().split().key(), t.spec().zeroShot().key(),
                            t.spec().kind().key(), t.spec().title());
                } catch (SpecException e) {
                    out.printf("%-20s (unavailable: %s)%n", id, e.getMessage().lines().findFirst().orElse(""));
                }
            }
            out.println();
            out.println("Suites: " + String.join(", ", catalog.suiteNames()));
        }
    }
}
