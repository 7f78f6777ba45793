package org.eibench.harness.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A cluster engine for {@code eibench run --engine NAME}, found by name through {@link java.util.ServiceLoader}: the
 * spark module, which is not in eibench.jar (the launcher puts it on the class path only for a run that asks for it,
 * so a plain run never loads it). Started once per command; each model's samples then run through its
 * {@link Runner.Remote}, while the driver (this process) writes the run directory as a local run does.
 */
public interface Engine extends AutoCloseable {

    /** What workers need to rebuild the run's tasks and models on their side: everything by path or spec. */
    record Setup(Path dataDir, Map<String, Path> dataRoots, Map<String, Path> evaluators, List<String> taskSources,
                 Map<String, String> conf) {
        public Setup {
            dataRoots = Map.copyOf(dataRoots);
            evaluators = Map.copyOf(evaluators);
            taskSources = List.copyOf(taskSources);
            conf = Map.copyOf(conf);
        }
    }

    /** The name {@code --engine} takes. */
    String name();

    /** Connects to the cluster, or starts an embedded one, as {@code setup.conf()} says. */
    void start(Setup setup) throws IOException;

    /** Where one model's samples run; {@code modelSpec} is opened on the workers as {@code --model} gave it. */
    Runner.Remote remote(String modelSpec);

    @Override
    void close();
}
