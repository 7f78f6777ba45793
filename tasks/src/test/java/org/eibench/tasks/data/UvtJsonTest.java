package org.eibench.tasks.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eibench.tasks.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The paper's six evaluation files read with the right counts, directions and per-sample instructions. */
class UvtJsonTest {

    @TempDir
    Path root;

    static Path json(String name) {
        return TestData.dir().resolve("uvt_eval_json").resolve(name);
    }

    @ParameterizedTest
    @CsvSource({"NYU_test_data.json, A->B, 645", "NYU_test_data.json, A->C, 645", "NYU_test_data.json, C->A, 645",
            "SOTS_test_data.json, A->B, 1000", "Rain100L_test_data.json, A->B, 200", "LOLv2_test_data.json, A->B, 100",
            "UDC_test_data.json, A->B, 30", "UDC_val_data.json, B->A, 30"})
    void readsEveryOfficialFile(String file, String direction, int count) throws IOException {
        UvtJson layout = new UvtJson(new DataRoot(root), json(file), direction.charAt(0), direction.charAt(3), false);
        List<SampleRef> refs = layout.entries();
        assertThat(refs).hasSize(count);
        assertThat(refs).extracting(SampleRef::id).doesNotHaveDuplicates();
        assertThat(refs).allSatisfy(r -> {
            assertThat(r.instruction()).isNotBlank();
            assertThat(r.input().startsWith(root)).isTrue();
            assertThat(r.target().startsWith(root)).isTrue();
            assertThat(r.instructionStyle()).isEqualTo("explanatory");
        });
    }

    @Test
    void nyuDirectionsPickImagesAndInstructions() throws IOException {
        List<SampleRef> ab = new UvtJson(new DataRoot(root), json("NYU_test_data.json"), 'A', 'B', false).entries();
        List<SampleRef> ac = new UvtJson(new DataRoot(root), json("NYU_test_data.json"), 'A', 'C', false).entries();
        assertThat(ab.get(0).input()).isEqualTo(root.resolve("val/rgb_00001.jpg"));
        assertThat(ab.get(0).target()).isEqualTo(root.resolve("val_depth/depth_00001.png"));
        assertThat(ab.get(0).instruction()).isEqualTo("Convert the room details into gradients of light and dark relating to distance.");
        assertThat(ac.get(0).target()).isEqualTo(root.resolve("val_surface/normal_00001.png"));
        assertThat(ac.get(0).instruction()).isNotEqualTo(ab.get(0).instruction());
    }

    @Test
    void missingImagesAreCountedAndNamed() {
        UvtJson layout = new UvtJson(new DataRoot(root), json("Rain100L_test_data.json"), 'A', 'B', false);
        assertThatThrownBy(layout::list).isInstanceOf(IOException.class)
                .hasMessageContaining("400 of 400 images")
                .hasMessageContaining("200 of 200 samples incomplete")
                .hasMessageContaining("rain/X2/norain-1x2.png")
                .hasMessageContaining(root.toString());
    }

    @Test
    void partialCopiesListWhatIsThereWithSkip() throws IOException {
        Files.createDirectories(root.resolve("rain/X2"));
        Files.createDirectories(root.resolve("norain"));
        Files.writeString(root.resolve("rain/X2/norain-1x2.png"), "x");
        Files.writeString(root.resolve("norain/norain-1.png"), "x");
        UvtJson strict = new UvtJson(new DataRoot(root), json("Rain100L_test_data.json"), 'A', 'B', false);
        assertThatThrownBy(strict::list).hasMessageContaining("398 of 400 images").hasMessageContaining("199 of 200 samples");
        UvtJson skip = new UvtJson(new DataRoot(root), json("Rain100L_test_data.json"), 'A', 'B', true);
        assertThat(skip.list()).hasSize(1);
    }
}
