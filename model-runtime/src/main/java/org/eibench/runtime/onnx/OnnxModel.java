package org.eibench.runtime.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
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

/**
 * An ONNX image-to-image model run in process by ONNX Runtime, fed as its {@link ModelCard} says. Requests of equal
 * size are batched up to the card's batch size; a per-request problem becomes an {@link Output.Failed}.
 */
public final class OnnxModel implements ModelRuntime {

    private final ModelCard card;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final ModelInfo info;

    private OnnxModel(ModelCard card, OrtEnvironment env, OrtSession session, ModelInfo info) {
        this.card = card;
        this.env = env;
        this.session = session;
        this.info = info;
    }

    /**
     * @param device        {@code cpu} or {@code cuda}
     * @param allowFallback whether a missing CUDA provider falls back to CPU (said in the model info) or fails
     */
    public static OnnxModel open(ModelCard card, Path modelFile, String device, int threads, boolean allowFallback)
            throws ModelSpecException {
        if (!Files.isRegularFile(modelFile)) {
            throw new ModelSpecException("model file not found: " + modelFile + " (model " + card.id() + ")");
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("runtime", "onnxruntime");
        details.put("ort_version", env.getVersion());
        details.put("file", modelFile.toAbsolutePath().normalize().toString());
        details.put("threads", threads);
        String used = "cpu";
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if ("cuda".equals(device)) {
                try {
                    options.addCUDA(0);
                    used = "cuda";
                } catch (OrtException | UnsatisfiedLinkError | RuntimeException e) {
                    if (!allowFallback) {
                        throw new ModelSpecException("CUDA was requested for " + card.id() + " but is not available ("
                                + e.getMessage() + "); build with -Pgpu on a CUDA machine, or add fallback=cpu");
                    }
                    details.put("fallback", "CUDA unavailable (" + e.getMessage() + "), running on CPU");
                }
            } else if (!"cpu".equals(device)) {
                throw new ModelSpecException("device must be cpu or cuda, not '" + device + "'");
            }
            details.put("execution_provider", used.equals("cuda") ? "CUDAExecutionProvider" : "CPUExecutionProvider");
            OrtSession session = env.createSession(modelFile.toString(), options);
            String sha = sha256(modelFile);
            return new OnnxModel(card, env, session, new ModelInfo(card.id(), "sha256:" + sha, used, details));
        } catch (OrtException e) {
            throw new ModelSpecException("ONNX Runtime cannot load " + modelFile + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelSpecException("cannot read " + modelFile + ": " + e.getMessage(), e);
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
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

    @Override
    public List<Output> generate(List<Request> batch) {
        List<Output> out = new ArrayList<>(batch.size());
        int i = 0;
        while (i < batch.size()) {
            // Consecutive requests of one input size share a tensor.
            int j = i + 1;
            FloatImage first = batch.get(i).image();
            while (j < batch.size() && j - i < maxBatchSize() && batch.get(j).image().width() == first.width()
                    && batch.get(j).image().height() == first.height()) {
                j++;
            }
            out.addAll(runGroup(batch.subList(i, j)));
            i = j;
        }
        return out;
    }

    private List<Output> runGroup(List<Request> group) {
        long start = System.nanoTime();
        int n = group.size();
        int w = group.get(0).image().width();
        int h = group.get(0).image().height();
        int planes = card.input().color().planes();
        float[] tensor = new float[n * planes * w * h];
        for (int b = 0; b < n; b++) {
            toPlanes(ColorSpaces.convert(group.get(b).image(), card.input().color()), card.input(), tensor, b * planes * w * h);
        }
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(tensor), new long[] {n, planes, h, w});
             OrtSession.Result result = session.run(Map.of(card.input().name(), input))) {
            OnnxTensor y = (OnnxTensor) result.get(card.output().name()).orElseThrow(
                    () -> new OrtException("model has no output named '" + card.output().name() + "'"));
            long[] shape = y.getInfo().getShape();
            if (shape.length != 4 || shape[0] != n || shape[1] != card.output().color().planes()) {
                throw new OrtException("unexpected output shape " + java.util.Arrays.toString(shape));
            }
            int oh = (int) shape[2];
            int ow = (int) shape[3];
            FloatBuffer fb = y.getFloatBuffer();
            float[] all = new float[fb.remaining()];
            fb.get(all);
            long per = (System.nanoTime() - start) / n;
            List<Output> outs = new ArrayList<>(n);
            for (int b = 0; b < n; b++) {
                Request r = group.get(b);
                FloatImage planesOut = fromPlanes(all, b * shape[1] * oh * ow, ow, oh, card.output());
                FloatImage image = ColorSpaces.restore(planesOut, card.output().color(), r.image(), ow, oh);
                outs.add(new Output.Generated(r.id(), image, Map.of(), per));
            }
            return outs;
        } catch (OrtException | RuntimeException e) {
            List<Output> failed = new ArrayList<>(n);
            for (Request r : group) {
                failed.add(new Output.Failed(r.id(), "onnxruntime: " + e.getMessage()));
            }
            return failed;
        }
    }

    /** HWC image (already in the card's colour planes) into NCHW tensor slots, normalised. */
    private static void toPlanes(FloatImage im, ModelCard.TensorSpec spec, float[] dst, int offset) {
        int c = im.channels();
        int hw = im.pixels();
        float[] src = im.data();
        double scale = spec.scale();
        double mean = spec.mean();
        double std = spec.std();
        for (int p = 0; p < c; p++) {
            int base = offset + p * hw;
            for (int i = 0; i < hw; i++) {
                dst[base + i] = (float) ((src[i * c + p] / scale - mean) / std);
            }
        }
    }

    private static FloatImage fromPlanes(float[] src, long offset, int w, int h, ModelCard.TensorSpec spec) {
        int c = spec.color().planes();
        int hw = w * h;
        float[] out = new float[c * hw];
        for (int p = 0; p < c; p++) {
            for (int i = 0; i < hw; i++) {
                out[i * c + p] = (float) ((src[(int) offset + p * hw + i] * spec.std() + spec.mean()) * spec.scale());
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
