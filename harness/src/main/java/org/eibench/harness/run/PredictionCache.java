package org.eibench.harness.run;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.eibench.harness.datasets.Locations;

/**
 * The prediction cache's folder ({@link CachingRuntime} reads and fills it): where it is by default, its layout
 * ({@code XX/<sha256>.f32.z}, XX the key's first two hex digits), its size, and keeping it under a cap by removing the
 * least recently used entries (a hit refreshes an entry's modification time: access times are often not kept).
 *
 * <p>Only files of that layout are ever listed or removed, so a cache folder pointed at the wrong place (a home
 * folder) loses nothing else.
 */
public final class PredictionCache {

    private static final Pattern SHARD = Pattern.compile("[0-9a-f]{2}");
    private static final Pattern ENTRY = Pattern.compile("[0-9a-f]{64}\\.f32\\.z(\\.[0-9]+\\.tmp)?");

    /** Entries and their total size in bytes. */
    public record Usage(int entries, long bytes) {
    }

    private PredictionCache() {
    }

    /** {@code $EIBENCH_CACHE}, else {@code $XDG_CACHE_HOME/eibench/predictions}, else {@code ~/.cache/eibench/predictions}. */
    public static Path defaultDir(Map<String, String> env) {
        String dir = env.get("EIBENCH_CACHE");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir).toAbsolutePath().normalize();
        }
        return Locations.cacheHome(env).resolve("predictions");
    }

    /** The file of a key. */
    static Path entry(Path dir, String key) {
        return dir.resolve(key.substring(0, 2)).resolve(key + ".f32.z");
    }

    /** Marks an entry as just used, for {@link #trim}. */
    static void touch(Path entry) {
        try {
            Files.setLastModifiedTime(entry, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            // Only the eviction order suffers.
        }
    }

    public static Usage usage(Path dir) throws IOException {
        long bytes = 0;
        List<Entry> all = entries(dir);
        for (Entry e : all) {
            bytes += e.bytes();
        }
        return new Usage(all.size(), bytes);
    }

    /** Removes every entry (and the then empty XX folders); returns what was removed. */
    public static Usage clear(Path dir) throws IOException {
        return remove(entries(dir), dir);
    }

    /** Removes the least recently used entries until the cache holds at most {@code maxBytes}; returns what went. */
    public static Usage trim(Path dir, long maxBytes) throws IOException {
        List<Entry> all = new ArrayList<>(entries(dir));
        long total = all.stream().mapToLong(Entry::bytes).sum();
        all.sort(Comparator.comparing(Entry::used).thenComparing(e -> e.file().toString()));
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < all.size() && total > maxBytes; i++) {
            out.add(all.get(i));
            total -= all.get(i).bytes();
        }
        return remove(out, dir);
    }

    private record Entry(Path file, long bytes, FileTime used) {
    }

    private static List<Entry> entries(Path dir) throws IOException {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> shards = Files.newDirectoryStream(dir)) {
            for (Path shard : shards) {
                if (!SHARD.matcher(shard.getFileName().toString()).matches() || !Files.isDirectory(shard)) {
                    continue;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(shard)) {
                    for (Path f : files) {
                        if (ENTRY.matcher(f.getFileName().toString()).matches()) {
                            try {
                                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                                out.add(new Entry(f, a.size(), a.lastModifiedTime()));
                            } catch (IOException e) {
                                // Removed meanwhile by another run's trim.
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    private static Usage remove(List<Entry> entries, Path dir) throws IOException {
        int n = 0;
        long bytes = 0;
        for (Entry e : entries) {
            if (Files.deleteIfExists(e.file())) {
                n++;
                bytes += e.bytes();
            }
        }
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> shards = Files.newDirectoryStream(dir)) {
                for (Path shard : shards) {
                    if (SHARD.matcher(shard.getFileName().toString()).matches() && Files.isDirectory(shard)) {
                        try (DirectoryStream<Path> left = Files.newDirectoryStream(shard)) {
                            if (!left.iterator().hasNext()) {
                                Files.deleteIfExists(shard);
                            }
                        } catch (java.nio.file.DirectoryNotEmptyException e) {
                            // Another run wrote into it meanwhile.
                        }
                    }
                }
            }
        }
        return new Usage(n, bytes);
    }
}
