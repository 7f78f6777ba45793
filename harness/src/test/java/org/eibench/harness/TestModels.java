package org.eibench.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.eibench.imaging.Resize;
import org.eibench.metrics.FloatImage;
import org.eibench.runtime.ModelContext;
import org.eibench.runtime.ModelDescriptor;
import org.eibench.runtime.ModelInfo;
import org.eibench.runtime.ModelProvider;
import org.eibench.runtime.ModelRuntime;
import org.eibench.runtime.ModelSpec;
import org.eibench.runtime.Output;
import org.eibench.runtime.Request;

/**
 * Test-only models (registered through the test class path's META-INF/services): {@code test-noisy[,sigma=S]} is
 * identity plus seeded Gaussian noise (a planted regression), {@code test-counting} is identity with a checksum that
 * the prediction cache does not skip and a counter of generated requests, {@code test-failing} fails samples whose
 * id ends in "2", {@code test-broken} fails every sample (a checkpoint that broke), and {@code test-peeking} is a
 * plugin that declares nothing yet tries to read the ground truth and the task hints of every request (a cheat the
 * runner must starve), and {@code test-slow} is identity taking half a second per sample (a run to interrupt).
 */
public final class TestModels implements ModelProvider {

    static final AtomicInteger COUNTING_CALLS = new AtomicInteger();
    /** Requests test-peeking received, and how many of them carried a reference or any hint. */
    static final AtomicInteger PEEKING_REQUESTS = new AtomicInteger();
    static final AtomicInteger PEEKING_SAW = new AtomicInteger();

    @Override
    public List<ModelDescriptor> models(ModelContext context) {
        return List.of(new ModelDescriptor("test-noisy", "identity + noise (tests)", Set.of()),
                new ModelDescriptor("test-counting", "identity that counts calls (tests)", Set.of()),
                new ModelDescriptor("test-failing", "identity failing ids ending in 2 (tests)", Set.of()),
                new ModelDescriptor("test-broken", "fails every sample (tests)", Set.of()),
                new ModelDescriptor("test-peeking", "tries to read the ground truth (tests)", Set.of()),
                new ModelDescriptor("test-slow", "identity taking half a second per sample (tests)", Set.of()));
    }

    @Override
    public Optional<ModelRuntime> open(ModelSpec spec, ModelContext context) {
        return switch (spec.name()) {
            case "test-noisy" -> Optional.of(new Model("test-noisy", Double.parseDouble(spec.option("sigma", "20")), false, false));
            case "test-counting" -> Optional.of(new Model("test-counting", 0, true, false));
            case "test-failing" -> Optional.of(new Model("test-failing", 0, false, true));
            case "test-broken" -> Optional.of(new Broken());
            case "test-peeking" -> Optional.of(new Peeking());
            case "test-slow" -> Optional.of(new Slow());
            default -> Optional.empty();
        };
    }

    /** Every sample fails, as a checkpoint that lost its weights would. */
    static final class Broken implements ModelRuntime {
        @Override
        public ModelInfo info() {
            return new ModelInfo("test-broken", "test:broken", "cpu", Map.of());
        }

        @Override
        public List<Output> generate(List<Request> batch) {
            return batch.stream().<Output>map(r -> new Output.Failed(r.id(), "planted: the checkpoint is broken")).toList();
        }
    }

    /** Declares no capability, but returns the ground truth whenever a request carries it. */
    static final class Peeking implements ModelRuntime {
        @Override
        public ModelInfo info() {
            return new ModelInfo("test-peeking", "test:peeking", "cpu", Map.of());
        }

        @Override
        public int maxBatchSize() {
            return 4;
        }

        @Override
        public List<Output> generate(List<Request> batch) {
            List<Output> out = new ArrayList<>();
            for (Request r : batch) {
                PEEKING_REQUESTS.incrementAndGet();
                if (r.reference() != null || !r.hints().isEmpty()) {
                    PEEKING_SAW.incrementAndGet();
                }
                FloatImage im = r.reference() != null ? r.reference()
                        : Resize.to(r.image(), r.targetWidth(), r.targetHeight(), Resize.Method.BICUBIC);
                out.add(new Output.Generated(r.id(), im, Map.of(), 0));
            }
            return out;
        }
    }

    /** Identity, one sample at a time, half a second each. */
    static final class Slow implements ModelRuntime {
        private final Model identity = new Model("test-slow", 0, false, false);

        @Override
        public ModelInfo info() {
            return identity.info();
        }

        @Override
        public List<Output> generate(List<Request> batch) {
            try {
                Thread.sleep(500L * batch.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return identity.generate(batch);
        }
    }

    static final class Model implements ModelRuntime {
        private final String id;
        private final double sigma;
        private final boolean count;
        private final boolean failSome;

        Model(String id, double sigma, boolean count, boolean failSome) {
            this.id = id;
            this.sigma = sigma;
            this.count = count;
            this.failSome = failSome;
        }

        @Override
        public ModelInfo info() {
            return new ModelInfo(id, "test:" + id + "@" + sigma, "cpu", Map.of());
        }

        @Override
        public int maxBatchSize() {
            return 4;
        }

        @Override
        public List<Output> generate(List<Request> batch) {
            List<Output> out = new ArrayList<>();
            for (Request r : batch) {
                if (count) {
                    COUNTING_CALLS.incrementAndGet();
                }
                if (failSome && r.id().endsWith("2")) {
                    out.add(new Output.Failed(r.id(), "planted failure"));
                    continue;
                }
                FloatImage im = r.image();
                if (r.targetWidth() > 0 && r.targetHeight() > 0) {
                    im = Resize.to(im, r.targetWidth(), r.targetHeight(), Resize.Method.BICUBIC);
                }
                if (sigma > 0) {
                    SplittableRandom rnd = new SplittableRandom(r.seed() * 31 + r.id().hashCode());
                    float[] d = im.data().clone();
                    for (int i = 0; i < d.length; i++) {
                        d[i] += (float) (sigma * gaussian(rnd));
                    }
                    im = new FloatImage(im.width(), im.height(), im.channels(), d);
                }
                out.add(new Output.Generated(r.id(), im, Map.of(), 0));
            }
            return out;
        }

        private static double gaussian(SplittableRandom r) {
            double u = Math.max(1e-12, r.nextDouble());
            return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
        }
    }
}
