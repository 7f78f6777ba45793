package org.eibench.metrics.stats;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Test support for golden fixtures: reading their JSON (with Jackson, in test scope: the metrics module's main code
 * has no JSON), the bundled data folder, gray PNG decoding with javax.imageio (8- and 16-bit, via the Raster), and
 * running the Python reference scripts.
 */
public final class Golden {

    private Golden() {
    }

    /** Repository root: the surefire property, else the working directory's parent when run from metrics/. */
    public static Path repoRoot() {
        String p = System.getProperty("eibench.repo.root");
        if (p != null && Files.isDirectory(Path.of(p, "metrics"))) {
            return Path.of(p);
        }
        Path cwd = Path.of("").toAbsolutePath();
        return Files.isDirectory(cwd.resolve("metrics")) ? cwd : cwd.getParent();
    }

    /**
     * The bundled data folder: {@code EIBENCH_DATA}, else {@code data/} in the repository. It is part of the
     * repository, so a missing folder fails the test instead of skipping it.
     */
    public static Path dataDir() {
        String env = System.getenv("EIBENCH_DATA");
        Path p = env != null && !env.isBlank() ? Path.of(env) : repoRoot().resolve("data");
        if (!Files.isDirectory(p.resolve("segmentation"))) {
            throw new IllegalStateException("bundled data not found at " + p.toAbsolutePath()
                    + " (it is the repository's data/ folder; EIBENCH_DATA overrides it)");
        }
        return p;
    }

    public static Path fixture(String relative) {
        return repoRoot().resolve("metrics/src/test/resources/golden").resolve(relative);
    }

    /**
     * Python's json.dump writes a float NaN as the bare word NaN (not JSON); the scripts turn NaN into null, and a
     * NaN that slips through still reads (as Double.NaN, which {@link #close} matches).
     */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    /**
     * A JSON object as maps, lists, strings, numbers (Integer, Long or BigInteger for integers, Double otherwise; read
     * with Double.parseDouble, so exactly as Python wrote them), booleans and nulls.
     */
    public static Map<String, Object> readJson(Path file) {
        try {
            return JSON.readValue(file.toFile(), new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    private static final Map<Path, int[][]> PNGS = new java.util.concurrent.ConcurrentHashMap<>();

    /** One-channel PNG as ints (8- or 16-bit gray), row-major; decoded once per test JVM (callers must not modify). */
    public static int[] readGray(Path png, int[] size) {
        int[][] cached = PNGS.computeIfAbsent(png, Golden::decodeGray);
        size[0] = cached[1][0];
        size[1] = cached[1][1];
        return cached[0].clone();
    }

    private static int[][] decodeGray(Path png) {
        int[] size = new int[2];
        try {
            BufferedImage img = ImageIO.read(png.toFile());
            Raster r = img.getRaster();
            if (r.getNumBands() != 1) {
                throw new IllegalArgumentException(png + " is not one-channel");
            }
            size[0] = r.getWidth();
            size[1] = r.getHeight();
            return new int[][] {r.getPixels(0, 0, size[0], size[1], (int[]) null), size};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs a Python reference script with /usr/bin/python3; skips when it or its stack (numpy, scipy, scikit-image,
     * Pillow) is missing, or fails under EIBENCH_REQUIRE_REFERENCES=1 ({@link ReferenceTools}).
     */
    public static void runPython(Path script, String... args) throws Exception {
        File py = new File("/usr/bin/python3");
        ReferenceTools.require(py.canExecute(), "no /usr/bin/python3");
        Process probe = new ProcessBuilder(py.getPath(), "-c", "import numpy, scipy, skimage, PIL").redirectErrorStream(true).start();
        ReferenceTools.require(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "/usr/bin/python3 lacks numpy, scipy, scikit-image or Pillow");
        ReferenceTools.require(Files.isRegularFile(script), "no script " + script);
        List<String> cmd = new ArrayList<>(List.of(py.getPath(), script.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(script + " failed:\n" + out);
        }
    }

    /** Compares two parsed JSON trees; numbers to a relative tolerance. Returns null or the first difference. */
    public static String diff(Object a, Object b, double rel, String path) {
        if (a instanceof Number x && b instanceof Number y) {
            double u = x.doubleValue();
            double v = y.doubleValue();
            return Math.abs(u - v) <= rel * Math.max(1e-300, Math.max(Math.abs(u), Math.abs(v))) || u == v ? null : path + ": " + u + " vs " + v;
        }
        if (a instanceof Map<?, ?> m && b instanceof Map<?, ?> n) {
            if (!m.keySet().equals(n.keySet())) {
                return path + ": keys " + m.keySet() + " vs " + n.keySet();
            }
            for (Object k : m.keySet()) {
                String d = diff(m.get(k), n.get(k), rel, path + "." + k);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a instanceof List<?> l && b instanceof List<?> k) {
            if (l.size() != k.size()) {
                return path + ": length " + l.size() + " vs " + k.size();
            }
            for (int i = 0; i < l.size(); i++) {
                String d = diff(l.get(i), k.get(i), rel, path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        return a == null ? (b == null ? null : path + ": null vs " + b) : a.equals(b) ? null : path + ": " + a + " vs " + b;
    }

    public static double num(Object o) {
        return o == null ? Double.NaN : ((Number) o).doubleValue();
    }

    @SuppressWarnings("unchecked")
    public static double[] doubles(Object list) {
        List<Object> l = (List<Object>) list;
        double[] d = new double[l.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = num(l.get(i));
        }
        return d;
    }

    public static int[] ints(Object list) {
        double[] d = doubles(list);
        int[] r = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            r[i] = (int) d[i];
        }
        return r;
    }

    public static float[] floats(Object list) {
        double[] d = doubles(list);
        float[] r = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            r[i] = (float) d[i];
        }
        return r;
    }

    /** Relative closeness used by the golden tests; NaN matches NaN (a JSON null). */
    public static boolean close(double expected, double actual, double rel) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        return Math.abs(expected - actual) <= rel * Math.max(Math.abs(expected), 1e-12);
    }
}
