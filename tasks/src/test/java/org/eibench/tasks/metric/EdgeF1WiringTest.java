package org.eibench.tasks.metric;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.Metric;
import org.eibench.metrics.Stats;
import org.eibench.metrics.edges.EdgeAnnotations;
import org.eibench.metrics.edges.EdgeF1Metric;
import org.eibench.tasks.Sample;
import org.eibench.tasks.Task;
import org.eibench.tasks.TaskCatalog;
import org.eibench.tasks.TaskFiles;
import org.eibench.tasks.TestData;
import org.eibench.metrics.config.Options;
import org.eibench.tasks.spec.TaskKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** edge_f1 on an edges task: ControlNet++ binary F1 against the union of the annotators' maps. */
class EdgeF1WiringTest {

    @TempDir
    Path tmp;

    @Test
    void fitsEdgesTasksOnlyAndTakesTheAnnotations() {
        Options o = Options.of(Map.of());
        Metric<?, ?> m = MetricFactory.create("edge_f1", o, TaskKind.EDGES);
        assertThat(m).isNotNull();
        assertThat(m.name()).isEqualTo("edge_f1");
        assertThat(m.targetType()).isEqualTo(EdgeAnnotations.class);
        assertThat(m.predictionType()).isEqualTo(FloatImage.class);
        assertThat(org.eibench.tasks.Plugins.classPath().metrics().names()).contains("edge_f1");

        Options wrong = Options.of(Map.of());
        assertThat(MetricFactory.create("edge_f1", wrong, TaskKind.RESTORATION)).isNotNull();
        assertThat(wrong.problems().toString()).contains("does not fit a restoration task");
    }

    @Test
    @SuppressWarnings("unchecked")
    void scoresAgainstTheUnionOfAnnotators() {
        Metric<FloatImage, EdgeAnnotations> m = (Metric<FloatImage, EdgeAnnotations>)
                MetricFactory.create("edge_f1", Options.of(Map.of()), TaskKind.EDGES);
        // Two annotators on a 4x1 strip: union = {0, 1, 2}.
        FloatImage a = new FloatImage(4, 1, 1, new float[] {1, 1, 0, 0});
        FloatImage b = new FloatImage(4, 1, 1, new float[] {0, 1, 1, 0});
        FloatImage pred = new FloatImage(4, 1, 1, new float[] {1, 0.2f, 0.9f, 0.7f});
        Stats s = m.measure(pred, EdgeAnnotations.of(a, b));
        // pred > 0.5 = {0, 2, 3}: tp 2, fp 1, fn 1 -> F1 = 4 / 6; the same as EdgeF1Metric against the union map.
        double f1 = m.finish(s).values().get(0).value();
        assertThat(f1).isEqualTo(4.0 / 6.0);
        FloatImage union = new FloatImage(4, 1, 1, new float[] {1, 1, 1, 0});
        assertThat(f1).isEqualTo(new EdgeF1Metric().finish(new EdgeF1Metric().measure(pred, union)).values().get(0).value());
    }

    @Test
    void aTaskFileWithEdgeF1ScoresTheBundledBsdsFixture() throws Exception {
        Path data = TestData.dir();
        String yaml = new String(TaskCatalog.class.getResourceAsStream("catalog/edges-bsds-sample.yaml").readAllBytes(),
                StandardCharsets.UTF_8)
                .replace("id: edges-bsds-sample", "id: edges-bsds-f1")
                .replace("  - {name: bsds}", "  - {name: edge_f1}");
        Path file = tmp.resolve("edges-bsds-f1.yaml");
        Files.writeString(file, yaml);
        Task t = TaskFiles.load(file, data);
        assertThat(t.metrics()).extracting(Task.KeyedMetric::key).containsExactly("edge_f1");
        Sample s = t.load(t.samples().get(0));
        Object pred = t.decode(s.reference().quantized8(), s);
        @SuppressWarnings("unchecked")
        Metric<Object, Object> m = (Metric<Object, Object>) t.metrics().get(0).metric();
        double f1 = m.finish(m.measure(pred, s.target())).values().get(0).value();
        // The oracle draws the annotators' mean map; above 0.5 that is the majority vote, a subset of the union.
        assertThat(f1).isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
        List<FloatImage> maps = ((EdgeAnnotations) s.target()).boundaries();
        if (maps.size() == 1) {
            assertThat(f1).isEqualTo(1.0);
        }
    }
}
