package org.eibench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    @TempDir
    Path tmp;

    @Test
    void writesTheReportOfARunDirectory() throws Exception {
        Path run = tmp.resolve("runs/identity");
        Files.createDirectories(run.resolve("samples"));
        Files.writeString(run.resolve("summary.json"), """
                {"format":"eibench/summary@1","run":{"identity":"abc","model":"identity"},
                 "tasks":{"derain-x":{"title":"Derain","split":"seen","zero_shot":"instruction","kind":"restoration",
                   "n":2,"failed":0,"metrics":{"psnr":{"value":21.5,"ci95":[21.0,22.0],"higher_is_better":true}}}}}
                """);
        Files.writeString(run.resolve("samples/derain-x.jsonl"), """
                {"id":"a","status":"ok","instruction":"Remove the rain.","metrics":{"psnr":{"values":{"psnr":21.0}}}}
                {"id":"b","status":"ok","instruction":"Remove the rain.","metrics":{"psnr":{"values":{"psnr":22.0}}}}
                """);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path report = tmp.resolve("report");
        // The parent folder of runs is accepted too, as `eibench run --out` writes one run per model below it.
        int code = Main.execute(new String[] {"report", tmp.resolve("runs").toString(), "--out", report.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Report: ").contains("index.html");
        assertThat(report.resolve("index.html")).content().contains("derain-x");
        assertThat(report.resolve("tables/results.csv")).content().contains("identity,derain-x,seen,instruction,psnr,higher,21.5");
    }

    @Test
    void aFolderWithoutRunsIsAUsageError() {
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"report", tmp.toString(), "--out", tmp.resolve("r").toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(code).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("no summary.json");
    }
}
