package org.eibench.tasks.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A dataset root that no path from a data file may escape: absolute paths, {@code ..} climbing out and symbolic links
 * leading outside are refused with the offending path in the message.
 */
public record DataRoot(Path root) {

    public DataRoot {
        root = root.toAbsolutePath().normalize();
    }

    /** Resolves a path given in a data file, relative to the root. */
    public Path resolve(String relative, String where) throws IOException {
        Path rel = Path.of(relative);
        if (rel.isAbsolute() || relative.startsWith("/") || relative.startsWith("\\")) {
            throw new IOException(where + ": absolute path '" + relative + "' is not allowed; paths are relative to " + root);
        }
        Path p = root.resolve(rel).normalize();
        if (!p.startsWith(root)) {
            throw new IOException(where + ": path '" + relative + "' escapes the dataset root " + root);
        }
        return checkLinks(p, where, relative);
    }

    /** Checks that an existing file under the root does not lead outside it through a symbolic link. */
    public Path checkLinks(Path p, String where, String shown) throws IOException {
        Path real = realPath(p);
        if (real != null && !real.startsWith(realPath(root))) {
            throw new IOException(where + ": path '" + shown + "' leads outside the dataset root " + root
                    + " (through a symbolic link, to " + real + ")");
        }
        return p;
    }

    /**
     * Real (canonical) folders seen so far. A task lists thousands of files in a few folders, and toRealPath costs a
     * readlink per path component (realpath(3)): a file that is not itself a link is its real folder plus its name.
     */
    private static final Map<Path, Path> REAL_FOLDERS = new ConcurrentHashMap<>();

    /** {@code p.toRealPath()}, or null when nothing exists there (a dangling link included). */
    private static Path realPath(Path p) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (a.isSymbolicLink() || p.getParent() == null) {
            return Files.exists(p) ? p.toRealPath() : null;
        }
        if (a.isDirectory()) {
            return realFolder(p);
        }
        return realFolder(p.getParent()).resolve(p.getFileName());
    }

    private static Path realFolder(Path dir) throws IOException {
        Path known = REAL_FOLDERS.get(dir);
        if (known == null) {
            // Folders are not expected to be re-linked while a run lists them; a changed link is seen by a new run.
            known = dir.toRealPath();
            REAL_FOLDERS.put(dir, known);
        }
        return known;
    }
}
