package org.eibench.tasks.metric;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.GenerationTarget;
import org.eibench.metrics.Metric;

/**
 * An image metric (PSNR, SSIM, FD/KD, LPIPS) on a generation task, whose ground truth is the original image plus the
 * mask of the generated region: scored against the original image, over the whole image.
 */
final class OnImage extends TargetAdapter<GenerationTarget> {

    private OnImage(Metric<FloatImage, FloatImage> inner) {
        super(inner, GenerationTarget.class);
    }

    @SuppressWarnings("unchecked")
    static OnImage of(Metric<?, ?> m) {
        return new OnImage((Metric<FloatImage, FloatImage>) m);
    }

    @Override
    FloatImage image(GenerationTarget target) {
        return target.image();
    }
}
