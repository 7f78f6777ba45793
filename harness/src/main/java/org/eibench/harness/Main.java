package org.eibench.harness;

import java.io.PrintWriter;
import java.util.List;

import org.eibench.harness.run.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code eibench} command. Exit codes: 0 ok; 1 more failed samples than allowed (--max-failures); 2 usage or spec
 * error (nothing was run); 3 an unexpected error (I/O, a bug), with the message on stderr.
 */
@Command(name = "eibench", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Evaluates instruction-driven vision models on seen and held-out tasks.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:more failed samples than --max-failures allows, a regression under compare --fail-on-regression, or a data fetch or verify that did not succeed",
                "2:usage or spec error (nothing was run)", "3:unexpected error (message on stderr)"})
public final class Main implements Runnable {

    public static final int OK = 0;
    public static final int FAILURES = 1;
    public static final int USAGE = 2;
    public static final int ERROR = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit code (for tests). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine(args.length == 0 ? null : args[0]);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parse) -> {
            if (e instanceof UsageError u) {
                cmd.getErr().println("eibench: " + u.getMessage());
                return USAGE;
            }
            cmd.getErr().println("eibench: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (System.getenv("EIBENCH_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            return ERROR;
        });
        return cli.execute(args);
    }

    /** The subcommands, in the order the help lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(RunCommand.class, ScoreCommand.class, RescoreCommand.class,
            MergeCommand.class, CompareCommand.class, ReportCommand.class, TasksCommand.class, ModelsCommand.class,
            DataCommand.class, CacheCommand.class, RuntimeCommand.class, RunnerBenchCommand.class,
            CommandLine.HelpCommand.class);

    /** The whole command tree: every subcommand (help, completion, tests). */
    static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The command tree for a command line whose first word is {@code first}: only that subcommand when it names one,
     * else all of them. picocli builds each subcommand's model by reflection when it is added, about a third of a
     * second for all thirteen on a cold JVM, and a command uses only its own.
     */
    static CommandLine commandLine(String first) {
        CommandLine cli = new CommandLine(new Main());
        Class<?> only = null;
        for (Class<?> c : SUBCOMMANDS) {
            Command a = c.getAnnotation(Command.class);
            if (first != null && c != CommandLine.HelpCommand.class && a.name().equals(first)) {
                only = c;
            }
        }
        for (Class<?> c : only == null ? SUBCOMMANDS : List.of(only)) {
            cli.addSubcommand(c);
        }
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A problem with what the user asked for: reported with exit code 2. */
    static final class UsageError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message);
        }
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"eibench " + Version.describe(), "Java " + System.getProperty("java.version")};
        }
    }
}
