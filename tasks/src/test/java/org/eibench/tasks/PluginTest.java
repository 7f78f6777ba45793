package org.eibench.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.eibench.metrics.FloatImage;
import org.eibench.tasks.data.SampleRef;
import org.eibench.tasks.spi.TaskProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third-party plugin: a separate jar, compiled here from source, adds a task (TaskProvider) whose file uses a
 * decoder the plugin also contributes (DecoderProvider). A catalog over a class loader that sees the jar lists and
 * loads the task; the default catalog does not see it.
 */
class PluginTest {

    @TempDir
    Path dir;

    static final String TASKS = """
            package demo;

            import java.nio.charset.StandardCharsets;
            import java.util.List;
            import org.eibench.tasks.Task;
            import org.eibench.tasks.TaskContext;
            import org.eibench.tasks.TaskFiles;
            import org.eibench.tasks.spec.SpecException;
            import org.eibench.tasks.spi.TaskProvider;

            public final class DemoTasks implements TaskProvider {
                public List<String> taskIds() {
                    return List.of("demo-invert-kodak");
                }

                public Task task(String id, TaskContext context) throws SpecException {
                    String yaml = String.join("\\n",
                        "format: eibench/task@1", "id: demo-invert-kodak", "version: 1", "split: held-out",
                        "zero_shot: task", "kind: restoration",
                        "data: {root: \\"${EIBENCH_DATA}/denoise/Kodak24_01-08\\", layout: paired-folders, input: ., target: .}",
                        "instructions: [\\"Invert the photo.\\"]", "decoder: {type: demo-invert}", "metrics: [{name: psnr}]");
                    return TaskFiles.parse(yaml.getBytes(StandardCharsets.UTF_8), "plugin:demo", null, context);
                }
            }
            """;

    static final String DECODER = """
            package demo;

            import java.util.Map;
            import org.eibench.metrics.FloatImage;
            import org.eibench.tasks.decode.Decoder;
            import org.eibench.metrics.config.Options;
            import org.eibench.tasks.spec.TaskKind;
            import org.eibench.tasks.spi.DecoderProvider;

            public final class InvertDecoders implements DecoderProvider {
                public String name() {
                    return "demo-invert";
                }

                public Decoder create(Options options, TaskKind kind) {
                    return new Decoder() {
                        public String type() { return "demo-invert"; }
                        public Map<String, Object> options() { return Map.of(); }
                        public Class<?> predictionType() { return FloatImage.class; }
                        public Object decode(FloatImage output, FloatImage input, Object target) { return invert(output); }
                        public FloatImage encode(Object target) { return invert((FloatImage) target); }
                    };
                }

                static FloatImage invert(FloatImage f) {
                    float[] d = f.data().clone();
                    for (int i = 0; i < d.length; i++) {
                        d[i] = 255 - d[i];
                    }
                    return new FloatImage(f.width(), f.height(), f.channels(), d);
                }
            }
            """;

    static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    Path buildPluginJar() throws Exception {
        Path src = dir.resolve("src/demo");
        Files.createDirectories(src);
        Files.writeString(src.resolve("DemoTasks.java"), TASKS);
        Files.writeString(src.resolve("InvertDecoders.java"), DECODER);
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String cp = location(TaskProvider.class) + File.pathSeparator + location(FloatImage.class);
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-classpath", cp,
                src.resolve("DemoTasks.java").toString(), src.resolve("InvertDecoders.java").toString());
        assertThat(rc).as("plugin compiles").isZero();
        Path jar = dir.resolve("demo-plugin.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                    out.write(Files.readAllBytes(p));
                    out.closeEntry();
                }
            }
            service(out, "org.eibench.tasks.spi.TaskProvider", "demo.DemoTasks");
            service(out, "org.eibench.tasks.spi.DecoderProvider", "demo.InvertDecoders");
        }
        return jar;
    }

    private static void service(JarOutputStream out, String iface, String impl) throws Exception {
        out.putNextEntry(new JarEntry("META-INF/services/" + iface));
        ((OutputStream) out).write((impl + "\n").getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    @Test
    void aJarOnTheClassPathAddsATask() throws Exception {
        Path jar = buildPluginJar();
        Path data = TestData.dir();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, TaskCatalog.class.getClassLoader())) {
            TaskCatalog catalog = new TaskCatalog(data, Map.of(), loader);
            assertThat(catalog.taskIds()).contains("demo-invert-kodak", "denoise-set12-s25");
            Task t = catalog.task("demo-invert-kodak");
            assertThat(t.spec().split().key()).isEqualTo("held-out");
            assertThat(t.decoder().type()).isEqualTo("demo-invert");
            List<SampleRef> refs = t.samples();
            assertThat(refs).hasSize(8);
            Sample s = t.load(refs.get(0));
            FloatImage pred = (FloatImage) t.decode(s.reference(), s);
            assertThat(pred).isEqualTo(s.target());
        }
        assertThat(new TaskCatalog(data).taskIds()).doesNotContain("demo-invert-kodak");
    }
}
