package org.eibench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eibench data} from the command line, and a paper task run end to end on a copy laid out by it (a stand-in
 * for Rain100L with the release's own names: tiny images, real layout).
 */
class DataCommandTest {

    @TempDir
    Path tmp;

    private String savedHome;

    @BeforeEach
    void privateDatasetsFolder() {
        // Trust-on-first-use records and default folders go here, never to the user's ~/.cache.
        savedHome = System.getProperty("eibench.datasets");
        System.setProperty("eibench.datasets", tmp.resolve("datasets").toString());
    }

    @AfterEach
    void restore() {
        if (savedHome == null) {
            System.clearProperty("eibench.datasets");
        } else {
            System.setProperty("eibench.datasets", savedHome);
        }
    }

    @Test
    void listNamesEveryPaperDatasetWithItsRootSizeAndLicence() {
        Cli.Outcome r = Cli.run("data", "list");
        assertThat(r.code()).isZero();
        for (String name : new String[] {"nyuv2", "ade20k", "rain100l", "sots", "lolv2", "udc-toled", "udc-poled",
                "bsds500", "set5", "set14", "kodak"}) {
            assertThat(r.out()).contains("\n" + name + "  ");
        }
        assertThat(r.out()).contains("--data-root nyuv2=DIR  feeds: depth-nyuv2, normals-nyuv2")
                .contains("--data-root udc=DIR  feeds: udc-toled")
                .contains("967.4 MB, 1 file over HTTP, SHA-256 in the registry")
                .contains("files: 4000   local copy: absent")
                .contains("licence: ").contains("homepage: http://sceneparsing.csail.mit.edu/");
    }

    @Test
    void anUnknownDatasetIsAUsageError() {
        Cli.Outcome r = Cli.run("data", "fetch", "nyu");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown dataset 'nyu'").contains("nyuv2");
    }

    @Test
    void aBrowserOnlySourceGetsTheUrlAndTheFolder() {
        Path dir = tmp.resolve("sots");
        Cli.Outcome r = Cli.run("data", "fetch", "sots", "--dir", dir.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("Open https://sites.google.com/view/reside-dehaze-datasets/reside-standard")
                .contains("eibench data fetch sots --from DOWNLOADED_FILE_OR_FOLDER --dir " + dir)
                .contains("haze/*  (1000 files)")
                .contains("eibench data verify sots --dir " + dir);
        assertThat(dir).doesNotExist();
    }

    @Test
    void rain100lFromABrowserDownloadIsLaidOutVerifiedAndRun() throws Exception {
        Path zip = fakeRain100l(tmp.resolve("rain_data_test_Light.zip"));
        Path dir = tmp.resolve("rain100l");

        Cli.Outcome fetch = Cli.run("data", "fetch", "rain100l", "--from", zip.toString(), "--dir", dir.toString());
        assertThat(fetch.code()).as(fetch.err()).isZero();
        assertThat(fetch.out()).contains("TRUSTED ON FIRST USE").contains("laid out 400 files")
                .contains("--data-root rain100l=" + dir);
        assertThat(dir.resolve("rain/X2/norain-17x2.png")).exists();

        Cli.Outcome verify = Cli.run("data", "verify", "rain100l", "--dir", dir.toString());
        assertThat(verify.code()).isZero();
        assertThat(verify.out()).contains("rain/X2/*.png").contains("200 of 200").contains("NOT confirmed to be the canonical release");
        assertThat(Cli.run("data", "verify", "rain100l", "--dir", dir.toString(), "--strict").code()).isEqualTo(1);

        Path out = tmp.resolve("run");
        Cli.Outcome run = Cli.run("run", "--task", "derain-rain100l", "--data-root", "rain100l=" + dir, "--model", "identity",
                "--limit", "3", "--out", out.toString(), "--no-cache");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode task = new ObjectMapper().readTree(out.resolve("identity/summary.json").toFile()).path("tasks").path("derain-rain100l");
        assertThat(task.path("n").asInt()).isEqualTo(3);
        assertThat(task.path("metrics").path("psnr").path("value").asDouble()).isBetween(1.0, 100.0);

        Files.delete(dir.resolve("norain/norain-5.png"));
        Cli.Outcome broken = Cli.run("data", "verify", "rain100l", "--dir", dir.toString());
        assertThat(broken.code()).isEqualTo(1);
        assertThat(broken.out()).contains("INCOMPLETE").contains("norain/norain-5.png").contains("derain-rain100l cannot run");
    }

    /** 200 pairs of 16x16 images named as the JORDER release names them, zipped as a browser download would be. */
    private static Path fakeRain100l(Path zip) throws IOException {
        try (OutputStream raw = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(raw)) {
            for (int i = 1; i <= 200; i++) {
                put(z, "rain_data_test_Light/rain/X2/norain-" + i + "x2.png", image(i, 60));
                put(z, "rain_data_test_Light/norain/norain-" + i + ".png", image(i, 0));
            }
        }
        return zip;
    }

    private static BufferedImage image(int seed, int rain) {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                int v = (seed * 7 + x * 13 + y * 29) % 200 + (x == y ? rain : 0);
                img.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        return img;
    }

    private static void put(ZipOutputStream z, String name, BufferedImage img) throws IOException {
        z.putNextEntry(new ZipEntry(name));
        ImageIO.write(img, "png", z);
        z.closeEntry();
    }
}
