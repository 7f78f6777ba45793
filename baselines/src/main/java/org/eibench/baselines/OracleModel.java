package org.eibench.baselines;

import java.util.Map;

import org.eibench.runtime.Capabilities;
import org.eibench.runtime.ModelInfo;
import org.eibench.runtime.Output;
import org.eibench.runtime.Request;

/**
 * The ceiling check: returns the ground truth as the task renders it into output-image space. Anything below the
 * metric's best value exposes a lossy decoder or a metric bug, not a model. It declares that it reads the reference,
 * the only model that does, so the runner gives it the ground truth and reports keep it out of rankings.
 */
final class OracleModel extends PerRequestModel {

    @Override
    public ModelInfo info() {
        return new ModelInfo("oracle", "builtin:oracle@1", "cpu", Map.of("runtime", "baseline"), Capabilities.readingReference());
    }

    @Override
    Output answer(Request r) {
        return r.reference() == null
                ? new Output.Failed(r.id(), "oracle: the task gave no reference image for this sample")
                : new Output.Generated(r.id(), r.reference(), Map.of(), 0);
    }
}
