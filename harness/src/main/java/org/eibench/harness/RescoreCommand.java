package org.eibench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.eibench.harness.run.PredictionsRuntime;
import org.eibench.harness.run.RunFiles;
import org.eibench.harness.run.RunManifest;
import org.eibench.harness.run.RunSettings;
import org.eibench.harness.run.Runner;
import org.eibench.tasks.Task;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rescore", mixinStandardHelpOptions = true,
        description = {"Re-scores a run's saved predictions with the current task specs.",
                "Re-decodes predictions/<task>/<id>.png and rewrites samples/*.jsonl, run.json and summary.json. "
                        + "The model is not run again."})
final class RescoreCommand extends ScoringCommand {

    @Parameters(paramLabel = "RUN", description = "a run directory (one model)")
    Path run;

    @Option(names = "--threads", paramLabel = "N", description = "threads for reading and for scoring (default: as recorded)")
    Integer threads;

    @CommandLine.Mixin
    MaxFailuresOption maxFailures = new MaxFailuresOption();

    @Override
    Integer callWith() throws IOException {
        maxFailures.validate();
        JsonNode runJson = runJson(run);
        List<Task> tasks = tasksOf(runJson);
        RunSettings settings = RunFiles.settings(runJson).toBuilder().threads(threads, threads).build();
        Runner runner = new Runner(settings, System.err);
        List<String> changes;
        try {
            changes = new RunManifest(settings).identity(tasks, RunFiles.model(runJson))
                    .differences(runJson.path("identity").path("components"));
        } catch (Runner.DataUnreadable e) {
            throw new Main.UsageError(e.getMessage());
        }
        System.err.println(changes.isEmpty() ? "rescore: task specs unchanged since the run"
                : "rescore: changed since the run:\n  " + String.join("\n  ", changes));
        // The old lines go aside (kept until the rescore has finished, so an interrupted rescore can simply be rerun);
        // run.json goes, because the identity is expected to change when a decoder or metric did.
        // Samples that failed in the run have no prediction; keep their reasons (by task, then id).
        Map<String, Map<String, String>> earlier = new HashMap<>();
        Map<String, Map<String, String>> recorded = new HashMap<>();
        Path lines = Files.isDirectory(run.resolve("samples.previous")) ? run.resolve("samples.previous") : run.resolve("samples");
        for (Task t : tasks) {
            Path f = lines.resolve(t.id() + ".jsonl");
            for (org.eibench.harness.run.SampleRecord rec : readRecords(f)) {
                if (!rec.ok() && rec.prediction() == null) {
                    earlier.computeIfAbsent(t.id(), k -> new HashMap<>()).put(rec.id(),
                            "failed in the original run (" + rec.stage() + "): " + rec.reason());
                }
                if (rec.predictionSha256() != null) {
                    recorded.computeIfAbsent(t.id(), k -> new HashMap<>()).put(rec.id(), rec.predictionSha256());
                }
            }
        }
        Path samples = run.resolve("samples");
        Path previous = run.resolve("samples.previous");
        if (Files.isDirectory(previous)) {
            deleteTree(samples);
        } else if (Files.isDirectory(samples)) {
            Files.move(samples, previous);
        }
        Files.deleteIfExists(run.resolve("run.json"));
        PredictionsRuntime model = new PredictionsRuntime(run.resolve("predictions"), RunFiles.model(runJson), earlier,
                recorded);
        Runner.Result result;
        try (InterruptNotice notice = new InterruptNotice(System.err,
                "to finish, run eibench rescore again on " + run.toAbsolutePath().normalize())) {
            result = runner.run(model, tasks, new org.eibench.harness.run.RunDirectory(run));
        } catch (Runner.Refused e) {
            throw new Main.UsageError(e.getMessage());
        }
        deleteTree(previous);
        return Runs.finish(spec.commandLine().getOut(), result, model.info().id(), maxFailures);
    }

    private static List<org.eibench.harness.run.SampleRecord> readRecords(Path jsonl) throws IOException {
        List<org.eibench.harness.run.SampleRecord> out = new java.util.ArrayList<>();
        if (!Files.isRegularFile(jsonl)) {
            return out;
        }
        for (String line : Files.readAllLines(jsonl)) {
            try {
                out.add(org.eibench.harness.run.SampleRecord.fromJson(org.eibench.harness.run.Json.LINES.readTree(line)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                // a torn line of a killed run: that sample was unfinished
            }
        }
        return out;
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
