package org.eibench.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.eibench.imaging.ImageFiles;
import org.eibench.imaging.OpenCvLoader;
import org.eibench.metrics.FloatImage;
import org.eibench.metrics.image.PsnrMetric;
import org.eibench.runtime.ModelContext;
import org.eibench.runtime.ModelDescriptor;
import org.eibench.runtime.ModelRuntime;
import org.eibench.runtime.ModelSpec;
import org.eibench.runtime.Output;
import org.eibench.runtime.Request;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.imgproc.Imgproc;

/** Each classical method improves its degradation, built here from clean images with seeded, documented steps. */
class ClassicalModelTest {

    static FloatImage run(String spec, FloatImage in, Map<String, Object> params) throws Exception {
        try (ModelRuntime m = new BaselineProvider().open(ModelSpec.parse(spec), new ModelContext(TestData.dir())).orElseThrow()) {
            Output o = m.generate(List.of(new Request("a", in, "", 0, params, in.width(), in.height(), null))).get(0);
            assertThat(o).as(o.toString()).isInstanceOf(Output.Generated.class);
            return ((Output.Generated) o).image().quantized8();
        }
    }

    static double psnr(FloatImage a, FloatImage b) {
        return BicubicModelTest.value(new PsnrMetric(), a.quantized8(), b);
    }

    static FloatImage kodak() throws Exception {
        return ImageFiles.read(TestData.dir().resolve("denoise/Kodak24_01-08/kodim01.png"));
    }

    static FloatImage map(FloatImage im, java.util.function.IntUnaryOperator index, java.util.function.BiFunction<Integer, Float, Float> f) {
        float[] d = new float[im.data().length];
        for (int i = 0; i < d.length; i++) {
            d[i] = f.apply(i, im.data()[i]);
        }
        return new FloatImage(im.width(), im.height(), im.channels(), d);
    }

    @Test
    void nlmDenoisesWithAnEstimatedOrGivenSigma() throws Exception {
        FloatImage clean = ImageFiles.read(TestData.dir().resolve("denoise/Set12/01.png"));
        Random r = new Random(1);
        FloatImage noisy = map(clean, i -> i, (i, v) -> v + (float) (25 * r.nextGaussian()));
        assertThat(NonLocalMeans.estimateSigma(noisy)).isCloseTo(25, within(2.5));
        double before = psnr(noisy, clean);
        double given = psnr(run("nlm,sigma=25", noisy, null), clean);
        double estimated = psnr(run("nlm", noisy, null), clean);
        System.out.printf("nlm: %.2f -> %.2f dB (sigma given), %.2f dB (estimated)%n", before, given, estimated);
        assertThat(given).isGreaterThan(before + 6);
        assertThat(estimated).isGreaterThan(before + 6);
    }

    @Test
    void dcpRemovesSynthesisedHaze() throws Exception {
        // I = J t + A (1 - t), t = exp(-beta d) with depth growing from 1 to 5 down the image (beta 0.3, A = 0.9).
        FloatImage clean = kodak();
        int w = clean.width();
        int h = clean.height();
        FloatImage hazy = map(clean, i -> i, (i, v) -> {
            int y = (i / 3) / w;
            double t = Math.exp(-0.3 * (1 + 4.0 * y / h));
            return (float) (v * t + 0.9 * 255 * (1 - t));
        });
        double before = psnr(hazy, clean);
        double after = psnr(run("dcp", hazy, null), clean);
        System.out.printf("dcp: %.2f -> %.2f dB%n", before, after);
        assertThat(after).isGreaterThan(before + 3);
    }

    @Test
    void claheBrightensALowLightImage() throws Exception {
        FloatImage clean = kodak();
        FloatImage dark = map(clean, i -> i, (i, v) -> (float) (255 * 0.4 * Math.pow(v / 255.0, 2.0)));
        double before = psnr(dark, clean);
        FloatImage out = run("clahe", dark, null);
        double after = psnr(out, clean);
        System.out.printf("clahe: %.2f -> %.2f dB%n", before, after);
        assertThat(after).isGreaterThan(before + 3);
    }

    @Test
    void wienerDeblursWithTheKnownKernel() throws Exception {
        OpenCvLoader.ensureLoaded();
        FloatImage clean = ImageFiles.read(TestData.dir().resolve("denoise/Set12/02.png"));
        String kernel = TestData.dir().resolve("deblur/kernels/levin09_k1_19x19.csv").toString();
        float[][] k = WienerDeconvolution.kernel(new ClassicalMethod.Settings(Map.of("kernel", kernel), null));
        Mat kernelMat = new Mat(k.length, k[0].length, org.opencv.core.CvType.CV_32F);
        for (int y = 0; y < k.length; y++) {
            kernelMat.put(y, 0, k[y]);
        }
        Mat flipped = new Mat();
        Core.flip(kernelMat, flipped, -1); // filter2D correlates; convolution flips the kernel
        Mat src = ImageFiles.toMat(clean);
        Mat dst = new Mat();
        Imgproc.filter2D(src, dst, -1, flipped, new Point(-1, -1), 0, Core.BORDER_REFLECT_101);
        Random r = new Random(2);
        FloatImage blurred = map(ImageFiles.fromFloatMat(dst), i -> i, (i, v) -> v + (float) r.nextGaussian());
        double before = psnr(blurred, clean);
        double after = psnr(run("wiener,kernel=" + kernel + ",sigma=1", blurred, null), clean);
        System.out.printf("wiener: %.2f -> %.2f dB%n", before, after);

        assertThat(after).isGreaterThan(before + 3);
        // The kernel may also come per request, as a generation parameter (a nested list).
        List<List<Double>> rows = new java.util.ArrayList<>();
        for (float[] row : k) {
            List<Double> r2 = new java.util.ArrayList<>();
            for (float v : row) {
                r2.add((double) v);
            }
            rows.add(r2);
        }
        assertThat(psnr(run("wiener", blurred, Map.of("kernel", rows, "sigma", 1)), clean)).isCloseTo(after, within(0.05));
        // Without a kernel the sample fails with a reason, it does not crash the run.
        try (ModelRuntime m = new BaselineProvider().open(ModelSpec.parse("wiener"), new ModelContext(TestData.dir())).orElseThrow()) {
            Output o = m.generate(List.of(new Request("b", blurred, "", 0, null, 0, 0, null))).get(0);
            assertThat(((Output.Failed) o).reason()).contains("needs the blur kernel");
        }
    }

    @Test
    void medianRemovesThinRainStreaks() throws Exception {
        FloatImage clean = ImageFiles.read(TestData.dir().resolve("denoise/Kodak24_01-08/kodim03.png"));
        int w = clean.width();
        Random r = new Random(3);
        boolean[] streak = new boolean[clean.pixels()];
        for (int s = 0; s < 400; s++) { // one-pixel-wide slanted streaks, 20 px long
            int x = r.nextInt(w);
            int y = r.nextInt(clean.height() - 20);
            for (int k = 0; k < 20; k++) {
                int xx = Math.min(w - 1, x + k / 4);
                streak[(y + k) * w + xx] = true;
            }
        }
        FloatImage rainy = map(clean, i -> i, (i, v) -> streak[i / 3] ? Math.min(255f, v + 120f) : v);
        double before = psnr(rainy, clean);
        double after = psnr(run("median-derain", rainy, null), clean);
        System.out.printf("median-derain: %.2f -> %.2f dB (ksize 3: %.2f)%n", before, after, psnr(run("median-derain,ksize=3", rainy, null), clean));
        assertThat(after).isGreaterThan(before + 2);
    }

    @Test
    void cannyMarksTheBoundaryOfASquare() throws Exception {
        float[] d = new float[32 * 32];
        for (int y = 8; y < 24; y++) {
            for (int x = 8; x < 24; x++) {
                d[y * 32 + x] = 255;
            }
        }
        FloatImage e = run("canny", new FloatImage(32, 32, 1, d), null);
        assertThat(e.channels()).isEqualTo(1);
        assertThat(e.get(16, 16, 0)).isZero();
        assertThat(e.get(2, 2, 0)).isZero();
        assertThat(e.get(8, 16, 0) + e.get(7, 16, 0)).isEqualTo(255f);
    }

    @Test
    void methodsDeclareTheirKindsAndRejectUnknownOptions() {
        List<ModelDescriptor> models = new BaselineProvider().models(new ModelContext(TestData.dir()));
        assertThat(models).filteredOn(m -> m.name().equals("canny")).singleElement()
                .satisfies(m -> assertThat(m.kinds()).containsExactly("edges"));
        assertThat(models).extracting(ModelDescriptor::name)
                .contains("nlm", "dcp", "clahe", "wiener", "median-derain", "canny", "bicubic", "pytorch-sr-x3", "ppocr-v4-det");
        assertThatThrownBy(() -> new BaselineProvider().open(ModelSpec.parse("nlm,strength=3"), new ModelContext(TestData.dir())))
                .hasMessageContaining("no option 'strength'").hasMessageContaining("sigma");
    }
}
