package org.eibench.runtime.onnx;

import static org.eibench.runtime.onnx.TinyGraphs.floatConst;
import static org.eibench.runtime.onnx.TinyGraphs.floats;
import static org.eibench.runtime.onnx.TinyGraphs.intAttr;
import static org.eibench.runtime.onnx.TinyGraphs.ints;
import static org.eibench.runtime.onnx.TinyGraphs.node;
import static org.eibench.runtime.onnx.TinyGraphs.value;

import java.util.List;

import ai.onnx.proto.OnnxMl;

/**
 * A CLIP small enough to author in a test. Image: per-channel means of the normalised tensor, times a 3 x D matrix,
 * plus a bias. Text: the mean of an embedding table's rows over the ids (over the masked ones when the graph takes a
 * mask). Weights are fixed functions of their index.
 */
final class TinyClip {

    static final int D = 4;

    private TinyClip() {
    }

    static float[] imageWeights() {
        float[] w = new float[3 * D + D];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) Math.cos(0.9 * i + 0.4);
        }
        return w;
    }

    static float[] table(int vocab) {
        float[] e = new float[vocab * D];
        for (int i = 0; i < e.length; i++) {
            e[i] = (float) Math.sin(0.37 * i + 1.1);
        }
        return e;
    }

    private static OnnxMl.ValueInfoProto ids(String name) {
        return value(name, OnnxMl.TensorProto.DataType.INT64.getNumber(), 1, "l");
    }

    /** Image nodes: x [1,3,H,W] -> image_embeds [1,D]. */
    private static void image(OnnxMl.GraphProto.Builder g) {
        float[] w = imageWeights();
        g.addInput(floats("x", 1, 3, "h", "w")).addOutput(floats("image_embeds", 1, D))
                .addInitializer(floatConst("wi", new long[] {3, D}, java.util.Arrays.copyOf(w, 3 * D)))
                .addInitializer(floatConst("bi", new long[] {D}, java.util.Arrays.copyOfRange(w, 3 * D, 4 * D)))
                .addNode(node("GlobalAveragePool", List.of("x"), List.of("m")))
                .addNode(node("Flatten", List.of("m"), List.of("f")))
                .addNode(node("MatMul", List.of("f", "wi"), List.of("fi")))
                .addNode(node("Add", List.of("fi", "bi"), List.of("image_embeds")));
    }

    /** Text nodes: ids [1,L] (and mask [1,L]) -> text_embeds [1,D]. */
    private static void text(OnnxMl.GraphProto.Builder g, int vocab, boolean mask) {
        g.addInput(ids("ids")).addOutput(floats("text_embeds", 1, D))
                .addInitializer(floatConst("table", new long[] {vocab, D}, table(vocab)))
                .addNode(node("Gather", List.of("table", "ids"), List.of("rows"), intAttr("axis", 0)));
        if (!mask) {
            g.addNode(node("ReduceMean", List.of("rows"), List.of("text_embeds"), ints("axes", 1), intAttr("keepdims", 0)));
            return;
        }
        g.addInput(ids("mask"))
                .addNode(node("Cast", List.of("mask"), List.of("mf"), intAttr("to", OnnxMl.TensorProto.DataType.FLOAT.getNumber())))
                .addNode(node("Unsqueeze", List.of("mf"), List.of("m3"), ints("axes", 2)))
                .addNode(node("Mul", List.of("rows", "m3"), List.of("kept")))
                .addNode(node("ReduceSum", List.of("kept"), List.of("s"), ints("axes", 1), intAttr("keepdims", 0)))
                .addNode(node("ReduceSum", List.of("mf"), List.of("count"), ints("axes", 1), intAttr("keepdims", 1)))
                .addNode(node("Div", List.of("s", "count"), List.of("text_embeds")));
    }

    static OnnxMl.GraphProto imageGraph() {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName("clip_image");
        image(g);
        return g.build();
    }

    static OnnxMl.GraphProto textGraph(int vocab, boolean mask) {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName("clip_text");
        text(g, vocab, mask);
        return g.build();
    }

    /** Both encoders in one graph: inputs x and ids, outputs image_embeds and text_embeds. */
    static OnnxMl.GraphProto bothGraph(int vocab) {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName("clip");
        image(g);
        text(g, vocab, false);
        return g.build();
    }
}
