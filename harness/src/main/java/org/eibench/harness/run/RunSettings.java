package org.eibench.harness.run;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How a run is made: what decides its results (seed, subset, shard, generation parameters; these go into the
 * {@link RunIdentity}) and how fast it goes (threads, batch size, PNG compression; these do not). Made through
 * {@link #builder()}, or {@link #toBuilder()} to change some of an existing run's.
 *
 * @param batchSize     largest batch sent to the model (null: the model's own maximum); never above the model's
 * @param seed          generation seed, sent with every request
 * @param subsetSeed    seed of the {@code --limit} subset; kept apart from {@code seed} so runs of several seeds
 *                      score the same samples
 * @param shard         this run's shard, or null
 * @param predictionPng how saved predictions are compressed (same pixels either way; not part of the identity)
 * @param copyPredictions keep a copy of each prediction file that was scored (a predictions folder) instead of a hard
 *                      link to it where the file system allows one (same bytes either way; not part of the identity)
 */
public record RunSettings(int loaderThreads, int scoreThreads, Integer batchSize, long seed, long subsetSeed,
                          Integer limit, Plan.Shard shard, Map<String, Object> generationParams,
                          PredictionPng.Compression predictionPng, boolean copyPredictions) {

    public RunSettings {
        loaderThreads = Math.max(1, loaderThreads);
        scoreThreads = Math.max(1, scoreThreads);
        generationParams = generationParams == null ? Map.of() : Map.copyOf(generationParams);
        predictionPng = predictionPng == null ? PredictionPng.Compression.SMALL : predictionPng;
    }

    /** Threads as {@link Builder#threads} defaults them; everything else unset (seed 0, no limit, no shard). */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.loaderThreads = loaderThreads;
        b.scoreThreads = scoreThreads;
        b.batchSize = batchSize;
        b.seed = seed;
        b.subsetSeed = subsetSeed;
        b.limit = limit;
        b.shard = shard;
        b.generationParams = generationParams;
        b.predictionPng = predictionPng;
        b.copyPredictions = copyPredictions;
        return b;
    }

    /** The shard as run.json records it: {@code i/N}, or {@code all}. */
    public String shardName() {
        return shard == null ? "all" : shard.toString();
    }

    /** run.json's {@code settings}; {@link RunFiles#settings} reads it back. */
    ObjectNode toJson() {
        ObjectNode s = Json.PRETTY.createObjectNode();
        s.put("seed", seed);
        s.put("subset_seed", subsetSeed);
        if (limit != null) {
            s.put("limit", limit);
        }
        s.put("shard", shardName());
        s.set("generation_params", Json.PRETTY.valueToTree(new TreeMap<>(generationParams)));
        s.put("loader_threads", loaderThreads);
        s.put("score_threads", scoreThreads);
        s.put("prediction_png", predictionPng.name().toLowerCase(Locale.ROOT));
        s.put("prediction_files", copyPredictions ? "copy" : "link");
        if (batchSize != null) {
            s.put("batch_size", batchSize);
        }
        return s;
    }

    public static final class Builder {
        private int loaderThreads = defaultThreads();
        private int scoreThreads = loaderThreads;
        private Integer batchSize;
        private long seed;
        private long subsetSeed;
        private Integer limit;
        private Plan.Shard shard;
        private Map<String, Object> generationParams = Map.of();
        private PredictionPng.Compression predictionPng;
        private boolean copyPredictions;

        private Builder() {
        }

        /** min(4, cores), as the --threads help of run and score says. */
        private static int defaultThreads() {
            return Math.min(4, Math.max(1, Runtime.getRuntime().availableProcessors()));
        }

        /** Loader and scorer threads; a null leaves that one as it is (the default: min(4, cores)). */
        public Builder threads(Integer loaders, Integer scorers) {
            if (loaders != null) {
                loaderThreads = loaders;
            }
            if (scorers != null) {
                scoreThreads = scorers;
            }
            return this;
        }

        public Builder batchSize(Integer n) {
            batchSize = n;
            return this;
        }

        public Builder seed(long s) {
            seed = s;
            return this;
        }

        public Builder subsetSeed(long s) {
            subsetSeed = s;
            return this;
        }

        public Builder limit(Integer n) {
            limit = n;
            return this;
        }

        public Builder shard(Plan.Shard s) {
            shard = s;
            return this;
        }

        public Builder generationParams(Map<String, Object> params) {
            generationParams = params;
            return this;
        }

        public Builder predictionPng(PredictionPng.Compression c) {
            predictionPng = c;
            return this;
        }

        /** Copies instead of hard links for prediction files that were scored (see {@link RunSettings}). */
        public Builder copyPredictions(boolean copy) {
            copyPredictions = copy;
            return this;
        }

        public RunSettings build() {
            return new RunSettings(loaderThreads, scoreThreads, batchSize, seed, subsetSeed, limit, shard,
                    generationParams, predictionPng, copyPredictions);
        }
    }
}
