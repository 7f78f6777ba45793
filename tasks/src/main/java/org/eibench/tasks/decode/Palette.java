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

    /** VOC 2012 class names, index = class id. */
    public static final List<String> VOC_CLASSES = List.of("background", "aeroplane", "bicycle", "bird", "boat",
            "bottle", "bus", "car", "cat", "chair", "cow", "diningtable", "dog", "horse", "motorbike", "person",
            "pottedplant", "sheep", "sofa", "train", "tvmonitor");
}
