package org.eibench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ai.onnx.proto.OnnxMl;

/**
 * A feature network small enough to author in a test (Tribuo's ONNX protobuf builders): x [1,3,H,W] (pixel / 255) ->
 * per-channel means and mean squares -> [1,6] -> times a fixed 6 x 5 matrix: features [1,5]. Stands in for Inception
 * in the end-to-end FD/KD test.
 */
final class TinyFeatureNetwork {

    static final int D = 5;

    private TinyFeatureNetwork() {
    }

    static Path write(Path dir, String name) throws IOException {
        float[] w = new float[6 * D];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (Math.sin(1.3 * i + 0.2) / (1 + i % 4));
        }
        OnnxMl.GraphProto graph = OnnxMl.GraphProto.newBuilder().setName("tiny_features")
                .addInput(floats("x", 1, 3, "h", "w")).addOutput(floats("features", 1, D))
                .addInitializer(OnnxMl.TensorProto.newBuilder().setName("w").setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                        .addDims(6).addDims(D).addAllFloatData(floats(w)))
                .addNode(node("Mul", List.of("x", "x"), "xx", null))
                .addNode(node("GlobalAveragePool", List.of("x"), "m1", null))
                .addNode(node("GlobalAveragePool", List.of("xx"), "m2", null))
                .addNode(node("Concat", List.of("m1", "m2"), "m", OnnxMl.AttributeProto.newBuilder().setName("axis")
                        .setType(OnnxMl.AttributeProto.AttributeType.INT).setI(1).build()))
                .addNode(node("Flatten", List.of("m"), "f", null))
                .addNode(node("MatMul", List.of("f", "w"), "features", null)).build();
        OnnxMl.ModelProto model = OnnxMl.ModelProto.newBuilder().setIrVersion(7).setProducerName("eibench-tests")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(12)).setGraph(graph).build();
        Path p = dir.resolve(name + ".onnx");
        Files.write(p, model.toByteArray());
        return p;
    }

    /** A pair network: mean |a - b| over pixels and channels of two [1,3,H,W] images (pixel / 255), shape [1]. */
    static Path writePair(Path dir, String name) throws IOException {
        OnnxMl.GraphProto graph = OnnxMl.GraphProto.newBuilder().setName("pair")
                .addInput(floats("a", 1, 3, "h", "w")).addInput(floats("b", 1, 3, "h", "w")).addOutput(floats("distance", 1))
                .addNode(node("Sub", List.of("a", "b"), "d", null))
                .addNode(node("Abs", List.of("d"), "ad", null))
                .addNode(node("ReduceMean", List.of("ad"), "distance", OnnxMl.AttributeProto.newBuilder().setName("keepdims")
                        .setType(OnnxMl.AttributeProto.AttributeType.INT).setI(0).build())).build();
        OnnxMl.ModelProto model = OnnxMl.ModelProto.newBuilder().setIrVersion(7).setProducerName("eibench-tests")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(12)).setGraph(graph).build();
        Path p = dir.resolve(name + ".onnx");
        Files.write(p, model.toByteArray());
        return p;
    }

    private static List<Float> floats(float[] v) {
        List<Float> l = new java.util.ArrayList<>();
        for (float f : v) {
            l.add(f);
        }
        return l;
    }

    private static OnnxMl.ValueInfoProto floats(String name, Object... dims) {
        return tensor(name, OnnxMl.TensorProto.DataType.FLOAT, dims);
    }

    /** A graph input or output of the given element type; a dimension is a size or a symbolic name. */
    static OnnxMl.ValueInfoProto tensor(String name, OnnxMl.TensorProto.DataType type, Object... dims) {
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
                OnnxMl.TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))).build();
    }

    private static OnnxMl.NodeProto node(String op, List<String> in, String out, OnnxMl.AttributeProto attr) {
        OnnxMl.NodeProto.Builder b = OnnxMl.NodeProto.newBuilder().setOpType(op).addAllInput(in).addOutput(out).setName(op + "_" + out);
        if (attr != null) {
            b.addAttribute(attr);
        }
        return b.build();
    }

    /** Writes the network to the path given as the first argument (for running the CLI by hand, docs). */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path p = write(target.getParent(), target.getFileName().toString().replaceFirst("\\.onnx$", ""));
        System.out.println(p);
    }
}
