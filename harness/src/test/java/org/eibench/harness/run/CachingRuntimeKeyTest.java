package org.eibench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eibench.metrics.FloatImage;
import org.eibench.runtime.ModelInfo;
import org.eibench.runtime.ModelRuntime;
import org.eibench.runtime.Output;
import org.eibench.runtime.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everything a model is given is part of the prediction cache key: per-sample params (a server may seed by
 * sample_index) and hints (the blur kernel).
 */
class CachingRuntimeKeyTest {

    @TempDir
    Path tmp;

    private static final ModelRuntime MODEL = new ModelRuntime() {
        @Override
        public ModelInfo info() {
            return new ModelInfo("served", "http:served@1", "cpu", Map.of());
        }

        @Override
        public int maxBatchSize() {
            return 1;
        }

        @Override
        public List<Output> generate(List<Request> batch) {
            return batch.stream().<Output>map(r -> new Output.Generated(r.id(), r.image(), Map.of(), 0)).toList();
        }
    };

    private static Request request(Map<String, Object> runParams, Integer index, Map<String, Object> hints) {
        FloatImage im = new FloatImage(2, 2, 1, new float[] {1, 2, 3, 4});
        return new Request("a", im, "do it", 0, Requests.params(runParams, index), 2, 2, null, hints);
    }

    @Test
    void theKeyFollowsThePerSampleParams() {
        CachingRuntime c = (CachingRuntime) CachingRuntime.wrap(MODEL, tmp);
        String k0 = c.key(request(Map.of(), 0, Map.of()));
        assertThat(c.key(request(Map.of(), 0, Map.of()))).isEqualTo(k0);
        assertThat(c.key(request(Map.of(), 1, Map.of()))).isNotEqualTo(k0);
        List<List<Double>> kernel = List.of(List.of(0.5, 0.5));
        String withKernel = c.key(request(Map.of(), 0, Map.of("blur_kernel", kernel)));
        assertThat(withKernel).isNotEqualTo(k0);
        assertThat(c.key(request(Map.of(), 0, Map.of("blur_kernel", List.of(List.of(0.25, 0.75)))))).isNotEqualTo(withKernel);
        // A hint is not a param of the same name.
        assertThat(c.key(request(Map.of("blur_kernel", kernel), 0, Map.of()))).isNotEqualTo(withKernel);
        // The same params in another insertion order give the same key.
        Map<String, Object> p = new java.util.LinkedHashMap<>();
        p.put("seed_offset", 3);
        p.put("sample_index", 0);
        Request reordered = new Request("a", new FloatImage(2, 2, 1, new float[] {1, 2, 3, 4}), "do it", 0, p, 2, 2, null);
        assertThat(c.key(reordered)).isEqualTo(c.key(request(Map.of("seed_offset", 3), 0, Map.of())));
    }

    @Test
    void runParamsWinOverDerivedOnes() {
        Map<String, Object> p = Requests.params(Map.of("sample_index", 7, "kernel", "k.csv"), 3);
        assertThat(p).containsEntry("sample_index", 7).containsEntry("kernel", "k.csv");
        assertThat(Requests.params(Map.of(), null)).isEmpty();
    }
}
