package org.eibench.tasks.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The two seed hashes are pinned: every recorded input and subset depends on their exact values. */
class SampleSeedsTest {

    // the values the bundled tasks' degraded inputs and every recorded --limit subset and shard were made with
    static final long FOR_SAMPLE_0 = 7126904588818991572L;
    static final long FOR_SAMPLE_7 = -3907227227079953574L;
    static final long RANK_0 = 4961775602161512185L;
    static final long RANK_SHARD = 952085397640172183L;

    @Test
    void forSampleIsPinned() {
        assertThat(SampleSeeds.forSample(0, "kodim01")).isEqualTo(FOR_SAMPLE_0);
        assertThat(SampleSeeds.forSample(7, "baby")).isEqualTo(FOR_SAMPLE_7);
    }

    @Test
    void rankIsPinned() {
        assertThat(SampleSeeds.rank(0, "kodim01")).isEqualTo(RANK_0);
        assertThat(SampleSeeds.rank(0x5EED5EEDL, "baby")).isEqualTo(RANK_SHARD);
    }

    @Test
    void theTwoAreDifferentFunctions() {
        assertThat(SampleSeeds.rank(0, "kodim01")).isNotEqualTo(SampleSeeds.forSample(0, "kodim01"));
    }
}
