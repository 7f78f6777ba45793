package org.eibench.runtime.onnx;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.eibench.metrics.FloatImage;
import org.eibench.runtime.ModelSpecException;

/**
 * A scoring network run in process by ONNX Runtime, as its {@link EvaluatorCard} says: image to features (FD, KD),
 * image pair to distance (LPIPS), or CLIP's image and text embeddings ({@link ClipSession}). Opened from a card or from an .onnx file (its card beside it, else the defaults of
 * {@link EvaluatorCard#defaults}). Identified by the ONNX file's SHA-256; {@link #protocolName()} is the protocol's
 * name when the card's sources are known published weights whose files, where the card names them, have that
 * SHA-256. Safe to call from several threads (ONNX Runtime sessions are).
 */
public final class OnnxEvaluator implements AutoCloseable {

    private final EvaluatorCard card;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final String sha256;
    private final String protocolName;
    private final Map<String, Object> identity;
    private final ClipSession clip;

    private OnnxEvaluator(EvaluatorCard card, OrtEnvironment env, OrtSession session, String sha256, String protocolName,
                          Map<String, Object> identity, ClipSession clip) {
        this.card = card;
        this.env = env;
        this.session = session;
        this.sha256 = sha256;
        this.protocolName = protocolName;
        this.identity = identity;
        this.clip = clip;
    }

    /**
     * @param path    an evaluator card (.yaml) or an .onnx file (card beside it as NAME.yaml, else defaults: one image
     *                input makes a feature network, two make a pair network)
     * @param threads ONNX Runtime intra-op threads
     */
    public static OnnxEvaluator open(Path path, int threads) throws ModelSpecException {
        if (!Files.isRegularFile(path)) {
            throw new ModelSpecException("evaluator file not found: " + path);
        }
        Path cardPath = path.toString().endsWith(".onnx")
                ? path.resolveSibling(path.getFileName().toString().replaceFirst("\\.onnx$", ".yaml")) : path;
        Path dir = path.toAbsolutePath().getParent();
        EvaluatorCard card = null;
        Path onnx = path;
        if (Files.isRegularFile(cardPath)) {
            try {
                card = EvaluatorCard.read(cardPath);
            } catch (IOException e) {
                throw new ModelSpecException(e.getMessage(), e);
            }
            onnx = ModelCard.resolve(card.file(), cardPath.toAbsolutePath().getParent(), null);
            if (!Files.isRegularFile(onnx)) {
                throw new ModelSpecException(cardPath + ": the network file " + onnx + " does not exist");
            }
            dir = cardPath.toAbsolutePath().getParent();
        } else if (!path.toString().endsWith(".onnx")) {
            throw new ModelSpecException(path + " is neither an .onnx file nor an evaluator card (.yaml)");
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(Math.max(1, threads));
            options.setInterOpNumThreads(1);
            OrtSession session = env.createSession(onnx.toString(), options);
            ClipSession clip = null;
            try {
                if (card == null) {
                    List<String> inputs = new ArrayList<>(session.getInputNames());
                    if (inputs.size() != 1 && inputs.size() != 2) {
                        throw new ModelSpecException(onnx + " has inputs " + inputs + "; without a card a network needs one "
                                + "image input (features) or two (a pair); else write a card (docs/metrics-generation.md)");
                    }
                    EvaluatorCard.Type inferred = inputs.size() == 2 ? EvaluatorCard.Type.PAIR : EvaluatorCard.Type.FEATURES;
                    card = EvaluatorCard.defaults(onnx, inferred, inputs.get(0), inputs.size() == 2 ? inputs.get(1) : null,
                            session.getOutputNames().iterator().next());
                }
                EvaluatorCard.Type type = card.type();
                check(card, session, onnx);
                if (type == EvaluatorCard.Type.CLIP) {
                    clip = ClipSession.open(card, dir, env, session, options);
                }
                String sha = OnnxModel.sha256(onnx);
                Set<String> sources = new LinkedHashSet<>();
                boolean verified = !card.sources().isEmpty();
                for (EvaluatorCard.Source s : card.sources()) {
                    sources.add(s.sha256());
                    if (s.file() == null) {
                        verified = false;
                        continue;
                    }
                    Path f = ModelCard.resolve(s.file(), dir, null);
                    if (!Files.isRegularFile(f)) {
                        throw new ModelSpecException("evaluator " + card.id() + ": source file " + f + " does not exist");
                    }
                    String actual = OnnxModel.sha256(f);
                    if (!actual.equals(s.sha256())) {
                        throw new ModelSpecException("evaluator " + card.id() + ": source file " + f + " has SHA-256 " + actual
                                + ", the card says " + s.sha256());
                    }
                }
                String name = clip != null ? KnownWeights.clipName(sources, clip.mergesSha256())
                        : KnownWeights.protocolName(type, sources);
                Map<String, Object> id = new LinkedHashMap<>();
                id.put("evaluator", card.id());
                id.put("evaluator_sha256", sha);
                id.put("evaluator_type", type.key());
                id.put("sources_sha256", List.copyOf(sources));
                id.put("sources_verified", verified);
                id.put("protocol_name", name == null ? "none" : name);
                if (clip != null) {
                    id.putAll(clip.identity());
                }
                return new OnnxEvaluator(card, env, session, sha, name, Map.copyOf(id), clip);
            } catch (ModelSpecException | IOException | RuntimeException e) {
                session.close();
                if (clip != null) {
                    clip.close();
                }
                if (e instanceof ModelSpecException m) {
                    throw m;
                }
                throw new ModelSpecException("cannot open evaluator " + onnx + ": " + e.getMessage(), e);
            }
        } catch (OrtException e) {
            throw new ModelSpecException("ONNX Runtime cannot load " + onnx + ": " + e.getMessage(), e);
        }
    }

    private static void check(EvaluatorCard card, OrtSession session, Path onnx) throws ModelSpecException, OrtException {
        Map<String, NodeInfo> inputs = session.getInputInfo();
        List<String> needed = new ArrayList<>(List.of(card.input().name()));
        if (card.input2() != null) {
            needed.add(card.input2().name());
        }
        for (String n : needed) {
            if (!inputs.containsKey(n)) {
                throw new ModelSpecException(onnx + " has no input '" + n + "'; inputs: " + inputs.keySet());
            }
        }
        if (!session.getOutputNames().contains(card.output())) {
            throw new ModelSpecException(onnx + " has no output '" + card.output() + "'; outputs: " + session.getOutputNames());
        }
    }

    public EvaluatorCard card() {
        return card;
    }

    /** SHA-256 of the ONNX file. */
    public String sha256() {
        return sha256;
    }

    /**
     * {@code fid}, {@code lpips} or {@code clip_score_vit_b_32} etc. for networks exported from the known weights; null
     * for any other network.
     */
    public String protocolName() {
        return protocolName;
    }

    /** What identifies the network in results: id, SHA-256, type, sources, whether they were checked, name earned. */
    public Map<String, Object> identity() {
        return identity;
    }

    /** The feature vector of one image (pixels in their own scale, 0..255 for 8-bit). */
    public float[] features(FloatImage image) {
        if (card.type() != EvaluatorCard.Type.FEATURES) {
            throw new IllegalStateException(card.id() + " is a " + card.type().key() + " network");
        }
        float[] out = run(Map.of(card.input(), image));
        return out;
    }

    /** The distance between two images. */
    public double distance(FloatImage a, FloatImage b) {
        if (card.type() != EvaluatorCard.Type.PAIR) {
            throw new IllegalStateException(card.id() + " is a " + card.type().key() + " network");
        }
        Map<ModelCard.TensorSpec, FloatImage> in = new LinkedHashMap<>();
        in.put(card.input(), a);
        in.put(card.input2(), b);
        float[] out = run(in);
        if (out.length != 1) {
            throw new IllegalArgumentException("pair network " + card.id() + " gave " + out.length + " values, expected one distance");
        }
        return out[0];
    }

    /** CLIP's embeddings of an image and a text: {image, text}. */
    public float[][] clip(FloatImage image, String text) {
        if (clip == null) {
            throw new IllegalStateException(card.id() + " is a " + card.type().key() + " network, not CLIP");
        }
        return clip.embed(image, text);
    }

    private float[] run(Map<ModelCard.TensorSpec, FloatImage> images) {
        Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
        try {
            for (Map.Entry<ModelCard.TensorSpec, FloatImage> e : images.entrySet()) {
                inputs.put(e.getKey().name(), imageTensor(env, card, e.getKey(), e.getValue()));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                return vector(card, result, card.output());
            }
        } catch (OrtException e) {
            throw new IllegalArgumentException("evaluator " + card.id() + ": onnxruntime: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** The image as the card's tensor: fitted to its size, converted to its colour, normalised, in its layout. */
    static OnnxTensor imageTensor(OrtEnvironment env, EvaluatorCard card, ModelCard.TensorSpec spec, FloatImage image)
            throws OrtException {
        FloatImage planes = ColorSpaces.convert(InputGeometry.fit(image, card.size()), spec.color());
        int c = planes.channels();
        float[] tensor = new float[c * planes.pixels()];
        OnnxModel.toTensor(planes, spec, tensor, 0);
        long[] shape = spec.layout() == ModelCard.Layout.NCHW ? new long[] {1, c, planes.height(), planes.width()}
                : new long[] {1, planes.height(), planes.width(), c};
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(tensor), shape);
    }

    /** One output as a vector: [1, D] or [1, D, 1, 1]; a pair network may also give a scalar or [1]. */
    static float[] vector(EvaluatorCard card, OrtSession.Result result, String output) throws OrtException {
        OnnxTensor y = (OnnxTensor) result.get(output).orElseThrow();
        long[] shape = y.getInfo().getShape();
        if (shape.length > 0 && (shape[0] != 1 || Arrays.stream(shape).skip(2).anyMatch(s -> s != 1))) {
            throw new IllegalArgumentException("evaluator " + card.id() + ": output '" + output + "' has shape "
                    + Arrays.toString(shape) + ", expected [1, D] or [1, D, 1, 1]");
        }
        FloatBuffer fb = y.getFloatBuffer();
        float[] out = new float[fb.remaining()];
        fb.get(out);
        return out;
    }

    @Override
    public void close() {
        if (clip != null) {
            clip.close();
        }
        try {
            session.close();
        } catch (OrtException e) {
            // Nothing computed is lost by a failed close.
        }
    }
}
