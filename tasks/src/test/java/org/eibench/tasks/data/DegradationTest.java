package org.eibench.tasks.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eibench.imaging.ImageFiles;
import org.eibench.metrics.FloatImage;
import org.eibench.tasks.TestData;
import org.eibench.metrics.config.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each degradation follows its protocol and depends only on (seed, sample id). */
class DegradationTest {

    static Degradation make(Map<String, Object> o) {
        Options opts = Options.of(o);
        Degradation d = Degradations.create(opts, Path::of, org.eibench.tasks.Plugins.classPath());
        assertThat(opts.problems()).isEmpty();
        return d;
    }

    static FloatImage kodak() throws Exception {
        return ImageFiles.read(TestData.dir().resolve("denoise/Kodak24_01-08/kodim01.png"));
    }

    static double psnr(FloatImage a, FloatImage b) {
        double se = 0;
        for (int i = 0; i < a.data().length; i++) {
            double d = a.data()[i] - b.data()[i];
            se += d * d;
        }
        return 10 * Math.log10(255.0 * 255 / (se / a.data().length));
    }


    @ParameterizedTest
    @ValueSource(strings = {"gaussian-noise", "low-light", "rain"})
    void seededPerSample(String type) throws Exception {
        Map<String, Object> o = type.equals("gaussian-noise") ? Map.of("type", type, "sigma", 15) : Map.of("type", type);
        Degradation d = make(o);
        FloatImage clean = kodak();
        assertThat(d.apply(clean, "a")).isEqualTo(make(o).apply(clean, "a"));
        assertThat(d.apply(clean, "a")).isNotEqualTo(d.apply(clean, "b"));
    }

    @Test
    void matlabBicubicReproducesSet5LowResolution() throws Exception {
        Path set5 = TestData.dir().resolve("sr/Set5");
        for (String name : new String[] {"baby", "bird", "butterfly", "head", "woman"}) {
            FloatImage hr = ImageFiles.read(set5.resolve("HR/" + name + ".png"));
            FloatImage lr = ImageFiles.read(set5.resolve("LR_bicubic/X4/" + name + "x4.png"));
            FloatImage ours = make(Map.of("type", "bicubic-down", "scale", 4)).apply(hr, name);
            assertThat(ours.width()).isEqualTo(lr.width());
            assertThat(ours.height()).isEqualTo(lr.height());
            int off = 0;
            for (int i = 0; i < lr.data().length; i++) {
                float diff = Math.abs(ours.data()[i] - lr.data()[i]);
                assertThat(diff).isLessThanOrEqualTo(1f);
                off += diff > 0 ? 1 : 0;
            }
            assertThat(off / (double) lr.data().length).as(name).isLessThan(0.002);
        }
    }

    @Test
    void hazeFollowsTheScatteringModel() {
        FloatImage j = new FloatImage(2, 1, 3, new float[] {255, 255, 255, 0, 0, 0});
        FloatImage d = new FloatImage(2, 1, 1, new float[] {1, 0}); // second pixel: no depth -> the frame's max (1 m)
        Degradation h = make(Map.of("type", "haze", "beta", 1.0, "airlight", 0.8));
        FloatImage out = h.apply(j, "x", d);
        double t = Math.exp(-1);
        assertThat((double) out.data()[0]).isCloseTo(Math.floor(255 * (t + 0.8 * (1 - t)) + 0.5), within(1e-9));
        assertThat((double) out.data()[3]).isCloseTo(Math.floor(255 * 0.8 * (1 - t) + 0.5), within(1e-9));
    }

    @Test
    void blurWithADeltaKernelKeepsTheImageAndAddsSeededNoise() throws Exception {
        Path k = Path.of(System.getProperty("java.io.tmpdir"), "eibench-delta-kernel.csv");
        java.nio.file.Files.writeString(k, "0,0,0\n0,1,0\n0,0,0\n");
        FloatImage clean = kodak();
        Degradation none = make(Map.of("type", "blur", "kernel", k.toString()));
        assertThat(none.apply(clean, "a")).isEqualTo(clean);
        Degradation shifted = Blur.of(writeKernel("0,0,0\n1,0,0\n0,0,0\n"), 0, 0);
        FloatImage s = shifted.apply(clean, "a");
        // a true convolution (scipy.ndimage.convolve) with the weight left of centre: out[x] = in[x + 1], wrapping
        assertThat(s.get(0, 0, 0)).isEqualTo(clean.get(1, 0, 0));
        assertThat(s.get(clean.width() - 1, 0, 0)).isEqualTo(clean.get(0, 0, 0));
        Degradation noisy = make(Map.of("type", "blur", "kernel", k.toString(), "sigma", 2.55, "seed", 1));
        assertThat(psnr(noisy.apply(clean, "a"), clean)).isCloseTo(20 * Math.log10(255 / 2.55), within(0.2));
    }

    @Test
    void blurIsBitIdenticalToThePlainCircularConvolution() throws Exception {
        // The shipped blur sums from tap tables; this is the plain form it must equal exactly (same taps, same order).
        Blur b = Blur.of(TestData.dir().resolve("deblur/kernels/levin09_k1_19x19.csv"), 0, 0);
        // A Kodak image, a gray one smaller than the 19x19 kernel in height, and an RGB one smaller in both (the wrap
        // goes round more than once).
        float[] px = kodak().data();
        for (FloatImage clean : List.of(kodak(), new FloatImage(23, 17, 1, java.util.Arrays.copyOf(px, 23 * 17)),
                new FloatImage(7, 5, 3, java.util.Arrays.copyOfRange(px, 3000, 3000 + 7 * 5 * 3)))) {
            int w = clean.width(), h = clean.height(), c = clean.channels(), n = b.size(), half = n / 2;
            float[] in = clean.data();
            float[] expected = new float[in.length];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int ch = 0; ch < c; ch++) {
                        double acc = 0;
                        for (int i = 0; i < n; i++) {
                            int sy = Math.floorMod(y + half - i, h);
                            for (int j = 0; j < n; j++) {
                                float kv = b.kernel()[i * n + j];
                                if (kv != 0) {
                                    acc += kv * in[(sy * w + Math.floorMod(x + half - j, w)) * c + ch];
                                }
                            }
                        }
                        expected[(y * w + x) * c + ch] = (float) acc;
                    }
                }
            }
            // Arrays.mismatch compares bit patterns (as Float.equals): -1 means every value identical.
            assertThat(java.util.Arrays.mismatch(b.apply(clean, "x").data(), expected)).as(clean.shape()).isEqualTo(-1);
        }
    }

    static Path writeKernel(String csv) throws Exception {
        Path k = java.nio.file.Files.createTempFile("kernel", ".csv");
        java.nio.file.Files.writeString(k, csv);
        return k;
    }

    @Test
    void bundledKernelsLoadAndSumToOne() throws Exception {
        Blur b = Blur.of(TestData.dir().resolve("deblur/kernels/levin09_k1_19x19.csv"), 0, 0);
        double sum = 0;
        for (float v : b.kernel()) {
            sum += v;
        }
        assertThat(b.size()).isEqualTo(19);
        assertThat(sum).isCloseTo(1.0, within(1e-4));
    }

    /**
     * JPEG at qualities 10, 20, 30 and 40 on classic5 barbara: the loss falls strictly as the quality rises, and each
     * PSNR equals what /usr/bin/python3's cv2 (OpenCV 4.6, another build of libjpeg-turbo) gives for
     * {@code cv2.imdecode(cv2.imencode('.jpg', img, [cv2.IMWRITE_JPEG_QUALITY, q]))}: 25.787542, 28.340221, 30.323808,
     * 31.764079 dB. The pixels agree exactly, so the bound is only the printing of the Python values.
     */
    @Test
    void jpegLosesMoreAtLowerQuality() throws Exception {
        FloatImage clean = ImageFiles.read(TestData.dir().resolve("jpeg/classic5/barbara.bmp"));
        int[] qualities = {10, 20, 30, 40};
        double[] python = {25.787542136099106, 28.340220767714538, 30.323808347656765, 31.764078637444513};
        double previous = 0;
        for (int i = 0; i < qualities.length; i++) {
            FloatImage out = make(Map.of("type", "jpeg", "quality", qualities[i])).apply(clean, "x");
            assertThat(out.channels()).isEqualTo(clean.channels());
            double p = psnr(out, clean);
            System.out.printf("jpeg q %d: %.9f dB%n", qualities[i], p);
            assertThat(p).as("q %d", qualities[i]).isGreaterThan(previous).isCloseTo(python[i], within(1e-6));
            previous = p;
        }
    }

    @Test
    void lowLightDarkens() throws Exception {
        FloatImage clean = kodak();
        FloatImage dark = make(Map.of("type", "low-light")).apply(clean, "a");
        double m0 = 0, m1 = 0;
        for (int i = 0; i < clean.data().length; i++) {
            m0 += clean.data()[i];
            m1 += dark.data()[i];
        }
        assertThat(m1 / m0).isBetween(0.05, 0.5);
    }
}
