package org.eibench.harness.datasets;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eibench.harness.run.Version;

/**
 * {@code eibench data fetch}: downloads a dataset's sources into {@code DIR/.downloads} (resumable), checks each
 * file's SHA-256 against the registry or, when the registry has none, against the one this machine recorded on first
 * use (a mismatch is moved to {@code .downloads/quarantine} and nothing is extracted), extracts it safely into a
 * staging folder, lays the files out as the catalog tasks read them, records what it did in the folder, and prints
 * the {@code --data-root} to use. Every step can be interrupted: running the same command again resumes the download,
 * reuses a complete one, and lays the files out afresh.
 */
public final class Fetcher {

    static final String DOWNLOADS = ".downloads";
    static final String STAGING = ".eibench-staging";
    static final String QUARANTINE = "quarantine";

    public enum Outcome {
        /** Downloaded (or taken from --from), checked and laid out. */
        FETCHED,
        /** The folder already holds the complete layout from an earlier fetch: nothing was done. */
        ALREADY_PRESENT,
        /** A source needs a browser: the instructions were printed, nothing was done. */
        NEEDS_BROWSER
    }

    private final KnownChecksums known;
    private final Map<String, String> env;
    private final PrintWriter out;
    private final PrintStream progress;
    private Downloader.Settings settings;
    private SafeExtractor.Limits limits;

    /**
     * @param home     the datasets folder (for {@code known-checksums.tsv})
     * @param env      environment variables (proxies)
     * @param progress where download progress goes (stderr), or null for none
     */
    public Fetcher(Path home, Map<String, String> env, PrintWriter out, PrintStream progress) {
        this.known = new KnownChecksums(home);
        this.env = env;
        this.out = out;
        this.progress = progress;
        this.settings = Downloader.Settings.defaults(env, "eibench/" + Version.get() + " (data fetch)");
    }

    /** Retries, pauses and timeouts (tests make them short). */
    Fetcher settings(Downloader.Settings s) {
        this.settings = s;
        return this;
    }

    /** Extraction limits instead of the dataset's own (tests make them small). */
    Fetcher limits(SafeExtractor.Limits l) {
        this.limits = l;
        return this;
    }

    /**
     * Fetches {@code d} into {@code dir}.
     *
     * @param from  an archive or folder the user already has (a browser download, or a converted release), or null
     * @param force lay out again even when the folder is complete
     * @param keepDownloads keep the downloaded archives in {@code DIR/.downloads} afterwards
     */
    public Outcome fetch(Dataset d, Path dir, Path from, boolean force, boolean keepDownloads)
            throws DataException, IOException {
        dir = dir.toAbsolutePath().normalize();
        if (!force && from == null && complete(d, dir)) {
            out.println(d.name() + " is already in " + dir + " (fetched " + CopyRecord.read(dir).fetched()
                    + "); nothing to do. Check it with: eibench data verify " + d.name() + " --dir " + dir);
            printUse(d, dir);
            return Outcome.ALREADY_PRESENT;
        }
        if (from == null && !d.direct()) {
            printBrowserSteps(d, dir);
            return Outcome.NEEDS_BROWSER;
        }
        Files.createDirectories(dir);
        Path staging = dir.resolve(STAGING);
        deleteTree(staging);
        SafeExtractor extractor = new SafeExtractor(limits != null ? limits : SafeExtractor.Limits.forTotal(d.maxExtractedBytes()));
        List<CopyRecord.SourceRecord> records = new ArrayList<>();
        Path laidOutFrom = staging;
        boolean move = true;
        List<Path> downloaded = new ArrayList<>();
        try {
            if (from != null) {
                from = from.toAbsolutePath().normalize();
                if (Files.isDirectory(from)) {
                    laidOutFrom = from;
                    move = false;
                    records.add(new CopyRecord.SourceRecord(from.toString(), from.getFileName().toString(), -1, null,
                            CopyRecord.Trust.FOLDER));
                    out.println("laying out " + from + " (a folder: its files are copied, not checked against a checksum)");
                } else if (Files.isRegularFile(from)) {
                    Source s = sourceFor(d, from);
                    CopyRecord.Trust trust = check(from, s, false);
                    records.add(new CopyRecord.SourceRecord(s.url(), from.getFileName().toString(), Files.size(from),
                            Sha256.of(from), trust));
                    extract(extractor, from, d, staging);
                } else {
                    throw new DataException("--from " + from + " does not exist");
                }
            } else {
                Path downloads = dir.resolve(DOWNLOADS);
                Files.createDirectories(downloads);
                Downloader downloader = new Downloader(settings, progress);
                for (Source s : d.sources()) {
                    Path target = downloads.resolve(s.file());
                    if (Files.exists(target)) {
                        out.println(s.file() + ": already downloaded, checking it");
                    } else {
                        out.println("downloading " + s.url() + (s.bytes() >= 0 ? " (" + DownloadProgress.mb(s.bytes()) + ")" : ""));
                        downloader.download(s.url(), target, s.bytes());
                    }
                    CopyRecord.Trust trust = check(target, s, true);
                    records.add(new CopyRecord.SourceRecord(s.url(), s.file(), Files.size(target), Sha256.of(target), trust));
                    downloaded.add(target);
                    extract(extractor, target, d, staging);
                }
            }
            Placer.Plan plan = Placer.plan(d, laidOutFrom);
            if (plan.size() == 0) {
                throw new DataException("none of the " + plan.staged() + " files of " + describe(records) + " fits the layout of "
                        + d.name() + " (" + expectedLabels(d) + "): is it the release the registry describes? See "
                        + d.homepage());
            }
            Placer.apply(plan, dir, move);
            out.println("laid out " + plan.targets().size() + " files" + (plan.conversions().isEmpty() ? ""
                    : " and converted " + plan.conversions().size()) + " in " + dir);
            new CopyRecord(d.name(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), records,
                    Verifier.hashes(d, dir)).write(dir);
        } finally {
            deleteTree(staging);
        }
        if (!keepDownloads) {
            for (Path p : downloaded) {
                Files.deleteIfExists(p);
            }
            deleteIfEmpty(dir.resolve(DOWNLOADS));
        }
        Verifier.Report report = Verifier.verify(d, dir);
        report.lines().forEach(out::println);
        printUse(d, dir);
        return Outcome.FETCHED;
    }

    /** True when an earlier fetch left its record and every expected file is there. */
    static boolean complete(Dataset d, Path dir) throws IOException {
        CopyRecord r = CopyRecord.read(dir);
        if (r == null || !r.dataset().equals(d.name())) {
            return false;
        }
        for (ExpectedFiles g : d.expect()) {
            if (g instanceof ExpectedFiles.Named n) {
                for (String f : n.files()) {
                    if (!Files.isRegularFile(dir.resolve(f))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Checks a file's SHA-256; a mismatching download is quarantined. */
    private CopyRecord.Trust check(Path file, Source s, boolean quarantine) throws IOException, DataException {
        String sha = Sha256.of(file);
        if (s.checksumKnown()) {
            if (s.sha256().equals(sha)) {
                out.println(file.getFileName() + ": SHA-256 matches the registry (" + s.checksumFrom() + ")");
                return CopyRecord.Trust.REGISTRY;
            }
            throw mismatch(file, s, sha, s.sha256(), "the registry's (" + s.checksumFrom() + ")", quarantine);
        }
        KnownChecksums.Entry e = known.get(s.url());
        if (e == null) {
            known.record(s.url(), Files.size(file), sha);
            out.println("WARNING: the registry has no SHA-256 for " + s.url() + ". This copy of " + file.getFileName()
                    + " (SHA-256 " + sha + ") is TRUSTED ON FIRST USE: it is recorded in " + known.file()
                    + " and later fetches must match it, but nothing shows that it is the canonical release.");
            return CopyRecord.Trust.FIRST_USE;
        }
        if (e.sha256().equals(sha)) {
            out.println(file.getFileName() + ": SHA-256 matches the one recorded on first use (" + e.recorded()
                    + "); the registry itself has none");
            return CopyRecord.Trust.KNOWN;
        }
        throw mismatch(file, s, sha, e.sha256(), "the one recorded on first use on " + e.recorded() + " in " + known.file(),
                quarantine);
    }

    private DataException mismatch(Path file, Source s, String got, String want, String whose, boolean quarantine)
            throws IOException {
        String where;
        if (quarantine) {
            Path q = file.resolveSibling(QUARANTINE).resolve(file.getFileName() + "." + Sha256.shortForm(got));
            Files.createDirectories(q.getParent());
            Files.move(file, q, StandardCopyOption.REPLACE_EXISTING);
            where = "The file is quarantined as " + q + " and nothing was extracted. Delete it and fetch again; if the "
                    + "SHA-256 differs again, the source has changed: please report it.";
        } else {
            where = "Nothing was extracted; " + file + " is left as it is.";
        }
        return new DataException("SHA-256 mismatch for " + file.getFileName() + " (" + s.url() + "): expected " + want
                + " (" + whose + "), got " + got + ". " + where);
    }

    private static void extract(SafeExtractor extractor, Path file, Dataset d, Path staging) throws IOException, DataException {
        extractor.extract(file, file.getFileName().toString(), staging, d::keeps);
    }

    private static Source sourceFor(Dataset d, Path file) throws DataException {
        if (d.sources().size() == 1) {
            return d.sources().get(0);
        }
        for (Source s : d.sources()) {
            if (s.file().equals(file.getFileName().toString())) {
                return s;
            }
        }
        List<String> names = d.sources().stream().map(Source::file).toList();
        throw new DataException(d.name() + " has " + names.size() + " source files (" + String.join(", ", names)
                + "), and " + file.getFileName() + " is none of them: give --from the folder holding them, extracted");
    }

    private void printBrowserSteps(Dataset d, Path dir) {
        out.println("eibench cannot fetch " + d.name() + " by itself: its source needs a browser (a login, a cloud drive or a form) "
                + "or a conversion step.");
        int i = 1;
        for (Source s : d.sources()) {
            out.println("  " + i++ + ". Open " + s.url());
            out.println("     " + s.how());
        }
        out.println("  " + i + ". Lay the download out for EIBench (an archive or the folder it extracts to):");
        out.println("       eibench data fetch " + d.name() + " --from DOWNLOADED_FILE_OR_FOLDER --dir " + dir);
        out.println("     or put the files in " + dir + " yourself, as:");
        for (ExpectedFiles g : d.expect()) {
            out.println("       " + g.label() + "  (" + g.count() + " files)");
        }
        out.println("     and check them with: eibench data verify " + d.name() + " --dir " + dir);
        if (d.notes() != null) {
            out.println("Note: " + d.notes());
        }
    }

    private void printUse(Dataset d, Path dir) {
        out.println("Use it with: --data-root " + d.root() + "=" + dir);
        for (String t : d.tasks()) {
            out.println("  e.g. eibench run --task " + t + " --data-root " + d.root() + "=" + dir + " --model MODEL");
        }
    }

    private static String describe(List<CopyRecord.SourceRecord> records) {
        return String.join(", ", records.stream().map(CopyRecord.SourceRecord::file).toList());
    }

    private static String expectedLabels(Dataset d) {
        return String.join(", ", d.expect().stream().map(ExpectedFiles::label).toList());
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteIfEmpty(Path d) throws IOException {
        if (Files.isDirectory(d)) {
            try (var s = Files.list(d)) {
                if (s.findAny().isPresent()) {
                    return;
                }
            }
            Files.delete(d);
        }
    }
}
