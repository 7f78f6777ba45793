package org.eibench.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.eibench.tasks.data.SampleRef;
import org.junit.jupiter.api.Test;

/** instruction_mode each: one sample per instruction, the index and style recorded, ids distinct. */
class InstructionModeTest {

    static Task task(String mode) throws Exception {
        String yaml = """
                format: eibench/task@1
                id: seg-modes
                version: 1
                split: seen
                zero_shot: instruction
                kind: segmentation
                data: {root: "${EIBENCH_DATA}/segmentation/voc2012", layout: paired-folders, input: ., input_suffix: _image, target: ., target_suffix: _label}
                instructions:
                  - "Paint every object in its VOC colour."
                  - {text: "Colour each thing by its class.", style: paraphrase}
                  - {text: "Semantic segmentation.", style: terminological}
                instruction_mode: %s
                decoder: {type: palette}
                metrics: [{name: miou, classes: voc}]
                """.formatted(mode);
        Path data = TestData.dir();
        return TaskFiles.parse(yaml.getBytes(StandardCharsets.UTF_8), "t", null, data);
    }

    @Test
    void eachMultipliesSamplesByInstruction() throws Exception {
        Task t = task("each");
        List<SampleRef> refs = t.samples();
        assertThat(refs).hasSize(7 * 3);
        assertThat(refs).extracting(SampleRef::id).contains("0@i0", "0@i1", "0@i2").doesNotHaveDuplicates();
        SampleRef term = refs.stream().filter(r -> r.id().equals("114@i2")).findFirst().orElseThrow();
        assertThat(term.instructionStyle()).isEqualTo("terminological");
        assertThat(term.instructionIndex()).isEqualTo(2);
        Sample s = t.load(term);
        assertThat(s.instruction()).isEqualTo("Semantic segmentation.");
        assertThat(s.instructionStyle()).isEqualTo("terminological");
        assertThat(s.instructionIndex()).isEqualTo(2);
        assertThat(t.spec().instructions()).hasSize(3);
    }

    @Test
    void firstAndRandomKeepOneSamplePerImage() throws Exception {
        assertThat(task("first").samples()).hasSize(7).allSatisfy(r -> assertThat(r.instructionIndex()).isZero());
        List<SampleRef> random = task("random").samples();
        assertThat(random).hasSize(7);
        assertThat(random).isEqualTo(task("random").samples());
        assertThat(random).extracting(SampleRef::instructionIndex).containsAnyOf(1, 2);
    }
}
