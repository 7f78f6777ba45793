package org.eibench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eibench.harness.run.Compare;
import org.eibench.tasks.TaskCatalog;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI gate: a planted regression (identity + noise) is flagged; a rerun of the same model is not; a checkpoint
 * whose every sample failed regresses (coverage); runs that share no task or whose task spec changed are refused
 * (exit 2); and the report's comparison is the same computation as compare's.
 */
class CompareCommandTest {

    private static final String TASK = "denoise-set12-s25";

    @TempDir
    static Path tmp;

    static Path base;
    static Path rerun;
    static Path noisy;
    static Path broken;

    @BeforeAll
    static void runs() {
        base = run("identity", "base", TASK);
        rerun = run("identity", "rerun", TASK);
        noisy = run("test-noisy", "noisy", TASK);
        broken = run("test-broken", "broken", TASK);
    }

    private static Path run(String model, String out, String task) {
        Cli.Outcome o = Cli.run("run", "--model", model, "--task", task, "--out", tmp.resolve(out).toString(), "--no-cache",
                "--threads", "2", "--max-failures", "1.0");
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

    @Test
    void aCheckpointWhoseEverySampleFailedRegresses() throws IOException {
        assertThat(Cli.summary(broken)).contains("\"coverage\" : 0.0");
        Path junit = tmp.resolve("broken.xml");
        Cli.Outcome o = Cli.run("compare", base.toString(), broken.toString(), "--fail-on-regression", "--junit", junit.toString());
        assertThat(o.code()).as(o.out() + o.err()).isEqualTo(Main.FAILURES);
        assertThat(o.out()).containsPattern(TASK + " +coverage +1\\.0000 +0\\.0000 +-1\\.0000 .* REGRESSION")
                .contains("no samples ok in both runs").contains("1 regression(s)");
        assertThat(Files.readString(junit)).contains("<testcase classname=\"" + TASK + "\" name=\"coverage\">\n      <failure");
        // Two failed samples of twelve (test-failing fails ids ending in 2: 02 and 12) are a regression too, coverage
        // 1 -> 10/12, although the other ten score exactly as before; a tolerance of 2/12 = 0.1667 or more accepts it.
        Path failing = run("test-failing", "failing", TASK);
        Cli.Outcome partial = Cli.run("compare", base.toString(), failing.toString(), "--fail-on-regression");
        assertThat(partial.code()).isEqualTo(Main.FAILURES);
        assertThat(partial.out()).containsPattern("coverage +1\\.0000 +0\\.83333 +-0\\.16667 .* REGRESSION").contains("1 regression(s)");
        assertThat(Cli.run("compare", base.toString(), failing.toString(), "--fail-on-regression", "--tolerance", "coverage=0.16")
                .code()).isEqualTo(Main.FAILURES);
        assertThat(Cli.run("compare", base.toString(), failing.toString(), "--fail-on-regression", "--tolerance", "coverage=0.17")
                .code()).isZero();
    }

    @Test
    void runsThatShareNoTaskAreRefused() throws IOException {
        Path other = run("identity", "other", "sr-set5-x4");
        Cli.Outcome o = Cli.run("compare", base.toString(), other.toString(), "--fail-on-regression");
        assertThat(o.code()).as(o.out() + o.err()).isEqualTo(Main.USAGE);
        assertThat(o.err()).contains("share no task").contains(TASK).contains("sr-set5-x4");
        assertThat(Cli.run("compare", base.toString(), other.toString()).code()).isEqualTo(Main.USAGE);
        // The report says the same in the comparison's place, and shows no row it could not compute.
        Path report = tmp.resolve("report-other");
        assertThat(Cli.run("report", base.toString(), other.toString(), "--out", report.toString()).code()).isZero();
        assertThat(report.resolve("index.html")).content().contains("not compared: BASE and NEW share no task");
        assertThat(Files.readAllLines(report.resolve("tables/comparison.csv"))).hasSize(1);
    }

    @Test
    void aChangedSpecIsRefusedUnlessAllowed() throws IOException {
        Path changed = tmp.resolve("changed");
        copyTree(rerun, changed);
        Path runJson = changed.resolve("run.json");
        Files.writeString(runJson, Files.readString(runJson).replaceAll("\"spec_sha256\" : \"[0-9a-f]{64}\"",
                "\"spec_sha256\" : \"" + "0".repeat(64) + "\""));
        Cli.Outcome o = Cli.run("compare", base.toString(), changed.toString(), "--fail-on-regression");
        assertThat(o.code()).as(o.out() + o.err()).isEqualTo(Main.USAGE);
        assertThat(o.err()).contains("the spec of " + TASK + " differs between BASE and NEW", "--allow-spec-change");
        Cli.Outcome allowed = Cli.run("compare", base.toString(), changed.toString(), "--fail-on-regression", "--allow-spec-change");
        assertThat(allowed.code()).as(allowed.out() + allowed.err()).isZero();
        assertThat(allowed.out()).contains("spec changed between the runs");
    }

    /**
     * The report's comparison and compare are one computation: every row of comparison.csv has compare's values,
     * interval, Holm-adjusted p and verdict, to the last bit, and compare's printed table shows the same numbers.
     */
    @Test
    void theReportAndCompareAgree() throws Exception {
        Path report = tmp.resolve("report");
        Cli.Outcome r = Cli.run("report", base.toString(), noisy.toString(), "--out", report.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Compare.Result engine = Compare.standard(java.util.Map.of()).compare(base, noisy, new TaskCatalog(Cli.data()));
        List<String> csv = Files.readAllLines(report.resolve("tables/comparison.csv"));
        List<String> head = List.of(csv.get(0).split(","));
        assertThat(csv).hasSize(1 + engine.rows().size());
        Cli.Outcome cmp = Cli.run("compare", base.toString(), noisy.toString());
        for (int i = 0; i < engine.rows().size(); i++) {
            Compare.Row e = engine.rows().get(i);
            String[] f = csv.get(i + 1).split(",", -1);
            assertThat(f[head.indexOf("task")] + "/" + f[head.indexOf("metric")]).isEqualTo(e.task() + "/" + e.metric());
            for (String[] col : new String[][] {{"baseline_value", "base"}, {"candidate_value", "next"}, {"diff", "diff"},
                    {"ci95_lo", "lo"}, {"ci95_hi", "hi"}, {"p_holm", "pHolm"}}) {
                double expected = switch (col[1]) {
                    case "base" -> e.base();
                    case "next" -> e.next();
                    case "diff" -> e.diff();
                    case "lo" -> e.lo();
                    case "hi" -> e.hi();
                    default -> e.pHolm();
                };
                String cell = f[head.indexOf(col[0])];
                if (Double.isNaN(expected)) {
                    assertThat(cell).as(col[0]).isEmpty();
                } else {
                    assertThat(Double.parseDouble(cell)).as(e.metric() + " " + col[0]).isEqualTo(expected);
                }
            }
            assertThat(f[head.indexOf("verdict")]).isEqualTo(e.verdict().name().toLowerCase(java.util.Locale.ROOT));
            assertThat(cmp.out()).contains(Compare.num(e.diff()));
        }
        assertThat(engine.rows()).extracting(Compare.Row::metric).containsExactly("coverage", "psnr", "ssim");
        assertThat(cmp.out()).contains("family of 2 metric test(s)", "1000 resamples, seed 0");
        assertThat(Files.readString(report.resolve("tables/comparison.md"))).contains("family of 2 tests, 1000 resamples, seed 0");
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    @Test
    void junitXmlIsWellFormedWithEveryVerdictIntact() throws Exception {
        // A p-value below the bootstrap's resolution prints as "<0.001", and notes may hold any text: all must survive.
        String note = "spec \"v2\" & <new> decoder";
        List<Compare.Row> rows = List.of(
                new Compare.Row("task-a", "psnr", true, 30, 29, -1, -1.5, -0.5, 0.0001, 0.0002, 12, 0, Compare.Verdict.REGRESSION, note),
                new Compare.Row("task-a", "ssim", true, 0.9, 0.9, 0, 0, 0, 1, 1, 12, 0, Compare.Verdict.SAME, ""),
                new Compare.Row("task-b", Compare.COVERAGE, true, 1, 1, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 5, 0,
                        Compare.Verdict.SAME, ""));
        Path file = tmp.resolve("xml/verdicts.xml");
        CompareCommand.writeJunit(file, rows);
        assertThat(Files.readString(file)).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites ");

        org.w3c.dom.Document doc = javax.xml.parsers.DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder()
                .parse(file.toFile());
        org.w3c.dom.Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttribute("tests")).isEqualTo("3");
        assertThat(root.getAttribute("failures")).isEqualTo("1");
        org.w3c.dom.NodeList suites = doc.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(2);
        org.w3c.dom.Element a = (org.w3c.dom.Element) suites.item(0);
        assertThat(a.getAttribute("name")).isEqualTo("eibench.compare.task-a");
        assertThat(a.getAttribute("tests")).isEqualTo("2");
        assertThat(a.getAttribute("failures")).isEqualTo("1");
        org.w3c.dom.NodeList cases = doc.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(3);
        org.w3c.dom.Element psnr = (org.w3c.dom.Element) cases.item(0);
        assertThat(psnr.getAttribute("classname")).isEqualTo("task-a");
        assertThat(psnr.getAttribute("name")).isEqualTo("psnr");
        org.w3c.dom.Element failure = (org.w3c.dom.Element) psnr.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("regression");
        assertThat(failure.getAttribute("message")).isEqualTo(failure.getTextContent())
                .startsWith("psnr: base 30").contains("p (Holm) <0.001", "REGRESSION (" + note + ")");
        org.w3c.dom.Element coverage = (org.w3c.dom.Element) cases.item(2);
        assertThat(coverage.getElementsByTagName("failure").getLength()).isZero();
        assertThat(coverage.getElementsByTagName("system-out").item(0).getTextContent()).startsWith("coverage: base 1").endsWith("same");
    }
}
