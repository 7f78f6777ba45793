package org.eibench.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The structural LaTeX check itself: it accepts what TableFormats writes, even for hostile text, and catches breakage. */
class LatexTableCheckTest {

    /** Text with every character LaTeX treats specially, OT1 surprises, non-ASCII, and row-start traps. */
    static final List<String> HOSTILE = List.of(
            "a & b % c $ d # e _ f { g } h ~ i ^ j \\ k",
            "[0.1, 0.2] bracket first",
            "*starred",
            "< > | \" ' ` -- ---",
            "\\\\ \\& \\textbf{x} }{",
            "multi\nline\n\nparagraph\r\nend\tTab",
            "Ünïcödé – ↑ ↓ ° 深度 3×3",
            "");

    static Table hostileTable() {
        StringColumn model = StringColumn.create("model_name & {x}");
        StringColumn task = StringColumn.create("[task]");
        DoubleColumn value = DoubleColumn.create("value%");
        IntColumn n = IntColumn.create("n#");
        for (int i = 0; i < HOSTILE.size(); i++) {
            model.append(HOSTILE.get(i));
            task.append(HOSTILE.get((i + 1) % HOSTILE.size()));
            if (i == 2) {
                value.appendMissing();
            } else {
                value.append(i * 1.2345e-3 - 0.5);
            }
            n.append(i);
        }
        return Table.create("hostile", model, task, value, n);
    }

    static String hostileTex() {
        return TableFormats.latex(hostileTable(), "Caption with % and \\ and\nsecond line & more",
                null, List.of(List.of(new TableFormats.Group("group & {1}_x", 0, 2), new TableFormats.Group("[g2]", 2, 2))));
    }

    @Test
    void acceptsWhatTableFormatsWritesForHostileText() {
        String tex = hostileTex();
        assertThat(LatexTableCheck.problems(tex)).as(tex).isEmpty();
        // The traps are really in there, guarded.
        assertThat(tex).contains("\\&", "\\%", "\\$", "\\#", "\\_", "\\{", "\\}", "\\textasciitilde{}",
                "\\textasciicircum{}", "\\textbackslash{}", "\\textless{}", "\\textbar{}", "\n{}[0.1, 0.2]", "\n{}*starred",
                "multi line paragraph end Tab", "3$\\times$3", "\\multicolumn{2}{c}{group \\& \\{1\\}\\_x}");
    }

    @Test
    void acceptsEveryBuiltInTableLayout() {
        // The paper table: a hand-written header with math arrows and two rows of spanning groups.
        String tex = TableFormats.latex(hostileTable(), "c", List.of("A$\\uparrow$", "B$\\downarrow$", "C", "D"),
                List.of(List.of(new TableFormats.Group("all", 0, 4)), List.of(new TableFormats.Group("x", 1, 1))));
        assertThat(LatexTableCheck.problems(tex)).as(tex).isEmpty();
    }

    private static final String GOOD = """
            % caption
            \\begin{tabular}{lrr}
            \\toprule
            \\multicolumn{2}{c}{A \\& B} &  \\\\
            \\cmidrule(lr){1-2}
            model & value & n \\\\
            \\midrule
            a\\_b & 1.0 & 3 \\\\
            c\\&d & \\textbackslash{}x & 4 \\\\
            \\bottomrule
            \\end{tabular}
            """;

    @Test
    void acceptsAHandWrittenGoodTable() {
        assertThat(LatexTableCheck.problems(GOOD)).isEmpty();
    }

    @Test
    void catchesEachKindOfBreakage() {
        expect(GOOD.replace("a\\_b", "a_b"), "unescaped '_'");
        expect(GOOD.replace("c\\&d", "c&d"), "row has 4 cells");
        expect(GOOD.replace("& 3 \\\\", "& 3"), "row has 5 cells");
        expect(GOOD.replace("{lrr}", "{lr}"), "the spec has 2");
        expect(GOOD.replace("{lrr}", "{lxr}"), "unknown column type 'x'");
        expect(GOOD.replace("\\bottomrule\n", ""), "rules [toprule, midrule]");
        expect(GOOD.replace("\\toprule", "\\midrule").replace("model & value & n \\\\\n\\midrule", "model & value & n \\\\\n\\toprule"),
                "expected [toprule, midrule, bottomrule]");
        expect(GOOD.replace("& 4 \\\\\n\\bottomrule", "& 4\n\\bottomrule"), "row does not end with \\\\");
        expect(GOOD.replace("a\\_b & 1.0", "a\\_b \\hline & 1.0"), "command '\\hline'");
        expect(GOOD.replace("a\\_b & 1.0", "a\\_b \\midrule & 1.0"), "rule inside a row");
        expect(GOOD.replace("\\end{tabular}", ""), "one \\begin{tabular} and one \\end{tabular}");
        expect(GOOD.replace("1.0", "{1.0"), "unclosed brace");
        expect(GOOD.replace("1.0", "1.0}"), "unbalanced '}'");
        expect(GOOD.replace("1.0", "50%"), "row has 4 cells"); // the comment swallows the row end: two rows merge
        expect(GOOD.replace("1.0", "x^2"), "unescaped '^'");
        expect(GOOD.replace("1.0", "~"), "unescaped '~'");
        expect(GOOD.replace("1.0", "$5"), "unescaped '$'");
        expect(GOOD.replace("1.0", "#1"), "unescaped '#'");
        expect(GOOD.replace("1.0", "a|b"), "unescaped '|'");
        expect(GOOD.replace("1.0", "\\textbf{1.0}"), "command '\\textbf'");
        expect(GOOD.replace("\\textbackslash{}x", "\\textbackslash x"), "command '\\textbackslash'");
        expect(GOOD.replace("c\\&d", "[c]"), "row starts with '['");
        expect(GOOD.replace("c\\&d", "*c"), "row starts with '*'");
        expect(GOOD.replace("1.0", "1.0\n\n"), "blank line");
        expect(GOOD.replace("1.0", "é"), "non-ASCII");
        expect(GOOD.replace("(lr){1-2}", "(lr){2-4}"), "outside columns 1-3");
        expect(GOOD.replace("% caption", "caption"), "text before \\begin{tabular}");
        expect(GOOD + "x\n", "text after \\end{tabular}");
    }

    private static void expect(String tex, String problem) {
        List<String> found = LatexTableCheck.problems(tex);
        assertThat(found).as("expected a problem containing '%s' in%n%s%nfound: %s", problem, tex, found)
                .anyMatch(p -> p.contains(problem));
    }

    /** The structural check is a stand-in for TeX; where pdflatex exists, the hostile table must also compile. */
    @Test
    void hostileTableCompilesWithPdflatexWhenInstalled(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("hostile.tex"), hostileTex(), StandardCharsets.US_ASCII);
        compile(dir, List.of(dir.resolve("hostile.tex")));
    }

    /**
     * Compiles the fragments in an article with booktabs; skipped when pdflatex is not installed (a failure under
     * EIBENCH_REQUIRE_REFERENCES=1).
     */
    static void compile(Path dir, List<Path> fragments) throws Exception {
        File pdflatex = new File("/usr/bin/pdflatex");
        ReferenceTools.require(pdflatex.canExecute(), "pdflatex not installed: structure checked only");
        StringBuilder sb = new StringBuilder("\\documentclass{article}\n\\usepackage[margin=1cm,landscape]{geometry}\n"
                + "\\usepackage{booktabs}\n\\tracinglostchars=1\n\\begin{document}\n\\tiny\n");
        for (Path f : fragments) {
            sb.append("\\input{").append(f.toAbsolutePath().toString().replace('\\', '/')).append("}\n\n");
        }
        sb.append("\\end{document}\n");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("doc.tex"), sb.toString(), StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(pdflatex.getPath(), "-interaction=nonstopmode", "-halt-on-error", "doc.tex")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(dir.resolve("log.txt"), StandardCharsets.ISO_8859_1);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(dir.resolve("doc.pdf")).isRegularFile();
        // TeX only logs some mistakes: a character missing from the font is dropped with a line in doc.log.
        String log = Files.readString(dir.resolve("doc.log"), StandardCharsets.ISO_8859_1);
        assertThat(log).as(log).doesNotContain("Missing character");
    }
}
