package org.eibench.runtime.onnx;

import java.io.IOException;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import org.eibench.metrics.FloatImage;
import org.eibench.runtime.ModelSpecException;

/**
 * The text half of a CLIP evaluator ({@link ClipSpec}): the tokenizer the card names and the text encoder, a graph of
 * its own or the image graph itself (then one run feeds the image and the ids and reads both embeddings). The image
 * session belongs to the {@link OnnxEvaluator}; a separate text session belongs here.
 */
final class ClipSession implements AutoCloseable {

    private final EvaluatorCard card;
    private final ClipSpec spec;
    private final OrtEnvironment env;
    private final OrtSession image;
    private final OrtSession text;
    private final ClipBpeTokenizer tokenizer;
    private final boolean int32Ids;
    private final Map<String, Object> identity;

    private ClipSession(EvaluatorCard card, OrtEnvironment env, OrtSession image, OrtSession text, ClipBpeTokenizer tokenizer,
                        boolean int32Ids, Map<String, Object> identity) {
        this.card = card;
        this.spec = card.clip();
        this.env = env;
        this.image = image;
        this.text = text;
        this.tokenizer = tokenizer;
        this.int32Ids = int32Ids;
        this.identity = identity;
    }

    static ClipSession open(EvaluatorCard card, Path cardDir, OrtEnvironment env, OrtSession image,
                            OrtSession.SessionOptions options) throws ModelSpecException {
        ClipSpec spec = card.clip();
        Path merges = ModelCard.resolve(spec.merges(), cardDir, null);
        if (!Files.isRegularFile(merges)) {
            throw new ModelSpecException("evaluator " + card.id() + ": tokenizer merges file " + merges + " does not exist");
        }
        OrtSession text = null;
        try {
            ClipBpeTokenizer tokenizer = ClipBpeTokenizer.load(merges, spec.contextLength(), spec.pad());
            Map<String, Object> id = new LinkedHashMap<>();
            id.put("tokenizer", "clip-bpe");
            id.put("tokenizer_sha256", OnnxModel.sha256(merges));
            id.put("context_length", spec.contextLength());
            Path textFile = null;
            if (spec.textFile() != null) {
                textFile = ModelCard.resolve(spec.textFile(), cardDir, null);
                if (!Files.isRegularFile(textFile)) {
                    throw new ModelSpecException("evaluator " + card.id() + ": the text encoder " + textFile + " does not exist");
                }
                text = env.createSession(textFile.toString(), options);
                id.put("text_sha256", OnnxModel.sha256(textFile));
            }
            OrtSession encoder = text != null ? text : image;
            String where = textFile != null ? textFile.toString() : card.file();
            Map<String, NodeInfo> inputs = encoder.getInputInfo();
            for (String n : spec.textMask() == null ? new String[] {spec.textInput()} : new String[] {spec.textInput(), spec.textMask()}) {
                if (!inputs.containsKey(n)) {
                    throw new ModelSpecException(where + " has no input '" + n + "'; inputs: " + inputs.keySet());
                }
            }
            if (!encoder.getOutputNames().contains(spec.textOutput())) {
                throw new ModelSpecException(where + " has no output '" + spec.textOutput() + "'; outputs: " + encoder.getOutputNames());
            }
            boolean int32 = inputs.get(spec.textInput()).getInfo() instanceof TensorInfo t && t.type == OnnxJavaType.INT32;
            return new ClipSession(card, env, image, text, tokenizer, int32, Map.copyOf(id));
        } catch (IOException | OrtException e) {
            closeQuietly(text);
            throw new ModelSpecException("evaluator " + card.id() + ": " + e.getMessage(), e);
        } catch (ModelSpecException | RuntimeException e) {
            closeQuietly(text);
            throw e;
        }
    }

    /** Text file and tokenizer, for the evaluator's identity. */
    Map<String, Object> identity() {
        return identity;
    }

    String mergesSha256() {
        return (String) identity.get("tokenizer_sha256");
    }

    /** {image embedding, text embedding}. */
    float[][] embed(FloatImage picture, String caption) {
        Map<String, OnnxTensor> imageIn = new LinkedHashMap<>();
        Map<String, OnnxTensor> textIn = new LinkedHashMap<>();
        try {
            imageIn.put(card.input().name(), OnnxEvaluator.imageTensor(env, card, card.input(), picture));
            long[] ids = tokenizer.tokens(caption);
            Map<String, OnnxTensor> ids2 = text == null ? imageIn : textIn;
            ids2.put(spec.textInput(), ids(ids));
            if (spec.textMask() != null) {
                ids2.put(spec.textMask(), ids(tokenizer.mask(ids)));
            }
            if (text == null) {
                try (OrtSession.Result r = image.run(imageIn)) {
                    return new float[][] {OnnxEvaluator.vector(card, r, card.output()), OnnxEvaluator.vector(card, r, spec.textOutput())};
                }
            }
            float[] a;
            try (OrtSession.Result r = image.run(imageIn)) {
                a = OnnxEvaluator.vector(card, r, card.output());
            }
            try (OrtSession.Result r = text.run(textIn)) {
                return new float[][] {a, OnnxEvaluator.vector(card, r, spec.textOutput())};
            }
        } catch (OrtException e) {
            throw new IllegalArgumentException("evaluator " + card.id() + ": onnxruntime: " + e.getMessage(), e);
        } finally {
            imageIn.values().forEach(OnnxTensor::close);
            textIn.values().forEach(OnnxTensor::close);
        }
    }

    /** [1, context] ids as the graph's integer type (int64 as clip.tokenize before torch 1.8 and HF, or int32). */
    private OnnxTensor ids(long[] ids) throws OrtException {
        long[] shape = {1, ids.length};
        if (!int32Ids) {
            return OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
        }
        int[] i = new int[ids.length];
        for (int k = 0; k < ids.length; k++) {
            i[k] = (int) ids[k];
        }
        return OnnxTensor.createTensor(env, IntBuffer.wrap(i), shape);
    }

    private static void closeQuietly(OrtSession s) {
        if (s != null) {
            try {
                s.close();
            } catch (OrtException e) {
                // nothing to keep
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(text);
    }
}
