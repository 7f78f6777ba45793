package org.eibench.runtime.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eibench.runtime.ModelContext;
import org.eibench.runtime.ModelSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CUDA device a cluster engine assigns (ModelContext.cudaDevice) reaches the ONNX session options. Without a GPU
 * the CPU build falls back, and the model info still says which device was asked for.
 */
class CudaDeviceTest {

    @TempDir
    Path dir;

    @Test
    void theContextsCudaDeviceIsTheOneRequested() throws Exception {
        Path onnx = TinyGraphs.write(dir, "cuda", TinyGraphs.affine(1f, 0f));
        Files.writeString(dir.resolve("cuda.yaml"), "format: eibench/model@1\nid: c\nfile: cuda.onnx\ninput: {name: x}\noutput: {name: y}\n");
        OnnxProvider p = new OnnxProvider();
        ModelSpec spec = ModelSpec.parse("onnx:" + onnx + ",device=cuda,fallback=cpu");
        try (var m = p.open(spec, new ModelContext(dir, 3)).orElseThrow()) {
            assertThat(m.info().details()).containsEntry("cuda_device_id", 3).containsEntry("requested_device", "cuda");
        }
        // Device 0, the default, leaves the model info as it always was.
        try (var m = p.open(spec, new ModelContext(dir)).orElseThrow()) {
            assertThat(m.info().details()).doesNotContainKey("cuda_device_id");
        }
        try (var m = p.open(ModelSpec.parse("onnx:" + onnx), new ModelContext(dir, 3)).orElseThrow()) {
            assertThat(m.info().details()).doesNotContainKey("cuda_device_id");
        }
    }
}
