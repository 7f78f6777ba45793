package org.eibench.tasks.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
        if (Files.exists(p)) {
            Path real = p.toRealPath();
            Path realRoot = root.toRealPath();
            if (!real.startsWith(realRoot)) {
                throw new IOException(where + ": path '" + shown + "' leads outside the dataset root " + root
                        + " (through a symbolic link, to " + real + ")");
            }
        }
        return p;
    }
}
