package org.eibench.runtime.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.eibench.metrics.FloatImage;
import org.eibench.runtime.ModelContext;
import org.eibench.runtime.ModelSpec;
import org.eibench.runtime.ModelSpecException;
import org.eibench.runtime.Output;
import org.eibench.runtime.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Model cards drive real ONNX Runtime sessions of tiny graphs authored here. */
class OnnxModelCardTest {

    @TempDir
    Path dir;

    private OnnxModel open(String card, Path onnx) throws Exception {
        Path cardFile = dir.resolve(onnx.getFileName().toString().replace(".onnx", ".yaml"));
        Files.writeString(cardFile, "format: eibench/model@1\nid: t\nfile: " + onnx.getFileName() + "\n" + card);
        OnnxProvider p = new OnnxProvider();
        return (OnnxModel) p.open(ModelSpec.parse("onnx:" + onnx), new ModelContext(dir)).orElseThrow();
    }

    static FloatImage random(int w, int h, int c, long seed) {
        Random r = new Random(seed);
        float[] d = new float[w * h * c];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextInt(256);
        }
        return new FloatImage(w, h, c, d);
    }

    private static FloatImage run(OnnxModel m, FloatImage im, String instruction) {
        Output o = m.generate(List.of(new Request("a", im, instruction, 0, null, 0, 0, null))).get(0);
        assertThat(o).as(o.toString()).isInstanceOf(Output.Generated.class);
        return ((Output.Generated) o).image();
    }

    @ParameterizedTest
    @ValueSource(strings = {"nchw", "nhwc"})
    void perChannelNormalisationIsInvertedExactlyInBothLayouts(String layout) throws Exception {
        Path onnx = TinyGraphs.write(dir, "affine_" + layout, TinyGraphs.affine(1f, 0f));
        String t = "{name: %s, layout: " + layout + ", color: rgb, scale: 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225]}";
        try (OnnxModel m = open("input: " + t.formatted("x") + "\noutput: " + t.formatted("y") + "\n", onnx)) {
            FloatImage in = random(7, 5, 3, 1);
            FloatImage out = run(m, in, "");
            for (int i = 0; i < in.data().length; i++) {
                assertThat(out.data()[i]).isCloseTo(in.data()[i], within(1e-3f));
            }
        }
    }

    @Test
    void theTensorHoldsNormalisedValuesInTheCardsChannelOrder() throws Exception {
        // y = x: the output side has scale 1 and no mean/std, so the output image IS the input tensor.
        Path onnx = TinyGraphs.write(dir, "ident", TinyGraphs.affine(1f, 0f));
        try (OnnxModel m = open("input: {name: x, color: bgr, scale: 255, mean: [0.1, 0.2, 0.3], std: [0.5, 0.25, 2]}\n"
                + "output: {name: y, color: rgb, scale: 1}\n", onnx)) {
            FloatImage in = new FloatImage(1, 1, 3, new float[] {255, 51, 0}); // R, G, B
            float[] t = run(m, in, "").data(); // tensor planes 0..2 = B, G, R
            assertThat(t[0]).isCloseTo((0f / 255 - 0.1f) / 0.5f, within(1e-5f));
            assertThat(t[1]).isCloseTo((51f / 255 - 0.2f) / 0.25f, within(1e-5f));
            assertThat(t[2]).isCloseTo((255f / 255 - 0.3f) / 2f, within(1e-5f));
        }
    }

    @Test
    void theOutputRangeClips() throws Exception {
        Path onnx = TinyGraphs.write(dir, "gain", TinyGraphs.affine(2f, 0f));
        try (OnnxModel m = open("input: {name: x, color: gray, scale: 255}\noutput: {name: y, color: gray, scale: 255, range: [0, 255]}\n", onnx)) {
            FloatImage out = run(m, new FloatImage(2, 1, 1, new float[] {100, 200}), "");
            assertThat(out.data()[0]).isCloseTo(200f, within(1e-3f));
            assertThat(out.data()[1]).isEqualTo(255f);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 20, 33})
    void paddingToAMultipleIsCroppedBackAndScaled(int size) throws Exception {
        Path onnx = TinyGraphs.write(dir, "m4", TinyGraphs.needsMultipleOf4x2(1));
        try (OnnxModel m = open("input: {name: x, color: gray}\noutput: {name: y, color: gray}\nsize: {mode: multiple, multiple: 4}\n", onnx)) {
            FloatImage in = random(size, size - 3, 1, size);
            FloatImage out = run(m, in, "");
            assertThat(out.width()).isEqualTo(2 * size);
            assertThat(out.height()).isEqualTo(2 * (size - 3));
            for (int y = 0; y < out.height(); y++) {
                for (int x = 0; x < out.width(); x++) {
                    assertThat(out.get(x, y, 0)).isCloseTo(in.get(x / 2, y / 2, 0), within(1e-3f));
                }
            }
        }
        // Without the size section the same model rejects sizes that are not multiples of 4: a failed sample.
        try (OnnxModel m = open("input: {name: x, color: gray}\noutput: {name: y, color: gray}\n", onnx)) {
            Output o = m.generate(List.of(new Request("b", random(17, 14, 1, 2), "", 0, null, 0, 0, null))).get(0);
            assertThat(o).isInstanceOf(size % 4 == 0 && (size - 3) % 4 == 0 ? Output.Generated.class : Output.Failed.class);
        }
    }

    @Test
    void reflectPaddingMirrorsWithoutRepeatingTheEdge() {
        FloatImage in = new FloatImage(3, 3, 1, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertThat(InputGeometry.padToMultiple(in, 5).data()).containsExactly(
                1, 2, 3, 2, 1,
                4, 5, 6, 5, 4,
                7, 8, 9, 8, 7,
                4, 5, 6, 5, 4,
                1, 2, 3, 2, 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 8, 12})
    void tilesWithOverlapReproduceTheWholeImageRun(int overlap) throws Exception {
        Path onnx = TinyGraphs.write(dir, "t4", TinyGraphs.needsMultipleOf4x2(3));
        FloatImage in = random(45, 38, 3, 9);
        FloatImage whole;
        try (OnnxModel m = open("input: {name: x}\noutput: {name: y}\nsize: {mode: multiple, multiple: 4}\n", onnx)) {
            whole = run(m, in, "");
        }
        try (OnnxModel m = open("input: {name: x}\noutput: {name: y}\nsize: {mode: tile, tile: 16, overlap: " + overlap
                + ", multiple: 4}\n", onnx)) {
            FloatImage tiled = run(m, in, "");
            assertThat(tiled.shape()).isEqualTo(whole.shape());
            for (int i = 0; i < whole.data().length; i++) {
                assertThat(tiled.data()[i]).isCloseTo(whole.data()[i], within(1e-3f));
            }
        }
        assertThat(Tiling.starts(45, 16, 8)).containsExactly(0, 8, 16, 24, 29);
    }

    @Test
    void fixedCoverResizesTheShorterSideAndCentreCrops() throws Exception {
        Path onnx = TinyGraphs.write(dir, "id2", TinyGraphs.affine(1f, 0f));
        try (OnnxModel m = open("input: {name: x, color: gray}\noutput: {name: y, color: gray}\n"
                + "size: {mode: fixed, width: 4, height: 4, fit: cover, interpolation: area}\n", onnx)) {
            float[] d = new float[8 * 4];
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 8; x++) {
                    d[y * 8 + x] = x;
                }
            }
            FloatImage out = run(m, new FloatImage(8, 4, 1, d), "");
            assertThat(out.width()).isEqualTo(4);
            assertThat(out.get(0, 0, 0)).isEqualTo(2f); // columns 2..5 survive the centre crop
            assertThat(out.get(3, 3, 0)).isEqualTo(5f);
        }
    }

    @Test
    void instructionsBecomeTokenIdsThatReachTheModel() throws Exception {
        Files.writeString(dir.resolve("vocab.json"), "{\"[PAD]\": 0, \"[UNK]\": 1, \"[CLS]\": 2, \"[SEP]\": 3, "
                + "\"remove\": 10, \"the\": 20, \"rain\": 30, \"##drops\": 40, \".\": 50}");
        Path onnx = TinyGraphs.write(dir, "text", TinyGraphs.textConditioned());
        String card = "input: {name: image, color: gray, scale: 1}\noutput: {name: out, color: gray, scale: 1}\n"
                + "text: {name: tokens, vocab: vocab.json, max_length: 6, bos: '[CLS]', eos: '[SEP]'}\n";
        try (OnnxModel m = open(card, onnx)) {
            FloatImage in = new FloatImage(2, 2, 1, new float[] {0, 1, 2, 3});
            // [CLS] remove the rain ##drops [SEP] = 2 + 10 + 20 + 30 + 40 + 3 = 105
            assertThat(run(m, in, "Remove the RAINdrops").data()).containsExactly(105, 106, 107, 108);
            // unknown word -> [UNK]; cut to 6 ids keeping [SEP]: 2 + 1 + 20 + 20 + 20 + 3 = 66
            assertThat(run(m, in, "zap the the the the.").data()[0]).isEqualTo(66f);
            // A batch of two instructions in one tensor.
            List<Output> two = m.generate(List.of(new Request("p", in, "the", 0, null, 0, 0, null),
                    new Request("q", in, ".", 0, null, 0, 0, null)));
            assertThat(((Output.Generated) two.get(0)).image().data()[0]).isEqualTo(2 + 20 + 3);
            assertThat(((Output.Generated) two.get(1)).image().data()[0]).isEqualTo(2 + 50 + 3);
        }
    }

    @Test
    void theTokenizerSplitsWordPiecesAndPunctuation() throws IOException {
        ModelCard.TextSpec spec = new ModelCard.TextSpec("t", "v", 8, true, "[PAD]", "[UNK]", null, null, "mask");
        Tokenizer t = new Tokenizer(Map.of("[PAD]", 0L, "[UNK]", 1L, "de", 5L, "##rain", 6L, "!", 7L, "x", 8L), spec);
        assertThat(t.words("De-rain it!")).containsExactly("de", "-", "rain", "it", "!");
        assertThat(t.pieces("derain x!")).containsExactly(5L, 6L, 8L, 7L);
        long[][] enc = t.encode("derain");
        assertThat(enc[0]).containsExactly(5, 6, 0, 0, 0, 0, 0, 0);
        assertThat(enc[1]).containsExactly(1, 1, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void runInfoNamesTheProviderVersionAndChecksum() throws Exception {
        Path onnx = TinyGraphs.write(dir, "info", TinyGraphs.affine(1f, 0f));
        try (OnnxModel m = open("input: {name: x}\noutput: {name: y}\n", onnx)) {
            assertThat(m.info().details()).containsEntry("execution_provider", "CPUExecutionProvider")
                    .containsKeys("ort_version", "sha256");
            assertThat(m.info().checksum()).isEqualTo("sha256:" + OnnxModel.sha256(onnx));
        }
    }

    @Test
    void cudaWithoutAGpuFailsUnlessFallbackIsAllowedAndSaysSo() throws Exception {
        Path onnx = TinyGraphs.write(dir, "cuda", TinyGraphs.affine(1f, 0f));
        Files.writeString(dir.resolve("cuda.yaml"), "format: eibench/model@1\nid: c\nfile: cuda.onnx\ninput: {name: x}\noutput: {name: y}\n");
        OnnxProvider p = new OnnxProvider();
        ModelContext ctx = new ModelContext(dir);
        assertThatThrownBy(() -> p.open(ModelSpec.parse("onnx:" + onnx + ",device=cuda"), ctx))
                .isInstanceOf(ModelSpecException.class).hasMessageContaining("fallback=cpu");
        try (var m = p.open(ModelSpec.parse("onnx:" + onnx + ",device=cuda,fallback=cpu,threads=2"), ctx).orElseThrow()) {
            assertThat(m.info().device()).isEqualTo("cpu");
            assertThat(m.info().details()).containsEntry("execution_provider", "CPUExecutionProvider")
                    .containsEntry("requested_device", "cuda").containsKey("fallback");
        }
    }

    @Test
    void badCardsAreExplained() {
        String head = "format: eibench/model@1\nid: b\nfile: f.onnx\ninput: {name: x}\noutput: {name: y}\n";
        assertThatThrownBy(() -> parse(head + "size: {mode: tile, tile: 10, overlap: 10}\n")).hasMessageContaining("overlap");
        assertThatThrownBy(() -> parse(head + "size: {mode: fixed}\n")).hasMessageContaining("width");
        assertThatThrownBy(() -> parse(head.replace("{name: x}", "{name: x, mean: [1, 2]}"))).hasMessageContaining("give 1 or 3");
        assertThatThrownBy(() -> parse(head.replace("{name: y}", "{name: y, layout: chw}"))).hasMessageContaining("nchw or nhwc");
        assertThatThrownBy(() -> parse(head + "text: {name: t, vocab: v.json}\n")).hasMessageContaining("max_length");
        assertThatThrownBy(() -> parse(head + "colour: rgb\n")).hasMessageContaining("unknown field 'colour'");
    }

    private static ModelCard parse(String yaml) throws IOException {
        return ModelCard.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "card.yaml");
    }
}
