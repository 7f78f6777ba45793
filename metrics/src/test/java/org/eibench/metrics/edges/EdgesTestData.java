package org.eibench.metrics.edges;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.stats.Golden;

/** Finds the bundled evaluation data (see {@link Golden#dataDir()}) and reads PNGs. */
final class EdgesTestData {

    private EdgesTestData() {
    }

    /** The bundled data folder. */
    static Path dataDir() {
        return Golden.dataDir();
    }

    static Path bsdsBench() {
        Path d = dataDir().resolve("edges/bsds_bench");
        if (!Files.isDirectory(d.resolve("png"))) {
            throw new IllegalStateException("BSDS fixture not found at " + d);
        }
        return d;
    }

    /** First band of an 8-bit PNG, scaled by {@code scale} (1/255 for a [0, 1] map). */
    static FloatImage readGray(Path png, float scale) {
        try {
            BufferedImage img = ImageIO.read(png.toFile());
            if (img == null) {
                throw new IOException("not an image: " + png);
            }
            Raster r = img.getRaster();
            int w = img.getWidth();
            int h = img.getHeight();
            float[] data = new float[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    data[y * w + x] = r.getSample(x, y, 0) * scale;
                }
            }
            return new FloatImage(w, h, 1, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Image ids of the fixture, sorted (the order of the benchmark's per-image rows). */
    static List<String> ids(Path bench) {
        try (var s = Files.list(bench.resolve("png"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FloatImage prediction(Path bench, String id) {
        return readGray(bench.resolve("png/" + id + ".png"), 1f / 255f);
    }

    static EdgeAnnotations annotations(Path bench, String id) {
        List<FloatImage> maps = new ArrayList<>();
        for (int k = 1; ; k++) {
            Path p = bench.resolve("gt_png/" + id + "_bdry" + k + ".png");
            if (!Files.exists(p)) {
                break;
            }
            maps.add(readGray(p, 1f / 255f));
        }
        return new EdgeAnnotations(maps);
    }

    /** Whitespace-separated numbers of a text file, one row per line. */
    static List<double[]> readRows(Path file) {
        try {
            List<double[]> rows = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                String t = line.trim();
                if (t.isEmpty()) {
                    continue;
                }
                String[] parts = t.split("\\s+");
                double[] row = new double[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    row[i] = Double.parseDouble(parts[i]);
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
