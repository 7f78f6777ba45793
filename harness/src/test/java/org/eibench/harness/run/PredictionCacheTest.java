package org.eibench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionCacheTest {

    @TempDir
    Path tmp;

    private Path entry(char c, int kb, long ageSeconds) throws IOException {
        Path f = PredictionCache.entry(tmp, String.valueOf(c).repeat(64));
        Files.createDirectories(f.getParent());
        Files.write(f, new byte[kb * 1024]);
        Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() - ageSeconds * 1000));
        return f;
    }

    @Test
    void trimRemovesTheLeastRecentlyUsedEntriesUntilUnderTheCap() throws IOException {
        Path oldest = entry('a', 10, 300);
        Path old = entry('b', 10, 200);
        Path recent = entry('c', 10, 100);
        PredictionCache.touch(oldest); // a hit: now the most recently used
        assertThat(PredictionCache.usage(tmp)).isEqualTo(new PredictionCache.Usage(3, 30 * 1024));

        PredictionCache.Usage removed = PredictionCache.trim(tmp, 20 * 1024);

        assertThat(removed).isEqualTo(new PredictionCache.Usage(1, 10 * 1024));
        assertThat(old).doesNotExist();
        assertThat(old.getParent()).doesNotExist();
        assertThat(oldest).exists();
        assertThat(recent).exists();
        assertThat(PredictionCache.trim(tmp, 20 * 1024).entries()).isZero();
    }

    /** A cache folder pointed at the wrong place loses nothing but cache entries. */
    @Test
    void clearRemovesOnlyCacheEntries() throws IOException {
        entry('a', 1, 0);
        entry('b', 2, 0);
        Path mine = Files.writeString(tmp.resolve("notes.txt"), "keep");
        Path nested = Files.createDirectories(tmp.resolve("ab"));
        Path lookalike = Files.writeString(nested.resolve("thesis.f32.z"), "keep");

        assertThat(PredictionCache.clear(tmp)).isEqualTo(new PredictionCache.Usage(2, 3 * 1024));

        assertThat(PredictionCache.usage(tmp)).isEqualTo(new PredictionCache.Usage(0, 0));
        assertThat(mine).exists();
        assertThat(lookalike).exists();
        assertThat(PredictionCache.clear(tmp.resolve("missing"))).isEqualTo(new PredictionCache.Usage(0, 0));
    }

    @Test
    void theDefaultFolderIsTheUsersCacheUnlessEibenchCacheSaysOtherwise() {
        assertThat(PredictionCache.defaultDir(Map.of("EIBENCH_CACHE", tmp.toString()))).isEqualTo(tmp);
        assertThat(PredictionCache.defaultDir(Map.of("XDG_CACHE_HOME", tmp.toString())))
                .isEqualTo(tmp.resolve("eibench").resolve("predictions"));
        assertThat(PredictionCache.defaultDir(Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "eibench", "predictions").toAbsolutePath());
    }
}
