package org.eibench.harness.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The datasets {@code eibench data} knows: {@code registry.yaml} beside this class (format {@code eibench/datasets@1},
 * described in docs/data.md). Expected file lists of the paper's datasets come from the UVT evaluation JSONs in the
 * bundled data folder, so the registry and the tasks cannot disagree about which files a task reads.
 */
public final class Registry {

    static final String FORMAT = "eibench/datasets@1";
    /** Extraction limit when an entry does not give one. */
    static final long DEFAULT_MAX_EXTRACTED_BYTES = 64L << 30;

    private static final String RESOURCE = "registry.yaml";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Map<String, Dataset> datasets;

    private Registry(Map<String, Dataset> datasets) {
        this.datasets = Collections.unmodifiableMap(datasets);
    }

    /** The built-in registry; {@code bundledData} is the bundled data folder (for the UVT JSONs). */
    public static Registry builtIn(Path bundledData) {
        return read(RESOURCE, name -> Registry.class.getResourceAsStream(name), bundledData);
    }

    /** A registry file (tests and forks); checksum files are read beside it. */
    public static Registry load(Path yaml, Path bundledData) {
        Path dir = yaml.toAbsolutePath().getParent();
        return read(yaml.getFileName().toString(), name -> {
            try {
                return Files.newInputStream(dir.resolve(name));
            } catch (IOException e) {
                return null;
            }
        }, bundledData);
    }

    public List<Dataset> all() {
        return List.copyOf(datasets.values());
    }

    /** The dataset of that name; the error lists the names there are. */
    public Dataset get(String name) {
        Dataset d = datasets.get(name.toLowerCase(Locale.ROOT));
        if (d == null) {
            throw new IllegalArgumentException("unknown dataset '" + name + "'; the registry has: "
                    + String.join(", ", datasets.keySet()) + " (see eibench data list)");
        }
        return d;
    }

    private interface Opener {
        InputStream open(String name);
    }

    private static Registry read(String file, Opener opener, Path bundledData) {
        JsonNode doc;
        try (InputStream in = opener.open(file)) {
            if (in == null) {
                throw new IllegalStateException("dataset registry " + file + " not found");
            }
            doc = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("dataset registry " + file + ": " + e.getMessage(), e);
        }
        if (!FORMAT.equals(doc.path("format").asText())) {
            throw new IllegalStateException(file + ": format must be " + FORMAT);
        }
        Map<String, Dataset> out = new LinkedHashMap<>();
        Map<Path, JsonNode> jsonCache = new TreeMap<>();
        for (JsonNode n : doc.path("datasets")) {
            String where = file + ": dataset '" + n.path("name").asText("?") + "'";
            Dataset d = dataset(n, where, opener, bundledData, jsonCache);
            if (out.put(d.name(), d) != null) {
                throw new IllegalStateException(where + ": name used twice");
            }
        }
        return new Registry(out);
    }

    private static Dataset dataset(JsonNode n, String where, Opener opener, Path bundledData,
                                   Map<Path, JsonNode> jsonCache) {
        String name = required(n, "name", where);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalStateException(where + ": name must be lower-case letters, digits and -");
        }
        String root = n.path("root").asText(name);
        List<Source> sources = new ArrayList<>();
        for (JsonNode s : n.path("sources")) {
            sources.add(source(s, where));
        }
        if (sources.isEmpty()) {
            throw new IllegalStateException(where + ": no sources");
        }
        List<Pattern> extract = new ArrayList<>();
        for (JsonNode e : n.path("extract")) {
            extract.add(regex(e.asText(), where + ", extract"));
        }
        List<PlaceRule> place = new ArrayList<>();
        for (JsonNode p : n.path("place")) {
            Pattern match = regex(required(p, "match", where + ", place"), where + ", place.match");
            String to = required(p, "to", where + ", place");
            String from = p.hasNonNull("from") ? p.get("from").asText() : null;
            int groups = match.matcher("").groupCount();
            if (PlaceRule.highestGroup(to) > groups || PlaceRule.highestGroup(from) > groups) {
                throw new IllegalStateException(where + ", place: '" + to + "' refers to a group that '" + match
                        + "' does not have");
            }
            PlaceRule.Convert convert = null;
            if (p.hasNonNull("convert")) {
                String c = p.get("convert").asText();
                if (!c.equals("bsds-boundaries")) {
                    throw new IllegalStateException(where + ", place: unknown convert '" + c + "' (bsds-boundaries)");
                }
                convert = PlaceRule.Convert.BSDS_BOUNDARIES;
            }
            place.add(new PlaceRule(match, to, from, convert));
        }
        List<ExpectedFiles> expect = new ArrayList<>();
        for (JsonNode e : n.path("expect")) {
            expect.add(expected(e, where + ", expect", bundledData, jsonCache));
        }
        if (expect.isEmpty()) {
            throw new IllegalStateException(where + ": no expect groups");
        }
        Map<String, String> sums = new TreeMap<>();
        if (n.hasNonNull("checksums")) {
            sums = checksums(n.get("checksums").asText(), where, opener);
        }
        return new Dataset(name, root, required(n, "title", where), required(n, "homepage", where),
                required(n, "licence", where), strings(n.path("tasks")), n.hasNonNull("notes") ? n.get("notes").asText().strip() : null, sources,
                extract, place, expect, sums, n.path("max_extracted_bytes").asLong(DEFAULT_MAX_EXTRACTED_BYTES));
    }

    private static Source source(JsonNode s, String where) {
        String url = required(s, "url", where + ", sources");
        Source.Access access = Source.Access.valueOf(s.path("access").asText("direct").toUpperCase(Locale.ROOT));
        if (s.hasNonNull("sha256") && !s.get("sha256").isTextual()) {
            throw new IllegalStateException(where + ": sha256 of " + url + " must be a quoted string");
        }
        String sha = s.hasNonNull("sha256") ? s.get("sha256").asText().toLowerCase(Locale.ROOT) : null;
        if (sha != null && !SHA256.matcher(sha).matches()) {
            throw new IllegalStateException(where + ": sha256 of " + url + " is not 64 hex digits");
        }
        String from = s.path("checksum_from").asText(null);
        if (sha != null && from == null) {
            throw new IllegalStateException(where + ": sha256 of " + url + " needs checksum_from (where it was published)");
        }
        String how = s.hasNonNull("how") ? s.get("how").asText().strip() : null;
        if (access == Source.Access.BROWSER && how == null) {
            throw new IllegalStateException(where + ": browser source " + url + " needs 'how' (what to download there)");
        }
        String file = s.path("file").asText(url.substring(url.lastIndexOf('/') + 1));
        if (file.isBlank() || file.contains("/") || file.contains("\\") || file.startsWith(".")) {
            throw new IllegalStateException(where + ": file name '" + file + "' of " + url + " must be a plain name");
        }
        return new Source(url, file, s.path("bytes").asLong(-1), sha, from, access, how);
    }

    private static ExpectedFiles expected(JsonNode e, String where, Path bundledData, Map<Path, JsonNode> jsonCache) {
        List<String> tasks = strings(e.path("tasks"));
        String note = e.path("note").asText(null);
        if (e.has("uvt_json")) {
            String json = e.get("uvt_json").asText();
            String key = required(e, "key", where);
            List<String> files = uvtJson(bundledData, json, key, where, jsonCache);
            return new ExpectedFiles.Named(label(files), files, tasks, note);
        }
        if (e.has("pattern")) {
            String pattern = e.get("pattern").asText();
            int first = e.path("first").asInt(1);
            int last = e.path("last").asInt(-1);
            if (last < first) {
                throw new IllegalStateException(where + ": pattern " + pattern + " needs first <= last");
            }
            List<String> files = new ArrayList<>();
            for (int i = first; i <= last; i++) {
                files.add(String.format(Locale.ROOT, pattern, i));
            }
            return new ExpectedFiles.Named(label(files), files, tasks, note);
        }
        if (e.has("files")) {
            List<String> files = strings(e.get("files"));
            return new ExpectedFiles.Named(label(files), files, tasks, note);
        }
        if (e.has("glob")) {
            String glob = e.get("glob").asText();
            int count = e.path("count").asInt(-1);
            if (count < 0) {
                throw new IllegalStateException(where + ": glob " + glob + " needs count");
            }
            return new ExpectedFiles.Counted(glob, glob, count, tasks, note);
        }
        throw new IllegalStateException(where + ": each group needs uvt_json, pattern, files or glob");
    }

    /** The values of {@code key} in a bundled UVT evaluation JSON, as relative paths without "./". */
    private static List<String> uvtJson(Path bundledData, String json, String key, String where,
                                        Map<Path, JsonNode> cache) {
        Path file = bundledData.resolve("uvt_eval_json").resolve(json);
        JsonNode doc = cache.computeIfAbsent(file, f -> readJson(f, where));
        List<String> out = new ArrayList<>();
        int i = 0;
        for (JsonNode entry : doc) {
            JsonNode v = entry.get(key);
            if (v == null || !v.isTextual()) {
                throw new IllegalStateException(where + ": " + file + " entry " + i + " has no string '" + key + "'");
            }
            String p = v.asText();
            out.add(p.startsWith("./") ? p.substring(2) : p);
            i++;
        }
        return out;
    }

    private static JsonNode readJson(Path file, String where) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(where + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code val_depth/*.png} for files that share a folder and an extension; the common folder otherwise. */
    static String label(List<String> files) {
        TreeSet<String> dirs = new TreeSet<>();
        TreeSet<String> exts = new TreeSet<>();
        for (String f : files) {
            int slash = f.lastIndexOf('/');
            dirs.add(slash < 0 ? "" : f.substring(0, slash + 1));
            int dot = f.lastIndexOf('.');
            exts.add(dot > slash ? f.substring(dot) : "");
        }
        String dir = dirs.size() == 1 ? dirs.first() : "";
        String ext = exts.size() == 1 ? exts.first() : "";
        return dirs.size() == 1 ? dir + "*" + ext : files.size() + " files";
    }

    private static Map<String, String> checksums(String name, String where, Opener opener) {
        Map<String, String> out = new TreeMap<>();
        try (InputStream in = opener.open(name)) {
            if (in == null) {
                throw new IllegalStateException(where + ": checksum file " + name + " not found");
            }
            int line = 0;
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                line++;
                if (l.isBlank() || l.startsWith("#")) {
                    continue;
                }
                // sha256sum's format: "<hex>  <path>" (a '*' before the path marks binary mode).
                String[] parts = l.trim().split("\\s+\\*?", 2);
                if (parts.length != 2 || !SHA256.matcher(parts[0]).matches()) {
                    throw new IllegalStateException(where + ": " + name + " line " + line + " is not '<sha256>  <path>'");
                }
                out.put(parts[1].trim(), parts[0]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Pattern regex(String text, String where) {
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw new IllegalStateException(where + ": bad pattern " + text + ": " + e.getDescription());
        }
    }

    private static String required(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            throw new IllegalStateException(where + ": missing '" + field + "'");
        }
        return v.asText();
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : n) {
            out.add(v.asText());
        }
        return out;
    }
}
