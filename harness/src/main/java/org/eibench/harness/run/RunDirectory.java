package org.eibench.harness.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The on-disk layout of one model's run (DESIGN §4.2): run.json, samples/TASK.jsonl, predictions/TASK/ID.png,
 * summary.json. Lines are appended and flushed as samples finish, with an fsync every few lines, so a killed run
 * loses at most the sample in flight; a torn last line is ignored on reading.
 */
public final class RunDirectory {

    public static final String RUN_JSON = "run.json";
    public static final String SUMMARY_JSON = "summary.json";
    /**
     * Lines are written at once (a killed process loses nothing written) and fsync'd at most this often, and on
     * close: an fsync per few lines cost as much as scoring a small sample (the OS keeps written lines through a
     * process kill; only a machine crash can lose the last second).
     */
    private static final long FSYNC_EVERY_NANOS = 1_000_000_000L;

    private final Path dir;

    public RunDirectory(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    public Path runJson() {
        return dir.resolve(RUN_JSON);
    }

    public Path summaryJson() {
        return dir.resolve(SUMMARY_JSON);
    }

    public Path samplesFile(String taskId) {
        return dir.resolve("samples").resolve(taskId + ".jsonl");
    }

    /** Relative path of a prediction, as recorded in sample lines. */
    public String predictionPath(String taskId, String sampleId) {
        return "predictions/" + taskId + "/" + sampleId + ".png";
    }

    /** A gallery picture of a sample ({@code input}, {@code canny}, see Task.views), beside the predictions. */
    public String viewPath(String taskId, String sampleId, String view) {
        return "views/" + taskId + "/" + sampleId + "." + view + ".png";
    }

    /** Writes a file atomically (temp file + move), so readers never see half a summary. */
    public void writeAtomically(Path target, byte[] bytes) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = temporary(target);
        Files.write(tmp, bytes);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Puts the file {@code source}, whose bytes as read (and scored) are {@code bytes}, at {@code target}: nothing
     * when it is that file already (rescore reads a run's own predictions); with {@code link}, a hard link where the
     * file system allows one (a directory entry, no data: on ext4, making thousands of new files right after as many
     * were deleted costs milliseconds each, in the kernel's search for a free inode); else a copy of the bytes,
     * written atomically. A link shares the file: if the original is later rewritten in place, so is the run's
     * prediction, which its recorded SHA-256 then no longer matches (rescore says so).
     */
    public void keep(Path target, Path source, byte[] bytes, boolean link) throws IOException {
        if (link) {
            Files.createDirectories(target.getParent());
            try {
                Files.createLink(target, source);
                return;
            } catch (FileAlreadyExistsException e) {
                if (Files.isSameFile(target, source)) {
                    return;
                }
                Path tmp = temporary(target);
                try {
                    Files.deleteIfExists(tmp);
                    Files.createLink(tmp, source);
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    return;
                } catch (IOException | UnsupportedOperationException again) {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException | UnsupportedOperationException e) {
                // Another file system, no links there, or not allowed (fs.protected_hardlinks): a copy instead.
            }
        } else if (Files.exists(target) && Files.isSameFile(target, source)) {
            return;
        }
        writeAtomically(target, bytes);
    }

    /** Where a file is made before it is moved to its name, so that no reader sees it half made. */
    private static Path temporary(Path target) {
        return target.resolveSibling(target.getFileName() + ".tmp");
    }

    /** What a scan of a samples file hands over for each line: the parsed line and its text. */
    @FunctionalInterface
    public interface LineVisitor {
        void line(JsonNode node, String text);
    }

    /**
     * Reads a samples file line by line, in order (a later line for the same id wins for the callers that keep
     * them). Only the final line may be torn by a kill, and it is skipped; an unparsable line elsewhere is damage and
     * is reported with its line number. A missing file has no lines.
     */
    public static void scan(Path f, LineVisitor visitor) throws IOException {
        if (!Files.exists(f)) {
            return;
        }
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = Json.LINES.readTree(line);
                } catch (JsonProcessingException e) {
                    if (r.readLine() == null) {
                        break;
                    }
                    throw new IOException(f + ":" + n + ": not a JSON line: " + e.getOriginalMessage());
                }
                visitor.line(node, line);
            }
        }
    }

    /** Finished samples of a task by id (the last line wins); a torn final line is skipped. */
    public Map<String, SampleRecord> readSamples(String taskId) throws IOException {
        Map<String, SampleRecord> out = new LinkedHashMap<>();
        scan(samplesFile(taskId), (node, text) -> {
            SampleRecord rec = SampleRecord.fromJson(node);
            out.put(rec.id(), rec);
        });
        return out;
    }

    /**
     * Ids of the samples already finished (ok or failed) for a task: what a resumed run skips. Keeps only ids, so
     * memory stays small however many samples the file holds.
     */
    public java.util.Set<String> finishedIds(String taskId) throws IOException {
        java.util.Set<String> ids = new java.util.HashSet<>();
        scan(samplesFile(taskId), (node, text) -> ids.add(node.path("id").asText()));
        return ids;
    }

    /** Appends lines for one task; call {@link #close} (or use try-with-resources) to fsync the tail. */
    public SampleWriter openWriter(String taskId) throws IOException {
        Path f = samplesFile(taskId);
        Files.createDirectories(f.getParent());
        boolean wholeFile = truncateTornTail(f) == 0;
        return new SampleWriter(FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), wholeFile);
    }

    /**
     * Drops a final line without its newline (a write cut by a kill) so appends start on a fresh line; returns the
     * bytes left in the file (0 for none or no file).
     */
    private static long truncateTornTail(Path f) throws IOException {
        if (!Files.exists(f) || Files.size(f) == 0) {
            return 0;
        }
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long pos = size;
            java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
            while (pos > 0) {
                one.clear();
                ch.read(one, pos - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                pos--;
            }
            if (pos < size) {
                ch.truncate(pos);
            }
            return pos;
        }
    }

    /** Another process (or another run in this one) is writing to the directory. */
    public static final class Busy extends IOException {
        private static final long serialVersionUID = 1L;

        Busy(Path dir) {
            super(dir + " is in use by another eibench run (lock file " + dir.resolve(LOCK) + " is held); wait for it"
                    + " to finish or stop it, then run again to resume");
        }
    }

    static final String LOCK = ".lock";

    /** An exclusive lock on the directory; the OS releases it when the process dies, even by SIGKILL. */
    public static final class Lock implements AutoCloseable {
        private final FileChannel channel;
        private final java.nio.channels.FileLock lock;

        Lock(FileChannel channel, java.nio.channels.FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() throws IOException {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }

    public Lock lock() throws IOException {
        Files.createDirectories(dir);
        FileChannel ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        java.nio.channels.FileLock l;
        try {
            l = ch.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            ch.close();
            throw new Busy(dir);
        }
        return new Lock(ch, l);
    }

    /**
     * Thread-safe appender of sample lines. A writer that opened an empty file also keeps what it wrote, as
     * {@link #readSamples} would read it back, so the summary of a run that wrote every line of the file is built
     * without parsing the file again (for 2000 lines of 150-class counts, about half a second of a cold JVM).
     */
    public static final class SampleWriter implements AutoCloseable {
        private final FileChannel channel;
        private long lastSync = System.nanoTime();
        /** Every line of the file by id, as read back; null when the file held lines before this writer. */
        private final Map<String, SampleRecord> lines;

        SampleWriter(FileChannel channel, boolean wholeFile) {
            this.channel = channel;
            this.lines = wholeFile ? new LinkedHashMap<>() : null;
        }

        public synchronized void append(SampleRecord record) throws IOException {
            ObjectNode tree = record.toJson();
            byte[] line = (Json.LINES.writeValueAsString(tree) + "\n").getBytes(StandardCharsets.UTF_8);
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            if (System.nanoTime() - lastSync >= FSYNC_EVERY_NANOS) {
                channel.force(false);
                lastSync = System.nanoTime();
            }
            if (lines != null) {
                // From the tree just written, not from the record: the same nodes a parse of the line gives (whole
                // numbers as ints, non-finite values as written), so the summary cannot tell the two paths apart.
                SampleRecord asRead = SampleRecord.fromJson(tree);
                lines.put(asRead.id(), asRead);
            }
        }

        /**
         * The file's samples as {@link #readSamples} returns them, when this writer wrote every line of the file;
         * null when it appended to earlier lines (a resumed run), which only the file holds.
         */
        public synchronized Map<String, SampleRecord> samples() {
            return lines == null ? null : new LinkedHashMap<>(lines);
        }

        @Override
        public synchronized void close() throws IOException {
            channel.force(false);
            channel.close();
        }
    }

    public List<String> taskIdsWithSamples() throws IOException {
        List<String> ids = new ArrayList<>();
        Path s = dir.resolve("samples");
        if (Files.isDirectory(s)) {
            try (var files = Files.list(s)) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jsonl")).sorted()
                        .forEach(n -> ids.add(n.substring(0, n.length() - ".jsonl".length())));
            }
        }
        return ids;
    }
}
