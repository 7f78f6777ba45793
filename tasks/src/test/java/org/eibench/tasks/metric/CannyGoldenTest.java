package org.eibench.tasks.metric;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eibench.imaging.CannyEdges;
import org.eibench.imaging.ImageFiles;
import org.eibench.metrics.FloatImage;
import org.eibench.metrics.GenerationTarget;
import org.eibench.metrics.MetricValues;
import org.eibench.metrics.Stats;
import org.eibench.tasks.PythonScripts;
import org.eibench.tasks.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Canny condition and canny_f1 against cv2 as ControlNet++ calls it (tasks/src/test/python/canny_golden.py):
 * every edge map pixel-exact (SHA-256 of the bytes) and the F1 counts equal, on the bundled Kodak crops and outputs
 * made from them by exact integer operations.
 */
class CannyGoldenTest {

    static final Path FIXTURE = Path.of(System.getProperty("eibench.repo.root", "."))
            .resolve("tasks/src/test/resources/golden/canny_golden.json");

    static Stream<JsonNode> cases() throws Exception {
        Path f = Files.isRegularFile(FIXTURE) ? FIXTURE : Path.of("src/test/resources/golden/canny_golden.json");
        List<JsonNode> out = new java.util.ArrayList<>();
        new ObjectMapper().readTree(f.toFile()).path("cases").forEach(out::add);
        return out.stream();
    }

    /** canny_golden.py variant(bgr, kind), on RGB data (each operation treats channels alike; gray takes green). */
    static FloatImage variant(FloatImage im, String kind) {
        int w = im.width();
        int c = im.channels();
        float[] s = im.data();
        return switch (kind) {
            case "same" -> im;
            case "shift2" -> {
                float[] d = new float[s.length];
                for (int y = 0; y < im.height(); y++) {
                    for (int x = 0; x < w; x++) {
                        int from = x >= 2 ? x - 2 : 0;
                        System.arraycopy(s, (y * w + from) * c, d, (y * w + x) * c, c);
                    }
                }
                yield new FloatImage(w, im.height(), c, d);
            }
            case "lut" -> {
                float[] d = new float[s.length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = ((int) s[i]) * 3 / 4 + 32;
                }
                yield new FloatImage(w, im.height(), c, d);
            }
            case "gray" -> im.channel(1);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    static String sha(FloatImage edges) throws Exception {
        byte[] b = new byte[edges.data().length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (int) edges.data()[i];
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void edgeMapsAndF1MatchCv2(JsonNode c) throws Exception {
        FloatImage image = ImageFiles.read(TestData.dir().resolve("denoise/Kodak24_01-08").resolve(c.path("image").asText()));
        FloatImage out = variant(image, c.path("output").asText());
        assertThat(sha(CannyEdges.of(image, 100, 200))).as("condition").isEqualTo(c.path("condition_sha256").asText());
        assertThat(sha(CannyEdges.of(out, 100, 200))).as("output's edges").isEqualTo(c.path("output_edges_sha256").asText());
        if (out.channels() != image.channels()) {
            return; // the gray case checks the edge map of a one-channel image; the metric compares equal shapes
        }
        ConditionF1 m = new ConditionF1(100, 200);
        Stats s = m.measure(out, GenerationTarget.of(image));
        assertThat(s.scalar("tp")).isEqualTo(c.path("tp").asDouble());
        assertThat(s.scalar("fp")).isEqualTo(c.path("fp").asDouble());
        assertThat(s.scalar("fn")).isEqualTo(c.path("fn").asDouble());
        MetricValues v = m.finish(s);
        assertThat(v.value("canny_f1")).isEqualTo(c.path("f1").asDouble());
    }

    @Test
    void scriptReproducesTheFixture(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("canny.json");
        PythonScripts.run("canny_golden.py", List.of("numpy", "cv2"), TestData.dir().toString(), out.toString());
        JsonNode fresh = new ObjectMapper().readTree(out.toFile()).path("cases");
        assertThat(fresh).isEqualTo(new ObjectMapper().readTree(
                (Files.isRegularFile(FIXTURE) ? FIXTURE : Path.of("src/test/resources/golden/canny_golden.json")).toFile()).path("cases"));
    }

    @Test
    void overlayColoursMatchesMissesAndExtras() {
        float[] t = new float[16 * 16];
        float[] p = new float[16 * 16];
        for (int y = 0; y < 16; y++) {
            t[y * 16 + 5] = 255; // a vertical step at x = 5 in the target
            p[y * 16 + 9] = 255; // and at x = 9 in the output
            for (int x = 6; x < 16; x++) {
                t[y * 16 + x] = 255;
            }
            for (int x = 10; x < 16; x++) {
                p[y * 16 + x] = 255;
            }
        }
        ConditionF1 m = new ConditionF1(100, 200);
        FloatImage o = m.overlay(new FloatImage(16, 16, 1, p), GenerationTarget.of(new FloatImage(16, 16, 1, t)));
        boolean red = false;
        boolean blue = false;
        for (int i = 0; i < o.pixels(); i++) {
            red |= o.data()[3 * i] == 255 && o.data()[3 * i + 2] == 60;
            blue |= o.data()[3 * i] == 70 && o.data()[3 * i + 2] == 255;
        }
        assertThat(red).as("condition edges the output missed").isTrue();
        assertThat(blue).as("output edges the condition lacks").isTrue();
    }
}
