package org.eibench.harness.run;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.GenerationTarget;
import org.eibench.metrics.LabelMap;
import org.eibench.runtime.Capabilities;
import org.eibench.runtime.Request;
import org.eibench.tasks.Sample;
import org.eibench.tasks.data.SampleRef;

/** What the runner sends a model for a sample. */
final class Requests {

    private Requests() {
    }

    /**
     * What a model may see besides the input and the instruction, and nothing more: the ground truth only when it
     * declares it reads it, and of the sample's hints only those it declares.
     */
    static Request of(Sample s, Capabilities caps, long seed, Map<String, Object> params) {
        int[] size = targetSize(s.target());
        Map<String, Object> hints = new LinkedHashMap<>(s.hints());
        hints.keySet().retainAll(caps.hints());
        return new Request(s.id(), s.input(), s.instruction(), seed, params, size[0], size[1],
                caps.readsReference() ? s.reference() : null, hints);
    }

    /**
     * A request's generation parameters: the run's ({@link RunSettings#generationParams}, part of the run identity)
     * over {@code sample_index} (position in the task's sorted full sample list, for servers that seed per sample,
     * docs/serving-uvt.md), which is not part of the identity since the sample determines it. The prediction cache
     * keys on all of them.
     */
    static Map<String, Object> params(Map<String, Object> runParams, Integer sampleIndex) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (sampleIndex != null) {
            p.put("sample_index", sampleIndex);
        }
        p.putAll(runParams);
        return p;
    }

    /** Sample id -> position in the task's full sorted sample list: the same whatever the limit or shard. */
    static Map<String, Integer> sampleIndexes(List<SampleRef> all) {
        Map<String, Integer> m = new HashMap<>(all.size() * 2);
        for (int i = 0; i < all.size(); i++) {
            m.putIfAbsent(all.get(i).id(), i);
        }
        return m;
    }

    /** The ground truth's width and height where its type has them, else 0 x 0. */
    static int[] targetSize(Object target) {
        if (target instanceof FloatImage f) {
            return new int[] {f.width(), f.height()};
        }
        if (target instanceof GenerationTarget g) {
            return new int[] {g.image().width(), g.image().height()};
        }
        if (target instanceof LabelMap m) {
            return new int[] {m.width(), m.height()};
        }
        return new int[] {0, 0};
    }
}
