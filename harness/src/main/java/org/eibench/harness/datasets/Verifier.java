package org.eibench.harness.datasets;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Checks a copy of a dataset against the registry: which expected files are there, and whether their contents are
 * the canonical release's. Contents are checked against the registry's per-file SHA-256 when it has them, else
 * against the record {@code data fetch} left in the folder (whose sources were checked against the registry or
 * trusted on first use); a copy made by hand with neither can only be checked by name and count.
 */
public final class Verifier {

    private static final int EXAMPLES = 3;

    public enum Verdict {
        /** Every expected file is there and its contents are the canonical release's. */
        CANONICAL,
        /** Every expected file is there, but nothing here proves the contents canonical. */
        NOT_CONFIRMED,
        /** Files are missing. */
        INCOMPLETE,
        /** Files differ from the registry's checksums or from what was fetched. */
        MODIFIED
    }

    /** The outcome and its explanation, one line per group and one for the contents. */
    public record Report(Verdict verdict, int expected, int present, List<String> lines) {
        public Report {
            lines = List.copyOf(lines);
        }
    }

    private Verifier() {
    }

    public static Report verify(Dataset d, Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        int expected = 0;
        int present = 0;
        List<String> presentNames = new ArrayList<>();
        for (ExpectedFiles g : d.expect()) {
            int have;
            List<String> missing = new ArrayList<>();
            if (g instanceof ExpectedFiles.Named n) {
                for (String f : n.files()) {
                    if (Files.isRegularFile(dir.resolve(f))) {
                        presentNames.add(f);
                    } else {
                        missing.add(f);
                    }
                }
                have = n.count() - missing.size();
            } else {
                ExpectedFiles.Counted c = (ExpectedFiles.Counted) g;
                have = Math.min(countMatching(dir, c.glob()), c.count());
            }
            expected += g.count();
            present += have;
            StringBuilder line = new StringBuilder(String.format(java.util.Locale.ROOT, "  %-34s %5d of %-5d", g.label(),
                    have, g.count()));
            if (have < g.count()) {
                line.append(" missing");
                if (!missing.isEmpty()) {
                    line.append(", e.g. ").append(String.join(", ", missing.subList(0, Math.min(EXAMPLES, missing.size()))));
                }
                if (!g.tasks().isEmpty()) {
                    line.append(" (").append(String.join(", ", g.tasks())).append(" cannot run)");
                }
                if (g.note() != null) {
                    line.append("\n      ").append(g.note());
                }
            }
            lines.add(line.toString());
        }
        boolean complete = present == expected;
        Verdict verdict;
        String contents;
        CopyRecord record = CopyRecord.read(dir);
        if (!d.fileChecksums().isEmpty()) {
            List<String> differ = new ArrayList<>();
            int checked = 0;
            for (String f : presentNames) {
                String want = d.fileChecksums().get(f);
                if (want != null) {
                    checked++;
                    if (!want.equals(Sha256.of(dir.resolve(f)))) {
                        differ.add(f);
                    }
                }
            }
            if (!differ.isEmpty()) {
                verdict = Verdict.MODIFIED;
                contents = differ.size() + " of " + checked + " files differ from the registry's SHA-256, e.g. "
                        + String.join(", ", differ.subList(0, Math.min(EXAMPLES, differ.size())));
            } else {
                boolean allKnown = presentNames.stream().allMatch(d.fileChecksums()::containsKey);
                verdict = !complete ? Verdict.INCOMPLETE : allKnown ? Verdict.CANONICAL : Verdict.NOT_CONFIRMED;
                contents = checked + " files match the registry's SHA-256"
                        + (allKnown ? "" : "; " + (presentNames.size() - checked) + " have no registry checksum");
            }
        } else if (record != null && record.dataset().equals(d.name())) {
            List<String> changed = new ArrayList<>();
            for (String f : presentNames) {
                String was = record.files().get(f);
                if (was == null || !was.equals(Sha256.of(dir.resolve(f)))) {
                    changed.add(f);
                }
            }
            String origin = origin(record);
            if (!changed.isEmpty()) {
                verdict = Verdict.MODIFIED;
                contents = changed.size() + " files changed or were added since eibench fetched this copy ("
                        + record.fetched() + "), e.g. " + String.join(", ", changed.subList(0, Math.min(EXAMPLES, changed.size())));
            } else if (!complete) {
                verdict = Verdict.INCOMPLETE;
                contents = "the files present are as fetched (" + record.fetched() + ") " + origin;
            } else if (record.canonicalByRegistry()) {
                verdict = Verdict.CANONICAL;
                contents = "every file is as laid out on " + record.fetched() + " " + origin;
            } else {
                verdict = Verdict.NOT_CONFIRMED;
                contents = "every file is as laid out on " + record.fetched() + " " + origin;
            }
        } else {
            verdict = complete ? Verdict.NOT_CONFIRMED : Verdict.INCOMPLETE;
            contents = "the registry has no per-file SHA-256 for " + d.name() + " and eibench data fetch did not make "
                    + "this folder: names and counts were checked, contents were not";
        }
        lines.add("  contents: " + contents);
        lines.add("  verdict: " + switch (verdict) {
            case CANONICAL -> "the canonical release (" + present + " of " + expected + " files)";
            case NOT_CONFIRMED -> "complete (" + present + " of " + expected
                    + " files), but NOT confirmed to be the canonical release";
            case INCOMPLETE -> "INCOMPLETE: " + (expected - present) + " of " + expected + " files missing";
            case MODIFIED -> "NOT the canonical release: files differ";
        });
        return new Report(verdict, expected, present, lines);
    }

    /** Where a fetched copy came from, and how far that source was checked. */
    private static String origin(CopyRecord r) {
        List<String> parts = new ArrayList<>();
        for (CopyRecord.SourceRecord s : r.sources()) {
            parts.add(s.file() + switch (s.trust()) {
                case REGISTRY -> " (SHA-256 matched the registry)";
                case FIRST_USE, KNOWN -> " (SHA-256 " + Sha256.shortForm(String.valueOf(s.sha256()))
                        + "... trusted on first use: the registry does not know it)";
                case FOLDER -> " (a folder given with --from: no archive checksum)";
            });
        }
        return "from " + String.join(", ", parts);
    }

    private static int countMatching(Path dir, String glob) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        try (Stream<Path> s = Files.walk(dir)) {
            return (int) s.filter(Files::isRegularFile).map(dir::relativize).filter(m::matches).count();
        }
    }

    /** SHA-256 of every present expected file, for the record a fetch leaves. */
    static Map<String, String> hashes(Dataset d, Path dir) throws IOException {
        Map<String, String> out = new java.util.TreeMap<>();
        for (ExpectedFiles g : d.expect()) {
            if (g instanceof ExpectedFiles.Named n) {
                for (String f : n.files()) {
                    Path p = dir.resolve(f);
                    if (Files.isRegularFile(p)) {
                        out.put(f, Sha256.of(p));
                    }
                }
            } else {
                PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + ((ExpectedFiles.Counted) g).glob());
                try (Stream<Path> s = Files.walk(dir)) {
                    for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                        Path rel = dir.relativize(p);
                        if (m.matches(rel)) {
                            out.put(rel.toString().replace('\\', '/'), Sha256.of(p));
                        }
                    }
                }
            }
        }
        return out;
    }
}
