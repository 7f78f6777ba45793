package org.eibench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.onnx.proto.OnnxMl;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A CLIP small enough to author in a test, as an evaluator card with two graphs: the image encoder takes the
 * per-channel means of the normalised image (CLIP's mean and std) times a 3 x 4 matrix plus a bias; the text encoder
 * the mean of an embedding table's rows over the ids its attention mask keeps. Also writes a 20-merge BPE file and the
 * weights as JSON for harness/src/test/python/clip_score_golden.py.
 */
final class TinyClipNetwork {

    static final int D = 4;
    static final double[] MEAN = {0.48145466, 0.4578275, 0.40821073};
    static final double[] STD = {0.26862954, 0.26130258, 0.27577711};
    static final List<String> MERGES = List.of("t h", "th e</w>", "i n", "in g</w>", "e d</w>", "a n", "an d</w>", "o f</w>",
            "e r", "t o</w>", "r e", "o n", "l i", "li n", "lin e", "line s</w>", "p h", "ph o", "pho t", "phot o");
    static final int VOCAB = 512 + MERGES.size() + 2;

    private TinyClipNetwork() {
    }

    /** Writes the graphs, merges, weights and {@code NAME.yaml} into {@code dir}; returns the card. */
    static Path write(Path dir, String name) throws IOException {
        float[] wi = values(3 * D, 0.9, 0.4, true);
        float[] bi = values(D, 0.7, 2.0, true);
        float[] table = values(VOCAB * D, 0.37, 1.1, false);
        OnnxMl.GraphProto image = OnnxMl.GraphProto.newBuilder().setName("clip_image")
                .addInput(tensor("x", OnnxMl.TensorProto.DataType.FLOAT, 1, 3, "h", "w"))
                .addOutput(tensor("image_embeds", OnnxMl.TensorProto.DataType.FLOAT, 1, D))
                .addInitializer(constant("wi", new long[] {3, D}, wi)).addInitializer(constant("bi", new long[] {D}, bi))
                .addNode(node("GlobalAveragePool", List.of("x"), "m"))
                .addNode(node("Flatten", List.of("m"), "f"))
                .addNode(node("MatMul", List.of("f", "wi"), "fi"))
                .addNode(node("Add", List.of("fi", "bi"), "image_embeds")).build();
        OnnxMl.GraphProto text = OnnxMl.GraphProto.newBuilder().setName("clip_text")
                .addInput(tensor("ids", OnnxMl.TensorProto.DataType.INT64, 1, "l"))
                .addInput(tensor("mask", OnnxMl.TensorProto.DataType.INT64, 1, "l"))
                .addOutput(tensor("text_embeds", OnnxMl.TensorProto.DataType.FLOAT, 1, D))
                .addInitializer(constant("table", new long[] {VOCAB, D}, table))
                .addNode(node("Gather", List.of("table", "ids"), "rows", intAttr("axis", 0)))
                .addNode(node("Cast", List.of("mask"), "mf", intAttr("to", OnnxMl.TensorProto.DataType.FLOAT.getNumber())))
                .addNode(node("Unsqueeze", List.of("mf"), "m3", ints("axes", 2)))
                .addNode(node("Mul", List.of("rows", "m3"), "kept"))
                .addNode(node("ReduceSum", List.of("kept"), "s", ints("axes", 1), intAttr("keepdims", 0)))
                .addNode(node("ReduceSum", List.of("mf"), "count", ints("axes", 1), intAttr("keepdims", 1)))
                .addNode(node("Div", List.of("s", "count"), "text_embeds")).build();
        save(dir.resolve(name + "-image.onnx"), image);
        save(dir.resolve(name + "-text.onnx"), text);
        Files.writeString(dir.resolve(name + "-merges.txt"), "#version: 0.2\n" + String.join("\n", MERGES) + "\n");
        Map<String, Object> weights = new LinkedHashMap<>();
        weights.put("mean", MEAN);
        weights.put("std", STD);
        weights.put("wi", wi);
        weights.put("bi", bi);
        weights.put("table", table);
        weights.put("d", D);
        new ObjectMapper().writeValue(dir.resolve(name + "-weights.json").toFile(), weights);
        Path card = dir.resolve(name + ".yaml");
        Files.writeString(card, String.join("\n",
                "format: eibench/evaluator@1",
                "id: " + name,
                "type: clip",
                "file: " + name + "-image.onnx",
                "input: {name: x, color: rgb, scale: 255, mean: [0.48145466, 0.4578275, 0.40821073], std: [0.26862954, 0.26130258, 0.27577711]}",
                "output: {name: image_embeds}",
                "text: {file: " + name + "-text.onnx, input: ids, mask: mask, output: text_embeds}",
                "tokenizer: {type: clip-bpe, merges: " + name + "-merges.txt, context_length: 77}", ""));
        return card;
    }

    private static float[] values(int n, double a, double b, boolean cos) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (cos ? Math.cos(a * i + b) : Math.sin(a * i + b));
        }
        return v;
    }

    private static void save(Path p, OnnxMl.GraphProto graph) throws IOException {
        OnnxMl.ModelProto model = OnnxMl.ModelProto.newBuilder().setIrVersion(7).setProducerName("eibench-tests")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(12)).setGraph(graph).build();
        Files.write(p, model.toByteArray());
    }

    private static OnnxMl.TensorProto constant(String name, long[] dims, float[] values) {
        OnnxMl.TensorProto.Builder b = OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber());
        for (long d : dims) {
            b.addDims(d);
        }
        List<Float> l = new ArrayList<>();
        for (float f : values) {
            l.add(f);
        }
        return b.addAllFloatData(l).build();
    }

    private static OnnxMl.ValueInfoProto tensor(String name, OnnxMl.TensorProto.DataType type, Object... dims) {
        return TinyFeatureNetwork.tensor(name, type, dims);
    }

    private static OnnxMl.AttributeProto intAttr(String name, long v) {
        return OnnxMl.AttributeProto.newBuilder().setName(name).setType(OnnxMl.AttributeProto.AttributeType.INT).setI(v).build();
    }

    private static OnnxMl.AttributeProto ints(String name, long... v) {
        OnnxMl.AttributeProto.Builder b = OnnxMl.AttributeProto.newBuilder().setName(name)
                .setType(OnnxMl.AttributeProto.AttributeType.INTS);
        for (long x : v) {
            b.addInts(x);
        }
        return b.build();
    }

    private static OnnxMl.NodeProto node(String op, List<String> in, String out, OnnxMl.AttributeProto... attrs) {
        OnnxMl.NodeProto.Builder b = OnnxMl.NodeProto.newBuilder().setOpType(op).addAllInput(in).addOutput(out).setName(op + "_" + out);
        for (OnnxMl.AttributeProto a : attrs) {
            b.addAttribute(a);
        }
        return b.build();
    }
}
