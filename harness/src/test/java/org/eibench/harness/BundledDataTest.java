package org.eibench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The repository's data/ folder: the manifest and the files agree, and the folder stays lean. */
class BundledDataTest {

    private static final long MAX_FILE_BYTES = 10L * 1024 * 1024;
    private static final long MAX_TOTAL_BYTES = 32L * 1024 * 1024;

    /** The repository's data/ folder itself (not EIBENCH_DATA: this checks what the repository ships). */
    private static Path repoData() {
        return Path.of(System.getProperty("eibench.repo.root", "..")).toAbsolutePath().normalize().resolve("data");
    }

    @Test
    void everyFileIsListedWithItsChecksumSourceAndLicence() throws IOException {
        Path data = repoData();
        JsonNode manifest = new ObjectMapper().readTree(data.resolve("MANIFEST.json").toFile());
        assertThat(manifest.path("format").asText()).isEqualTo("eibench/data-manifest@1");
        Map<String, JsonNode> listed = new TreeMap<>();
        for (JsonNode f : manifest.path("files")) {
            assertThat(listed.put(f.path("path").asText(), f)).as("listed twice: %s", f.path("path").asText()).isNull();
        }
        Map<String, Path> present = new TreeMap<>();
        try (Stream<Path> files = Files.walk(data)) {
            files.filter(Files::isRegularFile).forEach(p -> present.put(data.relativize(p).toString().replace('\\', '/'), p));
        }
        present.remove("MANIFEST.json");
        present.remove("README.md");
        assertThat(present.keySet()).as("files in data/ against MANIFEST.json").containsExactlyElementsOf(listed.keySet());

        List<String> problems = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, JsonNode> e : listed.entrySet()) {
            Path p = present.get(e.getKey());
            JsonNode f = e.getValue();
            long bytes = Files.size(p);
            total += bytes;
            if (bytes != f.path("bytes").asLong()) {
                problems.add(e.getKey() + ": " + bytes + " bytes, manifest says " + f.path("bytes").asLong());
            }
            String sha = sha256(p);
            if (!sha.equals(f.path("sha256").asText())) {
                problems.add(e.getKey() + ": sha256 " + sha + ", manifest says " + f.path("sha256").asText());
            }
            if (bytes > MAX_FILE_BYTES) {
                problems.add(e.getKey() + ": " + bytes + " bytes, over the 10 MB limit for one file");
            }
            if (f.path("source").asText().isBlank() || f.path("licence").asText().isBlank()) {
                problems.add(e.getKey() + ": no source or licence");
            }
        }
        assertThat(problems).isEmpty();
        assertThat(total).as("bytes in data/").isLessThan(MAX_TOTAL_BYTES);
    }

    @Test
    void theDefaultDataFolderIsTheRepositorysDataFolder() {
        // Test classes live in harness/target/test-classes, three folders below the repository.
        assertThat(DataOption.bundled()).isEqualTo(repoData());
    }

    private static String sha256(Path p) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(p), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
