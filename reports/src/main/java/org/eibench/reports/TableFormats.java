package org.eibench.reports;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A table in four forms: Markdown and LaTeX (booktabs) for people, with numbers rounded; CSV and JSON for machines,
 * with numbers exact (missing values empty / null).
 */
final class TableFormats {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A spanning header over consecutive columns, for the LaTeX form (e.g. seen / held-out groups). */
    record Group(String label, int firstColumn, int span) {
    }

    private TableFormats() {
    }

    /** A count with its noun in the right number, for every count the report prints: "1 task", "2 tasks", "3 classes". */
    static String count(long n, String noun) {
        return n + " " + (n == 1 ? noun : noun.endsWith("s") ? noun + "es" : noun + "s");
    }

    /** Writes name.md, name.csv, name.tex and name.json into dir and returns the base path. */
    static void writeAll(Table t, Path dir, String caption, List<String> texHeader, List<List<Group>> groups) throws IOException {
        Files.createDirectories(dir);
        String name = t.name();
        Files.writeString(dir.resolve(name + ".md"), markdown(t, caption), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(name + ".csv"), csv(t), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(name + ".tex"), latex(t, caption, texHeader, groups), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(name + ".json"), json(t), StandardCharsets.UTF_8);
    }

    static String markdown(Table t, String caption) {
        return markdown(t, caption, Set.of());
    }

    /** As {@link #markdown(Table, String)}, with the named text columns right-aligned too (numbers shown as text). */
    static String markdown(Table t, String caption, Set<String> rightAligned) {
        StringBuilder sb = new StringBuilder();
        if (caption != null && !caption.isEmpty()) {
            sb.append(caption).append("\n\n");
        }
        sb.append('|');
        for (Column<?> c : t.columns()) {
            sb.append(' ').append(markdownText(c.name())).append(" |");
        }
        sb.append("\n|");
        for (Column<?> c : t.columns()) {
            sb.append(numeric(c) || rightAligned.contains(c.name()) ? "---:|" : "---|");
        }
        sb.append('\n');
        for (int r = 0; r < t.rowCount(); r++) {
            sb.append('|');
            for (Column<?> c : t.columns()) {
                sb.append(' ').append(markdownText(cell(c, r))).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String csv(Table t) {
        // Tablesaw's writer would print doubles in its own locale-aware format; write exact values ourselves.
        StringBuilder sb = new StringBuilder();
        List<String> head = new ArrayList<>();
        t.columns().forEach(c -> head.add(csvQuote(c.name())));
        sb.append(String.join(",", head)).append('\n');
        for (int r = 0; r < t.rowCount(); r++) {
            List<String> row = new ArrayList<>();
            for (Column<?> c : t.columns()) {
                row.add(csvQuote(raw(c, r)));
            }
            sb.append(String.join(",", row)).append('\n');
        }
        return sb.toString();
    }

    static String json(Table t) {
        ArrayNode rows = JSON.createArrayNode();
        for (int r = 0; r < t.rowCount(); r++) {
            ObjectNode o = rows.addObject();
            for (Column<?> c : t.columns()) {
                Object v = c.get(r);
                if (c.isMissing(r) || v == null) {
                    o.putNull(c.name());
                } else if (v instanceof Double d) {
                    if (Double.isFinite(d)) {
                        o.put(c.name(), d);
                    } else {
                        o.putNull(c.name());
                    }
                } else if (v instanceof Integer i) {
                    o.put(c.name(), i);
                } else {
                    o.put(c.name(), v.toString());
                }
            }
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("table", t.name());
        root.set("rows", rows);
        try {
            StringWriter w = new StringWriter();
            JSON.writeValue(w, root);
            return w + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A booktabs {@code tabular} fragment ({@code \input} it inside a table float; needs the booktabs package).
     * Non-ASCII text is transliterated so that the fragment compiles with a plain pdflatex preamble.
     */
    static String latex(Table t, String caption, List<String> header, List<List<Group>> groupRows) {
        return latex(t, caption, header, groupRows, Set.of());
    }

    /** As {@link #latex(Table, String, List, List)}, with the named text columns right-aligned too. */
    static String latex(Table t, String caption, List<String> header, List<List<Group>> groupRows, Set<String> rightAligned) {
        StringBuilder sb = new StringBuilder();
        if (caption != null && !caption.isEmpty()) {
            sb.append("% ").append(texEscape(caption).replace("\n", "\n% ")).append('\n');
        }
        sb.append("\\begin{tabular}{");
        for (Column<?> c : t.columns()) {
            sb.append(numeric(c) || rightAligned.contains(c.name()) ? 'r' : 'l');
        }
        sb.append("}\n\\toprule\n");
        for (List<Group> groups : groupRows == null ? List.<List<Group>>of() : groupRows) {
            List<String> cells = new ArrayList<>();
            StringBuilder rules = new StringBuilder();
            int col = 0;
            for (Group g : groups) {
                while (col < g.firstColumn()) {
                    cells.add("");
                    col++;
                }
                cells.add("\\multicolumn{" + g.span() + "}{c}{" + texCell(g.label()) + "}");
                rules.append("\\cmidrule(lr){").append(g.firstColumn() + 1).append('-').append(g.firstColumn() + g.span()).append('}');
                col += g.span();
            }
            while (col < t.columnCount()) {
                cells.add("");
                col++;
            }
            sb.append(String.join(" & ", cells)).append(" \\\\\n").append(rules).append('\n');
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < t.columnCount(); i++) {
            names.add(header != null ? header.get(i) : texCell(t.column(i).name()));
        }
        sb.append(rowStart(String.join(" & ", names))).append(" \\\\\n\\midrule\n");
        for (int r = 0; r < t.rowCount(); r++) {
            List<String> row = new ArrayList<>();
            for (Column<?> c : t.columns()) {
                row.add(texCell(cell(c, r)));
            }
            sb.append(rowStart(String.join(" & ", row))).append(" \\\\\n");
        }
        sb.append("\\bottomrule\n\\end{tabular}\n");
        return sb.toString();
    }

    /** Cell text: escaped, on one line (a blank line inside a tabular cell is a paragraph break, an error). */
    static String texCell(String s) {
        return texEscape(s.strip().replaceAll("\\s+", " "));
    }

    /**
     * A row must not start with '[' or '*': the {@code \\} ending the row before would take it as its optional
     * argument ({@code \\[len]}, {@code \\*}). An empty group in front stops that.
     */
    private static String rowStart(String row) {
        return row.startsWith("[") || row.startsWith("*") ? "{}" + row : row;
    }

    static boolean numeric(Column<?> c) {
        return c.type() == ColumnType.DOUBLE || c.type() == ColumnType.INTEGER;
    }

    /**
     * The value as people read it: rounded to about four significant digits, "–" for a missing number, blank for a
     * missing text (Tablesaw stores an empty string as missing; a dash there would read like a missing number).
     */
    static String cell(Column<?> c, int r) {
        if (c.isMissing(r)) {
            return numeric(c) ? "–" : "";
        }
        Object v = c.get(r);
        if (v instanceof Double d) {
            return format(d);
        }
        return String.valueOf(v);
    }

    private static String raw(Column<?> c, int r) {
        if (c.isMissing(r)) {
            return "";
        }
        Object v = c.get(r);
        if (v instanceof Double d) {
            return Double.isFinite(d) ? Double.toString(d) : "";
        }
        return String.valueOf(v);
    }

    static String format(Double v) {
        if (v == null || !Double.isFinite(v)) {
            return "–";
        }
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        // Pick the layout by the value as rounded to four significant digits, so that 0.99999 reads 1.000 (as 1 does),
        // not 1.0000, and 9.9996 reads 10.00.
        double r = Double.parseDouble(String.format(Locale.ROOT, "%.4g", a));
        return String.format(Locale.ROOT, r >= 100 ? "%.1f" : r >= 10 ? "%.2f" : r >= 1 ? "%.3f" : r >= 0.0001 ? "%.4f" : "%.1e", v);
    }

    private static String csvQuote(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    /**
     * Text for a Markdown table cell or list item, the one Markdown escaper of the reports: a pipe would end the cell
     * and a line break the row or item.
     */
    static String markdownText(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    /** ASCII text for a cell: specials escaped, "×" as {@code $\times$} (the paper's "incapable" mark), other non-ASCII transliterated or dropped. */
    static String texEscape(String s) {
        String ascii = Normalizer.normalize(s.replace("–", "--").replace("°", " deg").replace("↑", "(higher)")
                .replace("↓", "(lower)"), Normalizer.Form.NFD).replaceAll("[^\\x20-\\x7E\\n×]", "");
        StringBuilder sb = new StringBuilder();
        for (char ch : ascii.toCharArray()) {
            switch (ch) {
                case '\\' -> sb.append("\\textbackslash{}");
                case '&', '%', '$', '#', '_', '{', '}' -> sb.append('\\').append(ch);
                case '~' -> sb.append("\\textasciitilde{}");
                case '^' -> sb.append("\\textasciicircum{}");
                case '<' -> sb.append("\\textless{}");
                case '>' -> sb.append("\\textgreater{}");
                case '|' -> sb.append("\\textbar{}");
                case '×' -> sb.append("$\\times$");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }
}
