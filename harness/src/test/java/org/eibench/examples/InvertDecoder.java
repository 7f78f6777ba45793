package org.eibench.examples;

import java.util.Map;
import java.util.Set;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.config.Options;
import org.eibench.tasks.decode.Decoder;
import org.eibench.tasks.spec.TaskKind;
import org.eibench.tasks.spi.AbstractComponent;
import org.eibench.tasks.spi.DecoderProvider;

/** {@code decoder: {type: invert}}: the model answers in negative; the prediction is the positive. */
public final class InvertDecoder extends AbstractComponent implements DecoderProvider {

    public InvertDecoder() {
        super("invert", Set.of(TaskKind.RESTORATION));
    }

    @Override
    public Decoder create(Options options, TaskKind kind) {
        return new Decoder() {
            public String type() {
                return "invert";
            }

            public Map<String, Object> options() {
                return Map.of();
            }

            public Class<?> predictionType() {
                return FloatImage.class;
            }

            public Object decode(FloatImage output, FloatImage input, Object target) {
                return invert(output);
            }

            public FloatImage encode(Object target) {
                return invert((FloatImage) target);
            }
        };
    }

    static FloatImage invert(FloatImage f) {
        float[] d = f.data().clone();
        for (int i = 0; i < d.length; i++) {
            d[i] = 255 - d[i];
        }
        return new FloatImage(f.width(), f.height(), f.channels(), d);
    }
}
