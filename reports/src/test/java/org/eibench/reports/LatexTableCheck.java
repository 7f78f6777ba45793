package org.eibench.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A structural check of the booktabs {@code tabular} fragments that {@link TableFormats#latex} writes, so that the
 * LaTeX tables are verified without a TeX installation. It does not run TeX; it parses the fragment the way the
 * tabular environment will see it and reports every problem it finds:
 *
 * <ul>
 *   <li>only comment lines ({@code %}) before {@code \begin{tabular}{spec}}, exactly one begin and one
 *       {@code \end{tabular}}, nothing after it;</li>
 *   <li>the column spec parses ({@code l c r}, {@code p/m/b{width}}, {@code |}, {@code @{..}}, {@code !{..}});</li>
 *   <li>{@code \toprule}, {@code \midrule}, {@code \bottomrule} each once and in that order, {@code \toprule} first,
 *       {@code \bottomrule} last, rules only at the start of a row;</li>
 *   <li>every row ends with {@code \\} and has as many cells as the spec has columns: unescaped {@code &} + 1, where a
 *       {@code \multicolumn{n}} cell counts n ({@code \&} is text, not a separator);</li>
 *   <li>no blank line inside a row (a paragraph break ends the cell with an error);</li>
 *   <li>no row starts with {@code [} or {@code *} (the {@code \\} before it would read it as {@code \\[len]} or
 *       {@code \\*});</li>
 *   <li>cell text is ASCII and escaped: no bare {@code & % $ # _ { } ~ ^ \}, and no {@code < > |}, which print as
 *       other glyphs in the default OT1 font encoding; the allowed commands are the escapes {@code \& \% \$ \# \_ \{ \}},
 *       {@code \textbackslash{} \textasciitilde{} \textasciicircum{} \textless{} \textgreater{} \textbar{}},
 *       {@code \multicolumn}, the empty group {@code {}}, the up and down arrows (in math mode) of header cells and
 *       the {@code $\times$} that {@link TableFormats#texEscape} writes for "×" (the paper table's "incapable" mark);</li>
 *   <li>braces balanced (never closing more than opened) in the whole fragment and in every cell.</li>
 * </ul>
 */
final class LatexTableCheck {

    private static final Set<Character> ESCAPABLE = Set.of('&', '%', '$', '#', '_', '{', '}');
    private static final Set<String> TEXT_SYMBOLS = Set.of("textbackslash", "textasciitilde", "textasciicircum",
            "textless", "textgreater", "textbar");
    private static final Set<String> MATH = Set.of("$\\uparrow$", "$\\downarrow$", "$\\times$");
    private static final Pattern BEGIN = Pattern.compile("\\\\begin\\{tabular\\}");
    private static final Pattern END = Pattern.compile("\\\\end\\{tabular\\}");
    private static final Pattern CMIDRULE = Pattern.compile("\\\\cmidrule(\\([lr]{1,2}\\))?\\{(\\d+)-(\\d+)\\}");
    private static final Pattern RULE = Pattern.compile("\\\\(toprule|midrule|bottomrule)(?![A-Za-z])");
    private static final Pattern MULTICOLUMN = Pattern.compile("\\\\multicolumn\\{(\\d+)\\}\\{[lcr|]+\\}\\{");

    private LatexTableCheck() {
    }

    /**
     * Checks .tex files from the command line, for a report written elsewhere:
     * {@code java -cp reports/target/test-classes org.eibench.reports.LatexTableCheck DIR/tables/*.tex}.
     * Exit code 0 when every file is well formed, 1 otherwise.
     */
    public static void main(String[] args) throws java.io.IOException {
        int bad = 0;
        for (String a : args) {
            List<String> p = problems(java.nio.file.Files.readString(java.nio.file.Path.of(a)));
            System.out.println(a + ": " + (p.isEmpty() ? "ok" : String.join("\n  ", p)));
            bad += p.isEmpty() ? 0 : 1;
        }
        System.exit(bad == 0 ? 0 : 1);
    }

    /** The problems found in the fragment; empty when it is well formed. */
    static List<String> problems(String tex) {
        List<String> p = new ArrayList<>();
        for (int i = 0; i < tex.length(); i++) {
            char c = tex.charAt(i);
            if (c > 126 || (c < 32 && c != '\n')) {
                p.add("non-ASCII or control character U+" + String.format("%04X", (int) c) + " at offset " + i);
                break;
            }
        }
        String code = stripComments(tex);
        int depth = braceDepth(code, p, "fragment");
        if (depth != 0) {
            p.add("fragment: " + depth + " unclosed brace(s)");
        }
        Matcher b = BEGIN.matcher(code);
        Matcher e = END.matcher(code);
        int begins = count(BEGIN, code);
        int ends = count(END, code);
        if (begins != 1 || ends != 1) {
            p.add("expected one \\begin{tabular} and one \\end{tabular}, found " + begins + " and " + ends);
            return p;
        }
        b.find();
        e.find();
        if (e.start() < b.end()) {
            p.add("\\end{tabular} before \\begin{tabular}");
            return p;
        }
        if (!code.substring(0, b.start()).isBlank()) {
            p.add("text before \\begin{tabular} that is not a comment: " + code.substring(0, b.start()).strip());
        }
        if (!code.substring(e.end()).isBlank()) {
            p.add("text after \\end{tabular}: " + code.substring(e.end()).strip());
        }
        int specEnd = group(code, b.end());
        if (specEnd < 0) {
            p.add("\\begin{tabular} without a {spec}");
            return p;
        }
        String spec = code.substring(b.end() + 1, specEnd - 1);
        int cols = columns(spec, p);
        if (cols <= 0) {
            return p;
        }
        rows(code.substring(specEnd, e.start()), cols, p);
        return p;
    }

    /** Removes comments: from an unescaped % to the end of its line (the newline stays). */
    static String stripComments(String tex) {
        StringBuilder sb = new StringBuilder(tex.length());
        for (int i = 0; i < tex.length(); i++) {
            char c = tex.charAt(i);
            if (c == '\\' && i + 1 < tex.length()) {
                sb.append(c).append(tex.charAt(++i));
            } else if (c == '%') {
                while (i + 1 < tex.length() && tex.charAt(i + 1) != '\n') {
                    i++;
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Net depth of unescaped braces; reports a closing brace with nothing open. */
    private static int braceDepth(String s, List<String> p, String where) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth < 0) {
                p.add(where + ": unbalanced '}' at offset " + i);
                depth = 0;
            }
        }
        return depth;
    }

    /** Index just after the brace group that opens at {@code open} (after optional spaces), or -1. */
    private static int group(String s, int open) {
        int i = open;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        if (i >= s.length() || s.charAt(i) != '{') {
            return -1;
        }
        int depth = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i + 1;
            }
        }
        return -1;
    }

    /** Number of columns of a tabular spec. */
    static int columns(String spec, List<String> p) {
        int n = 0;
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            switch (c) {
                case 'l', 'c', 'r' -> n++;
                case 'p', 'm', 'b', '@', '!' -> {
                    int end = group(spec, i + 1);
                    if (end < 0) {
                        p.add("column spec '" + spec + "': " + c + " without {..}");
                        return -1;
                    }
                    if (c == 'p' || c == 'm' || c == 'b') {
                        n++;
                    }
                    i = end - 1;
                }
                case '|', ' ' -> {
                }
                default -> {
                    p.add("column spec '" + spec + "': unknown column type '" + c + "'");
                    return -1;
                }
            }
        }
        if (n == 0) {
            p.add("column spec '" + spec + "' has no columns");
        }
        return n;
    }

    private static void rows(String body, int cols, List<String> p) {
        List<String> rows = splitRows(body);
        // The last piece follows the last \\ : only rules may stand there (\bottomrule).
        List<String> order = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            boolean last = r == rows.size() - 1;
            String row = rows.get(r);
            int i = 0;
            while (true) {
                i = skipSpace(row, i);
                Matcher rule = RULE.matcher(row).region(i, row.length());
                Matcher cmid = CMIDRULE.matcher(row).region(i, row.length());
                if (rule.lookingAt()) {
                    order.add(rule.group(1));
                    if (!last && rule.group(1).equals("bottomrule")) {
                        p.add("\\bottomrule is not after the last row");
                    }
                    i = rule.end();
                } else if (cmid.lookingAt()) {
                    int from = Integer.parseInt(cmid.group(2));
                    int to = Integer.parseInt(cmid.group(3));
                    if (from < 1 || to < from || to > cols) {
                        p.add("\\cmidrule{" + from + "-" + to + "} outside columns 1-" + cols);
                    }
                    i = cmid.end();
                } else {
                    break;
                }
            }
            String cells = row.substring(i);
            if (last) {
                if (!cells.isBlank()) {
                    p.add("row does not end with \\\\: " + cells.strip());
                }
                continue;
            }
            if (RULE.matcher(cells).find()) {
                p.add("rule inside a row (rules go at the start of a row): " + cells.strip());
            }
            if (cells.matches("(?s).*\n[ \t]*\n.*")) {
                p.add("blank line (a paragraph break) inside a row: " + cells.strip());
            }
            String lead = cells.stripLeading();
            if (r > 0 && (lead.startsWith("[") || lead.startsWith("*"))) {
                p.add("row starts with '" + lead.charAt(0) + "', which the \\\\ before it takes as its argument: " + lead);
            }
            List<String> split = splitCells(cells);
            int span = 0;
            for (String cell : split) {
                span += cell(cell.strip(), p);
            }
            if (span != cols) {
                p.add("row has " + span + " cells (" + (split.size() - 1) + " '&'), the spec has " + cols + ": " + cells.strip());
            }
        }
        List<String> expected = List.of("toprule", "midrule", "bottomrule");
        if (!order.equals(expected)) {
            p.add("rules " + order + ", expected " + expected + " (each once, in this order)");
        }
        if (!rows.isEmpty()) {
            Matcher first = RULE.matcher(rows.get(0)).region(skipSpace(rows.get(0), 0), rows.get(0).length());
            if (!first.lookingAt() || !first.group(1).equals("toprule")) {
                p.add("the table does not start with \\toprule");
            }
        }
    }

    /** Splits the body at each row end {@code \\} (not at {@code \textbackslash} or an escaped character). */
    private static List<String> splitRows(String body) {
        List<String> rows = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < body.length(); i++) {
            if (body.charAt(i) == '\\' && i + 1 < body.length()) {
                if (body.charAt(i + 1) == '\\') {
                    rows.add(body.substring(start, i));
                    start = i + 2;
                }
                i++;
            }
        }
        rows.add(body.substring(start));
        return rows;
    }

    /** Splits a row at unescaped {@code &} outside braces. */
    private static List<String> splitCells(String row) {
        List<String> cells = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < row.length(); i++) {
            char c = row.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == '&' && depth == 0) {
                cells.add(row.substring(start, i));
                start = i + 1;
            }
        }
        cells.add(row.substring(start));
        return cells;
    }

    /** Checks one cell's text and returns the number of columns it spans. */
    private static int cell(String cell, List<String> p) {
        Matcher mc = MULTICOLUMN.matcher(cell);
        if (mc.lookingAt()) {
            int end = group(cell, mc.end() - 1);
            if (end < 0) {
                p.add("\\multicolumn without a closing brace: " + cell);
                return 1;
            }
            text(cell.substring(mc.end(), end - 1), p);
            if (!cell.substring(end).isBlank()) {
                p.add("text after \\multicolumn{..}{..}{..} in one cell: " + cell);
            }
            return Integer.parseInt(mc.group(1));
        }
        text(cell, p);
        return 1;
    }

    /** Cell text: only escaped specials and the allowed text commands. */
    static void text(String s, List<String> p) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (s.startsWith("{}", i)) {
                i++; // an empty group: typesets nothing (the guard before a leading '[' or '*')
            } else if (c == '$') {
                final int at = i;
                String math = MATH.stream().filter(m -> s.startsWith(m, at)).findFirst().orElse(null);
                if (math == null) {
                    p.add("unescaped '$' in cell: " + s);
                    return;
                }
                i += math.length() - 1;
            } else if (c == '\\') {
                if (i + 1 >= s.length()) {
                    p.add("cell ends with a lone backslash: " + s);
                    return;
                }
                char n = s.charAt(i + 1);
                if (ESCAPABLE.contains(n)) {
                    i++;
                    continue;
                }
                int j = i + 1;
                while (j < s.length() && Character.isLetter(s.charAt(j))) {
                    j++;
                }
                String name = s.substring(i + 1, j);
                if (!TEXT_SYMBOLS.contains(name) || !s.startsWith("{}", j)) {
                    p.add("command '\\" + (name.isEmpty() ? String.valueOf(n) : name) + "' in cell text (not an allowed escape): " + s);
                    return;
                }
                i = j + 1;
            } else if ("&%#_{}~^<>|".indexOf(c) >= 0) {
                p.add("unescaped '" + c + "' in cell: " + s);
                return;
            }
        }
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int count(Pattern p, String s) {
        Matcher m = p.matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
