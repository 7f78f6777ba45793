package org.eibench.baselines;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eibench.imaging.Resize;
import org.eibench.metrics.FloatImage;
import org.eibench.runtime.ModelInfo;
import org.eibench.runtime.ModelRuntime;
import org.eibench.runtime.Output;
import org.eibench.runtime.Request;

/** The floor: returns the input, resized bicubically to the target's size when the sizes differ. */
final class IdentityModel implements ModelRuntime {

    @Override
    public ModelInfo info() {
        return new ModelInfo("identity", "builtin:identity@1", "cpu", Map.of("runtime", "baseline"));
    }

    @Override
    public int maxBatchSize() {
        return 16;
    }

    @Override
    public List<Output> generate(List<Request> batch) {
        List<Output> out = new ArrayList<>(batch.size());
        for (Request r : batch) {
            long t = System.nanoTime();
            FloatImage im = r.image();
            if (r.targetWidth() > 0 && r.targetHeight() > 0) {
                im = Resize.to(im, r.targetWidth(), r.targetHeight(), Resize.Method.BICUBIC);
            }
            out.add(new Output.Generated(r.id(), im, Map.of(), System.nanoTime() - t));
        }
        return out;
    }
}
