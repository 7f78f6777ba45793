package org.eibench.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.Metric;
import org.eibench.metrics.Stats;
import org.eibench.runtime.ModelCatalog;
import org.eibench.runtime.ModelContext;
import org.eibench.runtime.ModelRuntime;
import org.eibench.runtime.Output;
import org.eibench.runtime.Request;
import org.eibench.tasks.Sample;
import org.eibench.tasks.Task;
import org.eibench.tasks.TaskCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extension-point examples of docs/architecture.md, registered the way a plugin jar registers them (service files
 * on a class loader): the example task uses the example layout, degradation, decoder and metric together.
 */
class ExtensionExamplesTest {

    @TempDir
    Path dir;

    static Path repo() {
        return Path.of(System.getProperty("eibench.repo.root", "..")).toAbsolutePath().normalize();
    }

    URLClassLoader plugin() throws Exception {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Map<String, Class<?>> registered = Map.of("org.eibench.tasks.spi.TaskProvider", VignetteTasks.class,
                "org.eibench.tasks.spi.LayoutProvider", PngFolderLayout.class,
                "org.eibench.tasks.spi.DecoderProvider", InvertDecoder.class,
                "org.eibench.tasks.spi.MetricProvider", WorstErrorMetric.Provider.class,
                "org.eibench.tasks.spi.DegradationProvider", VignetteDegradation.Provider.class);
        for (Map.Entry<String, Class<?>> e : registered.entrySet()) {
            Files.writeString(services.resolve(e.getKey()), e.getValue().getName() + "\n");
        }
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, ExtensionExamplesTest.class.getClassLoader());
    }

    @Test
    void theExampleTaskRunsOnTheExampleComponents() throws Exception {
        try (URLClassLoader loader = plugin()) {
            TaskCatalog catalog = new TaskCatalog(repo().resolve("data"), Map.of(), loader);
            Task t = catalog.task("devignette-kodak");
            assertThat(t.samples()).hasSize(8);
            Sample s = t.load(t.samples().get(0));
            FloatImage clean = (FloatImage) s.target();
            assertThat(s.input()).isEqualTo(new VignetteDegradation(0.6).apply(clean, s.id()));
            FloatImage prediction = (FloatImage) t.decode(s.reference(), s);
            assertThat(prediction).isEqualTo(clean);
            @SuppressWarnings("unchecked")
            Metric<FloatImage, FloatImage> worst = (Metric<FloatImage, FloatImage>) t.metrics().get(1).metric();
            Stats.Accumulator acc = Stats.Accumulator.of(worst);
            acc.add(worst.measure(prediction, clean)).add(worst.measure(s.input(), clean)).add(worst.measure(prediction, clean));
            assertThat(worst.finish(acc.result()).value("worst_error")).isEqualTo(worst.measure(s.input(), clean).scalar("worst"));
        }
    }

    @Test
    void theExampleModelAnswersGrey() throws Exception {
        ModelCatalog catalog = new ModelCatalog(List.of(new GrayModels()), new ModelContext(dir));
        assertThat(catalog.models()).extracting(d -> d.name()).containsExactly("gray");
        try (ModelRuntime m = catalog.open("gray")) {
            FloatImage in = new FloatImage(2, 2, 3, new float[12]);
            Output out = m.generate(List.of(new Request("a", in, "", 0, Map.of(), 4, 3, null))).get(0);
            FloatImage image = ((Output.Generated) out).image();
            assertThat(image.width()).isEqualTo(4);
            assertThat(image.data()).containsOnly(128f);
        }
    }
}
