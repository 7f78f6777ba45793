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
 * RGB-D frames listed in a {@code manifest.json} ({@code {"<id>": {"rgb": "...png", "depth": "..._mm.png"}, ...}},
 * as the bundled depth folder has it); depth PNGs are uint16 with 0 = invalid. {@code target: depth} (default) makes
 * depth-estimation samples (input RGB, target depth); {@code target: rgb} makes the clean RGB the target and keeps
 * the depth map beside it for a degradation that needs it (haze).
 */
final class DepthPngLayout implements Layout {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataRoot root;
    private final String manifest;
    private final boolean rgbTarget;

    DepthPngLayout(DataRoot root, String manifest, boolean rgbTarget) {
        this.root = root;
        this.manifest = manifest;
        this.rgbTarget = rgbTarget;
    }

    @Override
    public String name() {
        return "depth-png";
    }

    @Override
    public List<Path> indexFiles() throws IOException {
        return List.of(root.resolve(manifest, "data.manifest"));
    }

    @Override
    public List<SampleRef> list() throws IOException {
        Path file = root.resolve(manifest, "data.manifest");
        if (!Files.isRegularFile(file)) {
            throw new IOException("data.manifest: '" + manifest + "' not found under " + root.root());
        }
        JsonNode all = JSON.readTree(file.toFile());
        if (all == null || !all.isObject()) {
            throw new IOException(file + ": expected a JSON object of frames by id");
        }
        List<SampleRef> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String where = file.getFileName() + " frame " + e.getKey();
            JsonNode rgb = e.getValue().get("rgb");
            JsonNode depth = e.getValue().get("depth");
            if (rgb == null || !rgb.isTextual() || depth == null || !depth.isTextual()) {
                throw new IOException(where + ": needs 'rgb' and 'depth' paths");
            }
            Path r = root.resolve(rgb.asText(), where);
            Path d = root.resolve(depth.asText(), where);
            out.add(rgbTarget ? new SampleRef(e.getKey(), null, r, null, Map.of(), List.of(), d, -1, null)
                    : new SampleRef(e.getKey(), r, d, null, Map.of(), List.of(), null, -1, null));
        }
        out.sort(java.util.Comparator.comparing(SampleRef::id));
        return out;
    }
}
