package org.eibench.tasks.spi;

import org.eibench.metrics.config.Options;
import org.eibench.tasks.decode.Decoder;
import org.eibench.tasks.spec.TaskKind;

/** A decoder ({@code META-INF/services/org.eibench.tasks.spi.DecoderProvider}); {@link #name()} is {@code decoder.type}. */
public interface DecoderProvider extends Component {

    /** Builds the decoder, recording problems in {@code options} rather than throwing. */
    Decoder create(Options options, TaskKind kind);
}
