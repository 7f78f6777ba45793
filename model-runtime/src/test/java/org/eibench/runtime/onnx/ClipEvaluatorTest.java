package org.eibench.runtime.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eibench.metrics.FloatImage;
import org.eibench.runtime.ModelSpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CLIP evaluator card ({@code type: clip}) opened and run on {@link TinyClip}: the embeddings equal the graphs'
 * arithmetic done here on the card's tensor and the tokenizer's ids, with the text encoder in its own graph (with an
 * attention mask) or in the image graph; the card's errors name the field.
 */
class ClipEvaluatorTest {

    private static final double[] MEAN = {0.48145466, 0.4578275, 0.40821073};
    private static final double[] STD = {0.26862954, 0.26130258, 0.27577711};

    static final String TENSOR = "input: {name: x, color: rgb, scale: 255, mean: [0.48145466, 0.4578275, 0.40821073], "
            + "std: [0.26862954, 0.26130258, 0.27577711]}\n";

    private static Path card(Path dir, String text, String tokenizer) throws Exception {
        Files.copy(ClipBpeTokenizerTest.fixtures().resolve("merges.txt"), dir.resolve("merges.txt"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        int vocab = ClipBpeTokenizerTest.fixtureTokenizer().vocabularySize();
        TinyGraphs.write(dir, "clip-image", TinyClip.imageGraph());
        TinyGraphs.write(dir, "clip-text", TinyClip.textGraph(vocab, true));
        TinyGraphs.write(dir, "clip-both", TinyClip.bothGraph(vocab));
        Path card = dir.resolve("tiny-clip.yaml");
        Files.writeString(card, "format: eibench/evaluator@1\nid: tiny-clip\ntype: clip\nfile: "
                + (text.contains("file:") ? "clip-image.onnx" : "clip-both.onnx") + "\n" + TENSOR + "output: {name: image_embeds}\n"
                + text + "\n" + tokenizer + "\n");
        return card;
    }

    static FloatImage picture() {
        FloatImage im = FloatImage.zeros(7, 5, 3);
        float[] d = im.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (i * 37 + 11) % 256;
        }
        return im;
    }

    /** What the graphs compute, in double: channel means of the normalised image times wi plus bi; masked table mean. */
    static double[][] expected(FloatImage im, long[] ids, long[] mask, int vocab) {
        double[] means = new double[3];
        for (int y = 0; y < im.height(); y++) {
            for (int x = 0; x < im.width(); x++) {
                for (int c = 0; c < 3; c++) {
                    means[c] += (im.get(x, y, c) / 255.0 - MEAN[c]) / STD[c] / im.pixels();
                }
            }
        }
        float[] w = TinyClip.imageWeights();
        float[] table = TinyClip.table(vocab);
        double[] a = new double[TinyClip.D];
        double[] t = new double[TinyClip.D];
        double count = 0;
        for (int k = 0; k < ids.length; k++) {
            count += mask[k];
        }
        for (int j = 0; j < TinyClip.D; j++) {
            a[j] = w[3 * TinyClip.D + j];
            for (int c = 0; c < 3; c++) {
                a[j] += means[c] * w[c * TinyClip.D + j];
            }
            for (int k = 0; k < ids.length; k++) {
                t[j] += mask[k] * table[(int) ids[k] * TinyClip.D + j] / count;
            }
        }
        return new double[][] {a, t};
    }

    @Test
    void separateTextGraphWithMaskGivesTheGraphsArithmetic(@TempDir Path dir) throws Exception {
        Path card = card(dir, "text: {file: clip-text.onnx, input: ids, mask: mask, output: text_embeds}",
                "tokenizer: {type: clip-bpe, merges: merges.txt, context_length: 77}");
        ClipBpeTokenizer tok = ClipBpeTokenizerTest.fixtureTokenizer();
        String text = "A photograph of a red barn beside a frozen river at dawn.";
        try (OnnxEvaluator e = OnnxEvaluator.open(card, 1)) {
            float[][] got = e.clip(picture(), text);
            long[] ids = tok.tokens(text);
            double[][] want = expected(picture(), ids, tok.mask(ids), tok.vocabularySize());
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < TinyClip.D; j++) {
                    assertThat((double) got[i][j]).isCloseTo(want[i][j], within(1e-5));
                }
            }
            assertThat(e.card().type()).isEqualTo(EvaluatorCard.Type.CLIP);
            assertThat(e.protocolName()).isNull();
            assertThat(e.identity()).containsEntry("tokenizer", "clip-bpe").containsEntry("context_length", 77)
                    .containsEntry("tokenizer_sha256", OnnxModel.sha256(dir.resolve("merges.txt")))
                    .containsEntry("text_sha256", OnnxModel.sha256(dir.resolve("clip-text.onnx")))
                    .containsEntry("evaluator_type", "clip");
            assertThatThrownBy(() -> e.features(picture())).hasMessageContaining("is a clip network");
        }
    }

    @Test
    void oneGraphWithBothEncodersRunsOnce(@TempDir Path dir) throws Exception {
        Path card = card(dir, "text: {input: ids, output: text_embeds}", "tokenizer: {type: clip-bpe, merges: merges.txt}");
        ClipBpeTokenizer tok = ClipBpeTokenizerTest.fixtureTokenizer();
        String text = "they're walking along the beach";
        try (OnnxEvaluator e = OnnxEvaluator.open(card, 1)) {
            float[][] got = e.clip(picture(), text);
            long[] ids = tok.tokens(text);
            long[] all = new long[ids.length];
            java.util.Arrays.fill(all, 1);
            double[][] want = expected(picture(), ids, all, tok.vocabularySize());
            for (int j = 0; j < TinyClip.D; j++) {
                assertThat((double) got[0][j]).isCloseTo(want[0][j], within(1e-5));
                assertThat((double) got[1][j]).isCloseTo(want[1][j], within(1e-5));
            }
            assertThat(e.identity()).doesNotContainKey("text_sha256");
        }
    }

    @Test
    void cardErrorsNameTheField(@TempDir Path dir) throws Exception {
        String text = "text: {file: clip-text.onnx, input: ids, mask: mask, output: text_embeds}";
        assertThatThrownBy(() -> OnnxEvaluator.open(card(dir, text, ""), 1)).isInstanceOf(ModelSpecException.class)
                .hasMessageContaining("a clip card needs 'tokenizer");
        assertThatThrownBy(() -> OnnxEvaluator.open(card(dir, text, "tokenizer: {type: wordpiece, merges: merges.txt}"), 1))
                .hasMessageContaining("'tokenizer.type' must be clip-bpe");
        assertThatThrownBy(() -> OnnxEvaluator.open(card(dir, text, "tokenizer: {type: clip-bpe, merges: nope.txt}"), 1))
                .hasMessageContaining("merges file").hasMessageContaining("nope.txt");
        assertThatThrownBy(() -> OnnxEvaluator.open(card(dir, "text: {file: clip-text.onnx, input: tokens, output: text_embeds}",
                "tokenizer: {type: clip-bpe, merges: merges.txt}"), 1)).hasMessageContaining("has no input 'tokens'");
        assertThatThrownBy(() -> OnnxEvaluator.open(card(dir, "text: {input: ids, output: text}",
                "tokenizer: {type: clip-bpe, merges: merges.txt}"), 1)).hasMessageContaining("has no output 'text'");
        Path features = dir.resolve("f.yaml");
        Files.writeString(features, "format: eibench/evaluator@1\nid: f\nfile: clip-image.onnx\n" + TENSOR
                + "output: {name: image_embeds}\ntokenizer: {type: clip-bpe, merges: merges.txt}\n");
        assertThatThrownBy(() -> OnnxEvaluator.open(features, 1)).hasMessageContaining("'text' and 'tokenizer' are for clip cards");
    }

    @Test
    void knownClipNamesNeedTheCheckpointAndClipsOwnMerges() {
        String merges = KnownWeights.OPENAI_CLIP_MERGES.sha256();
        assertThat(KnownWeights.clipName(java.util.Set.of(KnownWeights.OPENAI_CLIP_VIT_B_32.sha256()), merges))
                .isEqualTo("clip_score_vit_b_32");
        assertThat(KnownWeights.clipName(java.util.Set.of(KnownWeights.OPENAI_CLIP_VIT_L_14.sha256()), merges))
                .isEqualTo("clip_score_vit_l_14");
        assertThat(KnownWeights.clipName(java.util.Set.of(KnownWeights.OPENAI_CLIP_VIT_B_32.sha256()), "0".repeat(64))).isNull();
        assertThat(KnownWeights.clipName(java.util.Set.of(), merges)).isNull();
    }
}
