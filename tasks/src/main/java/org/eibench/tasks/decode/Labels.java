package org.eibench.tasks.decode;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.LabelMap;

/** Label-map helpers shared by the decoders. */
public final class Labels {

    private Labels() {
    }

    /**
     * Nearest-neighbour resize with OpenCV INTER_NEAREST's sampling (source index = floor(dst * src / dst_size)), so
     * label maps never blend classes.
     */
    public static LabelMap resizeNearest(LabelMap m, int width, int height) {
        if (m.width() == width && m.height() == height) {
            return m;
        }
        int[] sx = new int[width];
        for (int x = 0; x < width; x++) {
            sx[x] = Math.min(m.width() - 1, (int) Math.floor(x * (double) m.width() / width));
        }
        byte[] bytes = m.unsignedBytes();
        byte[] outBytes = bytes != null ? new byte[width * height] : null;     // a byte map stays one
        int[] labels = bytes != null ? null : m.labels();
        int[] outInts = bytes != null ? null : new int[width * height];
        for (int y = 0; y < height; y++) {
            int row = Math.min(m.height() - 1, (int) Math.floor(y * (double) m.height() / height)) * m.width();
            int o = y * width;
            if (bytes != null) {
                for (int x = 0; x < width; x++) {
                    outBytes[o + x] = bytes[row + sx[x]];
                }
            } else {
                for (int x = 0; x < width; x++) {
                    outInts[o + x] = labels[row + sx[x]];
                }
            }
        }
        return bytes != null ? LabelMap.ofUnsignedBytes(width, height, outBytes) : new LabelMap(width, height, outInts);
    }

    /** A one-channel image of whole numbers as a label map. */
    public static LabelMap fromImage(FloatImage image, String what) {
        if (image.channels() != 1) {
            throw new IllegalArgumentException(what + " must be a one-channel label image, got " + image.channels() + " channels");
        }
        int[] l = new int[image.pixels()];
        float[] d = image.data();
        for (int i = 0; i < l.length; i++) {
            // Decoded label images hold whole numbers, which the cast keeps exactly; Math.round only for the rest.
            float f = d[i];
            int v = (int) f;
            l[i] = v == f ? v : Math.round(f);
        }
        return new LabelMap(image.width(), image.height(), l);
    }

    public static FloatImage toImage(LabelMap m) {
        int[] labels = m.labels();
        float[] d = new float[labels.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = labels[i];
        }
        return new FloatImage(m.width(), m.height(), 1, d);
    }
}
