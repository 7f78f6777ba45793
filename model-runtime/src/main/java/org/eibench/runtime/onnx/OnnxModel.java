package org.eibench.runtime.onnx;

import java.io.IOException;
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
import org.eibench.imaging.Resize;

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
        FloatImage geo = InputGeometry.fit(r.image(), card.size());
        FloatImage planes = card.input().round() && card.input().color() == ModelCard.Color.Y && geo.channels() == 3
                ? DnnSuperRes.ycrcb8(geo).channel(0) : ColorSpaces.convert(geo, card.input().color());
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
            planes = InputGeometry.padToMultiple(planes, card.size().multiple());
        }
        return new Prepared(r, geo, planes, w, h);
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
                res.add(finish(p, InputGeometry.cropBack(outs.get(b), p.planes(), p.width(), p.height()), per));
            }
            return res;
        } catch (OrtException | RuntimeException e) {
            return group.stream().<Output>map(p -> new Output.Failed(p.request().id(), "onnxruntime: " + e.getMessage())).toList();
        }
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
            image = DnnSuperRes.merge(planes, p.geo());
        } else {
            image = ColorSpaces.restore(planes, card.output().color(), p.geo(), planes.width(), planes.height(),
                    "bicubic".equals(card.output().chroma()) ? Resize.Method.BICUBIC : Resize.Method.BILINEAR);
        }
        return new Output.Generated(p.request().id(), image, Map.of(), nanos);
    }

    /** TILE: the request's planes through {@link Tiling}, one tile per model run. */
    private Output runTiled(Prepared p) {
        long start = System.nanoTime();
        try {
            FloatImage merged = Tiling.run(p.planes(), card.size(), card.output().color().planes(),
                    tile -> run(List.of(tile), List.of(p.request().instruction())).get(0));
            return finish(p, merged, System.nanoTime() - start);
        } catch (OrtException | RuntimeException e) {
            return new Output.Failed(p.request().id(), "onnxruntime: " + e.getMessage());
        }
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
