package org.eibench.harness.run;

import java.util.Map;

import org.eibench.metrics.FloatImage;
import org.eibench.runtime.onnx.OnnxEvaluator;
import org.eibench.tasks.metric.EvaluatorNetwork;

/**
 * model-runtime's ONNX evaluator as the tasks' metrics see it (tasks do not depend on the model runtime); used by
 * {@code --evaluator} and by cluster executors that open the same networks.
 */
public record OnnxEvaluatorNetwork(OnnxEvaluator onnx) implements EvaluatorNetwork {

    @Override
    public Type type() {
        return switch (onnx.card().type()) {
            case PAIR -> Type.PAIR;
            case CLIP -> Type.CLIP;
            case FEATURES -> Type.FEATURES;
        };
    }

    @Override
    public String keyId() {
        return onnx.card().keyId();
    }

    @Override
    public String protocolName() {
        return onnx.protocolName();
    }

    @Override
    public Map<String, Object> identity() {
        return onnx.identity();
    }

    @Override
    public float[] features(FloatImage image) {
        return onnx.features(image);
    }

    @Override
    public double distance(FloatImage a, FloatImage b) {
        return onnx.distance(a, b);
    }

    @Override
    public float[][] clip(FloatImage image, String text) {
        return onnx.clip(image, text);
    }
}
