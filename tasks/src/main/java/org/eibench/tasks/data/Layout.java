package org.eibench.tasks.data;

import java.io.IOException;
import java.util.List;

/** Lists the samples of a dataset laid out in one of the known ways. */
public interface Layout {

    String name();

    /** Samples sorted by id; throws with the offending path when the data cannot be listed. */
    List<SampleRef> list() throws IOException;
}
