package org.eibench.tasks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eibench.tasks.spec.SpecException;

/**
 * The built-in tasks and suites (YAML files shipped in this module) plus task and suite files given by path.
 * {@code ${EIBENCH_DATA}} in a data root stands for the data folder given here.
 */
public final class TaskCatalog {

    private static final String BASE = "catalog/";
    private final Path dataDir;
    private final TaskContext context;

    public TaskCatalog(Path dataDir) {
        this(dataDir, java.util.Map.of(), Thread.currentThread().getContextClassLoader());
    }

    /**
     * @param roots  dataset roots by name ({@code --data-root nyuv2=DIR} gives {@code nyuv2}), standing for
     *               {@code ${EIBENCH_ROOT_NYUV2}} in task files; unset names fall back to the environment
     * @param loader where {@link org.eibench.tasks.spi} providers are looked up (plugin jars on the class path)
     */
    public TaskCatalog(Path dataDir, java.util.Map<String, Path> roots, ClassLoader loader) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.context = new TaskContext(this.dataDir, roots, System::getenv,
                loader == null ? Plugins.load(TaskCatalog.class.getClassLoader()) : Plugins.load(loader));
    }

    public TaskCatalog(TaskContext context) {
        this.dataDir = context.dataDir().toAbsolutePath().normalize();
        this.context = context;
    }

    public Path dataDir() {
        return dataDir;
    }

    public TaskContext context() {
        return context;
    }

    /** This catalog with evaluator networks for the metrics that need one (FD/KD, LPIPS). */
    public TaskCatalog withEvaluators(org.eibench.tasks.metric.Evaluators evaluators) {
        return new TaskCatalog(context.withEvaluators(evaluators));
    }

    /** Built-in task ids, then those of plugins (a plugin id equal to a built-in one is ignored). */
    public List<String> taskIds() {
        List<String> ids = new ArrayList<>(index("index.txt"));
        for (org.eibench.tasks.spi.TaskProvider p : context.plugins().taskProviders()) {
            for (String id : p.taskIds()) {
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    /**
     * The split, zero-shot level, kind and title a built-in task file declares, read without building the task (for
     * listings of tasks whose data is not there); empty for plugin tasks.
     */
    public java.util.Map<String, String> header(String id) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        String text = taskSource(id);
        if (text == null) {
            return out;
        }
        try {
            var root = org.eibench.tasks.spec.YamlNode.parse(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            for (String k : List.of("split", "zero_shot", "kind", "title")) {
                var n = root.map() == null ? null : root.map().get(k);
                if (n != null && n.value() instanceof String v) {
                    out.put(k, v);
                }
            }
        } catch (IOException e) {
            // a broken built-in file shows up when the task is loaded
        }
        return out;
    }

    /** The built-in task files' text, for {@code eibench tasks show}; null for a plugin task. */
    public String taskSource(String id) {
        if (!index("index.txt").contains(id)) {
            return null;
        }
        return new String(resource(BASE + id + ".yaml"), StandardCharsets.UTF_8);
    }

    public List<String> suiteNames() {
        return index("suites.txt");
    }

    /** A built-in task by id, or a task file by path (anything ending in .yaml/.yml or naming an existing file). */
    public Task task(String idOrPath) throws SpecException {
        if (looksLikePath(idOrPath)) {
            return TaskFiles.load(Path.of(idOrPath), context);
        }
        if (!index("index.txt").contains(idOrPath)) {
            for (org.eibench.tasks.spi.TaskProvider p : context.plugins().taskProviders()) {
                if (p.taskIds().contains(idOrPath)) {
                    return p.task(idOrPath, context);
                }
            }
        }
        if (!taskIds().contains(idOrPath)) {
            throw new SpecException("--task", "unknown task '" + idOrPath + "'. Tasks: " + String.join(", ", taskIds())
                    + "; or give the path of a task file");
        }
        String resource = BASE + idOrPath + ".yaml";
        return TaskFiles.parse(resource(resource), "builtin:" + idOrPath, null, context);
    }

    public SuiteSpec suite(String nameOrPath) throws SpecException {
        if (looksLikePath(nameOrPath)) {
            Path p = Path.of(nameOrPath);
            try {
                return SuiteSpec.parse(Files.readAllBytes(p), p.toString());
            } catch (IOException e) {
                throw new SpecException(nameOrPath, "cannot read: " + e.getMessage());
            }
        }
        if (!suiteNames().contains(nameOrPath)) {
            throw new SpecException("--suite", "unknown suite '" + nameOrPath + "'. Suites: " + String.join(", ", suiteNames())
                    + "; or give the path of a suite file");
        }
        return SuiteSpec.parse(resource(BASE + nameOrPath + ".suite.yaml"), "builtin:" + nameOrPath);
    }

    private static boolean looksLikePath(String s) {
        return s.endsWith(".yaml") || s.endsWith(".yml") || s.contains("/") || Files.isRegularFile(Path.of(s));
    }

    private static byte[] resource(String name) {
        try (InputStream in = TaskCatalog.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing built-in resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> index(String name) {
        List<String> out = new ArrayList<>();
        for (String line : new String(resource(BASE + name), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                out.add(line.strip());
            }
        }
        return out;
    }
}
