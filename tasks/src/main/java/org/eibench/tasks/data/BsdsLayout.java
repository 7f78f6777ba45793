package org.eibench.tasks.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * BSDS500 boundaries with one PNG per annotator, as the bundled benchmark fixture has them: {@code images/<id>.jpg}
 * and {@code gt_png/<id>_bdry<k>.png} (0/255; k = 1..n annotators, in k order). The {@code .mat} ground truth of the
 * official release can be exported to this form once (each {@code groundTruth{k}.Boundaries} as a PNG).
 */
final class BsdsLayout implements Layout {

    private static final Pattern BDRY = Pattern.compile("(.+)_bdry(\\d+)\\.png");

    private final DataRoot root;
    private final String images;
    private final String gt;

    BsdsLayout(DataRoot root, String images, String gt) {
        this.root = root;
        this.images = images;
        this.gt = gt;
    }

    @Override
    public String name() {
        return "bsds";
    }

    @Override
    public List<SampleRef> list() throws IOException {
        Map<String, Path> in = ImageFolder.byStem(root, images, "", "data.images", Set.of("jpg", "jpeg", "png"));
        Path dir = root.resolve(gt, "data.gt");
        if (!Files.isDirectory(dir)) {
            throw new IOException("data.gt: folder '" + gt + "' not found under " + root.root());
        }
        Map<String, TreeMap<Integer, Path>> byId = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Matcher m = BDRY.matcher(p.getFileName().toString());
                if (m.matches()) {
                    root.checkLinks(p, "data.gt", gt + "/" + p.getFileName());
                    byId.computeIfAbsent(m.group(1), k -> new TreeMap<>()).put(Integer.parseInt(m.group(2)), p);
                }
            }
        }
        List<SampleRef> out = new ArrayList<>();
        for (Map.Entry<String, Path> e : in.entrySet()) {
            TreeMap<Integer, Path> ann = byId.get(e.getKey());
            if (ann == null) {
                throw new IOException("data.gt: no boundary maps " + e.getKey() + "_bdry<k>.png for image " + e.getValue().getFileName());
            }
            List<Path> maps = List.copyOf(ann.values());
            out.add(new SampleRef(e.getKey(), e.getValue(), maps.get(0), null, Map.of("annotators", maps.size()), maps, null, -1, null));
        }
        return out;
    }
}
