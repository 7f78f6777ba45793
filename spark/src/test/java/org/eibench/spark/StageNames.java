package org.eibench.spark;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;

/**
 * A Spark listener (spark.extraListeners) that records the name of every stage submitted: Spark names a stage after
 * its call site ("treeAggregate at SparkEngine.java:123"), which shows which RDD operations a run really used. Static:
 * the driver is the test's JVM, and Spark makes the listener itself.
 */
public final class StageNames extends SparkListener {

    static final List<String> NAMES = new CopyOnWriteArrayList<>();

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
        NAMES.add(submitted.stageInfo().name());
    }
}
