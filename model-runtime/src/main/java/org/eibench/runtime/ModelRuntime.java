package org.eibench.runtime;

import java.util.List;

/**
 * A model that turns (image, instruction) requests into output images: ONNX Runtime in process, an HTTP server, or a
 * baseline. {@link #generate} returns exactly one {@link Output} per request, in order; a per-sample problem is an
 * {@link Output.Failed}, never an exception. Implementations must be safe to call from one thread at a time.
 */
public interface ModelRuntime extends AutoCloseable {

    ModelInfo info();

    List<Output> generate(List<Request> batch);

    /** Largest batch this runtime wants; the runner never sends more. */
    default int maxBatchSize() {
        return 1;
    }

    @Override
    default void close() {
    }
}
