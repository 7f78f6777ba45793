package org.eibench.harness.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eibench.tasks.Task;
import org.eibench.tasks.data.Blur;
import org.eibench.tasks.data.Degradation;
import org.eibench.tasks.data.SampleRef;

/**
 * The data a task reads, as a digest for the run identity: every file its samples name (inputs, targets, annotator
 * maps, depth maps) and its index files (manifest, instruction file, class names), plus a degradation's blur kernel.
 *
 * <p>{@code sha256} is over each file's path relative to the task's data root and the SHA-256 of its content, so the
 * same data elsewhere (another machine, a moved folder) has the same digest. Hashing the content costs a read of
 * every file, so {@code statSha256}, a digest of absolute paths, sizes and modification times, is the fast path: when
 * it equals the one recorded in the run directory (or computed earlier in this process) the recorded content digest
 * is reused; otherwise the content is hashed again and recorded. The same pairs of digests are kept in the user's
 * cache ({@code <cache>/eibench/data-digests/<stat digest>.json}; the environment variable {@code EIBENCH_DIGEST_CACHE}
 * moves it, or disables it with {@code none}), so a
 * fresh run directory over unchanged files does not read them all again: on 654 NYU-sized depth pairs, hashing is a
 * third of a whole {@code score} (docs/performance.md). It trusts sizes and modification times exactly as the run
 * directory's record does.
 *
 * @param files number of files (a file a sample names but that does not exist counts, as missing)
 * @param bytes their total size
 */
public record TaskData(int files, long bytes, String sha256, String statSha256) {

    /** Content digests already computed in this process, by stat digest (several models over the same tasks). */
    private static final Map<String, TaskData> SEEN = new ConcurrentHashMap<>();

    /**
     * The digest of a task's data.
     *
     * @param samples  the task's full sample list (not a subset: shards and limits share the data identity)
     * @param recorded what the run directory recorded for this task, or null
     */
    static TaskData of(Task task, List<SampleRef> samples, TaskData recorded) throws IOException {
        Path root = task.spec().data() == null ? null : task.spec().data().root().toAbsolutePath().normalize();
        TreeSet<Path> files = new TreeSet<>();
        for (SampleRef r : samples) {
            add(files, r.input());
            add(files, r.target());
            add(files, r.depth());
            r.annotations().forEach(p -> add(files, p));
        }
        task.indexFiles().forEach(p -> add(files, p));
        MessageDigest stat = newDigest();
        long bytes = 0;
        Map<Path, BasicFileAttributes> attrs = new TreeMap<>();
        for (Path f : files) {
            BasicFileAttributes a = Files.isRegularFile(f) ? Files.readAttributes(f, BasicFileAttributes.class) : null;
            attrs.put(f, a);
            stat.update((f + "\t" + (a == null ? "missing" : a.size() + "\t" + a.lastModifiedTime().toMillis()) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            bytes += a == null ? 0 : a.size();
        }
        String kernel = kernel(task.degradation());
        stat.update(kernel.getBytes(StandardCharsets.UTF_8));
        String statHex = HexFormat.of().formatHex(stat.digest());
        if (recorded != null && statHex.equals(recorded.statSha256())) {
            return recorded;
        }
        TaskData seen = SEEN.get(statHex);
        if (seen == null) {
            seen = readCached(statHex);
        }
        if (seen != null) {
            SEEN.put(statHex, seen);
            return seen;
        }
        // Files are hashed in parallel (reading and SHA-256 are the whole cost), then combined in path order.
        List<Map.Entry<Path, BasicFileAttributes>> entries = List.copyOf(attrs.entrySet());
        String[] hashes = new String[entries.size()];
        try {
            java.util.stream.IntStream.range(0, entries.size()).parallel().forEach(i -> {
                try {
                    hashes[i] = entries.get(i).getValue() == null ? "missing" : hash(entries.get(i).getKey());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        MessageDigest content = newDigest();
        for (int i = 0; i < entries.size(); i++) {
            Path f = entries.get(i).getKey();
            String name = root != null && f.startsWith(root) ? root.relativize(f).toString() : f.getFileName().toString();
            content.update((name.replace('\\', '/') + "\t" + hashes[i] + "\n").getBytes(StandardCharsets.UTF_8));
        }
        content.update(kernel.getBytes(StandardCharsets.UTF_8));
        TaskData d = new TaskData(files.size(), bytes, HexFormat.of().formatHex(content.digest()), statHex);
        SEEN.put(statHex, d);
        writeCached(d);
        return d;
    }

    /** The digest cache's folder, or null when disabled. */
    static Path cacheDir() {
        String p = System.getenv("EIBENCH_DIGEST_CACHE");
        if (p != null && !p.isBlank()) {
            return p.equals("none") ? null : Path.of(p);
        }
        return org.eibench.harness.datasets.Locations.cacheHome(System.getenv()).resolve("data-digests");
    }

    /** A cached entry for this stat digest, or null (none, unreadable or not this digest's). */
    private static TaskData readCached(String statHex) {
        Path dir = cacheDir();
        if (dir == null) {
            return null;
        }
        try {
            TaskData d = fromJson(Json.LINES.readTree(Files.readAllBytes(dir.resolve(statHex + ".json"))));
            return d != null && statHex.equals(d.statSha256()) ? d : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Best effort: a cache that cannot be written only costs the next run a re-read. */
    private static void writeCached(TaskData d) {
        Path dir = cacheDir();
        if (dir == null) {
            return;
        }
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, d.statSha256(), ".tmp");
            Files.write(tmp, Json.LINES.writeValueAsBytes(d.toJson()));
            Files.move(tmp, dir.resolve(d.statSha256() + ".json"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            // ignored: see above
        }
    }

    private static void add(TreeSet<Path> files, Path p) {
        if (p != null) {
            files.add(p.toAbsolutePath().normalize());
        }
    }

    /** A blur kernel's values (it is data, read when the task was loaded): "" without one. */
    private static String kernel(Degradation d) {
        if (!(d instanceof Blur b)) {
            return "";
        }
        ByteBuffer buf = ByteBuffer.allocate(4 * b.kernel().length);
        buf.asFloatBuffer().put(b.kernel());
        return "kernel\t" + b.kernelName() + "\t" + HexFormat.of().formatHex(newDigest().digest(buf.array())) + "\n";
    }

    private static String hash(Path f) throws IOException {
        MessageDigest md = newDigest();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(f)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    ObjectNode toJson() {
        ObjectNode o = Json.PRETTY.createObjectNode();
        o.put("files", files);
        o.put("bytes", bytes);
        o.put("sha256", sha256);
        o.put("stat_sha256", statSha256);
        return o;
    }

    /** A task's entry of run.json's {@code data}, or null when absent or incomplete. */
    static TaskData fromJson(JsonNode o) {
        if (o == null || !o.path("sha256").isTextual() || !o.path("stat_sha256").isTextual()) {
            return null;
        }
        return new TaskData(o.path("files").asInt(), o.path("bytes").asLong(), o.path("sha256").asText(), o.path("stat_sha256").asText());
    }
}
