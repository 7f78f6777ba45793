package org.eibench.tasks.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The evaluation files of the Explanatory Instructions paper (aassxun/Understanding-Vision-Tasks,
 * {@code Evaluation_Data_JSON/*.json}): a JSON list whose entries name images by role ({@code source_img_A},
 * {@code depth_img_B}, {@code surface_img_C}, {@code rain_img_A}, ...: the key ending in {@code _img_X} is image X),
 * captions, and one explanatory instruction per direction ({@code Task_Descriptions_from_A_to_B}). A direction
 * {@code A->B} makes samples with input A, target B and that instruction. Image paths are relative to the dataset
 * root the user gives (the paper's files start them with {@code ./}); they may not leave it.
 *
 * <p>Sample ids are the entry's {@code id} zero-padded to four digits. Missing images are counted: with {@code
 * missing: error} (default) listing fails naming how many and the first few; with {@code missing: skip} they are
 * left out (for partial local copies), which changes the sample set and so is part of the task's identity.
 */
final class UvtJson implements Layout {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataRoot root;
    private final Path file;
    private final char from;
    private final char to;
    private final boolean skipMissing;
    private volatile java.util.Map<String, Object> report = java.util.Map.of();

    UvtJson(DataRoot root, Path file, char from, char to, boolean skipMissing) {
        this.root = root;
        this.file = file;
        this.from = from;
        this.to = to;
        this.skipMissing = skipMissing;
    }

    @Override
    public String name() {
        return "uvt-json";
    }

    @Override
    public List<Path> indexFiles() {
        return List.of(file);
    }

    /** Entries with their resolved paths, before checking that the images exist. */
    List<SampleRef> entries() throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("data.file: " + file + " not found");
        }
        JsonNode all;
        try {
            all = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not valid JSON: " + e.getMessage());
        }
        if (all == null || !all.isArray()) {
            throw new IOException(file + ": expected a JSON list of entries");
        }
        String instructionKey = "Task_Descriptions_from_" + from + "_to_" + to;
        List<SampleRef> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            JsonNode e = all.get(i);
            String where = file.getFileName() + " entry " + i;
            String in = image(e, from);
            String gt = image(e, to);
            if (in == null || gt == null) {
                throw new IOException(where + ": no image " + (in == null ? from : to) + " (a key ending in _img_"
                        + (in == null ? from : to) + ")");
            }
            JsonNode instr = e.get(instructionKey);
            if (instr == null || !instr.isTextual()) {
                throw new IOException(where + ": no '" + instructionKey + "'");
            }
            String id = e.has("id") && e.get("id").canConvertToInt() ? String.format("%04d", e.get("id").asInt()) : String.format("%04d", i);
            out.add(new SampleRef(id, root.resolve(in, where), root.resolve(gt, where), instr.asText(),
                    Map.of("uvt_entry", i, "direction", from + "->" + to), List.of(), null, -1, "explanatory"));
        }
        out.sort(java.util.Comparator.comparing(SampleRef::id));
        return out;
    }

    private static String image(JsonNode e, char role) {
        for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (k.endsWith("_img_" + role) && e.get(k).isTextual()) {
                return e.get(k).asText();
            }
        }
        return null;
    }

    @Override
    public List<SampleRef> list() throws IOException {
        List<SampleRef> all = entries();
        List<SampleRef> present = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        int missingFiles = 0;
        for (SampleRef r : all) {
            boolean ok = true;
            for (Path p : new Path[] {r.input(), r.target()}) {
                if (!Files.isRegularFile(p)) {
                    missingFiles++;
                    ok = false;
                    if (missing.size() < 5) {
                        missing.add(root.root().relativize(p).toString());
                    }
                } else {
                    root.checkLinks(p, file.getFileName().toString(), p.toString());
                }
            }
            if (ok) {
                present.add(r);
            }
        }
        java.util.Map<String, Object> r = new java.util.LinkedHashMap<>();
        r.put("list_file", file.getFileName().toString());
        r.put("entries", all.size());
        r.put("samples_present", present.size());
        r.put("samples_missing", all.size() - present.size());
        if (!missing.isEmpty()) {
            r.put("first_missing_files", List.copyOf(missing));
        }
        report = java.util.Collections.unmodifiableMap(r);
        if (missingFiles > 0 && !skipMissing) {
            throw new IOException(missingFiles + " of " + (2 * all.size()) + " images named by " + file.getFileName()
                    + " are missing under the dataset root " + root.root() + " (" + (all.size() - present.size()) + " of "
                    + all.size() + " samples incomplete), e.g. " + String.join(", ", missing)
                    + ". Point the root at your local copy of the dataset (--data-root), or set data.missing: skip");
        }
        return present;
    }

    /** Entries named by the list, present and missing: with {@code missing: skip} a partial copy is recorded, not hidden. */
    @Override
    public java.util.Map<String, Object> report() {
        return report;
    }
}
