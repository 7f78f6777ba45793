package org.eibench.baselines;

import java.util.Map;

import org.eibench.imaging.Resize;
import org.eibench.metrics.FloatImage;
import org.eibench.runtime.ModelInfo;
import org.eibench.runtime.Output;
import org.eibench.runtime.Request;

/** The floor: returns the input, resized bicubically to the target's size when the sizes differ. */
final class IdentityModel extends PerRequestModel {

    @Override
    public ModelInfo info() {
        return new ModelInfo("identity", "builtin:identity@1", "cpu", Map.of("runtime", "baseline"));
    }

    @Override
    Output answer(Request r) {
        long t = System.nanoTime();
        FloatImage im = r.image();
        if (r.targetWidth() > 0 && r.targetHeight() > 0) {
            im = Resize.to(im, r.targetWidth(), r.targetHeight(), Resize.Method.BICUBIC);
        }
        return new Output.Generated(r.id(), im, Map.of(), System.nanoTime() - t);
    }
}
