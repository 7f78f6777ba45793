package org.eibench.tasks.decode;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Named colours as CSS Color Module Level 4 defines them (sRGB 0..255), for overlay instructions such as UVT's
 * "Apply a pink color overlay to bicycles". The common names; the full CSS list can be added as instructions need.
 */
public final class CssColors {

    private static final Map<String, int[]> COLORS = new TreeMap<>();

    static {
        put("black", 0x000000); put("white", 0xffffff); put("red", 0xff0000); put("lime", 0x00ff00);
        put("green", 0x008000); put("blue", 0x0000ff); put("yellow", 0xffff00); put("cyan", 0x00ffff);
        put("aqua", 0x00ffff); put("magenta", 0xff00ff); put("fuchsia", 0xff00ff); put("silver", 0xc0c0c0);
        put("gray", 0x808080); put("grey", 0x808080); put("maroon", 0x800000); put("olive", 0x808000);
        put("purple", 0x800080); put("teal", 0x008080); put("navy", 0x000080); put("orange", 0xffa500);
        put("pink", 0xffc0cb); put("hotpink", 0xff69b4); put("deeppink", 0xff1493); put("brown", 0xa52a2a);
        put("gold", 0xffd700); put("violet", 0xee82ee); put("indigo", 0x4b0082); put("turquoise", 0x40e0d0);
        put("coral", 0xff7f50); put("salmon", 0xfa8072); put("crimson", 0xdc143c); put("orchid", 0xda70d6);
        put("beige", 0xf5f5dc); put("khaki", 0xf0e68c); put("lavender", 0xe6e6fa); put("tan", 0xd2b48c);
        put("chocolate", 0xd2691e); put("skyblue", 0x87ceeb); put("lightblue", 0xadd8e6); put("darkblue", 0x00008b);
        put("darkgreen", 0x006400); put("lightgreen", 0x90ee90); put("darkred", 0x8b0000); put("limegreen", 0x32cd32);
        put("mediumpurple", 0x9370db); put("plum", 0xdda0dd); put("tomato", 0xff6347); put("orangered", 0xff4500);
        put("yellowgreen", 0x9acd32); put("royalblue", 0x4169e1); put("steelblue", 0x4682b4); put("slategray", 0x708090);
    }

    private CssColors() {
    }

    private static void put(String name, int rgb) {
        COLORS.put(name, new int[] {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff});
    }

    /** The colour of a name (case and spaces ignored: "Light Blue" = lightblue), or null. */
    public static int[] get(String name) {
        int[] c = COLORS.get(name.toLowerCase(Locale.ROOT).replace(" ", "").replace("-", ""));
        return c == null ? null : c.clone();
    }

    public static java.util.Set<String> names() {
        return COLORS.keySet();
    }
}
