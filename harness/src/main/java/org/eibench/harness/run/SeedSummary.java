package org.eibench.harness.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The summary of a sampling model run under several seeds ({@code --seeds 0,1,2}): each seed is a complete run
 * directory ({@code seed-<s>/}); the model's summary.json keeps the usual shape with {@code value} = the mean over
 * seeds and {@code ci95} = the envelope of the per-seed intervals, and adds {@code seeds} = per-seed values, mean,
 * standard deviation (n-1), min and max, so readers of single-seed summaries keep working.
 */
public final class SeedSummary {

    private SeedSummary() {
    }

    public static ObjectNode aggregate(List<Long> seeds, List<Path> seedDirs) throws IOException {
        List<JsonNode> sums = new ArrayList<>();
        for (Path d : seedDirs) {
            sums.add(Json.LINES.readTree(d.resolve(RunDirectory.SUMMARY_JSON).toFile()));
        }
        JsonNode first = sums.get(0);
        ObjectNode root = Json.PRETTY.createObjectNode();
        root.put("format", "eibench/summary@1");
        ObjectNode run = root.putObject("run");
        run.put("model", first.path("run").path("model").asText());
        run.put("model_checksum", first.path("run").path("model_checksum").asText());
        // One identity for the set (a hash of the per-seed identities, in seed order) so readers keying on it work.
        StringBuilder all = new StringBuilder();
        sums.forEach(s -> all.append(s.path("run").path("identity").asText()).append('\n'));
        try {
            run.put("identity", java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(all.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ArrayNode ids = run.putArray("identities");
        sums.forEach(s -> ids.add(s.path("run").path("identity").asText()));
        ArrayNode ss = run.putArray("seeds");
        seeds.forEach(ss::add);
        ObjectNode tasks = root.putObject("tasks");
        for (Iterator<Map.Entry<String, JsonNode>> it = first.path("tasks").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String task = e.getKey();
            JsonNode t0 = e.getValue();
            ObjectNode t = tasks.putObject(task);
            for (String k : List.of("title", "split", "zero_shot", "kind")) {
                t.set(k, t0.get(k));
            }
            t.put("planned", t0.path("planned").asInt());
            int n = Integer.MAX_VALUE;
            int failed = 0;
            int missing = 0;
            for (JsonNode s : sums) {
                JsonNode ts = s.path("tasks").path(task);
                n = Math.min(n, ts.path("n").asInt());
                failed += ts.path("failed").asInt();
                missing += ts.path("missing").asInt();
            }
            t.put("n", n);
            t.put("failed", failed);
            t.put("missing", missing);
            // The seed with the fewest scored samples: the set's values are no more complete than its weakest run.
            SummaryBuilder.putCoverage(t, t0.path("planned").asInt(), n);
            ArrayNode failures = Json.PRETTY.createArrayNode();
            for (int i = 0; i < sums.size(); i++) {
                for (JsonNode f : sums.get(i).path("tasks").path(task).path("failures")) {
                    ObjectNode o = failures.addObject();
                    o.put("seed", seeds.get(i));
                    o.set("id", f.get("id"));
                    o.set("stage", f.get("stage"));
                    o.set("reason", f.get("reason"));
                }
            }
            ObjectNode ms = t.putObject("metrics");
            for (Iterator<Map.Entry<String, JsonNode>> mi = t0.path("metrics").fields(); mi.hasNext(); ) {
                Map.Entry<String, JsonNode> me = mi.next();
                double[] v = new double[sums.size()];
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < sums.size(); i++) {
                    JsonNode m = sums.get(i).path("tasks").path(task).path("metrics").path(me.getKey());
                    v[i] = m.path("value").isNumber() ? m.path("value").asDouble() : Double.NaN;
                    JsonNode ci = m.path("ci95");
                    lo = Math.min(lo, ci.path(0).isNumber() ? ci.path(0).asDouble() : Double.NaN);
                    hi = Math.max(hi, ci.path(1).isNumber() ? ci.path(1).asDouble() : Double.NaN);
                }
                double mean = 0;
                for (double x : v) {
                    mean += x;
                }
                mean /= v.length;
                double var = 0;
                for (double x : v) {
                    var += (x - mean) * (x - mean);
                }
                double std = v.length > 1 ? Math.sqrt(var / (v.length - 1)) : 0;
                ObjectNode m = ms.putObject(me.getKey());
                Json.putNumber(m, "value", mean);
                ArrayNode ci = m.putArray("ci95");
                if (Double.isFinite(lo)) {
                    ci.add(lo);
                } else {
                    ci.addNull();
                }
                if (Double.isFinite(hi)) {
                    ci.add(hi);
                } else {
                    ci.addNull();
                }
                m.set("higher_is_better", me.getValue().get("higher_is_better"));
                ObjectNode sd = m.putObject("seeds");
                ArrayNode vals = sd.putArray("values");
                for (double x : v) {
                    if (Double.isFinite(x)) {
                        vals.add(x);
                    } else {
                        vals.addNull();
                    }
                }
                Json.putNumber(sd, "mean", mean);
                Json.putNumber(sd, "std", std);
                Json.putNumber(sd, "min", java.util.Arrays.stream(v).min().orElse(Double.NaN));
                Json.putNumber(sd, "max", java.util.Arrays.stream(v).max().orElse(Double.NaN));
            }
            if (!failures.isEmpty()) {
                t.set("failures", failures);
            }
        }
        return root;
    }
}
