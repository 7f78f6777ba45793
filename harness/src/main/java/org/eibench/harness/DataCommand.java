package org.eibench.harness;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.eibench.harness.datasets.DataException;
import org.eibench.harness.datasets.Dataset;
import org.eibench.harness.datasets.ExpectedFiles;
import org.eibench.harness.datasets.Fetcher;
import org.eibench.harness.datasets.Locations;
import org.eibench.harness.datasets.Registry;
import org.eibench.harness.datasets.Source;
import org.eibench.harness.datasets.Verifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "data", mixinStandardHelpOptions = true,
        description = {"The datasets of the paper's tasks and the classic test sets: list them, fetch them with "
                + "checksums, verify a copy you have.",
                "Datasets go to $EIBENCH_DATASETS/NAME (default ~/.cache/eibench/datasets/NAME) unless --dir says otherwise."},
        subcommands = {DataCommand.ListDatasets.class, DataCommand.Fetch.class, DataCommand.Verify.class})
final class DataCommand extends GroupCommand {

    /** The options every data subcommand shares: the bundled data folder, which holds the UVT evaluation JSONs. */
    static class Common {
        @Option(names = "--data", paramLabel = "DIR", description = "bundled data folder (default: $EIBENCH_DATA, else the repository's data/)")
        Path data;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Registry registry() {
            DataOption d = new DataOption();
            d.data = data;
            return Registry.builtIn(d.resolve());
        }

        Dataset dataset(String name) {
            try {
                return registry().get(name);
            } catch (IllegalArgumentException e) {
                throw new Main.UsageError(e.getMessage());
            }
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        Map<String, String> env() {
            return System.getenv();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every dataset the registry knows: size, files, licence, homepage, the --data-root it feeds and whether a copy is here.")
    static final class ListDatasets extends Common implements Runnable {
        @Override
        public void run() {
            PrintWriter out = out();
            out.println("Datasets (eibench data fetch NAME; a local copy is looked for at $EIBENCH_ROOT_<ROOT>, else "
                    + Locations.home(env()) + "/NAME):");
            for (Dataset d : registry().all()) {
                out.println();
                out.println(d.name() + "  " + d.title());
                out.println("  --data-root " + d.root() + "=DIR" + (d.tasks().isEmpty() ? "  (no catalog task yet: for your own task files, ${"
                        + Locations.rootVariable(d) + "})" : "  feeds: " + String.join(", ", d.tasks())));
                out.println("  download: " + download(d));
                out.println("  files: " + d.fileCount() + "   local copy: " + presence(d));
                out.println("  licence: " + d.licence());
                out.println("  homepage: " + d.homepage());
                if (d.notes() != null) {
                    out.println("  note: " + d.notes());
                }
            }
        }

        private static String download(Dataset d) {
            long bytes = d.downloadBytes();
            String size = bytes >= 0 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1e6) : "size not known here";
            boolean allKnown = d.sources().stream().allMatch(Source::checksumKnown);
            String sums = allKnown ? "SHA-256 in the registry (" + d.sources().get(0).checksumFrom() + ")"
                    : "SHA-256 not known here: trusted on first use";
            String how = d.direct() ? d.sources().size() + " file" + (d.sources().size() == 1 ? "" : "s") + " over HTTP"
                    : "needs a step by hand: a browser download or a conversion (instructions: eibench data fetch " + d.name() + ")";
            return size + ", " + how + ", " + sums;
        }

        private String presence(Dataset d) {
            Path dir = Locations.copyOf(d, env());
            if (!Files.isDirectory(dir)) {
                return "absent (" + dir + ")";
            }
            int have = 0;
            try {
                for (ExpectedFiles g : d.expect()) {
                    if (g instanceof ExpectedFiles.Named n) {
                        for (String f : n.files()) {
                            have += Files.isRegularFile(dir.resolve(f)) ? 1 : 0;
                        }
                    } else {
                        ExpectedFiles.Counted c = (ExpectedFiles.Counted) g;
                        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + c.glob());
                        try (Stream<Path> s = Files.walk(dir)) {
                            have += (int) Math.min(c.count(), s.filter(Files::isRegularFile).map(dir::relativize).filter(m::matches).count());
                        }
                    }
                }
            } catch (IOException e) {
                return "unreadable (" + dir + ": " + e.getMessage() + ")";
            }
            String state = have == d.fileCount() ? "complete" : have == 0 ? "empty" : "partial";
            return state + " (" + have + " of " + d.fileCount() + " files, " + dir + ")";
        }
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = {"Download a dataset from its canonical URLs (resumable), check its SHA-256, extract it safely "
                    + "and lay it out as its catalog tasks read it; prints the --data-root to use.",
                    "A source that needs a browser gets instructions instead; then give the download with --from.",
                    "Exit codes: 0 fetched or already present; 1 the fetch failed or needs a browser download; 2 usage error."})
    static final class Fetch extends Common implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "a dataset of `eibench data list`")
        String name;

        @Option(names = "--dir", paramLabel = "DIR", description = "where the dataset goes (default: $EIBENCH_DATASETS/NAME, else ~/.cache/eibench/datasets/NAME)")
        Path dir;

        @Option(names = "--from", paramLabel = "FILE|DIR", description = "lay out an archive you downloaded yourself, or a folder it was extracted or converted to, instead of downloading")
        Path from;

        @Option(names = "--force", description = "lay the files out again even when the folder is complete")
        boolean force;

        @Option(names = "--keep-downloads", description = "keep the downloaded archives in DIR/.downloads")
        boolean keep;

        @Override
        public Integer call() throws IOException {
            Dataset d = dataset(name);
            Path target = dir != null ? dir : Locations.home(env()).resolve(d.name());
            if (from != null && !Files.exists(from)) {
                throw new Main.UsageError("--from " + from + " does not exist");
            }
            try {
                Fetcher.Outcome o = new Fetcher(Locations.home(env()), env(), out(), System.err)
                        .fetch(d, target, from, force, keep);
                return o == Fetcher.Outcome.NEEDS_BROWSER ? Main.FAILURES : Main.OK;
            } catch (DataException e) {
                spec.commandLine().getErr().println("eibench: " + e.getMessage());
                return Main.FAILURES;
            }
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check a copy of a dataset: file counts, missing files, and checksums against the registry "
                    + "(or against what data fetch recorded); says plainly whether it is the canonical release.",
                    "Exit codes: 0 complete and unchanged (with --strict: only when confirmed canonical); 1 otherwise; 2 usage error."})
    static final class Verify extends Common implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "a dataset of `eibench data list`")
        String name;

        @Option(names = "--dir", paramLabel = "DIR", description = "the copy to check (default: $EIBENCH_ROOT_<ROOT>, else $EIBENCH_DATASETS/NAME)")
        Path dir;

        @Option(names = "--strict", description = "exit 1 unless the copy is confirmed to be the canonical release")
        boolean strict;

        @Override
        public Integer call() throws IOException {
            Dataset d = dataset(name);
            Path target = (dir != null ? dir : Locations.copyOf(d, env())).toAbsolutePath().normalize();
            if (!Files.isDirectory(target)) {
                throw new Main.UsageError("no folder " + target + " to verify; give --dir DIR (eibench data fetch "
                        + d.name() + " makes one)");
            }
            PrintWriter out = out();
            out.println(d.name() + " in " + target + ":");
            Verifier.Report r = Verifier.verify(d, target);
            r.lines().forEach(out::println);
            return switch (r.verdict()) {
                case CANONICAL -> Main.OK;
                case NOT_CONFIRMED -> strict ? Main.FAILURES : Main.OK;
                case INCOMPLETE, MODIFIED -> Main.FAILURES;
            };
        }
    }
}
