package org.eibench.metrics.image;

import org.eibench.metrics.FloatImage;

/** Shared preparation of image pairs for PSNR and SSIM: shape check, channel selection and border crop. */
final class ImageMetricSupport {

    private ImageMetricSupport() {
    }

    static void requireSameShape(FloatImage prediction, FloatImage target) {
        if (!prediction.sameShape(target)) {
            throw new IllegalArgumentException("prediction is " + prediction.shape() + " but target is " + target.shape());
        }
    }

    /**
     * The image border-shaved and in the metric's colour space ({@code rgb}: as is; {@code y}: BT.601 luma). Luma is
     * per pixel, so cropping first (as BasicSR does) gives the same pixels with less work.
     */
    static FloatImage prepare(FloatImage image, Channel channel, boolean yRound, int crop) {
        FloatImage im = crop(image, crop);
        return channel == Channel.Y ? Luma.y(im, yRound) : im;
    }

    static FloatImage crop(FloatImage im, int crop) {
        if (crop == 0) {
            return im;
        }
        int w = im.width() - 2 * crop;
        int h = im.height() - 2 * crop;
        if (w <= 0 || h <= 0) {
            throw new IllegalArgumentException("crop " + crop + " leaves nothing of a " + im.shape() + " image");
        }
        int c = im.channels();
        byte[] bytes = im.unsignedBytes();
        if (bytes != null) {                                 // an 8-bit image stays bytes
            byte[] out = new byte[w * h * c];
            for (int y = 0; y < h; y++) {
                System.arraycopy(bytes, ((y + crop) * im.width() + crop) * c, out, y * w * c, w * c);
            }
            return FloatImage.ofUnsignedBytes(w, h, c, out);
        }
        float[] out = new float[w * h * c];
        for (int y = 0; y < h; y++) {
            System.arraycopy(im.data(), ((y + crop) * im.width() + crop) * c, out, y * w * c, w * c);
        }
        return new FloatImage(w, h, c, out);
    }

    /** Colour space a PSNR or SSIM is computed in. */
    enum Channel {
        RGB, Y;

        static Channel parse(String s) {
            return switch (s.toLowerCase(java.util.Locale.ROOT)) {
                case "rgb" -> RGB;
                case "y" -> Y;
                default -> throw new IllegalArgumentException("channel must be rgb or y, not '" + s + "'");
            };
        }

        String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
