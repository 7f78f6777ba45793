package org.eibench.tasks.decode;

import java.util.List;

/** An ordered list of RGB colours, colour i standing for class i. */
public record Palette(String name, List<int[]> colors) {

    public Palette {
        colors = List.copyOf(colors);
    }

    /**
     * PASCAL VOC's colour map (21 classes): the bit-interleaving construction of the VOC devkit's labelcolormap.m,
     * colour i built from the bits of i.
     */
    public static Palette voc() {
        java.util.ArrayList<int[]> c = new java.util.ArrayList<>();
        for (int i = 0; i < 21; i++) {
            int r = 0, g = 0, b = 0, id = i;
            for (int j = 0; j < 8; j++) {
                r |= ((id >> 0) & 1) << (7 - j);
                g |= ((id >> 1) & 1) << (7 - j);
                b |= ((id >> 2) & 1) << (7 - j);
                id >>= 3;
            }
            c.add(new int[] {r, g, b});
        }
        return new Palette("voc", c);
    }

    /**
     * The ADE20K-150 colours Painter (baaivision/Painter) trains and evaluates with
     * ({@code define_colors_per_location_mean_sep} in its ADE20K scripts): class c in 0..149 (after reduce-zero-label)
     * has R = 255 - 42 (c / 36), G = 255 - 42 ((c % 36) / 6), B = 255 - 42 (c % 6), i.e. 6 levels per channel
     * 42 apart (int(150^(1/3)) + 1 = 6, 256 / 6 = 42).
     */
    public static Palette ade20kPainter() {
        java.util.ArrayList<int[]> c = new java.util.ArrayList<>();
        int n = 6;
        int step = 256 / n;
        for (int i = 0; i < 150; i++) {
            c.add(new int[] {255 - (i / (n * n)) * step, 255 - ((i % (n * n)) / n) * step, 255 - (i % n) * step});
        }
        return new Palette("ade20k", c);
    }

    /** VOC 2012 class names, index = class id. */
    public static final List<String> VOC_CLASSES = List.of("background", "aeroplane", "bicycle", "bird", "boat",
            "bottle", "bus", "car", "cat", "chair", "cow", "diningtable", "dog", "horse", "motorbike", "person",
            "pottedplant", "sheep", "sofa", "train", "tvmonitor");
}
