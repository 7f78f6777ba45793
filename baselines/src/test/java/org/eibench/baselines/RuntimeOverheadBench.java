package org.eibench.baselines;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.eibench.imaging.ImageFiles;
import org.eibench.metrics.FloatImage;
import org.eibench.runtime.ModelContext;
import org.eibench.runtime.ModelRuntime;
import org.eibench.runtime.ModelSpec;
import org.eibench.runtime.Output;
import org.eibench.runtime.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Harness overhead on the quick suite's DnCNN task (denoise-set12-s25): {@code ModelRuntime.generate} through the
 * card (normalisation, tensor build, output copy, Output records) against ONNX Runtime's own {@code session.run} on
 * tensors built once beforehand, with identical session options, in one process, interleaved so that
 * drift on a shared machine hits both (per image, alternating order). Run by bench/runtime-overhead.sh; skipped in normal test runs.
 */
@EnabledIfSystemProperty(named = "eibench.bench", matches = "true")
class RuntimeOverheadBench {

    @Test
    void dncnnOverhead() throws Exception {
        int rounds = Integer.getInteger("eibench.bench.rounds", 4);
        int threads = Integer.getInteger("eibench.bench.threads", 1);
        Path data = TestData.dir();
        List<FloatImage> noisy = new ArrayList<>();
        try (Stream<Path> files = Files.list(data.resolve("denoise/Set12"))) {
            Random r = new Random(0);
            for (Path p : files.sorted().toList()) {
                FloatImage clean = ImageFiles.read(p);
                float[] d = clean.data().clone();
                for (int i = 0; i < d.length; i++) {
                    d[i] += (float) (25 * r.nextGaussian());
                }
                noisy.add(new FloatImage(clean.width(), clean.height(), 1, d));
            }
        }
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < noisy.size(); i++) {
            requests.add(new Request("s" + i, noisy.get(i), "", 0, null, noisy.get(i).width(), noisy.get(i).height(), null));
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (ModelRuntime harness = new BaselineProvider().open(ModelSpec.parse("dncnn-s25,threads=" + threads),
                new ModelContext(data)).orElseThrow();
             OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(threads);
            o.setInterOpNumThreads(1);
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            try (OrtSession raw = env.createSession(data.resolve("models/dncnn/dncnn_s_sigma25_gray.onnx").toString(), o)) {
                List<OnnxTensor> tensors = new ArrayList<>();
                for (FloatImage im : noisy) {
                    float[] t = new float[im.pixels()];
                    for (int i = 0; i < t.length; i++) {
                        t[i] = im.data()[i] / 255f;
                    }
                    tensors.add(OnnxTensor.createTensor(env, FloatBuffer.wrap(t), new long[] {1, 1, im.height(), im.width()}));
                }
                // warm-up: one image each
                runHarness(harness, requests.subList(0, 1));
                runRaw(raw, tensors.subList(0, 1));
                // Interleaved per image (order alternating per image and round), so that load changes on a shared
                // machine hit both sides alike; a pass is the sum over the 12 images.
                double[] h = new double[rounds];
                double[] w = new double[rounds];
                for (int k = 0; k < rounds; k++) {
                    for (int i = 0; i < requests.size(); i++) {
                        if ((i + k) % 2 == 0) {
                            h[k] += runHarness(harness, requests.subList(i, i + 1));
                            w[k] += runRaw(raw, tensors.subList(i, i + 1));
                        } else {
                            w[k] += runRaw(raw, tensors.subList(i, i + 1));
                            h[k] += runHarness(harness, requests.subList(i, i + 1));
                        }
                    }
                    System.out.printf("BENCH round %d: harness %.1f ms, session.run %.1f ms, ratio %.3f%n", k, h[k], w[k], h[k] / w[k]);
                }
                double mh = median(h);
                double mw = median(w);
                double sh = Arrays.stream(h).sum();
                double sw = Arrays.stream(w).sum();
                System.out.printf("BENCH %s, %d images (Set12, sigma 25), threads=%d, %d rounds%n",
                        harness.info().details().get("ort_version") == null ? "" : "ORT " + harness.info().details().get("ort_version"),
                        noisy.size(), threads, rounds);
                System.out.printf("BENCH median per pass: harness generate %.1f ms, raw session.run %.1f ms, ratio %.3f%n",
                        mh, mw, mh / mw);
                System.out.printf("BENCH all rounds pooled: ratio %.3f (overhead %+.1f%%)%n", sh / sw, 100 * (sh / sw - 1));
                tensors.forEach(OnnxTensor::close);
            }
        }
    }

    private static double runHarness(ModelRuntime m, List<Request> requests) {
        long t = System.nanoTime();
        for (Request r : requests) {
            Output o = m.generate(List.of(r)).get(0);
            if (!(o instanceof Output.Generated)) {
                throw new IllegalStateException(o.toString());
            }
        }
        return (System.nanoTime() - t) / 1e6;
    }

    private static double runRaw(OrtSession s, List<OnnxTensor> tensors) throws Exception {
        long t = System.nanoTime();
        for (OnnxTensor x : tensors) {
            try (OrtSession.Result r = s.run(Map.of("input", x))) {
                if (r.size() != 1) {
                    throw new IllegalStateException();
                }
            }
        }
        return (System.nanoTime() - t) / 1e6;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
