package org.eibench.imaging;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.jar.JarEntry;

/**
 * Loads OpenCV's native library once per JVM. openpnp's jar carries it, and its {@code loadLocally} (STACK.md) copies
 * the 65 MB library to a new temporary folder on every start, about 0.3 s of each command. Here the library is
 * copied once into the user's cache, under a name made of the jar entry's CRC-32 and size (another OpenCV build gets
 * another folder), and loaded from there; {@code loadLocally} remains the fallback (a platform this does not know, a
 * read-only cache). {@code EIBENCH_NATIVES} moves the folder ({@code none}: always {@code loadLocally}).
 */
public final class OpenCvLoader {

    /**
     * The version in the library's name. Not read from {@code Core}: its constants call into the library itself.
     * {@code OpenCvLoaderTest} fails when an OpenCV upgrade makes it wrong.
     */
    static final String LIBRARY_VERSION = "490";

    private static volatile boolean loaded;

    private OpenCvLoader() {
    }

    public static void ensureLoaded() {
        if (!loaded) {
            synchronized (OpenCvLoader.class) {
                if (!loaded) {
                    if (!loadCached()) {
                        nu.pattern.OpenCV.loadLocally();
                    }
                    loaded = true;
                }
            }
        }
    }

    /** The library's resource in openpnp's jar for this platform, as its OpenCV.loadLocally names it, or null. */
    static String resource() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String a = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "ARMv8";
            default -> null;
        };
        if (a == null) {
            return null;
        }
        String lib = "libopencv_java" + LIBRARY_VERSION;
        if (os.startsWith("linux")) {
            return "nu/pattern/opencv/linux/" + a + "/" + lib + ".so";
        }
        if (os.startsWith("mac")) {
            return "nu/pattern/opencv/osx/" + a + "/" + lib + ".dylib";
        }
        return null;
    }

    private static Path cacheDir() {
        String v = System.getenv("EIBENCH_NATIVES");
        if (v != null && !v.isBlank()) {
            return v.equals("none") ? null : Path.of(v);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("eibench").resolve("natives");
    }

    /** Loads the cached copy, making it first when needed; false when this way does not apply or fails. */
    static boolean loadCached() {
        String name = resource();
        Path dir = cacheDir();
        if (name == null || dir == null) {
            return false;
        }
        URL url = OpenCvLoader.class.getClassLoader().getResource(name);
        if (url == null) {
            return false;
        }
        try {
            URLConnection c = url.openConnection();
            if (!(c instanceof JarURLConnection jar)) {
                return false;
            }
            JarEntry e = jar.getJarEntry();
            if (e.getCrc() < 0 || e.getSize() < 0) {
                return false;
            }
            Path folder = dir.resolve(String.format("opencv-%08x-%d", e.getCrc(), e.getSize()));
            Path lib = folder.resolve(name.substring(name.lastIndexOf('/') + 1));
            if (!Files.isRegularFile(lib) || Files.size(lib) != e.getSize()) {
                Files.createDirectories(folder);
                // A temporary name, then an atomic rename: a concurrent start never loads half a library.
                Path tmp = Files.createTempFile(folder, "lib", ".part");
                try (InputStream in = url.openStream()) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            System.load(lib.toAbsolutePath().toString());
            return true;
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            return false;
        }
    }
}
