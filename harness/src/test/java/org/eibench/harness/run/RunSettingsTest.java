package org.eibench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** One builder makes and changes settings; run.json's settings read back as the settings that wrote them. */
class RunSettingsTest {

    private static RunSettings everything() {
        return RunSettings.builder().threads(3, 5).batchSize(7).seed(11).subsetSeed(13).limit(17)
                .shard(new Plan.Shard(1, 4)).generationParams(Map.of("steps", 20, "guidance", 7.5))
                .predictionPng(PredictionPng.Compression.FAST).copyPredictions(true).build();
    }

    @Test
    void theBuilderSetsEachFieldAndToBuilderChangesOnlyWhatItIsTold() {
        RunSettings s = everything();
        assertThat(s).isEqualTo(new RunSettings(3, 5, 7, 11, 13, 17, new Plan.Shard(1, 4),
                Map.of("steps", 20, "guidance", 7.5), PredictionPng.Compression.FAST, true));
        RunSettings other = s.toBuilder().seed(99).shard(null).threads(null, 1).build();
        assertThat(other).isEqualTo(new RunSettings(3, 1, 7, 99, 13, 17, null, Map.of("steps", 20, "guidance", 7.5),
                PredictionPng.Compression.FAST, true));
        assertThat(s.toBuilder().build()).isEqualTo(s);
    }

    @Test
    void defaultsAreMinOfFourAndTheCoresAndSmallPngs() {
        RunSettings d = RunSettings.builder().build();
        int t = Math.min(4, Math.max(1, Runtime.getRuntime().availableProcessors()));
        assertThat(d).isEqualTo(new RunSettings(t, t, null, 0, 0, null, null, Map.of(), PredictionPng.Compression.SMALL, false));
        assertThat(d.shardName()).isEqualTo("all");
        // At least one thread of each, whatever is asked.
        assertThat(RunSettings.builder().threads(0, -2).build()).extracting(RunSettings::loaderThreads, RunSettings::scoreThreads)
                .containsExactly(1, 1);
    }

    @Test
    void runJsonSettingsReadBackAsWritten() {
        for (RunSettings s : new RunSettings[] {everything(), RunSettings.builder().build()}) {
            ObjectNode run = Json.LINES.createObjectNode();
            run.set("settings", s.toJson());
            assertThat(RunFiles.settings(run)).isEqualTo(s);
        }
        // A run.json from before prediction_files reads as the default (rescore finds its copies in place either way).
        ObjectNode old = Json.LINES.createObjectNode();
        ObjectNode settings = RunSettings.builder().build().toJson();
        settings.remove("prediction_files");
        old.set("settings", settings);
        assertThat(RunFiles.settings(old).copyPredictions()).isFalse();
    }
}
