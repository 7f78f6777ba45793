package org.eibench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void keepLinksCopiesOrLeavesTheFileAsItIs() throws IOException {
        RunDirectory dir = new RunDirectory(tmp.resolve("run"));
        Path source = Files.write(tmp.resolve("a.png"), new byte[] {1, 2, 3});
        Path linked = dir.dir().resolve("predictions/t/a.png");
        dir.keep(linked, source, new byte[] {1, 2, 3}, true);
        assertThat(Files.isSameFile(linked, source)).isTrue();

        // Kept again over an earlier, different file (a resumed run): replaced by the link.
        Path other = Files.write(tmp.resolve("b.png"), new byte[] {4, 5});
        dir.keep(linked, other, new byte[] {4, 5}, true);
        assertThat(Files.isSameFile(linked, other)).isTrue();
        assertThat(Files.exists(linked.resolveSibling("a.png.tmp"))).isFalse();

        // Asked for a copy: the bytes, in a file of its own.
        Path copied = dir.dir().resolve("predictions/t/c.png");
        dir.keep(copied, source, new byte[] {1, 2, 3}, false);
        assertThat(Files.isSameFile(copied, source)).isFalse();
        assertThat(Files.readAllBytes(copied)).containsExactly(1, 2, 3);

        // Rescore keeps a run's own file: nothing is written, whether links are on or off.
        long modified = Files.getLastModifiedTime(copied).toMillis();
        dir.keep(copied, copied, new byte[] {9}, false);
        dir.keep(copied, copied, new byte[] {9}, true);
        assertThat(Files.readAllBytes(copied)).containsExactly(1, 2, 3);
        assertThat(Files.getLastModifiedTime(copied).toMillis()).isEqualTo(modified);

        // A link that cannot be made (here: the file is gone; elsewhere another file system) falls back to the bytes.
        Path gone = tmp.resolve("gone.png");
        Path fallback = dir.dir().resolve("predictions/t/gone.png");
        dir.keep(fallback, gone, new byte[] {7, 7}, true);
        assertThat(Files.readAllBytes(fallback)).containsExactly(7, 7);
    }
}
