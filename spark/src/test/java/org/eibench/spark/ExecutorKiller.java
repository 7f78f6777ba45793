package org.eibench.spark;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.spark.ExecutorLostFailure;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * A Spark listener (registered through spark.extraListeners, so Spark makes it) that kills the executor process of a
 * running task once the run is under way: after a first task has succeeded, the first task seen running for a while
 * has its executor killed with SIGKILL. It counts the tasks lost with their executor, which Spark must then retry.
 * State is static: the driver is the test's JVM, and Spark makes the listener itself.
 */
public final class ExecutorKiller extends SparkListener {

    static final AtomicInteger SUCCEEDED = new AtomicInteger();
    static final AtomicInteger LOST = new AtomicInteger();
    static final AtomicLong KILLED_PID = new AtomicLong(-1);
    /** Running task id -> its executor and when it started. */
    private static final Map<Long, Running> RUNNING = new ConcurrentHashMap<>();

    private record Running(String executorId, long startedMillis) {
    }

    static void reset() {
        SUCCEEDED.set(0);
        LOST.set(0);
        KILLED_PID.set(-1);
        RUNNING.clear();
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart start) {
        RUNNING.put(start.taskInfo().taskId(), new Running(start.taskInfo().executorId(), System.currentTimeMillis()));
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        RUNNING.remove(end.taskInfo().taskId());
        if (end.reason() == Success$.MODULE$) {
            SUCCEEDED.incrementAndGet();
        } else if (end.reason() instanceof ExecutorLostFailure) {
            LOST.incrementAndGet();
        }
    }

    /**
     * Kills, at most once, the executor of a task that has run for {@code minMillis} if a task has succeeded already;
     * returns whether it killed one now.
     */
    static boolean killOnce(long minMillis) {
        if (KILLED_PID.get() != -1 || SUCCEEDED.get() == 0) {
            return false;
        }
        long now = System.currentTimeMillis();
        for (Running r : RUNNING.values()) {
            if (now - r.startedMillis() < minMillis) {
                continue;
            }
            Optional<ProcessHandle> p = ProcessHandle.current().descendants()
                    .filter(h -> h.info().commandLine().map(c -> c.contains("CoarseGrainedExecutorBackend")
                            && c.contains("--executor-id " + r.executorId() + " ")).orElse(false))
                    .findFirst();
            if (p.isPresent() && KILLED_PID.compareAndSet(-1, p.get().pid())) {
                p.get().destroyForcibly();
                return true;
            }
        }
        return false;
    }
}
