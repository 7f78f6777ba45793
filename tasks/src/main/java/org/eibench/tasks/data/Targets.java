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

import org.eibench.imaging.ImageFiles;
import org.eibench.imaging.ImageHeader;
import org.eibench.metrics.FloatImage;
import org.eibench.metrics.LabelMap;

/**
 * Reads a sample's ground truth in task space: label maps, depth in metres (0 = invalid), unit normals (zero vectors
 * invalid), masks, or one boundary map per annotator. Every file's header is checked before pixels are allocated.
 *
 * <p>Depth PNGs come in two kinds, told apart by bit depth: 16-bit, value x {@code depthScale} metres (Painter's and
 * BTS's NYUv2 {@code sync_depth_*.png}, millimetres); 8-bit, UVT-style gray, far-bright over 0..10 m (metres =
 * 10 v / 255, as UVT draws its depth targets and its own NYU sample in the repository's assets). How many of each a
 * task read is in {@link #describe()}, which the runner writes into run.json.
 *
 * @param depthScale metres per depth-PNG unit (0.001 for millimetres)
 * @param fx         pinhole intrinsics for {@link TargetFormat#NORMALS_FROM_DEPTH}
 * @param read       counts of the depth-PNG kinds read so far
 */
public record Targets(TargetFormat format, double depthScale, double fx, double fy, double cx, double cy, DepthKinds read) {

    /** Range of an 8-bit gray depth PNG: UVT's far-bright gray over 0..10 m. */
    public static final double GRAY_DEPTH_RANGE = 10.0;

    public Targets(TargetFormat format, double depthScale, double fx, double fy, double cx, double cy) {
        this(format, depthScale, fx, fy, cx, cy, new DepthKinds());
    }

    /** The bundled depth frames' intrinsics (PrimeSense defaults, Open3D's Redwood/TUM samples). */
    public static Targets of(TargetFormat format) {
        return new Targets(format, 0.001, 525, 525, 319.5, 239.5);
    }

    /** Thread-safe counts of the depth-PNG kinds read (scoring threads read ground truth concurrently). */
    public static final class DepthKinds {
        private final java.util.concurrent.atomic.AtomicLong uint16 = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong gray8 = new java.util.concurrent.atomic.AtomicLong();

        void count(int bitDepth) {
            (bitDepth == 16 ? uint16 : gray8).incrementAndGet();
        }
    }

    /** How ground truth is read and, for depth PNGs, how many files of each kind this process read. */
    public java.util.Map<String, Object> describe() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("target_format", format.key());
        if (format == TargetFormat.DEPTH_PNG || format == TargetFormat.NORMALS_FROM_DEPTH) {
            m.put("depth_png", "16-bit: value x " + depthScale + " m; 8-bit: far-bright gray over 0.." + GRAY_DEPTH_RANGE
                    + " m (UVT); told apart by bit depth");
            java.util.Map<String, Object> n = new java.util.LinkedHashMap<>();
            n.put("uint16", read.uint16.get());
            n.put("gray8_far_bright", read.gray8.get());
            m.put("depth_png_read", n);
        }
        return m;
    }

    public Object read(SampleRef ref) throws IOException {
        Path t = ref.target();
        return switch (format) {
            case IMAGE, MASK -> ImageFiles.read(t);
            case LABELS -> labels(t);
            case ADE20K_LABELS -> reduceZeroLabel(labels(t));
            case DEPTH_PNG -> depth(t, depthScale, read);
            case NORMALS_RGB -> normalsFromRgb(ImageFiles.read(t));
            case NORMALS_FROM_DEPTH -> normalsFromDepth(depth(t, depthScale, read), fx, fy, cx, cy);
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
        int[] all = labels.labels();
        float[] m = new float[all.length];
        for (int i = 0; i < m.length; i++) {
            int l = all[i];
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
            return ImageFiles.readLabels(file);
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
        byte[] b = m.unsignedBytes();
        if (b != null) {                                     // 0-255 stays 0-255: a byte map stays one
            byte[] out = new byte[b.length];
            for (int i = 0; i < out.length; i++) {
                int v = b[i] & 0xff;
                out[i] = (byte) (v == 0 ? 255 : v == 255 ? 255 : v - 1);
            }
            return LabelMap.ofUnsignedBytes(m.width(), m.height(), out);
        }
        int[] l = m.labels().clone();
        for (int i = 0; i < l.length; i++) {
            l[i] = l[i] == 0 ? 255 : l[i] == 255 ? 255 : l[i] - 1;
        }
        return new LabelMap(m.width(), m.height(), l);
    }

    /** A depth PNG in metres (16-bit: value x scale; 8-bit: UVT's far-bright gray); 0 stays 0 (invalid). */
    public static FloatImage depth(Path file, double scale) throws IOException {
        return depth(file, scale, null);
    }

    /**
     * A depth PNG in metres, its kind told apart by bit depth. 16-bit: value x {@code scale}; with millimetres (a scale
     * of 1 / k for a whole k) as float32(value) / float32(k), as BTS eval_with_pngs.py reads NYUv2's PNGs ({@code
     * depth.astype(np.float32) / 1000.0}, line 136), so that float32 decisions on the values agree. 8-bit: one channel
     * of gray, far-bright over 0..10 m: float32(10 v / 255). 0 stays 0, which the depth metrics treat as invalid.
     */
    static FloatImage depth(Path file, double scale, DepthKinds read) throws IOException {
        ImageFiles.Decoded d = ImageFiles.readDecoded(file);
        FloatImage img = d.image();
        if (img.channels() != 1) {
            throw new IOException(file + ": a depth PNG has one channel (16-bit units of " + scale
                    + " m, or 8-bit far-bright gray over 0..10 m), found " + img.channels());
        }
        if (read != null) {
            read.count(d.bitDepth());
        }
        float[] out = new float[img.pixels()];
        float[] v = img.data();
        if (d.bitDepth() != 16) {
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (GRAY_DEPTH_RANGE * v[i] / 255.0);
            }
            return new FloatImage(img.width(), img.height(), 1, out);
        }
        double inverse = 1 / scale;
        boolean whole = Math.abs(inverse - Math.rint(inverse)) < 1e-9 * inverse;
        float k = (float) Math.rint(inverse);
        for (int i = 0; i < out.length; i++) {
            out[i] = whole ? v[i] / k : (float) (v[i] * scale);
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
