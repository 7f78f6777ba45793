package org.eibench.reports;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/**
 * Small PNG copies of sample images for the gallery, so that the HTML stays light and does not point outside its own
 * folder (the report can be copied or attached as one folder).
 */
final class Thumbnails {

    static final int MAX_SIDE = 176;

    private Thumbnails() {
    }

    /**
     * Writes a downscaled copy of {@code source} to {@code target} (PNG).
     *
     * @return false when the source is missing or not a readable image (the gallery then says so instead of a
     *         broken image)
     */
    static boolean make(Path source, Path target) {
        if (source == null || !Files.isRegularFile(source)) {
            return false;
        }
        try {
            BufferedImage img = ImageIO.read(source.toFile());
            if (img == null) {
                return false;
            }
            double s = Math.min(1.0, (double) MAX_SIDE / Math.max(img.getWidth(), img.getHeight()));
            int w = Math.max(1, (int) Math.round(img.getWidth() * s));
            int h = Math.max(1, (int) Math.round(img.getHeight() * s));
            BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            // Label maps and masks: nearest neighbour would keep crisp class colours, but bilinear reads better for
            // photos, which are the majority; thumbnails are for looking, not measuring.
            g.drawImage(img, 0, 0, w, h, null);
            g.dispose();
            Files.createDirectories(target.getParent());
            return ImageIO.write(out, "png", target.toFile());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
