package org.eibench.tasks.decode;

import java.util.Map;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.LabelMap;

/** The output already is a class-index map (one channel, 8- or 16-bit), as a specialist model would emit it. */
final class LabelsDecoder extends AbstractDecoder {

    LabelsDecoder(int bitDepth) {
        super("labels", LabelMap.class, bitDepth);
    }

    @Override
    public Map<String, Object> options() {
        return Map.of("bit_depth", bitDepth);
    }

    @Override
    public Object decode(FloatImage output, FloatImage input, Object target) {
        return decodeLabels(Labels.fromImage(output, "a labels output"), target);
    }

    @Override
    public boolean takesLabelMaps() {
        return true;
    }

    @Override
    public Object decodeLabels(LabelMap output, Object target) {
        LabelMap t = (LabelMap) target;
        return Labels.resizeNearest(output, t.width(), t.height());
    }

    @Override
    public FloatImage encode(Object target) {
        return Labels.toImage((LabelMap) target);
    }
}
