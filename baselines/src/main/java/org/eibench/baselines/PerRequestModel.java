package org.eibench.baselines;

import java.util.ArrayList;
import java.util.List;

import org.eibench.runtime.ModelRuntime;
import org.eibench.runtime.Output;
import org.eibench.runtime.Request;

/**
 * A built-in model that answers each request of a batch on its own, in the calling thread (the runner's model pool
 * gives the parallelism); subclasses say how one request is answered.
 */
abstract class PerRequestModel implements ModelRuntime {

    @Override
    public int maxBatchSize() {
        return 16;
    }

    @Override
    public final List<Output> generate(List<Request> batch) {
        List<Output> out = new ArrayList<>(batch.size());
        for (Request r : batch) {
            out.add(answer(r));
        }
        return out;
    }

    /** The output for one request: generated, or failed with the reason. */
    abstract Output answer(Request r);
}
