package org.eibench.tasks.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.LabelMap;
import org.eibench.tasks.data.EdgeTargets;
import org.eibench.metrics.config.Options;
import org.eibench.tasks.spec.TaskKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Seeded property tests: every decoder's encode, quantised as the runner saves it, decodes back to the ground truth. */
class DecoderRoundTripTest {

    static Decoder make(String type, TaskKind kind, Map<String, Object> opts) {
        Options o = new Options(opts, java.util.Set.of());
        Decoder d = Decoders.create(type, o, kind);
        assertThat(o.problems()).isEmpty();
        return d;
    }

    static FloatImage quantise(Decoder d, FloatImage out) {
        if (d.outputBitDepth() == 8) {
            return out.quantized8();
        }
        float[] q = out.data().clone();
        for (int i = 0; i < q.length; i++) {
            q[i] = (float) Math.max(0, Math.min(65535, Math.rint(q[i])));
        }
        return new FloatImage(out.width(), out.height(), out.channels(), q);
    }

    static FloatImage depth(SplittableRandom r, int w, int h) {
        float[] d = new float[w * h];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextInt(10) == 0 ? 0 : (float) (0.5 + 9 * r.nextDouble());
        }
        return new FloatImage(w, h, 1, d);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void depthPngIsExactForMillimetres(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] d = new float[30 * 20];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (r.nextInt(10000) * 0.001);
        }
        FloatImage gt = new FloatImage(30, 20, 1, d);
        Decoder dec = make("depth-png", TaskKind.DEPTH, Map.of("scale", 0.001));
        FloatImage pred = (FloatImage) dec.decode(quantise(dec, dec.encode(gt)), null, gt);
        for (int i = 0; i < d.length; i++) {
            assertThat(pred.data()[i]).isCloseTo(d[i], within(1e-6f));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 16})
    void grayDepthErrorIsBoundedByItsQuantisation(int bits) {
        FloatImage gt = depth(new SplittableRandom(bits), 40, 30);
        for (String mode : List.of("near-bright", "far-bright")) {
            Decoder dec = make("gray-depth", TaskKind.DEPTH, Map.of("mode", mode, "range", 10, "bit_depth", bits));
            FloatImage pred = (FloatImage) dec.decode(quantise(dec, dec.encode(gt)), null, gt);
            double bound = 10.0 / (bits == 8 ? 255 : 65535) / 2 + 1e-5;
            for (int i = 0; i < gt.pixels(); i++) {
                if (gt.data()[i] > 0) {
                    assertThat((double) pred.data()[i]).isCloseTo(gt.data()[i], within(bound));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5})
    void lstsqAlignmentRecoversAnAffineGray(long seed) {
        FloatImage gt = depth(new SplittableRandom(seed), 25, 25);
        float[] g = new float[gt.pixels() * 3];
        for (int p = 0; p < gt.pixels(); p++) {
            g[3 * p] = g[3 * p + 1] = g[3 * p + 2] = (float) (250 - 20 * gt.data()[p]); // some affine, near-bright gray
        }
        Decoder dec = make("gray-depth", TaskKind.DEPTH, Map.of("align", "lstsq"));
        FloatImage pred = (FloatImage) dec.decode(new FloatImage(25, 25, 3, g), null, gt);
        for (int i = 0; i < gt.pixels(); i++) {
            if (gt.data()[i] > 0) {
                assertThat((double) pred.data()[i]).isCloseTo(gt.data()[i], within(1e-3));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 16})
    void normalsRoundTripWithinQuantisation(int bits) {
        SplittableRandom r = new SplittableRandom(bits);
        float[] n = new float[20 * 20 * 3];
        for (int p = 0; p < 400; p++) {
            double x = r.nextDouble() * 2 - 1, y = r.nextDouble() * 2 - 1, z = -r.nextDouble();
            double l = Math.sqrt(x * x + y * y + z * z);
            n[3 * p] = (float) (x / l);
            n[3 * p + 1] = (float) (y / l);
            n[3 * p + 2] = (float) (z / l);
        }
        FloatImage gt = new FloatImage(20, 20, 3, n);
        Decoder dec = make("normals-rgb", TaskKind.NORMALS, Map.of("bit_depth", bits));
        FloatImage pred = (FloatImage) dec.decode(quantise(dec, dec.encode(gt)), null, gt);
        double maxDeg = 0;
        for (int p = 0; p < 400; p++) {
            double dot = n[3 * p] * pred.data()[3 * p] + n[3 * p + 1] * pred.data()[3 * p + 1] + n[3 * p + 2] * pred.data()[3 * p + 2];
            maxDeg = Math.max(maxDeg, Math.toDegrees(Math.acos(Math.min(1, dot))));
        }
        assertThat(maxDeg).isLessThan(bits == 8 ? 1.0 : 0.05); // 16 bits: float32 rounding dominates
    }

    @ParameterizedTest
    @ValueSource(strings = {"voc", "ade20k"})
    void palettesRoundTripEveryClass(String palette) {
        int n = palette.equals("voc") ? 21 : 150;
        int[] l = new int[n * 3];
        for (int i = 0; i < l.length; i++) {
            l[i] = i % n;
        }
        LabelMap gt = new LabelMap(n, 3, l);
        for (String dist : List.of("l1", "l2")) {
            Decoder dec = make("palette", TaskKind.SEGMENTATION, Map.of("palette", palette, "distance", dist));
            LabelMap pred = (LabelMap) dec.decode(dec.encode(gt).quantized8(), null, gt);
            assertThat(pred.labels()).containsExactly(l);
        }
    }

    @org.junit.jupiter.api.Test
    void painterAde20kColoursFollowItsFormula() {
        Palette p = Palette.ade20kPainter();
        assertThat(p.colors()).hasSize(150);
        assertThat(p.colors().get(0)).containsExactly(255, 255, 255);
        assertThat(p.colors().get(1)).containsExactly(255, 255, 213);
        assertThat(p.colors().get(6)).containsExactly(255, 213, 255);
        assertThat(p.colors().get(36)).containsExactly(213, 255, 255);
        assertThat(p.colors().get(149)).containsExactly(255 - 4 * 42, 255, 255 - 5 * 42);
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 8})
    void thresholdAndOverlayMasksRoundTrip(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] m = new float[30 * 30];
        float[] in = new float[30 * 30 * 3];
        for (int i = 0; i < m.length; i++) {
            m[i] = r.nextInt(3) == 0 ? 255 : 0;
            in[3 * i] = 20 + r.nextInt(60);
            in[3 * i + 1] = 20 + r.nextInt(60);
            in[3 * i + 2] = 20 + r.nextInt(60);
        }
        FloatImage gt = new FloatImage(30, 30, 1, m);
        FloatImage input = new FloatImage(30, 30, 3, in);
        Decoder th = make("threshold", TaskKind.MASK, Map.of("t", 0.5));
        assertThat(((FloatImage) th.decode(th.encode(gt), input, gt)).data()).containsExactly(m);
        Decoder ov = make("overlay-mask", TaskKind.MASK, Map.of("color", "pink"));
        FloatImage painted = ov.encode(gt, input, Map.of());
        assertThat(((FloatImage) ov.decode(painted.quantized8(), input, gt, Map.of())).data()).containsExactly(m);
        Decoder perSample = make("overlay-mask", TaskKind.MASK, Map.of());
        FloatImage yellow = perSample.encode(gt, input, Map.of("color", "yellow"));
        assertThat(((FloatImage) perSample.decode(yellow, input, gt, Map.of("color", "yellow"))).data()).containsExactly(m);
        // the identity (input unchanged) paints nothing
        assertThat(((FloatImage) ov.decode(input, input, gt, Map.of())).data()).containsOnly(0f);
    }

    @org.junit.jupiter.api.Test
    void edgeMapOracleIsTheAnnotatorMean() {
        FloatImage a = new FloatImage(2, 1, 1, new float[] {255, 0});
        FloatImage b = new FloatImage(2, 1, 1, new float[] {255, 255});
        Object gt = EdgeTargets.of(List.of(a, b));
        Decoder d = make("edge-map", TaskKind.EDGES, Map.of());
        FloatImage pred = (FloatImage) d.decode(d.encode(gt).quantized8(), null, gt);
        assertThat(pred.data()[0]).isEqualTo(1f);
        assertThat(pred.data()[1]).isCloseTo(128f / 255, within(1e-6f));
    }

    @org.junit.jupiter.api.Test
    void decodersRefuseKindsTheyDoNotFit() {
        Options o = Options.of(Map.of());
        Decoders.create("gray-depth", o, TaskKind.SEGMENTATION);
        assertThat(o.problems()).anySatisfy(p -> assertThat(p.message()).contains("does not fit a segmentation task"));
    }
}
