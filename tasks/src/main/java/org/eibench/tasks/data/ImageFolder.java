package org.eibench.tasks.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The image files of one folder by stem (file name without extension), sorted. */
final class ImageFolder {

    static final java.util.Set<String> EXTENSIONS = java.util.Set.of("png", "jpg", "jpeg", "bmp");

    private ImageFolder() {
    }

    static Map<String, Path> byStem(DataRoot root, String folder, String suffix, String where) throws IOException {
        return byStem(root, folder, suffix, where, EXTENSIONS);
    }

    /** Only files with one of {@code extensions} (lower case, no dot). */
    static Map<String, Path> byStem(DataRoot root, String folder, String suffix, String where, java.util.Set<String> extensions)
            throws IOException {
        Path dir = root.resolve(folder, where);
        if (!Files.isDirectory(dir)) {
            throw new IOException(where + ": folder '" + folder + "' not found under " + root.root());
        }
        Map<String, Path> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files.sorted()::iterator) {
                String name = p.getFileName().toString();
                int dot = name.lastIndexOf('.');
                if (dot <= 0 || !extensions.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))) {
                    continue;
                }
                String stem = name.substring(0, dot);
                if (!stem.endsWith(suffix)) {
                    continue;
                }
                String id = stem.substring(0, stem.length() - suffix.length());
                root.checkLinks(p, where, folder + "/" + name);
                Path previous = out.put(id, p);
                if (previous != null) {
                    throw new IOException(where + ": two files for sample '" + id + "': " + previous.getFileName() + " and " + name);
                }
            }
        }
        return out;
    }
}
