package org.eibench.tasks.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

import org.eibench.imaging.ImageFiles;
import org.eibench.metrics.FloatImage;
import org.eibench.tasks.Task;
import org.eibench.tasks.TaskFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No data file leads outside its root; absurd image headers are refused before any pixel is allocated. */
class SafetyTest {

    @TempDir
    Path dir;

    private Task manifestTask(String lines) throws Exception {
        Path root = dir.resolve("ds");
        Files.createDirectories(root);
        Files.writeString(root.resolve("manifest.jsonl"), lines);
        Path yaml = dir.resolve("t.yaml");
        Files.writeString(yaml, """
                format: eibench/task@1
                id: t
                version: 1
                split: held-out
                zero_shot: task
                kind: restoration
                data: {root: ds, layout: manifest-jsonl, file: manifest.jsonl}
                instructions: ["x"]
                decoder: {type: rgb}
                metrics: [{name: psnr}]
                """);
        return TaskFiles.load(yaml, dir);
    }

    @Test
    void dotDotEscapeIsRefused() throws Exception {
        Task t = manifestTask("{\"id\": \"a\", \"input\": \"../../etc/passwd\", \"target\": \"x.png\"}\n");
        assertThatThrownBy(t::samples).isInstanceOf(IOException.class)
                .hasMessageContaining("manifest.jsonl:1").hasMessageContaining("'../../etc/passwd' escapes the dataset root");
    }

    @Test
    void absolutePathIsRefused() throws Exception {
        Task t = manifestTask("\n{\"id\": \"a\", \"input\": \"in.png\", \"target\": \"/etc/passwd\"}\n");
        assertThatThrownBy(t::samples).hasMessageContaining("manifest.jsonl:2").hasMessageContaining("absolute path '/etc/passwd' is not allowed");
    }

    @Test
    void symlinkOutOfTheRootIsRefused() throws Exception {
        Path outside = dir.resolve("secret.png");
        ImageFiles.writePng8(FloatImage.zeros(4, 4, 1), outside);
        Files.createDirectories(dir.resolve("ds"));
        Files.createSymbolicLink(dir.resolve("ds/link.png"), outside);
        Task t = manifestTask("{\"id\": \"a\", \"input\": \"link.png\", \"target\": \"link.png\"}\n");
        assertThatThrownBy(t::samples).hasMessageContaining("'link.png' leads outside the dataset root")
                .hasMessageContaining("symbolic link");
    }

    @Test
    void symlinkInAFolderLayoutIsRefused() throws Exception {
        Path outside = dir.resolve("secret.png");
        ImageFiles.writePng8(FloatImage.zeros(4, 4, 1), outside);
        Files.createDirectories(dir.resolve("root/imgs"));
        Files.createSymbolicLink(dir.resolve("root/imgs/a.png"), outside);
        Layout l = Layouts.create("single-folder", new DataRoot(dir.resolve("root")), org.eibench.metrics.config.Options.of(java.util.Map.of("images", "imgs")));
        assertThatThrownBy(l::list).hasMessageContaining("leads outside the dataset root");
    }

    /** A linked folder is followed like a linked file: out of the root, refused; the root itself may be a link. */
    @Test
    void symlinkedFoldersAreCheckedAndALinkedRootIsFine() throws Exception {
        Path away = dir.resolve("away");
        Files.createDirectories(away);
        ImageFiles.writePng8(FloatImage.zeros(4, 4, 1), away.resolve("a.png"));
        Files.createDirectories(dir.resolve("root2"));
        Files.createSymbolicLink(dir.resolve("root2/imgs"), away);
        Layout out = Layouts.create("single-folder", new DataRoot(dir.resolve("root2")),
                org.eibench.metrics.config.Options.of(java.util.Map.of("images", "imgs")));
        assertThatThrownBy(out::list).hasMessageContaining("'imgs").hasMessageContaining("leads outside the dataset root");
        Path linkedRoot = dir.resolve("linked-root");
        Files.createSymbolicLink(linkedRoot, dir.resolve("root3"));
        Files.createDirectories(dir.resolve("root3/imgs"));
        ImageFiles.writePng8(FloatImage.zeros(4, 4, 1), dir.resolve("root3/imgs/b.png"));
        Layout in = Layouts.create("single-folder", new DataRoot(linkedRoot),
                org.eibench.metrics.config.Options.of(java.util.Map.of("images", "imgs")));
        assertThat(in.list()).hasSize(1);
    }

    @Test
    void manifestErrorsNameFileAndLine() throws Exception {
        Task t = manifestTask("{\"id\": \"a\", \"input\": \"i.png\", \"target\": \"t.png\"}\n{\"id\": \"b\", \"target\": 3}\n");
        assertThatThrownBy(t::samples).hasMessageContaining("manifest.jsonl:2").hasMessageContaining("'target' must be a string");
        Task u = manifestTask("{\"id\": \"a\", \"inptu\": \"i.png\", \"target\": \"t.png\"}\n");
        assertThatThrownBy(u::samples).hasMessageContaining("manifest.jsonl:1").hasMessageContaining("unknown key 'inptu'");
        Task v = manifestTask("{\"id\": \"a\", \"target\": \"t.png\"\n");
        assertThatThrownBy(v::samples).hasMessageContaining("manifest.jsonl:1").hasMessageContaining("not valid JSON");
    }

    /** A valid PNG signature and IHDR chunk claiming width x height 8-bit RGB, with no pixel data behind it. */
    static byte[] pngHeader(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(8 + 25 + 12);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        b.putInt(13);
        int crcStart = b.position();
        b.put(new byte[] {'I', 'H', 'D', 'R'}).putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(b.array(), crcStart, 17);
        b.putInt((int) crc.getValue());
        b.putInt(0).put(new byte[] {'I', 'E', 'N', 'D'}).putInt(0xAE426082);
        return b.array();
    }

    @Test
    void hugeHeaderIsRefusedBeforeDecoding() throws Exception {
        Path bomb = dir.resolve("ds/bomb.png");
        Files.createDirectories(bomb.getParent());
        Files.write(bomb, pngHeader(100000, 100000));
        Runtime rt = Runtime.getRuntime();
        long before = rt.totalMemory() - rt.freeMemory();
        Task t = manifestTask("{\"id\": \"a\", \"input\": \"bomb.png\", \"target\": \"bomb.png\"}\n");
        assertThatThrownBy(() -> t.load(t.samples().get(0))).isInstanceOf(IOException.class)
                .hasMessageContaining("header claims 100000x100000 pixels");
        // 10^10 RGB pixels would be 30 GB of bytes (120 GB as floats): any attempt would have thrown OutOfMemoryError.
        long after = rt.totalMemory() - rt.freeMemory();
        assertThat(after - before).isLessThan(512L << 20);
        assertThatThrownBy(() -> Targets.labels(bomb)).hasMessageContaining("header claims 100000x100000");
        assertThatThrownBy(() -> Targets.depth(bomb, 0.001)).hasMessageContaining("header claims 100000x100000");
    }
}
