package org.eibench.harness;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.eibench.harness.run.PredictionCache;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "cache", mixinStandardHelpOptions = true,
        description = {"The prediction cache: where it is, its size, clearing it.",
                "Every run keeps it under --cache-max-mb (least recently used entries go first); docs/running.md."},
        subcommands = {CacheCommand.Info.class, CacheCommand.Clear.class})
final class CacheCommand extends GroupCommand {

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    /** A cache subcommand: where the cache is and where to print. */
    abstract static class CacheSubcommand implements Callable<Integer> {
        @CommandLine.Mixin
        CacheOption cache = new CacheOption();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Show the prediction cache's folder, entries and size.")
    static final class Info extends CacheSubcommand {
        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            Path dir = cache.resolve();
            PredictionCache.Usage u = PredictionCache.usage(dir);
            out.println("prediction cache: " + dir);
            out.println("entries: " + u.entries() + ", size: " + megabytes(u.bytes()) + " (runs keep it under --cache-max-mb, "
                    + "default " + RunCommand.DEFAULT_CACHE_MAX_MB + " MB)");
            return Main.OK;
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true,
            description = {"Remove every entry of the prediction cache.",
                    "Only cache entries are removed, whatever else the folder holds. Runs are not touched."})
    static final class Clear extends CacheSubcommand {
        @Override
        public Integer call() throws IOException {
            Path dir = cache.resolve();
            PredictionCache.Usage removed = PredictionCache.clear(dir);
            spec.commandLine().getOut().println("removed " + removed.entries() + " entries (" + megabytes(removed.bytes())
                    + ") from " + dir);
            return Main.OK;
        }
    }
}
