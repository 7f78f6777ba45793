package org.eibench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged images in a real process: the per-sample reasons say what is wrong, and no raw "libpng error" line from the
 * native decoder reaches stderr beside them.
 */
class CorruptImageStderrTest {

    @TempDir
    Path tmp;

    @Test
    void truncatedAndDamagedPredictionsFailWithOurReasonsOnly() throws Exception {
        Path predictions = Files.createDirectories(tmp.resolve("predictions"));
        Path set5 = SharedData.dir().resolve("sr").resolve("Set5");
        for (String id : new String[] {"baby", "bird", "butterfly", "head", "woman"}) {
            Files.copy(set5.resolve("HR").resolve(id + ".png"), predictions.resolve(id + ".png"));
        }
        byte[] baby = Files.readAllBytes(predictions.resolve("baby.png"));
        Files.write(predictions.resolve("baby.png"), Arrays.copyOf(baby, 3000));
        byte[] bird = Files.readAllBytes(predictions.resolve("bird.png"));
        bird[bird.length / 2] ^= 0x55;
        Files.write(predictions.resolve("bird.png"), bird);

        Path err = tmp.resolve("stderr.txt");
        Process p = EibenchProcess.builder(tmp.resolve("stdout.txt"), err, "score", "--task", "sr-set5-x4",
                "--predictions", predictions.toString(), "--out", tmp.resolve("scored").toString()).start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        String text = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isEqualTo(1);
        assertThat(text).contains("sr-set5-x4/baby", "truncated PNG", "sr-set5-x4/bird", "damaged PNG")
                .doesNotContain("libpng");
        // The reason names the file once.
        assertThat(text).contains("[model] cannot read prediction " + predictions.resolve("baby.png") + ": truncated PNG");
    }
}
