package org.eibench.runtime.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eibench.metrics.FloatImage;
import org.eibench.runtime.ModelSpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evaluator networks: cardless defaults, cards, source checksums and the protocol names they earn. */
class OnnxEvaluatorTest {

    static FloatImage image(int w, int h, float base) {
        float[] d = new float[w * h * 3];
        for (int i = 0; i < d.length; i++) {
            d[i] = (base + 7 * i) % 256;
        }
        return new FloatImage(w, h, 3, d);
    }

    @Test
    void aCardlessFeatureNetworkGivesMomentsTimesItsMatrix(@TempDir Path dir) throws Exception {
        Path onnx = TinyGraphs.write(dir, "Tiny-Net", TinyGraphs.features(5));
        try (OnnxEvaluator e = OnnxEvaluator.open(onnx, 1)) {
            assertThat(e.card().type()).isEqualTo(EvaluatorCard.Type.FEATURES);
            assertThat(e.card().id()).isEqualTo("tiny_net");
            assertThat(e.protocolName()).isNull();
            assertThat(e.identity()).containsEntry("evaluator", "tiny_net").containsEntry("protocol_name", "none")
                    .containsEntry("evaluator_sha256", e.sha256());
            FloatImage im = image(9, 7, 3);
            float[] f = e.features(im);
            assertThat(f).hasSize(5);
            // the same arithmetic in double: input / 255, per-channel mean and mean square, times w
            double[] m = new double[6];
            for (int i = 0; i < im.pixels(); i++) {
                for (int c = 0; c < 3; c++) {
                    double v = im.data()[3 * i + c] / 255.0;
                    m[c] += v / im.pixels();
                    m[3 + c] += v * v / im.pixels();
                }
            }
            for (int j = 0; j < 5; j++) {
                double s = 0;
                for (int k = 0; k < 6; k++) {
                    s += m[k] * (float) (Math.sin(1.7 * (k * 5 + j) + 0.3) / (1 + (k * 5 + j) % 3));
                }
                assertThat(f[j]).isCloseTo((float) s, org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }

    @Test
    void aCardlessPairNetworkGivesADistance(@TempDir Path dir) throws Exception {
        Path onnx = TinyGraphs.write(dir, "pair", TinyGraphs.pairDistance());
        try (OnnxEvaluator e = OnnxEvaluator.open(onnx, 1)) {
            assertThat(e.card().type()).isEqualTo(EvaluatorCard.Type.PAIR);
            FloatImage a = image(6, 5, 0);
            assertThat(e.distance(a, a)).isZero();
            assertThat(e.distance(a, image(6, 5, 51))).isGreaterThan(0);
            assertThatThrownBy(() -> e.features(a)).hasMessageContaining("pair network");
        }
    }

    @Test
    void knownSourceWeightsEarnTheProtocolNameOnlyWhenTheirFileMatches(@TempDir Path dir) throws Exception {
        TinyGraphs.write(dir, "net", TinyGraphs.features(4));
        String card = """
                format: eibench/evaluator@1
                id: inception-test
                file: net.onnx
                type: features
                input: {name: x, color: rgb, scale: 255}
                output: {name: features}
                sources: [{sha256: %s}]
                """;
        Files.writeString(dir.resolve("net.yaml"), card.formatted(KnownWeights.PYTORCH_FID_INCEPTION.sha256()));
        try (OnnxEvaluator e = OnnxEvaluator.open(dir.resolve("net.onnx"), 1)) {
            assertThat(e.protocolName()).isEqualTo("fid");
            assertThat(e.card().keyId()).isEqualTo("inception_test");
            assertThat(e.identity()).containsEntry("sources_verified", false);
        }
        // A source file that is present must have the stated checksum.
        Files.writeString(dir.resolve("weights.pth"), "not the published weights");
        Files.writeString(dir.resolve("net.yaml"), card.formatted(KnownWeights.PYTORCH_FID_INCEPTION.sha256())
                .replace("sources: [{sha256: ", "sources: [{file: weights.pth, sha256: "));
        assertThatThrownBy(() -> OnnxEvaluator.open(dir.resolve("net.yaml"), 1)).isInstanceOf(ModelSpecException.class)
                .hasMessageContaining("weights.pth has SHA-256").hasMessageContaining("the card says 6726825d");
        // Unknown weights: no protocol name.
        Files.writeString(dir.resolve("net.yaml"), card.formatted("ab".repeat(32)));
        try (OnnxEvaluator e = OnnxEvaluator.open(dir.resolve("net.yaml"), 1)) {
            assertThat(e.protocolName()).isNull();
        }
    }

    @Test
    void badCardsSayWhatIsWrong(@TempDir Path dir) throws Exception {
        TinyGraphs.write(dir, "net", TinyGraphs.features(4));
        Files.writeString(dir.resolve("net.yaml"), """
                format: eibench/evaluator@1
                id: Bad Id
                file: net.onnx
                input: {name: x}
                output: {name: features}
                """);
        assertThatThrownBy(() -> OnnxEvaluator.open(dir.resolve("net.onnx"), 1)).hasMessageContaining("'id'");
        Files.writeString(dir.resolve("net.yaml"), """
                format: eibench/evaluator@1
                id: ok
                file: net.onnx
                input: {name: nope}
                output: {name: features}
                """);
        assertThatThrownBy(() -> OnnxEvaluator.open(dir.resolve("net.onnx"), 1)).hasMessageContaining("no input 'nope'");
        Files.writeString(dir.resolve("net.yaml"), """
                format: eibench/evaluator@1
                id: ok
                file: net.onnx
                type: pair
                input: {name: x}
                output: {name: features}
                """);
        assertThatThrownBy(() -> OnnxEvaluator.open(dir.resolve("net.onnx"), 1)).hasMessageContaining("input2");
        assertThatThrownBy(() -> OnnxEvaluator.open(dir.resolve("missing.onnx"), 1)).hasMessageContaining("not found");
    }

    @Test
    void theKnownNamesNeedExactlyTheirWeights() {
        assertThat(KnownWeights.protocolName(EvaluatorCard.Type.FEATURES,
                java.util.Set.of(KnownWeights.PYTORCH_FID_INCEPTION.sha256()))).isEqualTo("fid");
        assertThat(KnownWeights.protocolName(EvaluatorCard.Type.PAIR,
                java.util.Set.of(KnownWeights.LPIPS_ALEX_V01.sha256(), KnownWeights.TORCHVISION_ALEXNET.sha256()))).isEqualTo("lpips");
        assertThat(KnownWeights.protocolName(EvaluatorCard.Type.PAIR, java.util.Set.of(KnownWeights.LPIPS_ALEX_V01.sha256()))).isNull();
        assertThat(KnownWeights.protocolName(EvaluatorCard.Type.PAIR,
                java.util.Set.of(KnownWeights.PYTORCH_FID_INCEPTION.sha256()))).isNull();
        // The published file names carry the first 8 hex digits of their SHA-256 (torch.hub's convention).
        assertThat(KnownWeights.PYTORCH_FID_INCEPTION.file()).contains(KnownWeights.PYTORCH_FID_INCEPTION.sha256().substring(0, 8));
        assertThat(KnownWeights.TORCHVISION_ALEXNET.file()).contains(KnownWeights.TORCHVISION_ALEXNET.sha256().substring(0, 8));
    }
}
