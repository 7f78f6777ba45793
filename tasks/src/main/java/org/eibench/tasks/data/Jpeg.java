package org.eibench.tasks.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.config.OptionSpec;
import org.eibench.metrics.config.Options;
import org.eibench.imaging.ImageFiles;
import org.eibench.imaging.OpenCvLoader;
import org.eibench.tasks.spi.AbstractComponent;
import org.eibench.tasks.spi.DegradationProvider;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * JPEG compression at {@code quality} with OpenCV's encoder (libjpeg(-turbo), 4:2:0 chroma subsampling for colour,
 * standard IJG quantisation tables scaled by quality), then decoded again: the protocol of ARCNN/DnCNN-3/FBCNN
 * test sets (they use MATLAB's imwrite or PIL, whose libjpeg tables are the same; the bits may still differ slightly
 * between encoders). Gray images stay one channel.
 */
public record Jpeg(int quality) implements Degradation {

    @Override
    public FloatImage apply(FloatImage clean, String sampleId) {
        OpenCvLoader.ensureLoaded();
        Mat f = ImageFiles.toMat(clean.quantized8());
        Mat u8 = new Mat();
        f.convertTo(u8, CvType.makeType(CvType.CV_8U, clean.channels()));
        Mat bgr = new Mat();
        if (clean.channels() == 3) {
            Imgproc.cvtColor(u8, bgr, Imgproc.COLOR_RGB2BGR);
        } else {
            u8.copyTo(bgr);
        }
        MatOfByte buf = new MatOfByte();
        Imgcodecs.imencode(".jpg", bgr, buf,
                new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality));
        byte[] bytes = buf.toArray();
        f.release();
        u8.release();
        bgr.release();
        buf.release();
        try {
            FloatImage out = ImageFiles.decode(bytes, sampleId + ".jpg").image();
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("JPEG round trip failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, Object> options() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "jpeg");
        m.put("quality", quality);
        m.put("encoder", "opencv-imencode");
        return m;
    }

    /** Registered in META-INF/services/org.eibench.tasks.spi.DegradationProvider. */
    public static final class Provider extends AbstractComponent implements DegradationProvider {
        static final OptionSpec QUALITY = OptionSpec.integer("quality", 10, 1, 100, "JPEG quality");

        public Provider() {
            super("jpeg", Set.of(), QUALITY);
        }

        @Override
        public Degradation create(Options o, Function<String, Path> files) {
            return new Jpeg(o.integer(QUALITY));
        }
    }
}
