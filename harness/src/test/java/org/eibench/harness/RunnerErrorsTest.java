package org.eibench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eibench.harness.run.RunDirectory;
import org.eibench.harness.run.RunSettings;
import org.eibench.harness.run.Runner;
import org.eibench.harness.run.SampleRecord;
import org.eibench.runtime.ModelInfo;
import org.eibench.runtime.ModelRuntime;
import org.eibench.runtime.Output;
import org.eibench.runtime.Request;
import org.eibench.tasks.Task;
import org.eibench.tasks.TaskCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A misbehaving model never crashes a run and never passes silently: every sample gets a failed line. */
class RunnerErrorsTest {

    @TempDir
    Path tmp;

    private static Runner.Result run(ModelRuntime model, Path dir) throws Exception {
        Task task = new TaskCatalog(Cli.data()).task("sr-set5-x4");
        Runner runner = new Runner(RunSettings.builder().threads(2, 2).batchSize(2).build(), null);
        return runner.run(model, List.of(task), new RunDirectory(dir));
    }

    private abstract static class Broken implements ModelRuntime {
        @Override
        public ModelInfo info() {
            return new ModelInfo("broken", "test:broken", "cpu", Map.of());
        }

        @Override
        public int maxBatchSize() {
            return 4;
        }
    }

    @Test
    void aThrowingModelFailsItsBatchWithTheReason() throws Exception {
        Runner.Result r = run(new Broken() {
            @Override
            public List<Output> generate(List<Request> batch) {
                throw new IllegalStateException("GPU on fire");
            }
        }, tmp.resolve("a"));
        assertThat(r.failed()).isEqualTo(5);
        assertThat(r.failures()).allSatisfy(f -> {
            assertThat(f.stage()).isEqualTo("model");
            assertThat(f.reason()).contains("GPU on fire");
        });
        Map<String, SampleRecord> lines = new RunDirectory(tmp.resolve("a")).readSamples("sr-set5-x4");
        assertThat(lines).hasSize(5);
    }

    @Test
    void wrongCountsAndOrderAreCaught() throws Exception {
        Runner.Result r = run(new Broken() {
            @Override
            public List<Output> generate(List<Request> batch) {
                List<Output> out = new ArrayList<>();
                for (int i = batch.size() - 1; i >= 0; i--) {
                    out.add(new Output.Generated(batch.get(i).id(), batch.get(i).image(), Map.of(), 0));
                }
                return batch.size() > 1 ? out : out.subList(0, 0);
            }
        }, tmp.resolve("b"));
        assertThat(r.failed()).isEqualTo(5);
        assertThat(r.failures()).extracting(Runner.Failure::reason)
                .allSatisfy(reason -> assertThat(reason).containsAnyOf("out of order", "outputs for"));
    }

    @Test
    void anErrorInALaterTaskAbortsTheRunButKeepsEveryFinishedTaskAndResumes() throws Exception {
        // An Error (not a per-sample problem) aborts the run. With tasks overlapping in the pipeline, every task opened
        // so far must still be closed with its finished lines on disk, and a resume with a healthy model of the same
        // identity must give the same summary as an uninterrupted run.
        TaskCatalog catalog = new TaskCatalog(Cli.data());
        List<Task> tasks = List.of(catalog.task("sr-set5-x4"), catalog.task("deblur-set3c"), catalog.task("jpeg-classic5-q10"));
        java.util.concurrent.atomic.AtomicBoolean explode = new java.util.concurrent.atomic.AtomicBoolean(true);
        ModelRuntime model = new Broken() {
            @Override
            public List<Output> generate(List<Request> batch) {
                List<Output> out = new ArrayList<>();
                for (Request q : batch) {
                    if (explode.get() && q.id().equals("leaves")) { // a deblur-set3c sample: the second task
                        throw new AssertionError("simulated crash");
                    }
                    out.add(new Output.Generated(q.id(), q.image(), Map.of(), 0));
                }
                return out;
            }
        };
        Runner runner = new Runner(RunSettings.builder().threads(2, 2).batchSize(1).build(), null);
        Path dir = tmp.resolve("crash");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> runner.run(model, tasks, new RunDirectory(dir)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("simulated crash");
        Map<String, SampleRecord> first = new RunDirectory(dir).readSamples("sr-set5-x4");
        assertThat(first).hasSize(5);
        assertThat(first.values()).allMatch(SampleRecord::ok);
        assertThat(java.nio.file.Files.exists(dir.resolve("summary.json"))).isFalse();

        explode.set(false);
        Runner.Result resumed = runner.run(model, tasks, new RunDirectory(dir));
        assertThat(resumed.tasks().get(0).fresh()).isZero();
        assertThat(resumed.failed()).isZero();
        Runner.Result whole = runner.run(model, tasks, new RunDirectory(tmp.resolve("whole")));
        assertThat(whole.planned()).isEqualTo(resumed.planned());
        assertThat(Cli.summary(dir)).isEqualTo(Cli.summary(tmp.resolve("whole")));
    }

    @Test
    void aBadOutputFailsOnlyItsSample() throws Exception {
        Runner.Result r = run(new Broken() {
            @Override
            public List<Output> generate(List<Request> batch) {
                List<Output> out = new ArrayList<>();
                for (Request q : batch) {
                    // A 1x1 output cannot be scored against the target (the rgb decoder resizes; give it 2 channels).
                    out.add(q.id().equals(batch.get(0).id())
                            ? new Output.Generated(q.id(), new org.eibench.metrics.FloatImage(1, 1, 2, new float[2]), Map.of(), 0)
                            : new Output.Failed(q.id(), "declined"));
                }
                return out;
            }
        }, tmp.resolve("c"));
        assertThat(r.failed()).isEqualTo(5);
        assertThat(r.failures()).extracting(Runner.Failure::stage).contains("model").containsAnyOf("decode", "score", "write");
    }
}
