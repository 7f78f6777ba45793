package org.eibench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CI gate: a planted regression (identity + noise) is flagged; a rerun of the same model is not. */
class CompareCommandTest {

    private static final String TASK = "denoise-set12-s25";

    @TempDir
    static Path tmp;

    static Path base;
    static Path rerun;
    static Path noisy;

    @BeforeAll
    static void runs() {
        base = run("identity", "base");
        rerun = run("identity", "rerun");
        noisy = run("test-noisy", "noisy");
    }

    private static Path run(String model, String out) {
        Cli.Outcome o = Cli.run("run", "--model", model, "--task", TASK, "--out", tmp.resolve(out).toString(), "--no-cache",
                "--threads", "2");
        assertThat(o.code()).as(o.err()).isZero();
        return tmp.resolve(out).resolve(model);
    }

    @Test
    void aRerunOfTheSameModelIsQuiet() throws IOException {
        Path junit = tmp.resolve("same.xml");
        Cli.Outcome o = Cli.run("compare", base.toString(), rerun.toString(), "--fail-on-regression", "--junit", junit.toString());
        assertThat(o.code()).as(o.out() + o.err()).isZero();
        assertThat(o.out()).contains("0 regression(s)").contains("psnr").contains("ssim");
        assertThat(Files.readString(junit)).contains("<testcase classname=\"" + TASK + "\" name=\"psnr\"").doesNotContain("<failure");
    }

    @Test
    void aPlantedRegressionIsFlagged() throws IOException {
        Path junit = tmp.resolve("worse.xml");
        Cli.Outcome o = Cli.run("compare", base.toString(), noisy.toString(), "--fail-on-regression", "--junit", junit.toString());
        assertThat(o.code()).as(o.out() + o.err()).isEqualTo(Main.FAILURES);
        assertThat(o.out()).contains("REGRESSION");
        assertThat(Files.readString(junit)).contains("failures=\"2\"").contains("<failure type=\"regression\"");
        // Without the flag it reports but passes.
        assertThat(Cli.run("compare", base.toString(), noisy.toString()).code()).isZero();
        // The other way round it is an improvement.
        Cli.Outcome better = Cli.run("compare", noisy.toString(), base.toString(), "--fail-on-regression");
        assertThat(better.code()).isZero();
        assertThat(better.out()).contains("improved");
    }

    @Test
    void aLargeToleranceAcceptsTheChange() {
        Cli.Outcome o = Cli.run("compare", base.toString(), noisy.toString(), "--fail-on-regression",
                "--tolerance", "psnr=50,ssim=1");
        assertThat(o.code()).as(o.out()).isZero();
        assertThat(o.out()).contains("within tolerance");
        assertThat(Cli.run("compare", base.toString(), noisy.toString(), "--tolerance", "psnr").code()).isEqualTo(Main.USAGE);
    }
}
