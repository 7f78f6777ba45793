package org.eibench.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eibench.metrics.config.OptionSpec;
import org.eibench.metrics.config.Registry;
import org.eibench.metrics.depth.DepthMetric;
import org.eibench.metrics.image.ImageMetrics;
import org.eibench.metrics.mask.MaskMetric;
import org.eibench.metrics.normals.NormalsMetric;
import org.eibench.metrics.segmentation.SegmentationMetric;
import org.eibench.tasks.spi.Component;
import org.junit.jupiter.api.Test;

/**
 * The docs' key tables against the components' own declarations ({@link Component#options()}, the metrics' OPTIONS),
 * so that a key added, removed or given a new default shows up here before it shows up wrong in the docs.
 */
class DocsKeyTablesTest {

    static final Pattern TICKED = Pattern.compile("`([^`]+)`");

    static Path docs(String name) {
        return Path.of(System.getProperty("eibench.repo.root", "..")).toAbsolutePath().normalize().resolve("docs").resolve(name);
    }

    /** The rows of the first table after {@code heading} whose header starts with {@code header}, as cells. */
    static List<List<String>> table(String file, String heading, String header) throws IOException {
        String text = Files.readString(docs(file));
        int at = text.indexOf(header, text.indexOf(heading));
        assertThat(at).as(file + ": table '" + header + "' after '" + heading + "'").isPositive();
        List<List<String>> rows = new ArrayList<>();
        for (String line : text.substring(at).split("\n")) {
            if (!line.startsWith("|")) {
                break;
            }
            List<String> cells = new ArrayList<>();
            for (String c : line.substring(1, line.length() - 1).split("(?<!\\\\)\\|")) {
                cells.add(c.strip());
            }
            rows.add(cells);
        }
        return rows.subList(2, rows.size());
    }

    static List<String> ticked(String cell) {
        List<String> out = new ArrayList<>();
        Matcher m = TICKED.matcher(cell);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** tasks.md: a row per component, each naming every key the component declares. */
    static void checkComponentTable(String heading, String header, int keysColumn, Registry<? extends Component> registry)
            throws IOException {
        Set<String> documented = new LinkedHashSet<>();
        for (List<String> row : table("tasks.md", heading, header)) {
            for (String name : ticked(row.get(0))) {
                documented.add(name);
                Component c = registry.find(name);
                assertThat(c).as("tasks.md names '" + name + "', which is not a " + registry.sort()).isNotNull();
                List<String> keys = ticked(row.get(keysColumn));
                for (OptionSpec o : c.options()) {
                    assertThat(keys).as("tasks.md, " + registry.sort() + " '" + name + "': key " + o.name()).contains(o.name());
                }
            }
        }
        assertThat(documented).as("every " + registry.sort() + " has a row in tasks.md").containsAll(registry.names());
    }

    @Test
    void tasksMdListsEveryComponentWithItsKeys() throws IOException {
        Plugins p = Plugins.classPath();
        checkComponentTable("### Layouts", "| layout | keys |", 1, p.layouts());
        checkComponentTable("### Decoders", "| type | kinds | options |", 2, p.decoders());
        checkComponentTable("### Metrics", "| name | kinds | options |", 2, p.metrics());
        checkComponentTable("### Degradations", "| type | options |", 1, p.degradations());
    }

    /** An option table of metrics-*.md: exactly the declared keys, with the declared defaults where the doc states one. */
    static void checkOptionTable(String file, String heading, int defaultColumn, List<OptionSpec> declared) throws IOException {
        Map<String, String> documented = new LinkedHashMap<>();
        for (List<String> row : table(file, heading, "| option |")) {
            documented.put(ticked(row.get(0)).get(0), row.get(defaultColumn).replace("`", ""));
        }
        assertThat(documented.keySet()).as(file + " " + heading).containsExactlyInAnyOrderElementsOf(
                declared.stream().map(OptionSpec::name).toList());
        for (OptionSpec o : declared) {
            String doc = documented.get(o.name());
            if (o.fallback() instanceof Number n) {
                assertThat(Double.parseDouble(doc)).as(file + ": default of " + o.name()).isEqualTo(n.doubleValue());
            } else if (o.fallback() != null) {
                assertThat(doc).as(file + ": default of " + o.name()).isEqualTo(o.fallback().toString());
            }
        }
    }

    @Test
    void metricDocsTablesAreTheDeclarations() throws IOException {
        checkOptionTable("metrics-dense.md", "(`name: miou`)", 1, SegmentationMetric.OPTIONS);
        checkOptionTable("metrics-dense.md", "(`name: depth`", 1, DepthMetric.OPTIONS);
        checkOptionTable("metrics-dense.md", "(`name: normals`)", 1, NormalsMetric.OPTIONS);
        checkOptionTable("metrics-dense.md", "(`name: mask`)", 1, MaskMetric.OPTIONS);
        checkOptionTable("metrics-edges.md", "### Options (YAML task file)", 1, Plugins.classPath().metrics().get("bsds").options());
        Set<OptionSpec> image = new LinkedHashSet<>();
        ImageMetrics.OPTIONS.values().forEach(image::addAll);
        checkOptionTable("metrics-image.md", "# ", 2, List.copyOf(image));
        for (List<String> row : table("metrics-image.md", "# ", "| option |")) {
            String key = ticked(row.get(0)).get(0);
            for (String metric : ImageMetrics.NAMES) {
                boolean declared = ImageMetrics.OPTIONS.get(metric).stream().anyMatch(o -> o.name().equals(key));
                boolean listed = row.get(1).equals("all") || List.of(row.get(1).split(",\\s*")).contains(metric);
                assertThat(listed).as("metrics-image.md: " + key + " for " + metric).isEqualTo(declared);
            }
        }
    }
}
