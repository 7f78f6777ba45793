package org.eibench.tasks.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eibench.tasks.spec.TaskKind;

/**
 * PASCAL VOC 2012 as the devkit ships it: {@code JPEGImages/<id>.jpg}, {@code SegmentationClass/<id>.png} (paletted
 * PNGs: the pixel values are palette indices 0..20 and 255 = void, read as indices, not colours) and the split list
 * {@code ImageSets/Segmentation/<split>.txt}. Without the split file, every label file is a sample.
 */
final class VocLayout implements Layout {

    private final DataRoot root;
    private final String split;
    private final String images;
    private final String labels;

    VocLayout(DataRoot root, String split, String images, String labels) {
        this.root = root;
        this.split = split;
        this.images = images;
        this.labels = labels;
    }

    @Override
    public String name() {
        return "voc";
    }

    @Override
    public TargetFormat targetFormat(TaskKind kind) {
        return kind == TaskKind.SEGMENTATION ? TargetFormat.LABELS : TargetFormat.defaultFor(kind);
    }

    @Override
    public List<SampleRef> list() throws IOException {
        Path list = root.resolve("ImageSets/Segmentation/" + split + ".txt", "data.split");
        List<SampleRef> out = new ArrayList<>();
        if (Files.isRegularFile(list)) {
            for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
                String id = line.strip();
                if (id.isEmpty()) {
                    continue;
                }
                String where = list.getFileName() + " id " + id;
                out.add(new SampleRef(id, root.resolve(images + "/" + id + ".jpg", where),
                        root.resolve(labels + "/" + id + ".png", where), null, Map.of()));
            }
        } else {
            Map<String, Path> gt = ImageFolder.byStem(root, labels, "", "data.labels", Set.of("png"));
            Map<String, Path> in = ImageFolder.byStem(root, images, "", "data.images", Set.of("jpg", "jpeg", "png"));
            gt.forEach((id, p) -> out.add(new SampleRef(id, in.getOrDefault(id, root.root().resolve(images).resolve(id + ".jpg")),
                    p, null, Map.of())));
        }
        out.sort(java.util.Comparator.comparing(SampleRef::id));
        return out;
    }
}
