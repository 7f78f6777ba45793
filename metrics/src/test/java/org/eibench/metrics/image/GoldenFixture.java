package org.eibench.metrics.image;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.stats.Golden;

/** The golden fixture written by metrics/src/test/python/image_golden.py: input PNGs plus reference values. */
record GoldenFixture(Path dir, Map<String, Object> doc) {

    static final Path COMMITTED = committedDir();

    private static Path committedDir() {
        try {
            return Paths.get(GoldenFixture.class.getResource("/golden/image/image_golden.json").toURI()).getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static GoldenFixture load(Path dir) {
        return new GoldenFixture(dir, Golden.readJson(dir.resolve("image_golden.json")));
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> cases() {
        return (List<Map<String, Object>>) doc.get("cases");
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> images() {
        return (Map<String, Map<String, Object>>) doc.get("images");
    }

    /** An 8-bit PNG as a FloatImage (0..255), reading raw raster samples so no colour management applies. */
    FloatImage image(String name) {
        Map<String, Object> meta = images().get(name);
        return readPng(dir.resolve((String) meta.get("file")));
    }

    static FloatImage readPng(Path file) {
        try {
            BufferedImage im = ImageIO.read(file.toFile());
            Raster r = im.getRaster();
            int w = r.getWidth();
            int h = r.getHeight();
            int c = r.getNumBands();
            float[] data = new float[w * h * c];
            int[] px = new int[c];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    r.getPixel(x, y, px);
                    for (int b = 0; b < c; b++) {
                        data[(y * w + x) * c + b] = px[b];
                    }
                }
            }
            return new FloatImage(w, h, c, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
