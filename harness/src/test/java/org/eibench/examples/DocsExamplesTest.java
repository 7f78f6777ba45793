package org.eibench.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** docs/architecture.md's extension-point examples are these test sources, so the docs compile and cannot drift. */
class DocsExamplesTest {

    static final List<String> EXAMPLES = List.of("VignetteTasks", "PngFolderLayout", "InvertDecoder", "WorstErrorMetric",
            "VignetteDegradation", "GrayModels");

    /** A source file as the docs show it: without its package and import lines. */
    static String shown(String name) throws IOException {
        Path file = ExtensionExamplesTest.repo().resolve("harness/src/test/java/org/eibench/examples/" + name + ".java");
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.removeIf(l -> l.startsWith("package ") || l.startsWith("import "));
        while (lines.get(0).isBlank()) {
            lines.remove(0);
        }
        return String.join("\n", lines).strip();
    }

    @Test
    void theDocsShowTheExamplesAsTheyAre() throws IOException {
        String doc = Files.readString(ExtensionExamplesTest.repo().resolve("docs/architecture.md"));
        int section = doc.indexOf("\n## Extension points");
        assertThat(section).as("docs/architecture.md has a section 'Extension points'").isPositive();
        int end = doc.indexOf("\n## ", section + 1);
        Matcher m = Pattern.compile("```java\n(.*?)\n```", Pattern.DOTALL).matcher(doc.substring(section, end < 0 ? doc.length() : end));
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1).strip());
        }
        assertThat(blocks).hasSize(EXAMPLES.size());
        for (int i = 0; i < EXAMPLES.size(); i++) {
            assertThat(blocks.get(i)).as(EXAMPLES.get(i)).isEqualTo(shown(EXAMPLES.get(i)));
        }
    }
}
