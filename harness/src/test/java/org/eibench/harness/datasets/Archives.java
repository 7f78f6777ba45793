package org.eibench.harness.datasets;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Small archives built by the tests, including malicious ones. */
final class Archives {

    private Archives() {
    }

    /** A zip of the given entries (names written as given, so "../x" and "/x" are possible). */
    static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipArchiveEntry entry = new ZipArchiveEntry(e.getKey());
                z.putArchiveEntry(entry);
                z.write(e.getValue());
                z.closeArchiveEntry();
            }
        }
        return file;
    }

    /** A zip whose entry {@code name} is a symbolic link to {@code target}, followed by a file written through it. */
    static Path zipWithSymlink(Path file, String name, String target) throws IOException {
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(Files.newOutputStream(file))) {
            ZipArchiveEntry link = new ZipArchiveEntry(name);
            link.setUnixMode(UnixStat.LINK_FLAG | 0777);
            z.putArchiveEntry(link);
            z.write(target.getBytes(StandardCharsets.UTF_8));
            z.closeArchiveEntry();
            ZipArchiveEntry through = new ZipArchiveEntry(name + "/planted.txt");
            z.putArchiveEntry(through);
            z.write("planted".getBytes(StandardCharsets.UTF_8));
            z.closeArchiveEntry();
        }
        return file;
    }

    /** A .tar.gz of the given files. */
    static Path tgz(Path file, Map<String, byte[]> entries) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
             TarArchiveOutputStream t = new TarArchiveOutputStream(new GzipCompressorOutputStream(raw))) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey(), true);
                entry.setSize(e.getValue().length);
                t.putArchiveEntry(entry);
                t.write(e.getValue());
                t.closeArchiveEntry();
            }
        }
        return file;
    }

    /** A .tar.gz with one link entry ({@link TarConstants#LF_SYMLINK} or {@link TarConstants#LF_LINK}). */
    static Path tgzWithLink(Path file, String name, String target, byte linkType) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
             TarArchiveOutputStream t = new TarArchiveOutputStream(new GzipCompressorOutputStream(raw))) {
            TarArchiveEntry ok = new TarArchiveEntry("release/ok.txt", true);
            ok.setSize(2);
            t.putArchiveEntry(ok);
            t.write("ok".getBytes(StandardCharsets.UTF_8));
            t.closeArchiveEntry();
            TarArchiveEntry link = new TarArchiveEntry(name, linkType, true);
            link.setLinkName(target);
            t.putArchiveEntry(link);
            t.closeArchiveEntry();
        }
        return file;
    }
}
