package org.eibench.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The paper's comparison table of the Explanatory Instructions paper (model UVT): seen tasks under instruction-level
 * zero-shot (NYUv2 depth RMSE, ADE20K mIoU*, NYUv2 normal error, Rain100L and SOTS PSNR/SSIM) and held-out tasks under
 * task-level zero-shot (UDC T-OLED and LOL-v2 PSNR/SSIM), with the published rows as references and one row per run,
 * mapped from the built-in task ids.
 *
 * <p>Source: arXiv 2412.18525v3 (26 May 2025, ICML 2025 camera-ready), Table 2, "Comparison with task-specific and
 * vision generalist baselines across seven dense image prediction or low-level tasks". The project's design card
 * numbers it Table 7 (an earlier arXiv version, not retrievable); v3's UVT row equals the numbers the card quotes, so
 * every row is taken from v3 and captions cite v3's Table 2. The files are named after the card's number,
 * {@code paper_table7} ({@link #FILE_NAME}), because docs/reports.md documents that name for scripts that read reports.
 */
final class PaperTable {

    static final String FILE_NAME = "paper_table7";
    static final String SOURCE = "arXiv 2412.18525v3 Table 2 (Table 7 in earlier numbering)";

    /** One column: which task and summary metric fill it, and how to scale it to the paper's unit. */
    record Column(String name, String group, String task, String metric, double scale, boolean higherIsBetter) {
    }

    static final List<Column> COLUMNS = List.of(
            new Column("depth_rmse", "seen", "depth-nyuv2", "rmse", 1, false),
            new Column("ade20k_miou", "seen", "seg-ade20k", "miou", 100, true),
            new Column("normal_error", "seen", "normals-nyuv2", "mean_angular_error", 1, false),
            new Column("rain100l_psnr", "seen", "derain-rain100l", "psnr", 1, true),
            new Column("rain100l_ssim", "seen", "derain-rain100l", "ssim", 1, true),
            new Column("sots_psnr", "seen", "dehaze-sots", "psnr", 1, true),
            new Column("sots_ssim", "seen", "dehaze-sots", "ssim", 1, true),
            new Column("udc_psnr", "held-out", "udc-toled", "psnr", 1, true),
            new Column("udc_ssim", "held-out", "udc-toled", "ssim", 1, true),
            new Column("lolv2_psnr", "held-out", "lowlight-lolv2", "psnr", 1, true),
            new Column("lolv2_ssim", "held-out", "lowlight-lolv2", "ssim", 1, true));

    /**
     * One cell. Closed, so that every renderer handles the paper's two marks and a run's missing value as three different
     * things: "×" (cannot do the task) is a fact about the method, "-" (not reported) only about its paper, and an
     * EIBench gap only about the run.
     */
    sealed interface Cell permits Value, Mark {
        /** The machine-readable status, the CSV/JSON column {@code <column>_status}. */
        String status();
    }

    /**
     * A number; {@code printed} is the paper's text (it keeps trailing zeros such as 60.80), null for a run's value.
     * {@code coverage} is a run's scored / planned samples of the column's task (null for published numbers): below 1
     * the value is over part of the task, beside published numbers over whole datasets, and is marked as such.
     */
    record Value(double value, String printed, Double coverage) implements Cell {

        Value(double value, String printed) {
            this(value, printed, null);
        }

        boolean partial() {
            return coverage != null && coverage < 1;
        }

        @Override
        public String status() {
            return partial() ? "partial" : "value";
        }
    }

    enum Mark implements Cell {
        /** The paper's "×": the method is incapable of the task. */
        NOT_CAPABLE("×", "×", "not_capable", "not capable of the task"),
        /** The paper's "-": the method could do the task, its number is not reported. */
        NOT_REPORTED("-", "--", "not_reported", "not reported"),
        /** An EIBench run without a number here: the task was not in the run, or all of its samples failed. */
        NO_RESULT("n/a", "n/a", "no_result", "no result in this run");

        final String text;
        final String tex; // TableFormats.texEscape turns the × into $\times$
        final String status;
        final String meaning;

        Mark(String text, String tex, String status, String meaning) {
            this.text = text;
            this.tex = tex;
            this.status = status;
            this.meaning = meaning;
        }

        @Override
        public String status() {
            return status;
        }
    }

    /** The paper's grouping of its rows, plus the runs of this report. */
    enum Group {
        TASK_SPECIFIC("task-specific", "Task-specific models (published)"),
        GENERALIST("generalist", "Vision generalists (published)"),
        PAPER("paper", "The paper's model (published)"),
        RUN("eibench", "EIBench runs");

        final String label;
        final String heading;

        Group(String label, String heading) {
            this.label = label;
            this.heading = heading;
        }
    }

    /** One row: a published reference (every group but RUN) or a run. */
    record Row(String method, Group group, List<Cell> cells, String note) {
        Row {
            cells = List.copyOf(cells);
            if (cells.size() != COLUMNS.size()) {
                throw new IllegalArgumentException(method + ": " + cells.size() + " cells, expected " + COLUMNS.size());
            }
            if (group != Group.RUN && cells.contains(Mark.NO_RESULT)) {
                throw new IllegalArgumentException(method + ": a published row has no run gaps, only × and -");
            }
        }

        String source() {
            return group == Group.RUN ? "eibench" : "paper";
        }
    }

    private static final Group TASK_SPECIFIC = Group.TASK_SPECIFIC;
    private static final Group GENERALIST = Group.GENERALIST;
    /** The paper's own flags on its row (Table 2's footnote on mIoU* and its depth protocol). */
    private static final String UVT_FLAGS = "mIoU*: per-category protocol, by the paper \"higher than "
            + "typically expected\" under the standard one, for reference only; generated depth clamped to 0-10 m";

    /*
     * Transcribed from arXiv 2412.18525v3, Table 2, row by row and in its order, one token per column of COLUMNS (PSNR
     * and SSIM are two columns): a number as printed, × (incapable) or - (not reported).
     */
    static final List<Row> REFERENCES = List.of(
            //                                          depth  seg*   normal Rain100L     SOTS         UDC          LOLv2
            ref("DepthAnything (2024)",     TASK_SPECIFIC, "0.206  ×      ×      ×     ×      ×     ×      ×     ×      ×     ×"),
            ref("Marigold (2024)",          TASK_SPECIFIC, "0.224  ×      ×      ×     ×      ×     ×      ×     ×      ×     ×"),
            ref("Mask DINO (2023)",         TASK_SPECIFIC, "×      60.80  ×      ×     ×      ×     ×      ×     ×      ×     ×"),
            ref("Mask2Former (2022)",       TASK_SPECIFIC, "×      56.10  ×      ×     ×      ×     ×      ×     ×      ×     ×"),
            ref("Bae et al. (2021)",        TASK_SPECIFIC, "×      ×      14.90  ×     ×      ×     ×      ×     ×      ×     ×"),
            ref("InvPT (2022)",             TASK_SPECIFIC, "×      ×      19.04  ×     ×      ×     ×      ×     ×      ×     ×"),
            ref("AirNet (2022)",            TASK_SPECIFIC, "×      ×      ×      32.98 0.951  21.04 0.884  26.76 0.799  19.69 0.821"),
            ref("PromptIR (2023)",          TASK_SPECIFIC, "×      ×      ×      36.37 0.972  30.58 0.974  -     -      21.23 0.860"),
            ref("Unified-IO (2022)",        GENERALIST,    "0.387  25.71  -      ×     ×      ×     ×      ×     ×      ×     ×"),
            ref("Painter (2023)",           GENERALIST,    "0.288  49.90  ×      29.87 0.882  -     -      -     -      -     -"),
            ref("InstructCV (2024)",        GENERALIST,    "0.297  47.23  ×      ×     ×      ×     ×      ×     ×      ×     ×"),
            ref("InstructDiffusion (2024)", GENERALIST,    "×      ×      ×      19.82 0.741  -     -      -     -      -     -"),
            ref("PixWizard (2024)",         GENERALIST,    "0.287  36.76  19.65  31.43 0.917  28.14 0.937  27.22 0.826  20.29 0.807"),
            ref("Lumina-mGPT (2024)",       GENERALIST,    "×      -      28.49  ×     ×      ×     ×      ×     ×      ×     ×",
                    "run by the paper's authors with fixed prompts (its Appendix B.2)"),
            ref("UVT (paper)",              Group.PAPER,   "0.553  42.12  27.21  16.72 0.462  16.90 0.542  14.54 0.332  14.48 0.371",
                    UVT_FLAGS));

    /** Why an EIBench number is not directly the paper's number, per column; shown as notes and footnotes. */
    static final String PROTOCOL_NOTES = "EIBench rows name the protocol each task's numbers were computed with "
            + "(docs/protocols.md: the peers' evaluation scripts, Painter's where it has one, PromptGIP's otherwise). mIoU is "
            + "the pooled confusion-matrix mIoU x100 of a full palette map, whereas the paper's mIoU* for UVT is its "
            + "per-category overlay protocol; depth RMSE in metres (0-10 m, Eigen crop); normal error in degrees, pooled "
            + "over pixels; PSNR/SSIM with the channel and crop recorded in run.json. Runs on a sample subset are flagged "
            + "with their n.";

    static final String LEGEND = "Marks: × the method is incapable of the task, - not reported (both as printed in the "
            + "paper); n/a no result in this run (task not run, or all its samples failed); (cov. X%) a run's value over "
            + "only X% of the task's planned samples (the others failed or are missing), not comparable with a full-dataset "
            + "number.";

    static final String CAPTION = "Layout of " + SOURCE + ": seen tasks, instruction-level zero-shot (NYUv2 depth, "
            + "ADE20K, NYUv2 normals, Rain100L, SOTS); held-out tasks, task-level zero-shot (UDC T-OLED, LOL-v2). Published "
            + "rows are reference numbers, not reproduced here; the paper's protocol flags are in their notes. " + LEGEND
            + " " + PROTOCOL_NOTES;

    private PaperTable() {
    }

    private static Row ref(String method, Group group, String cells) {
        return ref(method, group, cells, "");
    }

    private static Row ref(String method, Group group, String cells, String note) {
        List<Cell> out = new ArrayList<>();
        for (String tok : cells.strip().split("\\s+")) {
            out.add(switch (tok) {
                case "×" -> Mark.NOT_CAPABLE;
                case "-" -> Mark.NOT_REPORTED;
                default -> new Value(Double.parseDouble(tok), tok);
            });
        }
        return new Row(method, group, out, note);
    }

    /** The published rows, then one row per run that ran a task of this table ({@link #withoutRows} names the others). */
    static List<Row> build(List<RunData> runs) {
        List<Row> rows = new ArrayList<>(REFERENCES);
        for (RunData r : runs) {
            if (!ranAny(r)) {
                continue;
            }
            List<Cell> cells = new ArrayList<>();
            Set<String> n = new LinkedHashSet<>();
            Set<String> partial = new LinkedHashSet<>();
            for (Column c : COLUMNS) {
                RunSummary.TaskResult t = r.summary().tasks().get(c.task());
                RunSummary.MetricResult m = t == null ? null : find(t, c.metric());
                cells.add(m == null || m.value() == null ? Mark.NO_RESULT : new Value(m.value() * c.scale(), null, t.coverage()));
                if (m != null) {
                    n.add(c.task() + " n=" + t.n());
                    if (t.partial()) {
                        partial.add(c.task() + " " + t.coverageText().substring("coverage ".length()));
                    }
                }
            }
            String privilege = r.summary().privilegeLabel();
            rows.add(new Row(r.label(), Group.RUN, cells, (partial.isEmpty() ? "" : "COVERAGE BELOW 100%: "
                    + String.join(", ", partial) + "; ")
                    + (privilege.isEmpty() ? "" : privilege + ", not a comparable result; ")
                    + (n.isEmpty() ? "no task of this table in the run" : String.join(", ", n))
                    + protocolNote(r)));
        }
        return rows;
    }

    private static boolean ranAny(RunData r) {
        return COLUMNS.stream().anyMatch(c -> r.summary().tasks().containsKey(c.task()));
    }

    /**
     * Why runs have no row: one note for every run that ran none of this table's tasks (a row of n/a would say
     * nothing), "" when every run has a row. The quick suite's bundled samples are none of the paper's datasets.
     */
    static String withoutRows(List<RunData> runs) {
        List<String> none = runs.stream().filter(r -> !ranAny(r)).map(RunData::label).toList();
        if (none.isEmpty()) {
            return "";
        }
        Set<String> tasks = new LinkedHashSet<>();
        COLUMNS.forEach(c -> tasks.add(c.task()));
        return "No EIBench row for " + String.join(", ", none) + ": " + (none.size() == 1 ? "it ran" : "they ran")
                + " none of this table's tasks (" + String.join(", ", tasks) + "). These need the paper's datasets, which "
                + "are not bundled: fetch them with \"eibench data fetch NAME\" (docs/data.md) and run those tasks.";
    }

    /**
     * The protocols a run's numbers were computed with, as its tasks name them in summary.json ({@code protocol}, the
     * task file's key; docs/protocols.md), and where that differs from the protocol the paper states: its mIoU* is UVT's
     * per-category overlay protocol, which no peer published, while seg-ade20k scores a full palette map.
     */
    static String protocolNote(RunData r) {
        Map<String, String> recorded = protocols(r.dir());
        List<String> named = new ArrayList<>();
        List<String> unnamed = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Column c : COLUMNS) {
            if (r.summary().tasks().containsKey(c.task()) && seen.add(c.task())) {
                String p = recorded.getOrDefault(c.task(), "");
                if (p.isEmpty()) {
                    unnamed.add(c.task());
                } else {
                    named.add(c.task() + ": " + p);
                }
            }
        }
        StringBuilder b = new StringBuilder();
        if (!named.isEmpty()) {
            b.append("; protocols: ").append(String.join("; ", named));
        }
        if (!unnamed.isEmpty()) {
            b.append("; protocol not recorded: ").append(String.join(", ", unnamed));
        }
        if (seen.contains("seg-ade20k")) {
            b.append("; mIoU differs from the paper's mIoU* (UVT's per-category overlay protocol, see note)");
        }
        return b.toString();
    }

    /** Task id -> protocol from a run's summary.json; empty when the file or the keys are absent. */
    private static Map<String, String> protocols(Path runDir) {
        Map<String, String> out = new java.util.HashMap<>();
        Path f = runDir.resolve("summary.json");
        if (!Files.isRegularFile(f)) {
            return out;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode tasks = new com.fasterxml.jackson.databind.ObjectMapper().readTree(f.toFile()).path("tasks");
            tasks.fields().forEachRemaining(e -> {
                String p = e.getValue().path("protocol").asText("");
                if (!p.isEmpty()) {
                    out.put(e.getKey(), p);
                }
            });
        } catch (IOException e) {
            // RunSummary.read already parsed this file; an unreadable one has no protocols to show
        }
        return out;
    }

    /**
     * The machine form (CSV, JSON): exact numbers, empty where a cell has none, and per column a {@code _status} of
     * value / not_capable / not_reported / no_result, so that the marks survive without strings in numeric columns.
     */
    static Table table(List<Row> rows) {
        StringColumn method = StringColumn.create("method");
        StringColumn source = StringColumn.create("source");
        StringColumn group = StringColumn.create("group");
        List<DoubleColumn> values = new ArrayList<>();
        List<StringColumn> status = new ArrayList<>();
        COLUMNS.forEach(c -> {
            values.add(DoubleColumn.create(c.name()));
            status.add(StringColumn.create(c.name() + "_status"));
        });
        StringColumn notes = StringColumn.create("notes");
        for (Row row : rows) {
            method.append(row.method());
            source.append(row.source());
            group.append(row.group().label);
            for (int i = 0; i < COLUMNS.size(); i++) {
                Cell c = row.cells().get(i);
                ReportTables.append(values.get(i), c instanceof Value v ? v.value() : null);
                status.get(i).append(c.status());
            }
            notes.append(row.note());
        }
        Table t = Table.create(FILE_NAME, method, source, group);
        values.forEach(t::addColumns);
        status.forEach(t::addColumns);
        t.addColumns(notes);
        return t;
    }

    /** How people read a cell: the paper's text for its numbers, rounded run values, the marks. */
    static String text(Cell c, boolean tex) {
        if (c instanceof Value v) {
            String text = v.printed() != null ? v.printed() : TableFormats.format(v.value());
            return v.partial() ? text + " (cov. " + RunSummary.percent(v.coverage()) + ")" : text;
        }
        Mark m = (Mark) c;
        return tex ? m.tex : m.text;
    }

    /** The human form (Markdown, LaTeX): method, group, one text cell per column, notes. */
    static Table display(List<Row> rows, boolean tex) {
        StringColumn method = StringColumn.create("method");
        StringColumn group = StringColumn.create("group");
        List<StringColumn> cols = new ArrayList<>();
        COLUMNS.forEach(c -> cols.add(StringColumn.create(c.name())));
        StringColumn notes = StringColumn.create("notes");
        for (Row row : rows) {
            method.append(row.method());
            group.append(row.group().label);
            for (int i = 0; i < COLUMNS.size(); i++) {
                cols.get(i).append(text(row.cells().get(i), tex));
            }
            notes.append(row.note());
        }
        Table t = Table.create(FILE_NAME, method, group);
        cols.forEach(t::addColumns);
        t.addColumns(notes);
        return t;
    }

    /** Writes paper_table7.{md,csv,tex,json} into dir; {@code note} ({@link #withoutRows}) joins the caption. */
    static void write(List<Row> rows, String note, Path dir) throws IOException {
        String caption = note.isEmpty() ? CAPTION : CAPTION + " " + note;
        Files.createDirectories(dir);
        Set<String> right = new LinkedHashSet<>();
        COLUMNS.forEach(c -> right.add(c.name()));
        Table data = table(rows);
        Files.writeString(dir.resolve(FILE_NAME + ".md"), TableFormats.markdown(display(rows, false), caption, right), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(FILE_NAME + ".csv"), TableFormats.csv(data), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(FILE_NAME + ".json"), TableFormats.json(data), StandardCharsets.UTF_8);
        List<String> header = new ArrayList<>(List.of("Method", "Group", "RMSE$\\downarrow$", "mIoU*$\\uparrow$",
                "Error$\\downarrow$"));
        for (int i = 0; i < 4; i++) {
            header.add("PSNR$\\uparrow$");
            header.add("SSIM$\\uparrow$");
        }
        header.add("Notes");
        Files.writeString(dir.resolve(FILE_NAME + ".tex"), TableFormats.latex(display(rows, true), caption, header,
                List.of(List.of(new TableFormats.Group("Seen (instruction-level zero-shot)", 2, 7),
                                new TableFormats.Group("Held-out (task-level zero-shot)", 9, 4)),
                        List.of(new TableFormats.Group("NYUv2 depth", 2, 1), new TableFormats.Group("ADE20K", 3, 1),
                                new TableFormats.Group("NYUv2 normals", 4, 1), new TableFormats.Group("Rain100L", 5, 2),
                                new TableFormats.Group("SOTS", 7, 2), new TableFormats.Group("UDC (T-OLED)", 9, 2),
                                new TableFormats.Group("LOL-v2", 11, 2))), right), StandardCharsets.UTF_8);
    }

    /** The metric by exact key, else a variant such as {@code psnr_y} (first in summary order). */
    static RunSummary.MetricResult find(RunSummary.TaskResult t, String metric) {
        for (RunSummary.MetricResult m : t.metrics()) {
            if (m.key().equals(metric)) {
                return m;
            }
        }
        for (RunSummary.MetricResult m : t.metrics()) {
            if (m.key().startsWith(metric + "_")) {
                return m;
            }
        }
        return null;
    }
}
