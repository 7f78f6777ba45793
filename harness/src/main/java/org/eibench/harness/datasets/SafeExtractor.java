package org.eibench.harness.datasets;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.function.Predicate;

import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks a downloaded file into a folder, refusing any archive that tries to write outside it. Every entry's name is
 * checked before anything is written: an absolute path, a drive letter or a {@code ..} that leaves the folder
 * (zip-slip) refuses the archive, and so does a symbolic or hard link or a device entry, since a later entry could
 * write through it. The bytes written are counted against limits (one entry, all entries, entry count), so a
 * compression bomb stops at the limit. A file that is not a zip or tar archive is copied as it is.
 */
final class SafeExtractor {

    record Limits(long maxEntryBytes, long maxTotalBytes, int maxEntries) {
        static Limits forTotal(long maxTotalBytes) {
            return new Limits(Math.min(maxTotalBytes, 16L << 30), maxTotalBytes, 2_000_000);
        }
    }

    private final Limits limits;
    private long written;
    private int entries;

    SafeExtractor(Limits limits) {
        this.limits = limits;
    }

    static boolean isArchive(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        return n.endsWith(".zip") || n.endsWith(".tar") || n.endsWith(".tar.gz") || n.endsWith(".tgz")
                || n.endsWith(".tar.bz2") || n.endsWith(".tbz2");
    }

    /**
     * Extracts the entries {@code keep} accepts (relative paths with '/') into {@code dest}; returns how many files
     * were written.
     */
    int extract(Path file, String name, Path dest, Predicate<String> keep) throws DataException, IOException {
        Files.createDirectories(dest);
        Path root = dest.toAbsolutePath().normalize();
        String n = name.toLowerCase(Locale.ROOT);
        int before = entries;
        if (n.endsWith(".zip")) {
            try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
                Enumeration<ZipArchiveEntry> all = zip.getEntriesInPhysicalOrder();
                while (all.hasMoreElements()) {
                    ZipArchiveEntry e = all.nextElement();
                    if (e.isUnixSymlink()) {
                        throw refused(name, e.getName(), "is a symbolic link");
                    }
                    Path out = target(root, name, e.getName());
                    if (e.isDirectory() || !keep.test(relative(root, out))) {
                        continue;
                    }
                    try (InputStream in = zip.getInputStream(e)) {
                        write(in, out, name, e);
                    }
                }
            }
        } else if (n.endsWith(".tar") || n.endsWith(".tar.gz") || n.endsWith(".tgz") || n.endsWith(".tar.bz2")
                || n.endsWith(".tbz2")) {
            try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
                 InputStream un = n.endsWith(".tar") ? raw
                         : n.endsWith(".bz2") || n.endsWith(".tbz2") ? new BZip2CompressorInputStream(raw, true)
                         : GzipCompressorInputStream.builder().setInputStream(raw).setDecompressConcatenated(true).get();
                 TarArchiveInputStream tar = new TarArchiveInputStream(un)) {
                for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                    if (e.isSymbolicLink() || e.isLink()) {
                        throw refused(name, e.getName(), "is a " + (e.isLink() ? "hard" : "symbolic") + " link to "
                                + e.getLinkName());
                    }
                    if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
                        throw refused(name, e.getName(), "is a device or pipe, not a file");
                    }
                    Path out = target(root, name, e.getName());
                    if (e.isDirectory() || !e.isFile() || !keep.test(relative(root, out))) {
                        continue;
                    }
                    write(tar, out, name, e);
                }
            }
        } else if (n.endsWith(".rar") || n.endsWith(".7z") || n.endsWith(".xz") || n.endsWith(".zst")) {
            throw new DataException(name + ": this archive format is not read here; extract it yourself and give the "
                    + "folder with --from");
        } else {
            Path out = target(root, name, name);
            try (InputStream in = Files.newInputStream(file)) {
                write(in, out, name, null);
            }
        }
        return entries - before;
    }

    /** Where an entry would go; refuses names that are absolute or leave {@code root}. */
    static Path target(Path root, String archive, String entryName) throws DataException {
        String n = entryName.replace('\\', '/');
        if (n.isBlank() || n.indexOf('\0') >= 0) {
            throw refused(archive, entryName, "has an empty or invalid name");
        }
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*")) {
            throw refused(archive, entryName, "has an absolute path");
        }
        Path out = root.resolve(n).normalize();
        if (!out.startsWith(root) || out.equals(root)) {
            throw refused(archive, entryName, "would be written outside the target folder (zip-slip)");
        }
        return out;
    }

    private void write(InputStream in, Path out, String archive, ArchiveEntry e) throws IOException, DataException {
        String entryName = e == null ? archive : e.getName();
        if (++entries > limits.maxEntries()) {
            throw refused(archive, entryName, "is entry " + entries + ", over the limit of " + limits.maxEntries());
        }
        if (e != null && e.getSize() > limits.maxEntryBytes()) {
            throw refused(archive, entryName, "declares " + e.getSize() + " bytes, over the limit of "
                    + limits.maxEntryBytes() + " for one file");
        }
        Files.createDirectories(out.getParent());
        if (Files.isSymbolicLink(out.getParent()) || Files.isSymbolicLink(out)) {
            throw refused(archive, entryName, "would be written through a symbolic link");
        }
        long mine = 0;
        byte[] buf = new byte[1 << 16];
        try (OutputStream o = Files.newOutputStream(out)) {
            for (int k; (k = in.read(buf)) > 0; ) {
                mine += k;
                written += k;
                if (mine > limits.maxEntryBytes()) {
                    throw refused(archive, entryName, "expands past " + limits.maxEntryBytes() + " bytes, the limit for one file");
                }
                if (written > limits.maxTotalBytes()) {
                    throw refused(archive, entryName, "takes the extracted size past " + limits.maxTotalBytes()
                            + " bytes, the limit for this dataset");
                }
                o.write(buf, 0, k);
            }
        } catch (DataException x) {
            Files.deleteIfExists(out);
            throw x;
        }
    }

    private static String relative(Path root, Path out) {
        return root.relativize(out).toString().replace('\\', '/');
    }

    private static DataException refused(String archive, String entry, String why) {
        return new DataException("refused " + archive + ": entry '" + entry + "' " + why + "; nothing of it is used");
    }
}
