package org.eibench.tasks.data;

import java.nio.charset.StandardCharsets;

/**
 * The two hashes of (seed, sample id) that make EIBench's per-sample randomness independent of order, sharding and
 * threads. They are different functions, and both stay as they are: {@link #forSample} seeds every degradation's
 * random stream (so the degraded inputs, and every score on them, depend on its exact bits) and {@link #rank} picks a
 * run's {@code --limit} subset and its shards (so which samples a recorded run scored depends on its exact bits).
 * Merging them into one would change either the inputs or the subsets of every existing run.
 */
public final class SampleSeeds {

    private SampleSeeds() {
    }

    /**
     * The seed of a sample's random stream: FNV-1a over the id's UTF-8 bytes, XOR the task seed times the 64-bit golden
     * ratio. No final avalanche: {@link java.util.SplittableRandom} mixes its seed itself.
     */
    public static long forSample(long seed, String sampleId) {
        long h = 0xcbf29ce484222325L;
        for (byte b : sampleId.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h ^ (seed * 0x9E3779B97F4A7C15L);
    }

    /**
     * A sample's place in a seeded order: FNV-1a over the id's UTF-16 chars, started from the seed, then MurmurHash3's
     * 64-bit finaliser, so that nearby ids and seeds spread over the whole range (the value is compared and taken
     * modulo a shard count directly). Stable across JVMs and versions.
     */
    public static long rank(long seed, String id) {
        long h = 0xcbf29ce484222325L ^ (seed * 0x9E3779B97F4A7C15L);
        for (int i = 0; i < id.length(); i++) {
            h = (h ^ id.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
