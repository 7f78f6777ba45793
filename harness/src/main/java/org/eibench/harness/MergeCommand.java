package org.eibench.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eibench.harness.run.Json;
import org.eibench.harness.run.Plan;
import org.eibench.harness.run.RunDirectory;
import org.eibench.harness.run.RunFiles;
import org.eibench.harness.run.RunIdentity;
import org.eibench.harness.run.RunManifest;
import org.eibench.harness.run.RunSettings;
import org.eibench.harness.run.Runner;
import org.eibench.harness.run.SummaryBuilder;
import org.eibench.metrics.stats.Bootstrap;
import org.eibench.runtime.ModelInfo;
import org.eibench.tasks.Task;
import org.eibench.tasks.data.SampleRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merges the pieces of one run (shards or machines) into one run directory.",
                "The pieces are shards made with --shard i/N, or pieces run on several machines; the merged "
                        + "summary.json equals that of an unsharded run (apart from timestamps in run.json)."})
final class MergeCommand extends ScoringCommand {

    @Parameters(paramLabel = "RUN", arity = "1..*", description = "run directories with the same identity")
    List<Path> runs;

    @Option(names = "--out", required = true, paramLabel = "RUN", description = "the merged run directory (must not exist or be empty)")
    Path out;

    @Override
    Integer callWith() throws IOException {
        if (Files.exists(out) && (!Files.isDirectory(out) || hasEntries(out))) {
            throw new Main.UsageError("--out " + out + " already exists and is not empty; merge writes a new run directory");
        }
        List<JsonNode> runJsons = new ArrayList<>();
        for (Path r : runs) {
            runJsons.add(runJson(r));
        }
        JsonNode first = runJsons.get(0);
        String identity = first.path("identity").path("sha256").asText();
        List<String> problems = new ArrayList<>();
        List<String> shards = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            JsonNode j = runJsons.get(i);
            if (!identity.equals(j.path("identity").path("sha256").asText())) {
                problems.add(runs.get(i) + " is another run than " + runs.get(0) + ": "
                        + diff(first.path("identity").path("components"), j.path("identity").path("components")));
            }
            if (!"finished".equals(j.path("status").asText())) {
                System.err.printf("merge: note: %s did not finish (status %s); its missing samples stay missing%n",
                        runs.get(i), j.path("status").asText());
            }
            shards.add(j.path("settings").path("shard").asText("all"));
        }
        if (!problems.isEmpty()) {
            throw new Main.UsageError(String.join("\n", problems));
        }
        List<Task> tasks = tasksOf(first);
        ModelInfo info = RunFiles.model(first);
        RunSettings settings = RunFiles.settings(first).toBuilder().shard(null).build();
        RunManifest manifest = new RunManifest(settings);
        RunIdentity id;
        Map<String, List<SampleRef>> all;
        try {
            all = Runner.samples(tasks);
            id = manifest.identity(tasks, info);
        } catch (Runner.DataUnreadable e) {
            throw new Main.UsageError(e.getMessage());
        }
        if (!id.sha256().equals(identity)) {
            throw new Main.UsageError("these runs were made by other code, on other data or with other task specs than "
                    + "this EIBench has here (" + String.join("; ", id.differences(first.path("identity").path("components")))
                    + "); merge with the build and data that made them, or rescore each piece first (`eibench rescore RUN`)");
        }
        RunDirectory target = new RunDirectory(out);
        Map<String, List<String>> planned = new LinkedHashMap<>();
        int lines = 0;
        for (Task task : tasks) {
            // Every line of every piece, by sample id; the same sample in two pieces is an error, not a choice.
            Map<String, String> byId = new TreeMap<>();
            Map<String, Path> from = new LinkedHashMap<>();
            for (Path r : runs) {
                RunDirectory src = new RunDirectory(r);
                Map<String, String> own = readLines(src.samplesFile(task.id()));
                for (Map.Entry<String, String> e : own.entrySet()) {
                    Path prev = from.put(e.getKey(), r);
                    if (prev != null) {
                        throw new Main.UsageError("sample " + task.id() + "/" + e.getKey() + " is in both " + prev + " and " + r
                                + "; merge takes disjoint pieces (shards)");
                    }
                    byId.put(e.getKey(), e.getValue());
                }
            }
            Path samples = target.samplesFile(task.id());
            Files.createDirectories(samples.getParent());
            StringBuilder sb = new StringBuilder();
            byId.values().forEach(l -> sb.append(l).append('\n'));
            target.writeAtomically(samples, sb.toString().getBytes(StandardCharsets.UTF_8));
            lines += byId.size();
            Path predDir = target.dir().resolve("predictions").resolve(task.id());
            Files.createDirectories(predDir);
            for (Map.Entry<String, Path> e : from.entrySet()) {
                Path png = e.getValue().resolve(target.predictionPath(task.id(), e.getKey()));
                if (Files.isRegularFile(png)) {
                    Files.copy(png, target.dir().resolve(target.predictionPath(task.id(), e.getKey())), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            List<SampleRef> plan = Plan.of(all.get(task.id()), settings.subsetSeed(), settings.limit(), null);
            planned.put(task.id(), plan.stream().map(SampleRef::id).toList());
        }
        manifest.write(target, tasks, info, id, RunManifest.Status.FINISHED);
        ObjectNode summary = new SummaryBuilder(Bootstrap.standard()).build(target, tasks, id, info, planned);
        target.writeAtomically(target.summaryJson(), Json.PRETTY.writeValueAsBytes(summary));
        int missing = 0;
        for (JsonNode t : summary.path("tasks")) {
            missing += t.path("missing").asInt();
        }
        System.err.printf("merge: %d piece(s) (shards %s), %d sample line(s)%s%n", runs.size(), String.join(", ", shards), lines,
                missing > 0 ? "; " + missing + " planned sample(s) are in no piece (a shard missing or unfinished?)" : "");
        spec.commandLine().getOut().println("Summary: " + target.summaryJson());
        return missing > 0 ? Main.FAILURES : Main.OK;
    }

    private static boolean hasEntries(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isPresent();
        }
    }

    private static String diff(JsonNode a, JsonNode b) {
        List<String> d = new ArrayList<>();
        a.fieldNames().forEachRemaining(k -> {
            if (!a.get(k).equals(b.get(k))) {
                d.add(k + ": " + a.get(k) + " vs " + b.get(k));
            }
        });
        return d.isEmpty() ? "identity differs" : String.join("; ", d);
    }

    /** The last line per sample id of a JSONL file, as text (a torn final line is skipped). */
    private static Map<String, String> readLines(Path f) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        RunDirectory.scan(f, (node, text) -> out.put(node.path("id").asText(), text));
        return out;
    }
}
