package org.eibench.runtime.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ai.onnx.proto.OnnxMl;

/** Tiny ONNX graphs authored in tests with Tribuo's protobuf builders (ORT's Java API cannot build models). */
final class TinyGraphs {

    private TinyGraphs() {
    }

    static final int OPSET = 12; // ReduceSum and Unsqueeze still take axes as attributes

    static OnnxMl.ValueInfoProto value(String name, int elemType, Object... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (Object d : dims) {
            OnnxMl.TensorShapeProto.Dimension.Builder b = OnnxMl.TensorShapeProto.Dimension.newBuilder();
            if (d instanceof Integer i) {
                b.setDimValue(i);
            } else {
                b.setDimParam(d.toString());
            }
            shape.addDim(b);
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder().setTensorType(
                OnnxMl.TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(shape))).build();
    }

    static OnnxMl.ValueInfoProto floats(String name, Object... dims) {
        return value(name, OnnxMl.TensorProto.DataType.FLOAT.getNumber(), dims);
    }

    static OnnxMl.NodeProto node(String op, List<String> in, List<String> out, OnnxMl.AttributeProto... attrs) {
        OnnxMl.NodeProto.Builder b = OnnxMl.NodeProto.newBuilder().setOpType(op).addAllInput(in).addAllOutput(out)
                .setName(op + "_" + out.get(0));
        for (OnnxMl.AttributeProto a : attrs) {
            b.addAttribute(a);
        }
        return b.build();
    }

    static OnnxMl.AttributeProto ints(String name, long... v) {
        OnnxMl.AttributeProto.Builder b = OnnxMl.AttributeProto.newBuilder().setName(name)
                .setType(OnnxMl.AttributeProto.AttributeType.INTS);
        for (long x : v) {
            b.addInts(x);
        }
        return b.build();
    }

    static OnnxMl.AttributeProto intAttr(String name, long v) {
        return OnnxMl.AttributeProto.newBuilder().setName(name).setType(OnnxMl.AttributeProto.AttributeType.INT).setI(v).build();
    }

    static OnnxMl.AttributeProto stringAttr(String name, String v) {
        return OnnxMl.AttributeProto.newBuilder().setName(name).setType(OnnxMl.AttributeProto.AttributeType.STRING)
                .setS(com.google.protobuf.ByteString.copyFromUtf8(v)).build();
    }

    static OnnxMl.TensorProto floatConst(String name, long[] dims, float... values) {
        OnnxMl.TensorProto.Builder b = OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber());
        for (long d : dims) {
            b.addDims(d);
        }
        for (float v : values) {
            b.addFloatData(v);
        }
        return b.build();
    }

    static Path write(Path dir, String name, OnnxMl.GraphProto graph) throws IOException {
        OnnxMl.ModelProto model = OnnxMl.ModelProto.newBuilder().setIrVersion(7).setProducerName("eibench-tests")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET)).setGraph(graph).build();
        Path p = dir.resolve(name + ".onnx");
        Files.write(p, model.toByteArray());
        return p;
    }

    /** y = x * a + b per element: checks normalisation and layout. Input/output x, y of any shape (rank 4). */
    static OnnxMl.GraphProto affine(float a, float b) {
        return OnnxMl.GraphProto.newBuilder().setName("affine")
                .addInput(floats("x", "n", "d1", "d2", "d3")).addOutput(floats("y", "n", "d1", "d2", "d3"))
                .addInitializer(floatConst("a", new long[0], a)).addInitializer(floatConst("b", new long[0], b))
                .addNode(node("Mul", List.of("x", "a"), List.of("t")))
                .addNode(node("Add", List.of("t", "b"), List.of("y"))).build();
    }

    /**
     * x [N,C,H,W] -> SpaceToDepth(4) -> DepthToSpace(4) -> nearest x2 upsampling: an identity x2 "SR" model that
     * fails unless H and W are multiples of 4 (so padding to a multiple is exercised).
     */
    static OnnxMl.GraphProto needsMultipleOf4x2(int channels) {
        return OnnxMl.GraphProto.newBuilder().setName("mult4x2")
                .addInput(floats("x", "n", channels, "h", "w")).addOutput(floats("y", "n", channels, "h2", "w2"))
                .addInitializer(floatConst("scales", new long[] {4}, 1f, 1f, 2f, 2f))
                .addInitializer(floatConst("roi", new long[] {0}))
                .addNode(node("SpaceToDepth", List.of("x"), List.of("s"), intAttr("blocksize", 4)))
                .addNode(node("DepthToSpace", List.of("s"), List.of("d"), intAttr("blocksize", 4)))
                .addNode(node("Resize", List.of("d", "roi", "scales"), List.of("y"), stringAttr("mode", "nearest")))
                .build();
    }

    /**
     * A feature network: x [1,3,H,W] -> per-channel means and mean squares (GlobalAveragePool of x and x*x), concatenated
     * to [1,6,1,1], flattened and multiplied by a fixed 6 x {@code d} matrix: features [1, d].
     */
    static OnnxMl.GraphProto features(int d) {
        float[] w = new float[6 * d];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) Math.sin(1.7 * i + 0.3) / (1 + i % 3);
        }
        return OnnxMl.GraphProto.newBuilder().setName("features")
                .addInput(floats("x", 1, 3, "h", "w")).addOutput(floats("features", 1, d))
                .addInitializer(floatConst("w", new long[] {6, d}, w))
                .addNode(node("Mul", List.of("x", "x"), List.of("xx")))
                .addNode(node("GlobalAveragePool", List.of("x"), List.of("m1")))
                .addNode(node("GlobalAveragePool", List.of("xx"), List.of("m2")))
                .addNode(node("Concat", List.of("m1", "m2"), List.of("m"), intAttr("axis", 1)))
                .addNode(node("Flatten", List.of("m"), List.of("f")))
                .addNode(node("MatMul", List.of("f", "w"), List.of("features"))).build();
    }

    /** A pair network: mean absolute difference of a [1,3,H,W] and b [1,3,H,W], shape [1]. */
    static OnnxMl.GraphProto pairDistance() {
        return OnnxMl.GraphProto.newBuilder().setName("pair")
                .addInput(floats("a", 1, 3, "h", "w")).addInput(floats("b", 1, 3, "h", "w"))
                .addOutput(floats("distance", 1))
                .addNode(node("Sub", List.of("a", "b"), List.of("d")))
                .addNode(node("Abs", List.of("d"), List.of("ad")))
                .addNode(node("ReduceMean", List.of("ad"), List.of("distance"), ints("axes", 1, 2, 3), intAttr("keepdims", 0)))
                .build();
    }

    /** image [N,1,H,W] + sum(float(tokens[N,L])) per sample: the instruction changes the output by its id sum. */
    static OnnxMl.GraphProto textConditioned() {
        return OnnxMl.GraphProto.newBuilder().setName("text")
                .addInput(floats("image", "n", 1, "h", "w"))
                .addInput(value("tokens", OnnxMl.TensorProto.DataType.INT64.getNumber(), "n", "l"))
                .addOutput(floats("out", "n", 1, "h", "w"))
                .addNode(node("Cast", List.of("tokens"), List.of("tf"), intAttr("to", OnnxMl.TensorProto.DataType.FLOAT.getNumber())))
                .addNode(node("ReduceSum", List.of("tf"), List.of("s"), ints("axes", 1), intAttr("keepdims", 1)))
                .addNode(node("Unsqueeze", List.of("s"), List.of("s4"), ints("axes", 2, 3)))
                .addNode(node("Add", List.of("image", "s4"), List.of("out"))).build();
    }
}
