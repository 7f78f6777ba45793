package org.eibench.harness.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MAT reader against the bundled BSDS500 fixture: its gt_png/ID_bdryK.png files were exported from the same
 * groundTruth .mat files by other software, so every annotator's map must match pixel for pixel.
 */
class BsdsGroundTruthTest {

    static final Path BENCH = RegistryTest.DATA.resolve("edges/bsds_bench");

    @TempDir
    Path tmp;

    @Test
    void everyAnnotatorOfTheFixtureMatchesItsPngExport() throws IOException {
        List<Path> mats;
        try (Stream<Path> s = Files.list(BENCH.resolve("groundTruth_mat"))) {
            mats = s.sorted().toList();
        }
        assertThat(mats).hasSize(5);
        int compared = 0;
        for (Path mat : mats) {
            String id = mat.getFileName().toString().replace(".mat", "");
            List<BsdsGroundTruth.Map2> maps = BsdsGroundTruth.boundaries(mat);
            int annotators;
            try (Stream<Path> s = Files.list(BENCH.resolve("gt_png"))) {
                annotators = (int) s.filter(p -> p.getFileName().toString().matches(id + "_bdry\\d+\\.png")).count();
            }
            assertThat(maps).as("annotators of %s", id).hasSize(annotators);
            for (int k = 0; k < maps.size(); k++) {
                BsdsGroundTruth.Map2 m = maps.get(k);
                Raster png = ImageIO.read(BENCH.resolve("gt_png/" + id + "_bdry" + (k + 1) + ".png").toFile()).getRaster();
                assertThat(m.width()).isEqualTo(png.getWidth());
                assertThat(m.height()).isEqualTo(png.getHeight());
                int differ = 0;
                int ones = 0;
                for (int y = 0; y < m.height(); y++) {
                    for (int x = 0; x < m.width(); x++) {
                        int mine = m.values()[y * m.width() + x] != 0 ? 255 : 0;
                        ones += mine != 0 ? 1 : 0;
                        differ += mine != png.getSample(x, y, 0) ? 1 : 0;
                    }
                }
                assertThat(differ).as("%s annotator %d", id, k + 1).isZero();
                assertThat(ones).as("%s annotator %d has boundaries", id, k + 1).isPositive();
                compared++;
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(20);
    }

    @Test
    void writtenPngsAreTheExports() throws IOException {
        Path mat = BENCH.resolve("groundTruth_mat/2018.mat");
        int n = BsdsGroundTruth.writePngs(mat, tmp.resolve("gt_png/2018"));
        assertThat(n).isEqualTo(5);
        for (int k = 1; k <= n; k++) {
            BufferedImage mine = ImageIO.read(tmp.resolve("gt_png/2018_bdry" + k + ".png").toFile());
            BufferedImage theirs = ImageIO.read(BENCH.resolve("gt_png/2018_bdry" + k + ".png").toFile());
            int[] a = mine.getRaster().getPixels(0, 0, mine.getWidth(), mine.getHeight(), (int[]) null);
            int[] b = theirs.getRaster().getPixels(0, 0, theirs.getWidth(), theirs.getHeight(), (int[]) null);
            assertThat(a).isEqualTo(b);
        }
    }

    @Test
    void theBerkeleyTarballIsLaidOutAsTheBsdsLayoutReadsIt() throws Exception {
        java.util.Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (Stream<Path> s = Files.list(BENCH.resolve("groundTruth_mat"))) {
            for (Path mat : s.sorted().toList()) {
                String id = mat.getFileName().toString().replace(".mat", "");
                entries.put("BSR/BSDS500/data/images/test/" + id + ".jpg", Files.readAllBytes(BENCH.resolve("images/" + id + ".jpg")));
                entries.put("BSR/BSDS500/data/groundTruth/test/" + id + ".mat", Files.readAllBytes(mat));
            }
        }
        entries.put("BSR/documentation/Arbelaez_Maire_Fowlkes_Malik_PAMI2010.pdf", new byte[] {1});
        Path tgz = Archives.tgz(tmp.resolve("BSR_bsds500.tgz"), entries);
        Path dir = tmp.resolve("bsds500");
        java.io.StringWriter log = new java.io.StringWriter();

        Fetcher.Outcome o = new Fetcher(tmp.resolve("home"), java.util.Map.of(), new java.io.PrintWriter(log, true), null)
                .fetch(RegistryTest.REGISTRY.get("bsds500"), dir, tgz, false, false);

        assertThat(o).isEqualTo(Fetcher.Outcome.FETCHED);
        assertThat(log.toString()).contains("laid out 5 files and converted 5");
        try (Stream<Path> s = Files.list(BENCH.resolve("gt_png"))) {
            for (Path png : s.filter(p -> p.getFileName().toString().matches("\\d+_bdry\\d+\\.png")).toList()) {
                BufferedImage mine = ImageIO.read(dir.resolve("test/gt_png").resolve(png.getFileName()).toFile());
                BufferedImage theirs = ImageIO.read(png.toFile());
                assertThat(mine.getRaster().getPixels(0, 0, mine.getWidth(), mine.getHeight(), (int[]) null))
                        .as("%s", png.getFileName()).isEqualTo(theirs.getRaster().getPixels(0, 0, theirs.getWidth(), theirs.getHeight(), (int[]) null));
            }
        }
        assertThat(dir.resolve("test/images/2018.jpg")).exists();
        assertThat(dir.resolve("documentation")).doesNotExist();
    }

    @Test
    void aFileThatIsNotMatlabIsRefusedByName() throws IOException {
        Path bad = Files.write(tmp.resolve("100007.mat"), new byte[200]);
        assertThatThrownBy(() -> BsdsGroundTruth.boundaries(bad)).isInstanceOf(IOException.class).hasMessageContaining("100007.mat");
    }
}
