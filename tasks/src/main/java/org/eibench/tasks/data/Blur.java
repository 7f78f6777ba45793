package org.eibench.tasks.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.config.OptionSpec;
import org.eibench.metrics.config.Options;
import org.eibench.tasks.spi.AbstractComponent;
import org.eibench.tasks.spi.DegradationProvider;

/**
 * Non-blind deblurring input as DPIR makes it (main_dpir_deblur.py): {@code ndimage.convolve(x, k, mode='wrap')}
 * (a true, circular convolution with the kernel as stored, MATLAB orientation) on [0, 1] images, plus Gaussian
 * noise of standard deviation {@code sigma}/255, not clipped; then kept in floating point like the DnCNN noise
 * protocol. Kernels are the CSV files of DPIR/Levin09 in the bundled data.
 */
public record Blur(String kernelName, int size, float[] kernel, double sigma, long seed) implements Degradation {

    static Blur of(Path file, double sigma, long seed) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("kernel file " + file + " not found");
        }
        List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        int n = lines.size();
        float[] k = new float[n * n];
        for (int y = 0; y < n; y++) {
            String[] cells = lines.get(y).split(",");
            if (cells.length != n) {
                throw new IOException(file + ": row " + (y + 1) + " has " + cells.length + " values, expected " + n + " (a square kernel)");
            }
            for (int x = 0; x < n; x++) {
                k[y * n + x] = Float.parseFloat(cells[x].strip());
            }
        }
        return new Blur(file.getFileName().toString(), n, k, sigma, seed);
    }

    /**
     * The kernel as stored, as rows of numbers (MATLAB orientation): what a non-blind method (the {@code wiener}
     * baseline's {@code kernel} parameter) needs to invert this blur.
     */
    public List<List<Double>> kernelRows() {
        List<List<Double>> rows = new ArrayList<>(size);
        for (int y = 0; y < size; y++) {
            List<Double> row = new ArrayList<>(size);
            for (int x = 0; x < size; x++) {
                row.add((double) kernel[y * size + x]);
            }
            rows.add(List.copyOf(row));
        }
        return List.copyOf(rows);
    }

    @Override
    public FloatImage apply(FloatImage clean, String sampleId) {
        int w = clean.width(), h = clean.height(), c = clean.channels(), n = size, half = n / 2;
        float[] in = clean.data();
        float[] out = new float[in.length];
        SplittableRandom r = new SplittableRandom(SampleSeeds.forSample(seed, sampleId));
        // Circular convolution, one output row at a time: each non-zero tap adds its weight times the source row,
        // shifted (and wrapped at the ends), to a row of double accumulators. Every output value still receives
        // the taps in row-major kernel order as float products added to a double, so it is bit-identical to the
        // plain four-loop form with Math.floorMod per tap (kept in DegradationTest as the reference), while the
        // inner loop runs over contiguous memory.
        int taps = 0;
        for (float kv : kernel) {
            if (kv != 0) {
                taps++;
            }
        }
        float[] weight = new float[taps];
        int[] tapRow = new int[taps];
        int[] tapShift = new int[taps]; // source column = output column + shift (mod w)
        for (int i = 0, t = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (kernel[i * n + j] != 0) {
                    weight[t] = kernel[i * n + j];
                    tapRow[t] = i;
                    tapShift[t++] = half - j;
                }
            }
        }
        int stride = w * c;
        double[] acc = new double[stride];
        for (int y = 0; y < h; y++) {
            Arrays.fill(acc, 0);
            for (int t = 0; t < taps; t++) {
                float kv = weight[t];
                int src = Math.floorMod(y + half - tapRow[t], h) * stride;
                int shift = Math.floorMod(tapShift[t], w); // in [0, w): columns x < w - shift read x + shift
                int split = (w - shift) * c;
                int a = src + shift * c;
                for (int k = 0; k < split; k++) {
                    acc[k] += kv * in[a + k];
                }
                int b = src - split; // the rest wraps to the row's start: column x + shift - w
                for (int k = split; k < stride; k++) {
                    acc[k] += kv * in[b + k];
                }
            }
            for (int k = 0; k < stride; k++) {
                out[y * stride + k] = (float) acc[k];
            }
        }
        if (sigma > 0) {
            for (int i = 0; i < out.length; i++) {
                out[i] += (float) (sigma * DegradationMath.normal(r));
            }
        }
        return new FloatImage(w, h, c, out);
    }

    @Override
    public Map<String, Object> options() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "blur");
        m.put("kernel", kernelName);
        m.put("sigma", sigma);
        m.put("seed", seed);
        return m;
    }

    /** Registered in META-INF/services/org.eibench.tasks.spi.DegradationProvider. */
    public static final class Provider extends AbstractComponent implements DegradationProvider {
        static final OptionSpec KERNEL = OptionSpec.string("kernel", null, "a CSV file of the kernel, path as for root");
        static final OptionSpec SIGMA = OptionSpec.number("sigma", 0.0, "noise standard deviation on the 0..255 scale");

        public Provider() {
            super("blur", Set.of(), KERNEL, SIGMA, Degradations.SEED);
        }

        @Override
        public Degradation create(Options o, Function<String, Path> files) {
            long seed = o.integer(Degradations.SEED);
            String kernel = o.string(KERNEL);
            double sigma = o.number(SIGMA);
            if (kernel == null) {
                return null;
            }
            try {
                return Blur.of(files.apply(kernel), sigma, seed);
            } catch (IOException | RuntimeException e) {
                o.fail("kernel", e.getMessage());
                return null;
            }
        }
    }
}
