package org.eibench.harness.run;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eibench.runtime.Capabilities;
import org.eibench.runtime.ModelInfo;
import org.eibench.tasks.Task;
import org.eibench.tasks.data.SampleRef;

/**
 * A run directory's run.json: the run's identity (what makes runs comparable) plus everything else worth knowing
 * about how it ran, and the check that a directory being resumed holds the same run. {@link RunFiles} reads it back.
 */
public final class RunManifest {

    /** Where a run stands; a run.json that says {@code running} was interrupted or is still going. */
    public enum Status {
        RUNNING, FINISHED;

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final RunSettings settings;

    public RunManifest(RunSettings settings) {
        this.settings = settings;
    }

    /** The identity a run of these tasks with this model would have (data digests computed afresh). */
    public RunIdentity identity(List<Task> tasks, ModelInfo info) throws IOException, Runner.DataUnreadable {
        return identity(tasks, info, Runner.samples(tasks), null);
    }

    /** @param recorded the run.json already in the run directory (its data digests are the fast path), or null */
    RunIdentity identity(List<Task> tasks, ModelInfo info, Map<String, List<SampleRef>> samples, JsonNode recorded)
            throws IOException {
        Map<String, TaskData> data = new LinkedHashMap<>();
        for (Task t : tasks) {
            TaskData before = recorded == null ? null : TaskData.fromJson(recorded.path("data").get(t.id()));
            data.put(t.id(), TaskData.of(t, samples.get(t.id()), before));
        }
        return RunIdentity.of(Version.identity(), tasks, data, info, settings.generationParams(), settings.seed(),
                settings.limit(), settings.subsetSeed());
    }

    /** The run.json a run directory holds, or null for a new one. */
    static JsonNode read(RunDirectory dir) throws IOException {
        return Files.exists(dir.runJson()) ? Json.LINES.readTree(dir.runJson().toFile()) : null;
    }

    /** Refuses a directory that holds another run (identity, or another shard of the same run). */
    void check(RunDirectory dir, RunIdentity identity, JsonNode stored) throws Runner.IdentityMismatch {
        if (stored == null) {
            return;
        }
        List<String> diffs = new ArrayList<>();
        if (!identity.sha256().equals(stored.path("identity").path("sha256").asText())) {
            diffs.addAll(identity.differences(stored.path("identity").path("components")));
            if (diffs.isEmpty()) {
                diffs.add("identity: " + stored.path("identity").path("sha256").asText() + " -> " + identity.sha256());
            }
        }
        String storedShard = stored.path("settings").path("shard").asText("all");
        if (!storedShard.equals(settings.shardName())) {
            diffs.add("shard: " + storedShard + " -> " + settings.shardName());
        }
        if (!diffs.isEmpty()) {
            throw new Runner.IdentityMismatch(dir.dir(), diffs);
        }
    }

    public void write(RunDirectory dir, List<Task> tasks, ModelInfo info, RunIdentity identity, Status status)
            throws IOException {
        ObjectNode root = Json.PRETTY.createObjectNode();
        root.put("format", "eibench/run@1");
        root.put("status", status.key());
        ObjectNode id = root.putObject("identity");
        id.put("sha256", identity.sha256());
        id.set("components", Json.PRETTY.valueToTree(identity.components()));
        ObjectNode model = root.putObject("model");
        model.put("id", info.id());
        model.put("checksum", info.checksum());
        model.put("device", info.device());
        model.set("details", Json.PRETTY.valueToTree(new TreeMap<>(info.details())));
        model.set("capabilities", capabilities(info.capabilities()));
        ArrayNode ts = root.putArray("tasks");
        tasks.forEach(t -> ts.add(task(t)));
        ObjectNode data = root.putObject("data");
        identity.data().forEach((task, d) -> data.set(task, d.toJson()));
        root.set("settings", settings.toJson());
        ObjectNode env = root.putObject("environment");
        env.put("eibench_version", Version.get());
        if (Version.commit() != null) {
            env.put("eibench_commit", Version.commit());
        }
        env.put("java", System.getProperty("java.version"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        env.put("cpus", Runtime.getRuntime().availableProcessors());
        env.put("written_at", Instant.now().toString());
        dir.writeAtomically(dir.runJson(), Json.PRETTY.writeValueAsBytes(root));
    }

    /** A task's resolved spec as run.json records it (rescore, merge and compare re-load it from {@code source}). */
    private static ObjectNode task(Task t) {
        ObjectNode o = Json.PRETTY.createObjectNode();
        o.put("id", t.id());
        o.put("title", t.spec().title());
        o.put("version", t.spec().version());
        o.put("source", t.spec().source());
        o.put("spec_sha256", t.spec().specHash());
        o.put("split", t.spec().split().key());
        o.put("zero_shot", t.spec().zeroShot().key());
        o.put("kind", t.spec().kind().key());
        o.put("data_root", t.spec().data().root().toString());
        if (!t.spec().protocol().isEmpty()) {
            o.put("protocol", t.spec().protocol());
        }
        o.set("data_report", Json.PRETTY.valueToTree(t.dataReport()));
        o.set("instructions", Json.PRETTY.valueToTree(t.spec().instructions()));
        ObjectNode dec = o.putObject("decoder");
        dec.put("type", t.decoder().type());
        dec.set("options", Json.PRETTY.valueToTree(t.decoder().options()));
        if (t.degradation() != null) {
            o.set("degradation", Json.PRETTY.valueToTree(t.degradation().options()));
        }
        ObjectNode ms = o.putObject("metrics");
        t.spec().metrics().forEach(m -> ms.set(m.type(), Json.PRETTY.valueToTree(m.options())));
        return o;
    }

    /** A model's capabilities as run.json and summary.json record them. */
    static ObjectNode capabilities(Capabilities caps) {
        ObjectNode o = Json.PRETTY.createObjectNode();
        o.put("reads_reference", caps.readsReference());
        ArrayNode h = o.putArray("hints");
        caps.sortedHints().forEach(h::add);
        return o;
    }
}
