package org.eibench.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eibench.metrics.FloatImage;
import org.eibench.runtime.Capabilities;
import org.eibench.runtime.ModelSpec;
import org.eibench.runtime.ModelSpecException;
import org.eibench.runtime.Output;
import org.eibench.runtime.Request;
import org.junit.jupiter.api.Test;

/** Task hints reach a server only when its spec opts in; the model's capabilities say so. */
class HttpHintsTest {

    private static Request withKernel() {
        return new Request("ok-1", new FloatImage(4, 3, 3, new float[4 * 3 * 3]), "sharpen", 0, Map.of(), 4, 3, null,
                Map.of(Capabilities.BLUR_KERNEL, List.of(List.of(0.25, 0.75))));
    }

    private static HttpModel open(FaultServer server, String options) throws ModelSpecException {
        return HttpModel.open(HttpSettings.parse(ModelSpec.parse(server.url() + options)), null, ms -> { });
    }

    @Test
    void hintsAreSentOnlyWhenTheSpecOptsIn() throws Exception {
        try (FaultServer server = new FaultServer()) {
            try (HttpModel blind = open(server, "")) {
                assertThat(blind.info().capabilities()).isEqualTo(Capabilities.NONE);
                // Even a request that carries a hint (a runner bug) does not leak it to a server that did not opt in.
                assertThat(blind.generate(List.of(withKernel())).get(0)).isInstanceOf(Output.Generated.class);
                assertThat(server.lastGenerateBody).contains("\"id\":\"ok-1\"").doesNotContain("hints", "blur_kernel", "0.75");
            }
            try (HttpModel nonBlind = open(server, ",hints=blur_kernel")) {
                assertThat(nonBlind.info().capabilities().hints()).containsExactly(Capabilities.BLUR_KERNEL);
                assertThat(nonBlind.info().capabilities().readsReference()).isFalse();
                assertThat(nonBlind.generate(List.of(withKernel())).get(0)).isInstanceOf(Output.Generated.class);
                assertThat(server.lastGenerateBody).contains("\"hints\":{\"blur_kernel\":[[0.25,0.75]]}");
            }
        }
    }

    @Test
    void unknownHintsAreRefused() throws Exception {
        assertThatThrownBy(() -> HttpSettings.parse(ModelSpec.parse("http://127.0.0.1:9,hints=ground_truth")))
                .isInstanceOf(ModelSpecException.class).hasMessageContaining("unknown hint 'ground_truth'").hasMessageContaining("blur_kernel");
        assertThat(HttpSettings.parse(ModelSpec.parse("http://127.0.0.1:9")).hints()).isEmpty();
        assertThat(HttpSettings.hints("blur_kernel+blur_kernel")).isEqualTo(Set.of(Capabilities.BLUR_KERNEL));
    }
}
