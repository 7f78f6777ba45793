package org.eibench.harness.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eibench.tasks.TaskCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in registry against the task catalog and against each release's own layout: fed a tree of empty files
 * named as the release names them, the layout rules must produce exactly the files UVT's evaluation JSONs list.
 */
class RegistryTest {

    static final Path DATA = Path.of(System.getProperty("eibench.repo.root", "..")).toAbsolutePath().normalize().resolve("data");
    static final Registry REGISTRY = Registry.builtIn(DATA);

    @TempDir
    Path tmp;

    @Test
    void everyPaperDatasetAndClassicSetIsThere() {
        assertThat(REGISTRY.all()).extracting(Dataset::name)
                .contains("nyuv2", "ade20k", "rain100l", "sots", "lolv2", "udc-toled", "udc-poled", "bsds500", "set5",
                        "set14", "kodak");
    }

    @Test
    void everyDataRootOfTheCatalogHasADatasetThatFeedsItsTasks() throws IOException {
        Pattern root = Pattern.compile("\\$\\{EIBENCH_ROOT_([A-Z0-9_]+)}");
        List<String> ids = new ArrayList<>();
        try (InputStream in = TaskCatalog.class.getResourceAsStream("catalog/index.txt")) {
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!l.isBlank()) {
                    ids.add(l.trim());
                }
            }
        }
        Set<String> checked = new TreeSet<>();
        for (String id : ids) {
            String yaml;
            try (InputStream in = TaskCatalog.class.getResourceAsStream("catalog/" + id + ".yaml")) {
                yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Matcher m = root.matcher(yaml);
            while (m.find()) {
                String variable = "EIBENCH_ROOT_" + m.group(1);
                Dataset d = REGISTRY.all().stream().filter(x -> Locations.rootVariable(x).equals(variable)).findFirst()
                        .orElseThrow(() -> new AssertionError(id + " reads " + variable + ", which no dataset feeds"));
                assertThat(d.tasks()).as("tasks of %s", d.name()).contains(id);
                checked.add(id);
            }
        }
        assertThat(checked).contains("depth-nyuv2", "normals-nyuv2", "seg-ade20k", "derain-rain100l", "dehaze-sots",
                "lowlight-lolv2", "udc-toled");
    }

    @Test
    void expectedFilesAreTheOnesTheUvtJsonsName() {
        assertThat(REGISTRY.get("nyuv2").fileCount()).isEqualTo(3 * 645);
        assertThat(REGISTRY.get("rain100l").fileCount()).isEqualTo(2 * 200);
        assertThat(REGISTRY.get("sots").fileCount()).isEqualTo(2 * 1000);
        assertThat(REGISTRY.get("lolv2").fileCount()).isEqualTo(2 * 100);
        assertThat(REGISTRY.get("udc-toled").fileCount()).isEqualTo(2 * 30);
        assertThat(REGISTRY.get("ade20k").fileCount()).isEqualTo(2 * 2000);
        assertThat(named(REGISTRY.get("rain100l"))).contains("rain/X2/norain-1x2.png", "norain/norain-200.png");
    }

    @Test
    void ade20kFromTheChallengeZip() throws Exception {
        Dataset d = REGISTRY.get("ade20k");
        List<String> release = new ArrayList<>();
        for (int i = 1; i <= 2000; i++) {
            release.add(String.format("ADEChallengeData2016/images/validation/ADE_val_%08d.jpg", i));
            release.add(String.format("ADEChallengeData2016/annotations/validation/ADE_val_%08d.png", i));
        }
        release.add("ADEChallengeData2016/images/training/ADE_train_00000001.jpg");
        release.add("ADEChallengeData2016/sceneCategories.txt");
        assertThat(d.keeps("ADEChallengeData2016/images/training/ADE_train_00000001.jpg")).isFalse();
        assertThat(d.keeps("ADEChallengeData2016/annotations/validation/ADE_val_00000001.png")).isTrue();
        assertThat(planned(d, release)).isEqualTo(new TreeSet<>(named(d)));
    }

    @Test
    void rain100lFromTheJorderTestFolder() throws Exception {
        Dataset d = REGISTRY.get("rain100l");
        List<String> release = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            release.add("rain_data_test_Light/rain/X2/norain-" + i + "x2.png");
            release.add("rain_data_test_Light/norain/norain-" + i + ".png");
        }
        assertThat(planned(d, release)).isEqualTo(new TreeSet<>(named(d)));
    }

    @Test
    void sotsFromResideIndoorAndOutdoor() throws Exception {
        Dataset d = REGISTRY.get("sots");
        List<String> release = new ArrayList<>();
        Set<String> gts = new LinkedHashSet<>();
        for (String f : named(d)) {
            if (f.startsWith("haze/")) {
                String name = f.substring("haze/".length());
                String part = name.endsWith(".png") ? "indoor" : "outdoor";
                release.add("SOTS/" + part + "/hazy/" + name);
                gts.add("SOTS/" + part + "/gt/" + name.substring(0, name.indexOf('_')) + ".png");
            }
        }
        release.addAll(gts);
        Path root = tree(release);
        Placer.Plan plan = Placer.plan(d, root);
        assertThat(plan.targets().keySet()).isEqualTo(new TreeSet<>(named(d)));
        assertThat(root.relativize(plan.targets().get("nohaze/0001_0.8_0.2.jpg")).toString()).isEqualTo("SOTS/outdoor/gt/0001.png");
        assertThat(root.relativize(plan.targets().get("nohaze/1400_1.png")).toString()).isEqualTo("SOTS/indoor/gt/1400.png");
    }

    @Test
    void lolv2FromEitherRelease() throws Exception {
        Dataset d = REGISTRY.get("lolv2");
        List<String> drbn = new ArrayList<>();
        List<String> v2 = new ArrayList<>();
        for (int i = 690; i <= 789; i++) {
            drbn.add(String.format("stage2-LOL/Our_low_test/low%05d.png", i));
            drbn.add(String.format("stage2-LOL/Our_normal_test/normal%05d.png", i));
            v2.add(String.format("LOL-v2/Real_captured/Test/Low/low%05d.png", i));
            v2.add(String.format("LOL-v2/Real_captured/Test/Normal/normal%05d.png", i));
        }
        assertThat(planned(d, drbn)).isEqualTo(new TreeSet<>(named(d)));
        assertThat(planned(d, v2)).isEqualTo(new TreeSet<>(named(d)));
    }

    @Test
    void nyuv2FromBtsOfficialSplits() throws Exception {
        Dataset d = REGISTRY.get("nyuv2");
        List<String> release = new ArrayList<>();
        for (String f : named(d)) {
            Matcher m = Pattern.compile("val/rgb_(\\d{5})\\.jpg").matcher(f);
            if (m.matches()) {
                release.add("official_splits/test/kitchen/rgb_" + m.group(1) + ".jpg");
                release.add("official_splits/test/kitchen/sync_depth_" + m.group(1) + ".png");
            }
        }
        Set<String> want = new TreeSet<>(named(d));
        want.removeIf(f -> f.startsWith("val_surface/"));
        assertThat(planned(d, release)).isEqualTo(want);
    }

    @Test
    void udcAndKodak() throws Exception {
        Dataset udc = REGISTRY.get("udc-toled");
        List<String> release = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            release.add("Toled/test/display/" + i + "_display.png");
            release.add("Toled/test/gt/" + i + "_gt.png");
        }
        assertThat(planned(udc, release)).isEqualTo(new TreeSet<>(named(udc)));
        Dataset kodak = REGISTRY.get("kodak");
        List<String> files = new ArrayList<>();
        kodak.sources().forEach(s -> files.add(s.file()));
        assertThat(planned(kodak, files)).isEqualTo(new TreeSet<>(named(kodak)));
    }

    private static List<String> named(Dataset d) {
        List<String> out = new ArrayList<>();
        for (ExpectedFiles g : d.expect()) {
            out.addAll(((ExpectedFiles.Named) g).files());
        }
        return out;
    }

    private Set<String> planned(Dataset d, List<String> release) throws Exception {
        return new TreeSet<>(Placer.plan(d, tree(release)).targets().keySet());
    }

    private Path tree(List<String> files) throws IOException {
        Path root = Files.createTempDirectory(tmp, "release");
        for (String f : files) {
            Path p = root.resolve(f);
            Files.createDirectories(p.getParent());
            Files.createFile(p);
        }
        return root;
    }
}
