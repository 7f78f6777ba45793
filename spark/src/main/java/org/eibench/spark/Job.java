package org.eibench.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eibench.harness.run.Engine;
import org.eibench.harness.run.PredictionPng;
import org.eibench.harness.run.RunSettings;

/**
 * What an executor needs to run a model's samples, by value (paths as strings: {@link Path} is not serializable):
 * where the data and task specs are, the model spec, and the run settings that shape requests and lines. Paths must be
 * visible to every node (a shared file system, or the same layout on each).
 */
record Job(String dataDir, Map<String, String> dataRoots, Map<String, String> evaluators, List<String> taskSources,
           String modelSpec, Settings settings) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The part of {@link RunSettings} an executor uses (the plan and the shard are the driver's). */
    record Settings(int loaderThreads, int scoreThreads, Integer batchSize, long seed, long subsetSeed,
                    HashMap<String, Object> generationParams, String predictionPng) implements Serializable {
        private static final long serialVersionUID = 1L;

        static Settings of(RunSettings s) {
            return new Settings(s.loaderThreads(), s.scoreThreads(), s.batchSize(), s.seed(), s.subsetSeed(),
                    new HashMap<>(s.generationParams()), s.predictionPng().name());
        }

        RunSettings toRunSettings() {
            return RunSettings.builder().threads(loaderThreads, scoreThreads).batchSize(batchSize).seed(seed)
                    .subsetSeed(subsetSeed).generationParams(generationParams)
                    .predictionPng(PredictionPng.Compression.valueOf(predictionPng)).build();
        }
    }

    static Job of(Engine.Setup setup, String modelSpec, RunSettings settings) {
        return new Job(setup.dataDir().toString(), strings(setup.dataRoots()), strings(setup.evaluators()),
                new ArrayList<>(setup.taskSources()), modelSpec, Settings.of(settings));
    }

    private static Map<String, String> strings(Map<String, Path> paths) {
        Map<String, String> out = new LinkedHashMap<>();
        paths.forEach((k, v) -> out.put(k, v.toString()));
        return out;
    }

    /** Where the tasks come from: the same job for every model shares one loaded catalog per executor. */
    String tasksKey() {
        return dataDir + "|" + dataRoots + "|" + evaluators + "|" + taskSources;
    }
}
