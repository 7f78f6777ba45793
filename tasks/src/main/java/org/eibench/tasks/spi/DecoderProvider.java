package org.eibench.tasks.spi;

import org.eibench.tasks.decode.Decoder;
import org.eibench.tasks.spec.Options;
import org.eibench.tasks.spec.TaskKind;

/** A decoder contributed by code ({@code META-INF/services/org.eibench.tasks.spi.DecoderProvider}). */
public interface DecoderProvider {

    /** The {@code decoder.type} task files use. */
    String type();

    /** Builds the decoder, recording problems (including a kind it does not fit) in {@code options}. */
    Decoder create(Options options, TaskKind kind);
}
