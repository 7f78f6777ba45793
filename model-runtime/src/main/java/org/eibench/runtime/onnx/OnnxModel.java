package org.eibench.runtime.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.eibench.metrics.FloatImage;
import org.eibench.runtime.ModelInfo;
import org.eibench.runtime.ModelRuntime;
import org.eibench.runtime.ModelSpecException;
import org.eibench.runtime.Output;
import org.eibench.runtime.Request;
import org.eibench.runtime.image.ColorSpaces;
import org.eibench.runtime.image.ImageFiles;
import org.eibench.runtime.image.Resize;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * An ONNX image-to-image model run in process by ONNX Runtime, fed as its {@link ModelCard} says: geometry (fixed
 * size, padding to a multiple, or overlapping tiles), colour, layout, normalisation, and optionally the instruction as
 * token ids. Requests whose tensors have equal shape are batched up to the card's batch size; a per-request problem
 * becomes an {@link Output.Failed}.
 */
public final class OnnxModel implements ModelRuntime {

    private final ModelCard card;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final ModelInfo info;
    private final Tokenizer tokenizer;

    private OnnxModel(ModelCard card, OrtEnvironment env, OrtSession session, ModelInfo info, Tokenizer tokenizer) {
        this.card = card;
        this.env = env;
        this.session = session;
        this.info = info;
        this.tokenizer = tokenizer;
    }

    /**
     * Opens a card whose vocabulary (if any) lies beside the model file.
     *
     * @param device        {@code cpu} or {@code cuda}
     * @param allowFallback whether a missing CUDA provider falls back to CPU (said in the model info) or fails
     */
    public static OnnxModel open(ModelCard card, Path modelFile, String device, int threads, boolean allowFallback)
            throws ModelSpecException {
        Path vocab = card.text() == null ? null
                : ModelCard.resolve(card.text().vocab(), modelFile.toAbsolutePath().getParent(), null);
        return open(card, modelFile, vocab, device, threads, allowFallback);
    }

    /** Opens a card with an explicit vocabulary file (null for image-only cards), on CUDA device 0 for cuda. */
    public static OnnxModel open(ModelCard card, Path modelFile, Path vocabFile, String device, int threads,
                                 boolean allowFallback) throws ModelSpecException {
        return open(card, modelFile, vocabFile, device, 0, threads, allowFallback);
    }

    /** @param cudaDevice the CUDA device id for {@code device=cuda} (a cluster task's assigned GPU) */
    public static OnnxModel open(ModelCard card, Path modelFile, Path vocabFile, String device, int cudaDevice,
                                 int threads, boolean allowFallback) throws ModelSpecException {
        if (!Files.isRegularFile(modelFile)) {
            throw new ModelSpecException("model file not found: " + modelFile + " (model " + card.id() + ")");
        }
        if (threads < 1) {
            throw new ModelSpecException("threads must be at least 1");
        }
        Tokenizer tokenizer = null;
        if (card.text() != null) {
            try {
                tokenizer = Tokenizer.load(vocabFile, card.text());
            } catch (IOException e) {
                throw new ModelSpecException("model " + card.id() + ": cannot load the vocabulary " + vocabFile + ": "
                        + e.getMessage(), e);
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("runtime", "onnxruntime");
        details.put("ort_version", env.getVersion());
        details.put("file", modelFile.toAbsolutePath().normalize().toString());
        details.put("threads", threads);
        details.put("requested_device", device);
        String used = "cpu";
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if ("cuda".equals(device)) {
                if (cudaDevice != 0) {
                    details.put("cuda_device_id", cudaDevice); // only off the default, so device-0 runs keep their info
                }
                try {
                    options.addCUDA(cudaDevice);
                    used = "cuda";
                } catch (OrtException | UnsatisfiedLinkError | RuntimeException e) {
                    if (!allowFallback) {
                        throw new ModelSpecException("CUDA was requested for " + card.id() + " but is not available ("
                                + e.getMessage() + "); build with -Pgpu on a CUDA machine, or add fallback=cpu");
                    }
                    details.put("fallback", "CUDA unavailable (" + e.getMessage() + "), running on CPU");
                    System.err.println("eibench: CUDA unavailable for " + card.id() + ", falling back to CPU (fallback=cpu)");
                }
            } else if (!"cpu".equals(device)) {
                throw new ModelSpecException("device must be cpu or cuda, not '" + device + "'");
            }
            details.put("execution_provider", used.equals("cuda") ? "CUDAExecutionProvider" : "CPUExecutionProvider");
            details.put("card", card.describe());
            OrtSession session = env.createSession(modelFile.toString(), options);
            String sha = sha256(modelFile);
            details.put("sha256", sha);
            return new OnnxModel(card, env, session, new ModelInfo(card.id(), "sha256:" + sha, used, details), tokenizer);
        } catch (OrtException e) {
            throw new ModelSpecException("ONNX Runtime cannot load " + modelFile + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelSpecException("cannot read " + modelFile + ": " + e.getMessage(), e);
        }
    }

    static String sha256(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public ModelCard card() {
        return card;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public int maxBatchSize() {
        return Math.max(1, card.batch());
    }

    /** A request after geometry and colour conversion: what goes into the tensor. */
    private record Prepared(Request request, FloatImage geo, FloatImage planes, int width, int height) {
    }

    @Override
    public List<Output> generate(List<Request> batch) {
        Output[] out = new Output[batch.size()];
        List<Integer> ready = new ArrayList<>();
        Prepared[] prepared = new Prepared[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            Request r = batch.get(i);
            try {
                prepared[i] = prepare(r);
                ready.add(i);
            } catch (RuntimeException e) {
                out[i] = new Output.Failed(r.id(), "preprocessing: " + e.getMessage());
            }
        }
        if (card.size().mode() == ModelCard.SizeMode.TILE) {
            for (int i : ready) {
                out[i] = runTiled(prepared[i]);
            }
        } else {
            int k = 0;
            while (k < ready.size()) {
                // Consecutive requests whose tensors have one shape share a run.
                int j = k + 1;
                FloatImage first = prepared[ready.get(k)].planes();
                while (j < ready.size() && j - k < maxBatchSize()
                        && prepared[ready.get(j)].planes().width() == first.width()
                        && prepared[ready.get(j)].planes().height() == first.height()) {
                    j++;
                }
                List<Prepared> group = new ArrayList<>();
                for (int g = k; g < j; g++) {
                    group.add(prepared[ready.get(g)]);
                }
                List<Output> res = runGroup(group);
                for (int g = k; g < j; g++) {
                    out[ready.get(g)] = res.get(g - k);
                }
                k = j;
            }
        }
        return Arrays.asList(out);
    }

    private Prepared prepare(Request r) {
        FloatImage geo = geometry(r.image());
        FloatImage planes = card.input().round() && card.input().color() == ModelCard.Color.Y && geo.channels() == 3
                ? ycrcb8(geo).channel(0) : ColorSpaces.convert(geo, card.input().color());
        if (card.input().round()) {
            float[] d = planes.data().clone();
            for (int i = 0; i < d.length; i++) {
                d[i] = Math.round(d[i]); // OpenCV's 8-bit conversions round half away from zero, as Math.round for >= 0
            }
            planes = new FloatImage(planes.width(), planes.height(), planes.channels(), d);
        }
        int w = planes.width();
        int h = planes.height();
        if (card.size().mode() == ModelCard.SizeMode.MULTIPLE) {
            planes = padToMultiple(planes, card.size().multiple());
        }
        return new Prepared(r, geo, planes, w, h);
    }

    private FloatImage geometry(FloatImage im) {
        return fit(im, card.size());
    }

    /** FIXED size: stretch to width x height, or cover (resize the shorter side) and centre-crop; else as is. */
    static FloatImage fit(FloatImage im, ModelCard.SizeSpec s) {
        if (s.mode() != ModelCard.SizeMode.FIXED) {
            return im;
        }
        if ("stretch".equals(s.fit())) {
            return resize(im, s.width(), s.height(), s.interpolation());
        }
        double scale = Math.max((double) s.width() / im.width(), (double) s.height() / im.height());
        int rw = Math.max(s.width(), (int) Math.round(im.width() * scale));
        int rh = Math.max(s.height(), (int) Math.round(im.height() * scale));
        FloatImage r = resize(im, rw, rh, s.interpolation());
        int left = (int) Math.round((rw - s.width()) / 2.0);
        int top = (int) Math.round((rh - s.height()) / 2.0);
        return crop(r, left, top, s.width(), s.height());
    }

    private static FloatImage resize(FloatImage im, int w, int h, String interpolation) {
        if (im.width() == w && im.height() == h) {
            return im;
        }
        return switch (interpolation) {
            case "bicubic" -> Resize.to(im, w, h, Resize.Method.BICUBIC);
            case "area" -> {
                Mat src = ImageFiles.toMat(im);
                Mat dst = new Mat();
                Imgproc.resize(src, dst, new Size(w, h), 0, 0, Imgproc.INTER_AREA);
                FloatImage o = ImageFiles.fromFloatMat(dst);
                src.release();
                dst.release();
                yield o;
            }
            default -> Resize.to(im, w, h, Resize.Method.BILINEAR);
        };
    }

    static FloatImage crop(FloatImage im, int x0, int y0, int w, int h) {
        int c = im.channels();
        float[] d = new float[w * h * c];
        for (int y = 0; y < h; y++) {
            System.arraycopy(im.data(), ((y0 + y) * im.width() + x0) * c, d, y * w * c, w * c);
        }
        return new FloatImage(w, h, c, d);
    }

    /** Reflect padding (x[-i] = x[i], numpy's 'reflect', OpenCV's BORDER_REFLECT_101) at the bottom and right. */
    static FloatImage padToMultiple(FloatImage im, int m) {
        int pw = (m - im.width() % m) % m;
        int ph = (m - im.height() % m) % m;
        if (pw == 0 && ph == 0) {
            return im;
        }
        Mat src = ImageFiles.toMat(im);
        Mat dst = new Mat();
        // OpenCV's reflect needs the pad to be smaller than the image; tiny images fall back to edge replication.
        int border = pw < im.width() && ph < im.height() ? Core.BORDER_REFLECT_101 : Core.BORDER_REPLICATE;
        Core.copyMakeBorder(src, dst, 0, ph, 0, pw, border);
        FloatImage o = ImageFiles.fromFloatMat(dst);
        src.release();
        dst.release();
        return o;
    }

    private List<Output> runGroup(List<Prepared> group) {
        long start = System.nanoTime();
        try {
            List<FloatImage> outs = run(group.stream().map(Prepared::planes).toList(),
                    group.stream().map(p -> p.request().instruction()).toList());
            long per = (System.nanoTime() - start) / group.size();
            List<Output> res = new ArrayList<>(group.size());
            for (int b = 0; b < group.size(); b++) {
                Prepared p = group.get(b);
                res.add(finish(p, cropBack(outs.get(b), p.planes(), p.width(), p.height()), per));
            }
            return res;
        } catch (OrtException | RuntimeException e) {
            return group.stream().<Output>map(p -> new Output.Failed(p.request().id(), "onnxruntime: " + e.getMessage())).toList();
        }
    }

    /** Output planes of a padded input, cropped to the unpadded input's extent times the model's scale. */
    private static FloatImage cropBack(FloatImage out, FloatImage paddedIn, int w, int h) {
        if (paddedIn.width() == w && paddedIn.height() == h) {
            return out;
        }
        double sx = (double) out.width() / paddedIn.width();
        double sy = (double) out.height() / paddedIn.height();
        return crop(out, 0, 0, Math.max(1, (int) Math.round(w * sx)), Math.max(1, (int) Math.round(h * sy)));
    }

    private Output finish(Prepared p, FloatImage planes, long nanos) {
        List<Double> range = card.output().range();
        if (!range.isEmpty()) {
            float lo = range.get(0).floatValue();
            float hi = range.get(1).floatValue();
            float[] d = planes.data();
            for (int i = 0; i < d.length; i++) {
                d[i] = d[i] < lo ? lo : d[i] > hi ? hi : d[i];
            }
        }
        FloatImage image;
        if ("dnn_superres".equals(card.output().chroma()) && card.output().color() == ModelCard.Color.Y
                && p.geo().channels() == 3) {
            image = dnnSuperResMerge(planes, p.geo());
        } else {
            image = ColorSpaces.restore(planes, card.output().color(), p.geo(), planes.width(), planes.height(),
                    "bicubic".equals(card.output().chroma()) ? Resize.Method.BICUBIC : Resize.Method.BILINEAR);
        }
        return new Output.Generated(p.request().id(), image, Map.of(), nanos);
    }

    /** OpenCV's 8-bit RGB -> YCrCb (fixed-point, rounded), as float values 0..255. */
    private static FloatImage ycrcb8(FloatImage rgb) {
        Mat f = ImageFiles.toMat(rgb);
        Mat u = new Mat();
        f.convertTo(u, org.opencv.core.CvType.CV_8UC3);
        Mat ycc = new Mat();
        Imgproc.cvtColor(u, ycc, Imgproc.COLOR_RGB2YCrCb);
        Mat back = new Mat();
        ycc.convertTo(back, org.opencv.core.CvType.CV_32FC3);
        FloatImage out = ImageFiles.fromFloatMat(back);
        for (Mat m : List.of(f, u, ycc, back)) {
            m.release();
        }
        return out;
    }

    /**
     * OpenCV dnn_superres's {@code reconstruct_YCrCb}: the input's 8-bit YCrCb chroma resized bilinearly, merged with
     * the output Y, converted to 8 bits, then 8-bit YCrCb -> RGB (opencv_contrib modules/dnn_superres).
     */
    private static FloatImage dnnSuperResMerge(FloatImage y, FloatImage input) {
        FloatImage ycc = Resize.to(ycrcb8(input), y.width(), y.height(), Resize.Method.BILINEAR);
        float[] d = ycc.data().clone();
        for (int i = 0; i < y.pixels(); i++) {
            d[3 * i] = y.data()[i];
        }
        Mat f = ImageFiles.toMat(new FloatImage(y.width(), y.height(), 3, d));
        Mat u = new Mat();
        f.convertTo(u, org.opencv.core.CvType.CV_8UC3);
        Mat rgb = new Mat();
        Imgproc.cvtColor(u, rgb, Imgproc.COLOR_YCrCb2RGB);
        Mat back = new Mat();
        rgb.convertTo(back, org.opencv.core.CvType.CV_32FC3);
        FloatImage out = ImageFiles.fromFloatMat(back);
        for (Mat m : List.of(f, u, rgb, back)) {
            m.release();
        }
        return out;
    }

    /**
     * TILE: overlapping tiles of {@code tile} input pixels (the last one aligned to the far edge, as SwinIR's and
     * KAIR's test code place them), each run alone; overlapping outputs are averaged.
     */
    private Output runTiled(Prepared p) {
        long start = System.nanoTime();
        ModelCard.SizeSpec s = card.size();
        FloatImage planes = p.planes();
        int w = planes.width();
        int h = planes.height();
        int c = card.output().color().planes();
        try {
            double[] acc = null;
            float[] weight = null;
            int ow = 0;
            int oh = 0;
            double scale = 0;
            for (int ty : starts(h, s.tile(), s.overlap())) {
                for (int tx : starts(w, s.tile(), s.overlap())) {
                    int tw = Math.min(s.tile(), w - tx);
                    int th = Math.min(s.tile(), h - ty);
                    FloatImage tileIn = crop(planes, tx, ty, tw, th);
                    FloatImage padded = padToMultiple(tileIn, s.multiple());
                    FloatImage tileOut = cropBack(run(List.of(padded), List.of(p.request().instruction())).get(0), padded, tw, th);
                    if (acc == null) {
                        scale = (double) tileOut.width() / tw;
                        ow = (int) Math.round(w * scale);
                        oh = (int) Math.round(h * scale);
                        acc = new double[ow * oh * c];
                        weight = new float[ow * oh];
                    }
                    int ox = (int) Math.round(tx * scale);
                    int oy = (int) Math.round(ty * scale);
                    for (int y = 0; y < tileOut.height() && oy + y < oh; y++) {
                        for (int x = 0; x < tileOut.width() && ox + x < ow; x++) {
                            int o = (oy + y) * ow + ox + x;
                            weight[o] += 1;
                            for (int k = 0; k < c; k++) {
                                acc[o * c + k] += tileOut.data()[(y * tileOut.width() + x) * c + k];
                            }
                        }
                    }
                }
            }
            float[] d = new float[ow * oh * c];
            for (int i = 0; i < ow * oh; i++) {
                for (int k = 0; k < c; k++) {
                    d[i * c + k] = (float) (acc[i * c + k] / weight[i]);
                }
            }
            return finish(p, new FloatImage(ow, oh, c, d), System.nanoTime() - start);
        } catch (OrtException | RuntimeException e) {
            return new Output.Failed(p.request().id(), "onnxruntime: " + e.getMessage());
        }
    }

    /** Tile origins along one axis: stride tile - overlap, the last aligned to the end. */
    static List<Integer> starts(int length, int tile, int overlap) {
        List<Integer> out = new ArrayList<>();
        if (length <= tile) {
            out.add(0);
            return out;
        }
        int stride = tile - overlap;
        for (int x = 0; x < length - tile; x += stride) {
            out.add(x);
        }
        out.add(length - tile);
        return out;
    }

    /** Runs HWC planes of one shape (and their instructions) through the model; returns denormalised HWC planes. */
    List<FloatImage> run(List<FloatImage> planes, List<String> instructions) throws OrtException {
        int n = planes.size();
        int w = planes.get(0).width();
        int h = planes.get(0).height();
        ModelCard.TensorSpec in = card.input();
        int c = in.color().planes();
        float[] tensor = new float[n * c * w * h];
        for (int b = 0; b < n; b++) {
            toTensor(planes.get(b), in, tensor, b * c * w * h);
        }
        long[] shape = in.layout() == ModelCard.Layout.NCHW ? new long[] {n, c, h, w} : new long[] {n, h, w, c};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put(in.name(), OnnxTensor.createTensor(env, FloatBuffer.wrap(tensor), shape));
            if (tokenizer != null) {
                int len = card.text().maxLength();
                long[] ids = new long[n * len];
                long[] mask = new long[n * len];
                for (int b = 0; b < n; b++) {
                    long[][] enc = tokenizer.encode(instructions.get(b));
                    System.arraycopy(enc[0], 0, ids, b * len, len);
                    System.arraycopy(enc[1], 0, mask, b * len, len);
                }
                inputs.put(card.text().name(), OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {n, len}));
                if (card.text().mask() != null) {
                    inputs.put(card.text().mask(), OnnxTensor.createTensor(env, LongBuffer.wrap(mask), new long[] {n, len}));
                }
            }
            try (OrtSession.Result result = session.run(inputs)) {
                OnnxTensor y = (OnnxTensor) result.get(card.output().name()).orElseThrow(
                        () -> new OrtException("model has no output named '" + card.output().name() + "'; outputs: "
                                + session.getOutputNames()));
                return fromTensor(y, n);
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private List<FloatImage> fromTensor(OnnxTensor y, int n) throws OrtException {
        ModelCard.TensorSpec spec = card.output();
        long[] shape = y.getInfo().getShape();
        int c = spec.color().planes();
        boolean nchw = spec.layout() == ModelCard.Layout.NCHW;
        int oh;
        int ow;
        if (shape.length == 4 && shape[0] == n && (nchw ? shape[1] : shape[3]) == c) {
            oh = (int) (nchw ? shape[2] : shape[1]);
            ow = (int) (nchw ? shape[3] : shape[2]);
        } else if (shape.length == 3 && shape[0] == n && c == 1) {
            oh = (int) shape[1];
            ow = (int) shape[2];
        } else {
            throw new OrtException("output '" + spec.name() + "' has shape " + Arrays.toString(shape) + ", expected "
                    + (nchw ? "[" + n + ", " + c + ", H, W]" : "[" + n + ", H, W, " + c + "]"));
        }
        FloatBuffer fb = y.getFloatBuffer();
        float[] all = new float[fb.remaining()];
        fb.get(all);
        List<FloatImage> out = new ArrayList<>(n);
        int per = c * oh * ow;
        for (int b = 0; b < n; b++) {
            out.add(fromTensor(all, b * per, ow, oh, spec));
        }
        return out;
    }

    /** HWC planes (already in the card's colour) into tensor slots, normalised, in the card's layout. */
    static void toTensor(FloatImage im, ModelCard.TensorSpec spec, float[] dst, int offset) {
        int c = im.channels();
        int hw = im.pixels();
        float[] src = im.data();
        double scale = spec.scale();
        boolean nchw = spec.layout() == ModelCard.Layout.NCHW;
        for (int p = 0; p < c; p++) {
            // (v / scale - mean) / std as one multiply-add per value
            float a = (float) (1.0 / (scale * spec.std(p)));
            float b = (float) (-spec.mean(p) / spec.std(p));
            if (nchw) {
                int base = offset + p * hw;
                for (int i = 0; i < hw; i++) {
                    dst[base + i] = src[i * c + p] * a + b;
                }
            } else {
                for (int i = 0; i < hw; i++) {
                    dst[offset + i * c + p] = src[i * c + p] * a + b;
                }
            }
        }
    }

    private static FloatImage fromTensor(float[] src, int offset, int w, int h, ModelCard.TensorSpec spec) {
        int c = spec.color().planes();
        int hw = w * h;
        float[] out = new float[c * hw];
        boolean nchw = spec.layout() == ModelCard.Layout.NCHW;
        for (int p = 0; p < c; p++) {
            float a = (float) (spec.std(p) * spec.scale());
            float b = (float) (spec.mean(p) * spec.scale());
            for (int i = 0; i < hw; i++) {
                float v = nchw ? src[offset + p * hw + i] : src[offset + i * c + p];
                out[i * c + p] = v * a + b;
            }
        }
        return new FloatImage(w, h, c, out);
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // Closing cannot lose results; nothing to report.
        }
    }
}
