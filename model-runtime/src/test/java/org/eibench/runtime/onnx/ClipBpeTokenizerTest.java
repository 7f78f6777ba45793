package org.eibench.runtime.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eibench.runtime.http.ReferenceTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ClipBpeTokenizer} against our Python re-implementation of OpenAI CLIP's simple_tokenizer.py and
 * clip.tokenize(truncate=True) ({@code src/test/python/clip_bpe_golden.py}), on a 300-merge file that script learnt
 * from {@code clip/corpus.txt} (CLIP's own merges file is not redistributed): every id of every string of
 * {@code clip/strings.json} (Unicode scripts, contractions, punctuation, entities, white space, specials, long text).
 */
class ClipBpeTokenizerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Path fixtures() {
        Path root = Path.of(System.getProperty("eibench.repo.root", ".")).toAbsolutePath().normalize();
        Path p = root.resolve("model-runtime/src/test/resources/clip");
        return Files.isDirectory(p) ? p : Path.of("src/test/resources/clip").toAbsolutePath();
    }

    static ClipBpeTokenizer fixtureTokenizer() throws IOException {
        return ClipBpeTokenizer.load(fixtures().resolve("merges.txt"), 77, 0);
    }

    @Test
    void idsEqualThePythonReplicationOnEveryString() throws IOException {
        ClipBpeTokenizer tok = fixtureTokenizer();
        JsonNode strings = JSON.readTree(fixtures().resolve("strings.json").toFile());
        JsonNode golden = JSON.readTree(fixtures().resolve("tokens.json").toFile());
        assertThat(tok.vocabularySize()).isEqualTo(golden.get("vocab_size").asInt()).isEqualTo(256 + 256 + 300 + 2);
        assertThat(strings.size()).isEqualTo(golden.get("tokens").size()).isGreaterThanOrEqualTo(30);
        int truncated = 0;
        for (int i = 0; i < strings.size(); i++) {
            long[] want = JSON.convertValue(golden.get("tokens").get(i), long[].class);
            assertThat(tok.tokens(strings.get(i).asText())).as("string %d: %s", i, strings.get(i).asText()).containsExactly(want);
            truncated += tok.encode(strings.get(i).asText()).size() > 75 ? 1 : 0;
        }
        assertThat(truncated).as("strings longer than the context").isGreaterThanOrEqualTo(2);
    }

    @Test
    void contextIsSotIdsEotThenPaddingOrCutWithEotLast() throws IOException {
        ClipBpeTokenizer tok = fixtureTokenizer();
        int sot = tok.vocabularySize() - 2;
        int eot = tok.vocabularySize() - 1;
        long[] t = tok.tokens("a cat");
        List<Integer> ids = tok.encode("a cat");
        assertThat(t).hasSize(77);
        assertThat(t[0]).isEqualTo(sot);
        assertThat(t[ids.size() + 1]).isEqualTo(eot);
        assertThat(t[ids.size() + 2]).isZero();
        long[] longText = tok.tokens("word ".repeat(200));
        assertThat(longText[76]).isEqualTo(eot);
        assertThat(longText[75]).isNotEqualTo(eot);
        assertThat(tok.mask(longText)).containsOnly(1L);
        long[] m = tok.mask(t);
        assertThat(m[ids.size() + 1]).isEqualTo(1L);
        assertThat(m[ids.size() + 2]).isZero();
        // the words of CLIP's specials are one id each, in any case
        assertThat(tok.encode("<|StartOfText|><|endoftext|>")).containsExactly(sot, eot);
    }

    @Test
    void cleaningFoldsWhiteSpaceAndEntitiesAndLowerCases() {
        assertThat(ClipBpeTokenizer.clean("  A\u00a0B\t\nC\u3000D &amp;amp; &#x41;&#66;  ")).isEqualTo("a b c d & ab");
        assertThat(ClipBpeTokenizer.clean("&unknown; &#0; &amp")).isEqualTo("&unknown; &#0; &amp");
    }

    @Test
    void gzipMergesReadLikePlainText(@TempDir Path tmp) throws IOException {
        Path gz = tmp.resolve("merges.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(fixtures().resolve("merges.txt")));
        }
        ClipBpeTokenizer a = ClipBpeTokenizer.load(gz, 77, 0);
        assertThat(a.tokens("a photograph of a harbour")).containsExactly(fixtureTokenizer().tokens("a photograph of a harbour"));
    }

    @Test
    void badMergesLineIsNamed(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("m.txt");
        Files.writeString(f, "#version: 0.2\nt h\nthree parts here\n");
        assertThatThrownBy(() -> ClipBpeTokenizer.load(f, 77, 0)).isInstanceOf(IOException.class)
                .hasMessageContaining("m.txt: line 3");
        assertThatThrownBy(() -> ClipBpeTokenizer.load(fixtures().resolve("merges.txt"), 77, 10_000))
                .hasMessageContaining("pad id 10000");
    }

    /** The fixtures are what the script makes: the merges from the corpus, the ids from the merges. */
    @Test
    void scriptReproducesTheFixtures(@TempDir Path tmp) throws Exception {
        Path script = fixtures().resolve("../../python/clip_bpe_golden.py").normalize();
        String py = python();
        run(py, script.toString(), "train", fixtures().resolve("corpus.txt").toString(), "300", tmp.resolve("merges.txt").toString());
        assertThat(Files.readString(tmp.resolve("merges.txt"))).isEqualTo(Files.readString(fixtures().resolve("merges.txt")));
        run(py, script.toString(), "tokens", fixtures().resolve("merges.txt").toString(), fixtures().resolve("strings.json").toString(),
                tmp.resolve("tokens.json").toString());
        assertThat(JSON.readTree(tmp.resolve("tokens.json").toFile())).isEqualTo(JSON.readTree(fixtures().resolve("tokens.json").toFile()));
    }

    /** /usr/bin/python3 (CI installs python3-regex), else python3 on the PATH, with the regex module. */
    private static String python() throws Exception {
        List<String> candidates = new ArrayList<>();
        if (new File("/usr/bin/python3").canExecute()) {
            candidates.add("/usr/bin/python3");
        }
        candidates.add("python3");
        for (String c : candidates) {
            try {
                Process p = new ProcessBuilder(c, "-c", "import regex").redirectErrorStream(true).start();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return c;
                }
            } catch (IOException e) {
                // not installed; try the next
            }
        }
        ReferenceTools.require(false, "no python3 with the regex module (Debian: python3-regex)");
        return null;
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed:\n" + out);
        }
    }
}
