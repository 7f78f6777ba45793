package org.eibench.baselines;

import java.util.Map;

import org.eibench.imaging.MatlabResize;
import org.eibench.metrics.FloatImage;
import org.eibench.runtime.ModelInfo;
import org.eibench.runtime.Output;
import org.eibench.runtime.Request;

/**
 * The standard SR baseline: MATLAB-compatible bicubic upscaling ({@link MatlabResize}) of the input to the target's
 * size. When the target is an integer multiple of the input up to less than one scale step (an HR image that was
 * not cropped to a multiple of the scale, e.g. Set5 baby 512 px for a 170 px x3 input), the integer scale is used,
 * as {@code imresize(lr, 3)} would, and the last rows/columns extrapolate; the published bicubic rows are computed
 * on the HR cropped to a multiple of the scale, and those pixels lie inside the cropped region.
 */
final class BicubicModel extends PerRequestModel {

    @Override
    public ModelInfo info() {
        return new ModelInfo("bicubic", "builtin:bicubic-matlab@1", "cpu", Map.of("runtime", "baseline",
                "method", "MATLAB imresize bicubic (a=-0.5, antialiased)"));
    }

    @Override
    Output answer(Request r) {
        long t = System.nanoTime();
        if (r.targetWidth() <= 0 || r.targetHeight() <= 0) {
            return new Output.Failed(r.id(), "bicubic: the task gave no target size");
        }
        FloatImage im = r.image();
        FloatImage res = MatlabResize.resize(im, r.targetWidth(), r.targetHeight(),
                scale(im.width(), r.targetWidth()), scale(im.height(), r.targetHeight()));
        return new Output.Generated(r.id(), res, Map.of(), System.nanoTime() - t);
    }

    /** The integer scale when the target is within one scale step of a multiple of the input, else the exact ratio. */
    static double scale(int in, int target) {
        long s = Math.round((double) target / in);
        if (s >= 1 && target >= s * in && target - s * in < s) {
            return s;
        }
        return (double) target / in;
    }
}
