package org.eibench.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TableFormatsTest {

    @Test
    void countsTakeTheNounInTheRightNumber() {
        assertThat(TableFormats.count(1, "task")).isEqualTo("1 task");
        assertThat(TableFormats.count(0, "task")).isEqualTo("0 tasks");
        assertThat(TableFormats.count(11, "run")).isEqualTo("11 runs");
        assertThat(TableFormats.count(1, "class")).isEqualTo("1 class");
        assertThat(TableFormats.count(150, "class")).isEqualTo("150 classes");
    }
}
