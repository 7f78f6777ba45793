package org.eibench.tasks.spi;

import java.util.List;

import org.eibench.tasks.Task;
import org.eibench.tasks.TaskContext;
import org.eibench.tasks.spec.SpecException;

/**
 * Tasks contributed by code ({@code META-INF/services/org.eibench.tasks.spi.TaskProvider}): a jar on the class path
 * adds them to the catalog next to the built-in ones. The simplest provider ships task files as resources and builds
 * them with {@link org.eibench.tasks.TaskFiles#parse(byte[], String, java.nio.file.Path, TaskContext)}, so its tasks
 * are validated like any other.
 */
public interface TaskProvider {

    /** Ids of the tasks this provider makes; must not clash with built-in ids. */
    List<String> taskIds();

    Task task(String id, TaskContext context) throws SpecException;
}
