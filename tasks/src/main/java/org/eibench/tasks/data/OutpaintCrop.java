package org.eibench.tasks.data;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.config.OptionSpec;
import org.eibench.metrics.config.Options;
import org.eibench.tasks.spi.AbstractComponent;
import org.eibench.tasks.spi.DegradationProvider;

/**
 * The outpainting input: the centre of the image, {@code keep} of its width and of its height, on a flat canvas of the
 * image's size; the model generates the rest. Our protocol (LaMa's outpainting masks pad random sides by 4-25%,
 * saicinpainting/training/data/masks.py lines 176-249; a centred crop keeps the task the same for every image):
 * kept width = round(keep * W), left = (W - kept width) / 2 rounded down, likewise vertically.
 */
public record OutpaintCrop(double keep, float[] fill) implements Degradation.Masking {

    @Override
    public FloatImage mask(FloatImage clean, String sampleId) {
        int w = clean.width();
        int h = clean.height();
        int kw = Math.max(1, (int) Math.round(keep * w));
        int kh = Math.max(1, (int) Math.round(keep * h));
        int x0 = (w - kw) / 2;
        int y0 = (h - kh) / 2;
        float[] m = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                m[y * w + x] = x >= x0 && x < x0 + kw && y >= y0 && y < y0 + kh ? 0f : 1f;
            }
        }
        return new FloatImage(w, h, 1, m);
    }

    @Override
    public Map<String, Object> options() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "outpaint-crop");
        m.put("keep", keep);
        m.put("fill", InpaintMask.list(fill));
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutpaintCrop c && c.keep == keep && java.util.Arrays.equals(c.fill, fill);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(keep) * 31 + java.util.Arrays.hashCode(fill);
    }

    @Override
    public String toString() {
        return "OutpaintCrop" + options();
    }

    /** Registered in META-INF/services/org.eibench.tasks.spi.DegradationProvider. */
    public static final class Provider extends AbstractComponent implements DegradationProvider {
        static final OptionSpec KEEP = OptionSpec.number("keep", 0.5, "the fraction of width and height kept");

        public Provider() {
            super("outpaint-crop", Set.of(), KEEP, InpaintMask.FILL);
        }

        @Override
        public Degradation create(Options o, Function<String, Path> files) {
            double keep = o.number(KEEP);
            if (!(keep > 0 && keep < 1)) {
                o.fail("keep", "must be between 0 and 1 (the fraction of width and height kept), not " + keep);
            }
            return new OutpaintCrop(keep, InpaintMask.fillColour(o));
        }
    }
}
