package org.eibench.harness.datasets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trust on first use for sources whose checksum the registry does not know: the first fetch on a machine records
 * the file's SHA-256 in {@code known-checksums.tsv} (URL, bytes, SHA-256, when; tab-separated) in the datasets
 * folder, and later fetches of the same URL must match it. This catches a changed or corrupted source; it cannot
 * tell whether the first copy was the canonical one.
 */
final class KnownChecksums {

    static final String FILE = "known-checksums.tsv";

    record Entry(String url, long bytes, String sha256, String recorded) {
    }

    private final Path file;

    KnownChecksums(Path home) {
        this.file = home.resolve(FILE);
    }

    Path file() {
        return file;
    }

    /** The entry recorded for a URL, or null. */
    Entry get(String url) throws IOException {
        return read().get(url);
    }

    /** Records a URL's checksum (the caller checked that none is recorded). */
    synchronized void record(String url, long bytes, String sha256) throws IOException {
        Files.createDirectories(file.getParent());
        String line = url + "\t" + bytes + "\t" + sha256 + "\t" + Instant.now() + "\n";
        if (!Files.exists(file)) {
            Files.writeString(file, "# EIBench: SHA-256 of dataset files trusted on first use (url, bytes, sha256, recorded)\n",
                    StandardCharsets.UTF_8);
        }
        Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private Map<String, Entry> read() throws IOException {
        Map<String, Entry> out = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isBlank() || l.startsWith("#")) {
                continue;
            }
            String[] f = l.split("\t");
            if (f.length != 4) {
                throw new IOException(file + " line " + (i + 1) + ": expected 4 tab-separated fields (url, bytes, sha256, recorded)");
            }
            // The first record of a URL wins: later lines can only come from editing the file by hand.
            out.putIfAbsent(f[0], new Entry(f[0], Long.parseLong(f[1]), f[2], f[3]));
        }
        return out;
    }
}
