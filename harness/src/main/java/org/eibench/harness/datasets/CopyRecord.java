package org.eibench.harness.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What {@code eibench data fetch} wrote into a dataset folder ({@code .eibench-dataset.json}): the dataset, each
 * source's SHA-256 and how far it was trusted, and the SHA-256 of every laid-out file, so that {@code data verify}
 * can later say whether the folder still holds what was fetched, and from what.
 */
record CopyRecord(String dataset, String fetched, List<SourceRecord> sources, Map<String, String> files) {

    static final String FILE = ".eibench-dataset.json";
    static final String FORMAT = "eibench/dataset-copy@1";

    /** How far a source file was checked. */
    enum Trust {
        /** Its SHA-256 equals the registry's, which names where it was published. */
        REGISTRY,
        /** The registry has no checksum: this fetch recorded it (trust on first use). */
        FIRST_USE,
        /** The registry has no checksum: it equals the one recorded on this machine's first fetch. */
        KNOWN,
        /** A folder given with --from: there is no archive to check. */
        FOLDER
    }

    record SourceRecord(String url, String file, long bytes, String sha256, Trust trust) {
    }

    CopyRecord {
        sources = List.copyOf(sources);
        files = new TreeMap<>(files);
    }

    boolean canonicalByRegistry() {
        return !sources.isEmpty() && sources.stream().allMatch(s -> s.trust() == Trust.REGISTRY);
    }

    static CopyRecord read(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        JsonNode n = new ObjectMapper().readTree(f.toFile());
        if (!FORMAT.equals(n.path("format").asText())) {
            throw new IOException(f + ": not an " + FORMAT + " record");
        }
        List<SourceRecord> sources = new ArrayList<>();
        for (JsonNode s : n.path("sources")) {
            sources.add(new SourceRecord(s.path("url").asText(), s.path("file").asText(), s.path("bytes").asLong(-1),
                    s.path("sha256").asText(null), Trust.valueOf(s.path("trust").asText())));
        }
        Map<String, String> files = new TreeMap<>();
        n.path("files").properties().forEach(e -> files.put(e.getKey(), e.getValue().asText()));
        return new CopyRecord(n.path("dataset").asText(), n.path("fetched").asText(), sources, files);
    }

    void write(Path dir) throws IOException {
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode n = om.createObjectNode();
        n.put("format", FORMAT);
        n.put("dataset", dataset);
        n.put("fetched", fetched);
        ArrayNode s = n.putArray("sources");
        for (SourceRecord r : sources) {
            ObjectNode o = s.addObject();
            o.put("url", r.url());
            o.put("file", r.file());
            o.put("bytes", r.bytes());
            o.put("sha256", r.sha256());
            o.put("trust", r.trust().name());
        }
        ObjectNode f = n.putObject("files");
        files.forEach(f::put);
        Path tmp = dir.resolve(FILE + ".tmp");
        om.writeValue(tmp.toFile(), n);
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
