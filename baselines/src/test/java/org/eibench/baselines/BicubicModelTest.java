package org.eibench.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;

import org.eibench.imaging.ImageFiles;
import org.eibench.metrics.FloatImage;
import org.eibench.metrics.image.PsnrMetric;
import org.eibench.runtime.Output;
import org.eibench.runtime.Request;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The published "Bicubic" rows of Set5 (EDSR/RCAN tables; Y-PSNR, border = scale, HR cropped to a multiple of the
 * scale) are reproduced within 0.03 dB by MATLAB-compatible bicubic upscaling of the bundled MATLAB-made LR images.
 */
class BicubicModelTest {

    private static final List<String> SET5 = List.of("baby", "bird", "butterfly", "head", "woman");

    @ParameterizedTest
    @CsvSource({"2, 33.66", "3, 30.39", "4, 28.42"})
    void reproducesPublishedSet5BicubicPsnr(int scale, double published) throws Exception {
        Path set5 = TestData.dir().resolve("sr/Set5");
        BicubicModel model = new BicubicModel();
        PsnrMetric psnr = new PsnrMetric("y", false, scale, 255, 100);
        double sumCropped = 0;
        double sumTask = 0;
        for (String name : SET5) {
            FloatImage hr = ImageFiles.read(set5.resolve("HR/" + name + ".png"));
            FloatImage lr = ImageFiles.read(set5.resolve("LR_bicubic/X" + scale + "/" + name + "x" + scale + ".png"));
            Output out = model.generate(List.of(new Request(name, lr, "", 0, null, hr.width(), hr.height(), null))).get(0);
            FloatImage sr = ((Output.Generated) out).image().quantized8();
            assertThat(sr.width()).isEqualTo(hr.width());
            // The published protocol: HR cropped to a multiple of the scale (MATLAB modcrop), then shaved.
            int w = lr.width() * scale;
            int h = lr.height() * scale;
            sumCropped += value(psnr, crop(sr, w, h), crop(hr, w, h));
            // The catalog task's protocol (what `eibench run --task sr-set5-xN --model bicubic` scores): the full HR,
            // shaved by the scale; rows beyond the multiple of the scale are extrapolated by the same kernel.
            sumTask += value(psnr, sr, hr);
        }
        System.out.printf("Set5 x%d bicubic Y-PSNR %.4f dB (published %.2f)%n", scale, sumCropped / SET5.size(), published);
        assertThat(sumCropped / SET5.size()).isCloseTo(published, within(0.03));
        System.out.printf("Set5 x%d bicubic Y-PSNR, task protocol %.4f dB%n", scale, sumTask / SET5.size());
        assertThat(sumTask / SET5.size()).isCloseTo(published, within(0.03));
    }

    static double value(PsnrMetric m, FloatImage p, FloatImage t) {
        return m.finish(m.measure(p, t)).values().get(0).value();
    }

    static FloatImage crop(FloatImage im, int w, int h) {
        float[] d = new float[w * h * im.channels()];
        int c = im.channels();
        for (int y = 0; y < h; y++) {
            System.arraycopy(im.data(), y * im.width() * c, d, y * w * c, w * c);
        }
        return new FloatImage(w, h, c, d);
    }
}
