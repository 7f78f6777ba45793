package org.eibench.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The paper-style table: the published rows as transcribed, the × / - / n/a marks in every form, and the run rows. */
class PaperTableTest {

    static final String X = "not_capable";
    static final String NR = "not_reported";
    static final List<String> COLS = PaperTable.COLUMNS.stream().map(PaperTable.Column::name).toList();

    @TempDir
    static Path tmp;
    static List<RunData> runs;
    static List<PaperTable.Row> rows;
    static Path tables;

    /** Run a as the fixture writes it; run b with its seg-mini task renamed seg-ade20k, so the mIoU column fills (x100). */
    @BeforeAll
    static void writeReport() throws IOException {
        Path a = Fixtures.run(tmp, "a", "ckpt", 0);
        Path b = Fixtures.run(tmp, "b", "seg", 1);
        ObjectMapper om = new ObjectMapper();
        ObjectNode summary = (ObjectNode) om.readTree(b.resolve("summary.json").toFile());
        ObjectNode tasks = (ObjectNode) summary.path("tasks");
        tasks.set("seg-ade20k", tasks.remove("seg-mini"));
        ((ObjectNode) tasks.path("seg-ade20k")).put("protocol", "Painter palette + detectron2");
        om.writeValue(b.resolve("summary.json").toFile(), summary);
        Files.move(b.resolve("samples/seg-mini.jsonl"), b.resolve("samples/seg-ade20k.jsonl"));
        runs = Reports.read(List.of(a, b));
        rows = PaperTable.build(runs);
        Reports.write(List.of(a, b), tmp.resolve("report"), Fixtures.ENGINE);
        tables = tmp.resolve("report/tables");
    }

    static PaperTable.Row row(String method) {
        return rows.stream().filter(r -> r.method().equals(method)).findFirst().orElseThrow();
    }

    static PaperTable.Cell cell(String method, String column) {
        return row(method).cells().get(COLS.indexOf(column));
    }

    @Test
    void fifteenPublishedRowsInThePapersOrderThenOneRowPerRun() {
        assertThat(rows).hasSize(15 + 2);
        assertThat(rows.subList(0, 15)).extracting(PaperTable.Row::method).containsExactly("DepthAnything (2024)",
                "Marigold (2024)", "Mask DINO (2023)", "Mask2Former (2022)", "Bae et al. (2021)", "InvPT (2022)", "AirNet (2022)",
                "PromptIR (2023)", "Unified-IO (2022)", "Painter (2023)", "InstructCV (2024)", "InstructDiffusion (2024)",
                "PixWizard (2024)", "Lumina-mGPT (2024)", "UVT (paper)");
        assertThat(rows).extracting(r -> r.group().label).containsExactly("task-specific", "task-specific", "task-specific",
                "task-specific", "task-specific", "task-specific", "task-specific", "task-specific", "generalist", "generalist",
                "generalist", "generalist", "generalist", "generalist", "paper", "eibench", "eibench");
        assertThat(rows).extracting(PaperTable.Row::source).containsOnly("paper", "eibench").filteredOn("eibench"::equals).hasSize(2);
        assertThat(rows.subList(15, 17)).extracting(PaperTable.Row::method).containsExactly("ckpt", "seg");
    }

    @Test
    void aRunWithNoTaskOfTheTableGetsNoRowButANoteThatSaysWhy() throws IOException {
        Path c = Fixtures.run(tmp, "c", "quick", 2);
        ObjectMapper om = new ObjectMapper();
        ObjectNode summary = (ObjectNode) om.readTree(c.resolve("summary.json").toFile());
        ObjectNode tasks = (ObjectNode) summary.path("tasks");
        PaperTable.COLUMNS.forEach(col -> tasks.remove(col.task()));
        om.writeValue(c.resolve("summary.json").toFile(), summary);
        List<RunData> withQuick = Reports.read(List.of(tmp.resolve("a"), c));
        assertThat(PaperTable.build(withQuick)).extracting(PaperTable.Row::method).contains("ckpt").doesNotContain("quick");
        assertThat(PaperTable.withoutRows(withQuick)).startsWith("No EIBench row for quick: it ran none of this table's tasks")
                .contains("eibench data fetch");
        assertThat(PaperTable.withoutRows(runs)).isEmpty();
        Reports.write(List.of(tmp.resolve("a"), c), tmp.resolve("report-quick"), Fixtures.ENGINE);
        assertThat(Files.readString(tmp.resolve("report-quick/tables/" + PaperTable.FILE_NAME + ".md"))).contains("No EIBench row for quick");
        assertThat(Files.readString(tmp.resolve("report-quick/index.html"))).contains("No EIBench row for quick");
    }

    @Test
    void pixWizardRowIsExactlyAsPrinted() {
        List<String> printed = List.of("0.287", "36.76", "19.65", "31.43", "0.917", "28.14", "0.937", "27.22", "0.826", "20.29", "0.807");
        List<PaperTable.Cell> cells = row("PixWizard (2024)").cells();
        for (int i = 0; i < COLS.size(); i++) {
            assertThat(cells.get(i)).as(COLS.get(i)).isEqualTo(new PaperTable.Value(Double.parseDouble(printed.get(i)), printed.get(i)));
            assertThat(PaperTable.text(cells.get(i), false)).isEqualTo(printed.get(i));
        }
        // Trailing zeros stay as printed (a rounded 0.8600 or 60.8 would misquote the paper).
        assertThat(PaperTable.text(cell("PromptIR (2023)", "lolv2_ssim"), false)).isEqualTo("0.860");
        assertThat(PaperTable.text(cell("Mask DINO (2023)", "ade20k_miou"), true)).isEqualTo("60.80");
    }

    @Test
    void uvtRowAndTheProtocolFlags() {
        assertThat(row("UVT (paper)").cells()).extracting(c -> ((PaperTable.Value) c).value())
                .containsExactly(0.553, 42.12, 27.21, 16.72, 0.462, 16.90, 0.542, 14.54, 0.332, 14.48, 0.371);
        assertThat(row("UVT (paper)").note()).contains("per-category", "0-10 m");
        assertThat(row("Lumina-mGPT (2024)").note()).contains("fixed prompts", "Appendix B.2");
        assertThat(row("PixWizard (2024)").note()).isEmpty();
    }

    @Test
    void incapableNotReportedAndNoResultAreThreeDifferentThings() {
        assertThat(cell("AirNet (2022)", "depth_rmse")).isEqualTo(PaperTable.Mark.NOT_CAPABLE);
        assertThat(cell("PromptIR (2023)", "udc_psnr")).isEqualTo(PaperTable.Mark.NOT_REPORTED);
        assertThat(cell("PromptIR (2023)", "udc_ssim")).isEqualTo(PaperTable.Mark.NOT_REPORTED);
        assertThat(cell("Painter (2023)", "sots_psnr")).isEqualTo(PaperTable.Mark.NOT_REPORTED);
        assertThat(cell("Painter (2023)", "normal_error")).isEqualTo(PaperTable.Mark.NOT_CAPABLE);
        assertThat(cell("Unified-IO (2022)", "normal_error")).isEqualTo(PaperTable.Mark.NOT_REPORTED);
        assertThat(cell("Lumina-mGPT (2024)", "ade20k_miou")).isEqualTo(PaperTable.Mark.NOT_REPORTED);
        assertThat(cell("Lumina-mGPT (2024)", "depth_rmse")).isEqualTo(PaperTable.Mark.NOT_CAPABLE);
        assertThat(cell("ckpt", "depth_rmse")).isEqualTo(PaperTable.Mark.NO_RESULT);
        // Published rows never hold a run's gap, and a run never holds the paper's marks.
        assertThat(rows.subList(0, 15)).allSatisfy(r -> assertThat(r.cells()).doesNotContain(PaperTable.Mark.NO_RESULT));
        assertThat(rows.subList(15, 17)).allSatisfy(r -> assertThat(r.cells())
                .doesNotContain(PaperTable.Mark.NOT_CAPABLE, PaperTable.Mark.NOT_REPORTED));
        assertThat(List.of(PaperTable.Mark.values())).extracting(m -> m.text).doesNotHaveDuplicates();
        assertThat(List.of(PaperTable.Mark.values())).extracting(PaperTable.Mark::status).doesNotHaveDuplicates();
    }

    /** Every run cell is the summary's value (x100 for mIoU), or n/a exactly where the summary has none. */
    @Test
    void runRowsAgreeWithSummaryJson() {
        for (RunData r : runs) {
            PaperTable.Row row = row(r.label());
            for (int i = 0; i < COLS.size(); i++) {
                PaperTable.Column c = PaperTable.COLUMNS.get(i);
                RunSummary.TaskResult t = r.summary().tasks().get(c.task());
                RunSummary.MetricResult m = t == null ? null : PaperTable.find(t, c.metric());
                if (m == null) {
                    assertThat(row.cells().get(i)).as(r.label() + " " + c.name()).isEqualTo(PaperTable.Mark.NO_RESULT);
                } else {
                    assertThat(((PaperTable.Value) row.cells().get(i)).value()).as(r.label() + " " + c.name())
                            .isEqualTo(m.value() * c.scale());
                }
            }
        }
        assertThat(((PaperTable.Value) cell("ckpt", "rain100l_psnr")).value()).isEqualTo(22.5);
        assertThat(((PaperTable.Value) cell("seg", "ade20k_miou")).value()).isCloseTo(45.0, within(1e-9));
        assertThat(cell("ckpt", "ade20k_miou")).isEqualTo(PaperTable.Mark.NO_RESULT);
        assertThat(row("ckpt").note()).isEqualTo("COVERAGE BELOW 100%: derain-rain100l 85.7% (6 of 7); derain-rain100l n=6, "
                + "udc-toled n=3; protocol not recorded: derain-rain100l, udc-toled");
        assertThat(row("seg").note()).isEqualTo("COVERAGE BELOW 100%: derain-rain100l 85.7% (6 of 7); "
                + "seg-ade20k n=2, derain-rain100l n=6, udc-toled n=3; protocols: seg-ade20k: Painter "
                + "palette + detectron2; protocol not recorded: derain-rain100l, udc-toled; mIoU differs from the paper's mIoU* "
                + "(UVT's per-category overlay protocol, see note)");
        // Values over part of a task are marked in every form: text, status, and the row's note.
        assertThat(cell("ckpt", "rain100l_psnr").status()).isEqualTo("partial");
        assertThat(PaperTable.text(cell("ckpt", "rain100l_psnr"), false)).isEqualTo("22.50 (cov. 85.7%)");
        assertThat(cell("ckpt", "udc_psnr").status()).isEqualTo("value");
    }

    @Test
    void markdownShowsTheMarks() throws IOException {
        String md = Files.readString(tables.resolve("paper_table7.md"));
        assertThat(md).startsWith("Layout of arXiv 2412.18525v3 Table 2 (Table 7 in earlier numbering)")
                .contains("| method | group | depth_rmse |", "|---|---|---:|")
                .contains("| AirNet (2022) | task-specific | × | × | × | 32.98 | 0.951 | 21.04 | 0.884 | 26.76 | 0.799 | 19.69 | 0.821 |  |")
                .contains("| PromptIR (2023) | task-specific | × | × | × | 36.37 | 0.972 | 30.58 | 0.974 | - | - | 21.23 | 0.860 |  |")
                .contains("| ckpt | eibench | n/a | n/a | n/a | 22.50 (cov. 85.7%) | 0.6250 (cov. 85.7%) | n/a | n/a | 14.50 | "
                        + "0.3000 | n/a | n/a | COVERAGE BELOW 100%: derain-rain100l 85.7% (6 of 7); derain-rain100l n=6, udc-toled n=3; "
                        + "protocol not recorded: derain-rain100l, udc-toled |");
        assertThat(md.lines().filter(l -> l.startsWith("| "))).hasSize(1 + 17);
    }

    @Test
    void latexShowsTheMarks() throws IOException {
        String tex = Files.readString(tables.resolve("paper_table7.tex"));
        assertThat(LatexTableCheck.problems(tex)).as(tex).isEmpty();
        assertThat(tex).contains("% Layout of arXiv 2412.18525v3 Table 2 (Table 7 in earlier numbering)",
                "\\begin{tabular}{llrrrrrrrrrrrl}", "Method & Group & RMSE$\\downarrow$",
                "\nAirNet (2022) & task-specific & $\\times$ & $\\times$ & $\\times$ & 32.98 & 0.951 &",
                "\nPromptIR (2023) & task-specific & $\\times$ & $\\times$ & $\\times$ & 36.37 & 0.972 & 30.58 & 0.974 & -- & -- & 21.23 & 0.860 &  \\\\",
                "\nckpt & eibench & n/a & n/a & n/a & 22.50 (cov. 85.7\\%) &");
    }

    @Test
    void csvKeepsExactValuesAndAStatusPerColumn() throws IOException {
        List<String> lines = Files.readAllLines(tables.resolve("paper_table7.csv"));
        List<String> head = csvRow(lines.get(0));
        assertThat(head.subList(0, 3)).containsExactly("method", "source", "group");
        assertThat(head).containsSubsequence(COLS).contains("depth_rmse_status", "lolv2_ssim_status").endsWith("notes");
        assertThat(lines).hasSize(1 + 17);
        Map<String, Map<String, String>> byMethod = new LinkedHashMap<>();
        for (String l : lines.subList(1, lines.size())) {
            List<String> f = csvRow(l);
            assertThat(f).as(l).hasSameSizeAs(head);
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < head.size(); i++) {
                m.put(head.get(i), f.get(i));
            }
            byMethod.put(m.get("method"), m);
        }
        for (PaperTable.Row r : rows) {
            Map<String, String> m = byMethod.get(r.method());
            assertThat(m.get("group")).isEqualTo(r.group().label);
            assertThat(m.get("notes")).isEqualTo(r.note());
            for (int i = 0; i < COLS.size(); i++) {
                PaperTable.Cell c = r.cells().get(i);
                assertThat(m.get(COLS.get(i) + "_status")).isEqualTo(c.status());
                if (c instanceof PaperTable.Value v) {
                    assertThat(Double.parseDouble(m.get(COLS.get(i)))).isEqualTo(v.value());
                } else {
                    assertThat(m.get(COLS.get(i))).as(r.method() + " " + COLS.get(i)).isEmpty();
                }
            }
        }
        assertThat(byMethod.get("PromptIR (2023)")).containsEntry("udc_psnr", "").containsEntry("udc_psnr_status", NR)
                .containsEntry("lolv2_ssim", "0.86");
        assertThat(byMethod.get("AirNet (2022)")).containsEntry("depth_rmse", "").containsEntry("depth_rmse_status", X);
        assertThat(byMethod.get("ckpt")).containsEntry("depth_rmse_status", "no_result").containsEntry("rain100l_psnr", "22.5")
                .containsEntry("rain100l_psnr_status", "partial").containsEntry("udc_psnr_status", "value");
    }

    @Test
    void jsonHasNumbersOrNullWithTheStatus() throws IOException {
        JsonNode json = new ObjectMapper().readTree(tables.resolve("paper_table7.json").toFile());
        assertThat(json.path("table").asText()).isEqualTo("paper_table7");
        assertThat(json.path("rows")).hasSize(17);
        for (int k = 0; k < rows.size(); k++) {
            JsonNode o = json.path("rows").get(k);
            PaperTable.Row r = rows.get(k);
            assertThat(o.path("method").asText()).isEqualTo(r.method());
            for (int i = 0; i < COLS.size(); i++) {
                PaperTable.Cell c = r.cells().get(i);
                assertThat(o.path(COLS.get(i) + "_status").asText()).isEqualTo(c.status());
                if (c instanceof PaperTable.Value v) {
                    assertThat(o.path(COLS.get(i)).isNumber()).isTrue();
                    assertThat(o.path(COLS.get(i)).asDouble()).isEqualTo(v.value());
                } else {
                    assertThat(o.path(COLS.get(i)).isNull()).as(r.method() + " " + COLS.get(i)).isTrue();
                }
            }
        }
        JsonNode pix = json.path("rows").get(12);
        assertThat(pix.path("method").asText()).isEqualTo("PixWizard (2024)");
        assertThat(pix.path("udc_psnr").asDouble()).isEqualTo(27.22);
        assertThat(json.path("rows").get(7).path("udc_ssim_status").asText()).isEqualTo(NR);
    }

    @Test
    void htmlShowsGroupsAndMarks() throws IOException {
        String html = Files.readString(tmp.resolve("report/index.html"));
        String paper = html.substring(html.indexOf("<section id=\"paper\">"), html.indexOf("</section>", html.indexOf("<section id=\"paper\">")));
        assertThat(paper).contains("arXiv 2412.18525v3 Table 2 (Table 7 in earlier numbering)", "Task-specific models (published)",
                "Vision generalists (published)", "The paper's model (published)", "EIBench runs",
                "<span class=\"mark not_capable\" title=\"not capable of the task\">×</span>",
                "<span class=\"mark not_reported\" title=\"not reported\">-</span>",
                "<span class=\"mark no_result\" title=\"no result in this run\">n/a</span>",
                "<td>PixWizard (2024)</td><td class=\"num\">0.287</td><td class=\"num\">36.76</td>");
        assertThat(paper.split("<tr class=\"group\">", -1)).hasSize(5);
        assertThat(paper.split("<tr class=\"ref\">", -1)).hasSize(16);
    }

    /** A CSV line split by RFC 4180 (quoted fields may hold commas and doubled quotes; no newlines in these tables). */
    static List<String> csvRow(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        out.add(f.toString());
        return out;
    }
}
