package org.eibench.reports;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Everything the report reads from one run directory: summary.json (via {@link RunSummary}), the task data roots from
 * run.json (optional) and the sample lines of samples/*.jsonl (optional: a summary alone still gives tables).
 *
 * @param label a display name, unique among the runs of one report (the model, plus the folder when two runs share it)
 */
record RunData(RunSummary summary, String label, Map<String, Path> dataRoots, Map<String, List<SampleLine>> samples) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One line of samples/&lt;task&gt;.jsonl, flattened for reporting.
     *
     * @param values per-sample values of the headline metrics, under the summary's metric keys (see {@link #flatten})
     * @param input  optional path of the input image as the runner recorded it (absolute, or relative to the data root)
     * @param target optional path of the ground truth image, as {@code input}
     * @param resized the line's {@code decoder_resized} ("WxH to WxH": the decoder resampled the output to the target's
     *                size), null when it did not or the run predates the field
     */
    record SampleLine(String id, boolean ok, String stage, String reason, String instruction, Map<String, Double> values,
                      String prediction, String input, String target, String resized) {
    }

    /** How many of a task's scored samples the decoder resized (0 for a run that predates the record). */
    int resized(String task) {
        return (int) samples.getOrDefault(task, List.of()).stream().filter(s -> s.ok() && s.resized() != null).count();
    }

    Path dir() {
        return summary.dir();
    }

    /**
     * A model that declared it reads the ground truth (the oracle): a ceiling check of the pipeline rather than a model
     * to compare (its PSNR is the 100 dB cap of identical images).
     */
    boolean readsReference() {
        return summary.readsReference();
    }

    /** Out of rankings: it read the ground truth or was given task hints (non-blind). */
    boolean privileged() {
        return summary.privileged();
    }

    static RunData read(Path runDir, String label) throws IOException {
        RunSummary summary = RunSummary.read(runDir);
        Map<String, Path> roots = new LinkedHashMap<>();
        Path runJson = runDir.resolve("run.json");
        if (Files.isRegularFile(runJson)) {
            JsonNode run = JSON.readTree(runJson.toFile());
            for (JsonNode t : run.path("tasks")) {
                if (t.hasNonNull("data_root")) {
                    roots.put(t.path("id").asText(), Path.of(t.path("data_root").asText()));
                }
            }
        }
        Map<String, List<SampleLine>> samples = new LinkedHashMap<>();
        for (String task : summary.tasks().keySet()) {
            Path file = runDir.resolve("samples").resolve(task + ".jsonl");
            samples.put(task, Files.isRegularFile(file) ? readLines(file) : List.of());
        }
        return new RunData(summary, label, roots, samples);
    }

    private static List<SampleLine> readLines(Path file) throws IOException {
        // Last line wins per id: a resumed run may have re-appended a sample.
        Map<String, SampleLine> byId = new LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode o;
                try {
                    o = JSON.readTree(line);
                } catch (IOException e) {
                    continue; // a torn last line of a killed run: the summary does not count it either
                }
                // Keep headline values only: per-class values (iou.<class>) come from summary.json, and dropping them
                // here keeps memory small on datasets with thousands of images and 150 classes.
                Map<String, Double> values = flatten(o.path("metrics"));
                values.keySet().removeIf(k -> !ReportTables.headline(k));
                SampleLine s = new SampleLine(o.path("id").asText(), "ok".equals(o.path("status").asText()),
                        text(o, "stage"), text(o, "reason"), text(o, "instruction"), values,
                        text(o, "prediction"), text(o, "input"), text(o, "target"), text(o, "decoder_resized"));
                byId.put(s.id(), s);
            }
        }
        // In sample-id order, as the summary sums them: a run's lines are appended in completion order, which differs
        // between runs, and the per-instruction grouping and bootstrap would follow it.
        List<SampleLine> out = new ArrayList<>(byId.values());
        out.sort(java.util.Comparator.comparing(SampleLine::id));
        return out;
    }

    /**
     * Per-sample values under the keys summary.json uses. The runner names a summary value {@code key} when the metric's
     * key and value name agree, {@code key} for the single value of a renamed metric, and {@code key.value} otherwise
     * (e.g. {@code miou.iou.cat} is written {@code iou.cat} when the metric is keyed by its name). Exact names win over
     * derived ones so that two metrics never overwrite each other.
     */
    static Map<String, Double> flatten(JsonNode metrics) {
        Map<String, Double> exact = new LinkedHashMap<>();
        Map<String, Double> derived = new LinkedHashMap<>();
        metrics.fields().forEachRemaining(m -> {
            String key = m.getKey();
            JsonNode values = m.getValue().path("values");
            values.fields().forEachRemaining(v -> {
                double d = v.getValue().isNumber() ? v.getValue().asDouble() : Double.NaN;
                if (v.getKey().equals(key)) {
                    exact.put(key, d);
                } else {
                    derived.putIfAbsent(key + "." + v.getKey(), d);
                    derived.putIfAbsent(v.getKey(), d);
                    if (values.size() == 1) {
                        derived.putIfAbsent(key, d);
                    }
                }
            });
        });
        derived.forEach(exact::putIfAbsent);
        return exact;
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    /** Run directories named directly, or every run directory one level below a folder that holds several. */
    static List<Path> expand(List<Path> paths) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isRegularFile(p.resolve("summary.json"))) {
                out.add(p);
                continue;
            }
            List<Path> children = new ArrayList<>();
            if (Files.isDirectory(p)) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
                    for (Path c : ds) {
                        if (Files.isRegularFile(c.resolve("summary.json"))) {
                            children.add(c);
                        }
                    }
                }
            }
            if (children.isEmpty()) {
                throw new IOException(p + ": no summary.json here or in its sub-folders (is this a run directory?)");
            }
            // Order by the run's own start order is unknown here; sort by modification time of run.json, then name,
            // so that `eibench run` output folders list models in the order they ran.
            children.sort((a, b) -> {
                try {
                    int c = Files.getLastModifiedTime(a.resolve("summary.json"))
                            .compareTo(Files.getLastModifiedTime(b.resolve("summary.json")));
                    return c != 0 ? c : a.getFileName().compareTo(b.getFileName());
                } catch (IOException e) {
                    return a.getFileName().compareTo(b.getFileName());
                }
            });
            out.addAll(children);
        }
        return out;
    }
}
