package org.eibench.tasks.data;

import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.LabelMap;
import org.eibench.runtime.image.ImageFiles;
import org.eibench.runtime.image.ImageHeader;
import org.eibench.tasks.decode.Labels;

/**
 * Reads a sample's ground truth in task space: label maps, depth in metres (0 = invalid), unit normals (zero vectors
 * invalid), masks, or one boundary map per annotator. Every file's header is checked before pixels are allocated.
 *
 * @param depthScale metres per depth-PNG unit (0.001 for millimetres)
 * @param fx         pinhole intrinsics for {@link TargetFormat#NORMALS_FROM_DEPTH}
 */
public record Targets(TargetFormat format, double depthScale, double fx, double fy, double cx, double cy) {

    /** The bundled depth frames' intrinsics (PrimeSense defaults, Open3D's Redwood/TUM samples). */
    public static Targets of(TargetFormat format) {
        return new Targets(format, 0.001, 525, 525, 319.5, 239.5);
    }

    public Object read(SampleRef ref) throws IOException {
        Path t = ref.target();
        return switch (format) {
            case IMAGE, MASK -> ImageFiles.read(t);
            case LABELS -> labels(t);
            case ADE20K_LABELS -> reduceZeroLabel(labels(t));
            case DEPTH_PNG -> depth(t, depthScale);
            case NORMALS_RGB -> normalsFromRgb(ImageFiles.read(t));
            case NORMALS_FROM_DEPTH -> normalsFromDepth(depth(t, depthScale), fx, fy, cx, cy);
            case EDGE_MAPS -> edgeMaps(ref);
            case ADE20K_CLASS_MASK -> classMask(reduceZeroLabel(labels(t)), ref);
        };
    }

    private static FloatImage classMask(LabelMap labels, SampleRef ref) throws IOException {
        Object c = ref.meta().get("class");
        if (!(c instanceof Number n)) {
            throw new IOException("sample " + ref.id() + ": a class mask needs meta.class");
        }
        int k = n.intValue();
        float[] m = new float[labels.labels().length];
        for (int i = 0; i < m.length; i++) {
            int l = labels.labels()[i];
            m[i] = l == k ? 255f : l == 255 ? 128f : 0f;
        }
        return new FloatImage(labels.width(), labels.height(), 1, m);
    }

    private static Object edgeMaps(SampleRef ref) throws IOException {
        List<Path> files = ref.annotations().isEmpty() ? List.of(ref.target()) : ref.annotations();
        List<FloatImage> maps = new ArrayList<>();
        for (Path p : files) {
            FloatImage m = ImageFiles.read(p);
            if (m.channels() != 1) {
                m = m.channel(0);
            }
            maps.add(m);
        }
        return EdgeTargets.of(maps);
    }

    /**
     * A class-index PNG. A paletted PNG's pixels are palette indices, which is what VOC's SegmentationClass files
     * store; OpenCV would expand them to colours, so those files are read through javax.imageio's raster, which keeps
     * the indices. Gray PNGs (8- or 16-bit) are read as values.
     */
    public static LabelMap labels(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        ImageHeader h = ImageHeader.read(file).requireSane(file.toString(), ImageHeader.MAX_PIXELS);
        if (h.format().equals("png") && isPaletted(file)) {
            return paletteIndices(file);
        }
        try {
            return Labels.fromImage(ImageFiles.read(file), file.toString());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** PNG colour type 3 (indexed), byte 25 of the file (IHDR). */
    static boolean isPaletted(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(26);
            return b.length == 26 && b[25] == 3;
        }
    }

    static LabelMap paletteIndices(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException(file + ": no PNG reader");
            }
            ImageReader r = readers.next();
            try {
                r.setInput(in);
                java.awt.image.BufferedImage img = r.read(0);
                if (!(img.getColorModel() instanceof IndexColorModel)) {
                    throw new IOException(file + ": expected a paletted PNG");
                }
                Raster raster = img.getRaster();
                int w = img.getWidth();
                int hgt = img.getHeight();
                int[] labels = raster.getSamples(0, 0, w, hgt, 0, new int[w * hgt]);
                return new LabelMap(w, hgt, labels);
            } finally {
                r.dispose();
            }
        } catch (javax.imageio.IIOException e) {
            throw new IOException(file + ": cannot decode paletted PNG: " + e.getMessage(), e);
        }
    }

    /** mmseg's reduce_zero_label (LoadAnnotations): 0 -> 255 (ignored), k -> k - 1; 255 stays 255. */
    public static LabelMap reduceZeroLabel(LabelMap m) {
        int[] l = m.labels().clone();
        for (int i = 0; i < l.length; i++) {
            l[i] = l[i] == 0 ? 255 : l[i] == 255 ? 255 : l[i] - 1;
        }
        return new LabelMap(m.width(), m.height(), l);
    }

    /** A 16-bit depth PNG in metres; 0 (no measurement) stays 0, which the depth metrics treat as invalid. */
    public static FloatImage depth(Path file, double scale) throws IOException {
        ImageFiles.Decoded d = ImageFiles.readDecoded(file);
        FloatImage img = d.image();
        if (img.channels() != 1) {
            throw new IOException(file + ": a depth PNG has one channel, found " + img.channels());
        }
        if (d.bitDepth() != 16) {
            throw new IOException(file + ": a depth PNG is 16-bit (uint16 units of " + scale + " m), found 8-bit");
        }
        float[] out = new float[img.pixels()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (img.data()[i] * scale);
        }
        return new FloatImage(img.width(), img.height(), 1, out);
    }

    /** n = 2 rgb / 255 - 1, normalised; a black pixel (no normal) becomes the zero vector, i.e. invalid. */
    public static FloatImage normalsFromRgb(FloatImage rgb) {
        if (rgb.channels() != 3) {
            throw new IllegalArgumentException("a normal map has 3 channels, found " + rgb.channels());
        }
        float[] s = rgb.data();
        float[] out = new float[s.length];
        for (int p = 0; p < rgb.pixels(); p++) {
            if (s[3 * p] == 0 && s[3 * p + 1] == 0 && s[3 * p + 2] == 0) {
                continue;
            }
            double x = 2 * s[3 * p] / 255.0 - 1;
            double y = 2 * s[3 * p + 1] / 255.0 - 1;
            double z = 2 * s[3 * p + 2] / 255.0 - 1;
            double n = Math.sqrt(x * x + y * y + z * z);
            if (n > 1e-6) {
                out[3 * p] = (float) (x / n);
                out[3 * p + 1] = (float) (y / n);
                out[3 * p + 2] = (float) (z / n);
            }
        }
        return new FloatImage(rgb.width(), rgb.height(), 3, out);
    }

    /**
     * Pseudo ground-truth normals from metric depth: each pixel is back-projected with the pinhole model (OpenCV
     * camera frame: x right, y down, z forward), the tangents are central differences of the 3-D points along x and y,
     * and n = normalise(t_y x t_x), oriented towards the camera (n . p < 0). A pixel with any of its four neighbours
     * invalid (depth 0) or on the border has no normal (zero vector). This is the usual derivation for datasets
     * without normal annotations; it is smooth only where the depth is, so treat it as pseudo ground truth.
     */
    public static FloatImage normalsFromDepth(FloatImage depth, double fx, double fy, double cx, double cy) {
        int w = depth.width();
        int h = depth.height();
        float[] d = depth.data();
        float[] out = new float[w * h * 3];
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                double dl = d[y * w + x - 1], dr = d[y * w + x + 1], du = d[(y - 1) * w + x], dd = d[(y + 1) * w + x];
                double dc = d[y * w + x];
                if (dl <= 0 || dr <= 0 || du <= 0 || dd <= 0 || dc <= 0) {
                    continue;
                }
                double[] pl = point(x - 1, y, dl, fx, fy, cx, cy), pr = point(x + 1, y, dr, fx, fy, cx, cy);
                double[] pu = point(x, y - 1, du, fx, fy, cx, cy), pd = point(x, y + 1, dd, fx, fy, cx, cy);
                double tx0 = pr[0] - pl[0], tx1 = pr[1] - pl[1], tx2 = pr[2] - pl[2];
                double ty0 = pd[0] - pu[0], ty1 = pd[1] - pu[1], ty2 = pd[2] - pu[2];
                double nx = ty1 * tx2 - ty2 * tx1;
                double ny = ty2 * tx0 - ty0 * tx2;
                double nz = ty0 * tx1 - ty1 * tx0;
                double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
                if (!(len > 0)) {
                    continue;
                }
                double[] pc = point(x, y, dc, fx, fy, cx, cy);
                if (nx * pc[0] + ny * pc[1] + nz * pc[2] > 0) {
                    len = -len;
                }
                int o = 3 * (y * w + x);
                out[o] = (float) (nx / len);
                out[o + 1] = (float) (ny / len);
                out[o + 2] = (float) (nz / len);
            }
        }
        return new FloatImage(w, h, 3, out);
    }

    private static double[] point(int x, int y, double z, double fx, double fy, double cx, double cy) {
        return new double[] {(x - cx) * z / fx, (y - cy) * z / fy, z};
    }
}
