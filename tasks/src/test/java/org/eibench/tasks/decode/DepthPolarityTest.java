package org.eibench.tasks.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eibench.tasks.TestData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The keyword rule for the depth convention of a text, on every caption and instruction of UVT's NYU_test_data.json
 * against labels read by hand (nyu_depth_polarity.tsv), and on a few sentences that show its edges.
 */
class DepthPolarityTest {

    private static String label(DepthPolarity p) {
        return p == null ? "unclear" : p.key();
    }

    @Test
    void agreesWithTheHandLabelsOnAll645CaptionsAndInstructions() throws Exception {
        Path file = TestData.dir().resolve("uvt_eval_json/NYU_test_data.json");
        Assumptions.assumeTrue(Files.isRegularFile(file), "no " + file);
        Map<String, String[]> labels = new HashMap<>();
        try (InputStream in = getClass().getResourceAsStream("nyu_depth_polarity.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    String[] f = line.split("\t");
                    labels.put(f[0], new String[] {f[1], f[2]});
                }
            }
        }
        JsonNode all = new ObjectMapper().readTree(file.toFile());
        assertThat(all.size()).isEqualTo(645);
        List<String> wrong = new ArrayList<>();
        Map<String, Integer> captions = new HashMap<>();
        Map<String, Integer> instructions = new HashMap<>();
        for (JsonNode e : all) {
            String id = String.format("%04d", e.get("id").asInt());
            String[] want = labels.get(id);
            String caption = label(DepthPolarity.of(e.get("Image_B_Caption").asText()));
            String instruction = label(DepthPolarity.of(e.get("Task_Descriptions_from_A_to_B").asText()));
            if (!caption.equals(want[0])) {
                wrong.add(id + " caption: " + caption + " vs " + want[0] + ": " + e.get("Image_B_Caption").asText());
            }
            if (!instruction.equals(want[1])) {
                wrong.add(id + " instruction: " + instruction + " vs " + want[1] + ": " + e.get("Task_Descriptions_from_A_to_B").asText());
            }
            captions.merge(caption, 1, Integer::sum);
            instructions.merge(instruction, 1, Integer::sum);
        }
        assertThat(wrong).isEmpty();
        // the counts docs/protocols.md states
        assertThat(captions).containsEntry("near-bright", 200).containsEntry("far-bright", 117).containsEntry("unclear", 328);
        assertThat(instructions).containsEntry("near-bright", 101).containsEntry("far-bright", 81).containsEntry("unclear", 463);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Lighter areas are closer and darker areas are further away.|near-bright",
        "Objects closer to the viewer appear darker, while those farther are lighter.|far-bright",
        "A grayscale representation showing depth, where lighter and darker areas indicate proximity and distance.|unclear",
        "Brightness corresponds to the distance of objects from the viewpoint.|unclear",
        "Convert the visual appearance to grayscale shades, progressively fading from near dark to distant light.|far-bright",
        "Causing closer items to appear brighter than those further away.|near-bright",
        "Emphasizing spatial variation through lightness and darkness to reflect distance.|unclear",
        "Adjusting the light intensity to indicate closeness or distance.|unclear",
        "Lighter areas are closer, and lighter areas are also farther.|unclear",
        "Depth estimation.|unclear",
        "The foreground appears lighter, receding into darker shades in the background.|near-bright",
    })
    void readsTheEdges(String text, String expected) {
        assertThat(label(DepthPolarity.of(text))).isEqualTo(expected);
    }
}
