package org.eibench.tasks;

/** Metric names the tests use for kinds whose metrics live in other modules' branches until they are merged. */
final class TestMetrics {
    static final String DEPTH = "depth";

    private TestMetrics() {
    }
}
