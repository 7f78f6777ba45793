package org.eibench.tasks.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.config.Options;
import org.eibench.tasks.spec.TaskKind;
import org.junit.jupiter.api.Test;

/** gray-depth's conventions: fixed modes with their notes, mode instruction, Painter's order and truncation. */
class GrayDepthDecoderTest {

    private static GrayDepthDecoder decoder(Map<String, Object> options) {
        Options o = new Options(options, java.util.Set.of("type"));
        Decoder d = Decoders.create("gray-depth", o, TaskKind.DEPTH);
        assertThat(o.problems()).isEmpty();
        return (GrayDepthDecoder) d;
    }

    private static Map<String, Object> meta(String instruction) {
        return Map.of(Decoder.INSTRUCTION, instruction);
    }

    private static final String NEAR = "Lighter areas are closer and darker areas are farther.";
    private static final String FAR = "Closer objects appear darker, distant ones lighter.";
    private static final String UNCLEAR = "Shades of gray indicate depth.";

    @Test
    void aFixedModeNotesAnInstructionThatStatesTheOpposite() {
        GrayDepthDecoder far = decoder(Map.of("type", "gray-depth", "mode", "far-bright"));
        assertThat(far.notes(meta(NEAR))).containsOnlyKeys(GrayDepthDecoder.OPPOSITE_NOTE);
        assertThat(far.notes(meta(NEAR)).get(GrayDepthDecoder.OPPOSITE_NOTE)).contains("near-bright").contains("far-bright");
        assertThat(far.notes(meta(FAR))).isEmpty();
        assertThat(far.notes(meta(UNCLEAR))).isEmpty();
        assertThat(far.notes(Map.of())).isEmpty();
    }

    @Test
    void modeInstructionDecodesByTheSamplesOwnConventionElseTheFallback() {
        GrayDepthDecoder d = decoder(Map.of("type", "gray-depth", "mode", "instruction", "fallback", "far-bright"));
        FloatImage gt = new FloatImage(2, 1, 1, new float[] {2f, 8f});
        FloatImage out = new FloatImage(2, 1, 3, new float[] {51, 51, 51, 204, 204, 204}); // g = 0.2, 0.8
        float[] near = ((FloatImage) d.decode(out, null, gt, meta(NEAR))).data();
        float[] far = ((FloatImage) d.decode(out, null, gt, meta(FAR))).data();
        float[] fallback = ((FloatImage) d.decode(out, null, gt, meta(UNCLEAR))).data();
        assertThat(near[0]).isCloseTo(8f, org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(far[0]).isCloseTo(2f, org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(fallback).containsExactly(far);
        assertThat(d.notes(meta(NEAR))).isEmpty();
        assertThat(d.options()).containsEntry("mode", "instruction").containsEntry("fallback", "far-bright");
        // the oracle draws each sample by its own convention, so decoding its drawing gives the ground truth back
        for (String text : List.of(NEAR, FAR, UNCLEAR)) {
            FloatImage drawn = d.encode(gt, null, meta(text));
            float[] back = ((FloatImage) d.decode(drawn.quantized(255f), null, gt, meta(text))).data();
            assertThat(back[0]).as(text).isCloseTo(2f, org.assertj.core.data.Offset.offset(0.02f));
            assertThat(back[1]).as(text).isCloseTo(8f, org.assertj.core.data.Offset.offset(0.02f));
        }
    }

    @Test
    void painterOrderTruncatesToWholeMillimetres() {
        GrayDepthDecoder d = decoder(Map.of("type", "gray-depth", "mode", "far-bright", "resize", "torch-bilinear",
                "truncate", "mm"));
        // 1x1 output, 3 channels 3, 20, 31: the mean of (v / 255) x 10000 is 705.88 mm, cut to 705 (not rounded to 706)
        FloatImage out = new FloatImage(1, 1, 3, new float[] {3, 20, 31});
        FloatImage gt = new FloatImage(2, 2, 1, new float[4]);
        float[] v = ((FloatImage) d.decode(out, null, gt, Map.of())).data();
        assertThat(v).containsOnly(705f / 1000f);
        assertThat(d.options()).containsEntry("resize", "torch-bilinear").containsEntry("truncate", "mm");
    }

    @Test
    void alignmentTakesNeitherPainterResizeNorTruncation() {
        Options o = new Options(Map.of("type", "gray-depth", "align", "lstsq", "truncate", "mm"), java.util.Set.of("type"));
        Decoders.create("gray-depth", o, TaskKind.DEPTH);
        assertThat(o.problems()).extracting(Options.Problem::key).contains("align");
    }
}
