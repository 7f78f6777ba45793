package org.eibench.tasks.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.eibench.tasks.spec.TaskKind;

/**
 * ADE20K SceneParsing ({@code ADEChallengeData2016}): {@code images/validation/*.jpg} with {@code
 * annotations/validation/*.png} (uint8, 0 = other, 1..150 = classes). Targets are read with mmseg's
 * reduce-zero-label: 0 becomes 255 (ignored), class k becomes k - 1, so the metric has 150 classes 0..149 and
 * {@code ignore_index: 255}. The bundled sample keeps both in one folder, which {@code images: .} and {@code
 * annotations: .} handle (images are .jpg, labels .png).
 */
final class Ade20kLayout implements Layout {

    private final DataRoot root;
    private final String images;
    private final String annotations;

    Ade20kLayout(DataRoot root, String images, String annotations) {
        this.root = root;
        this.images = images;
        this.annotations = annotations;
    }

    @Override
    public String name() {
        return "ade20k";
    }

    @Override
    public TargetFormat targetFormat(TaskKind kind) {
        return kind == TaskKind.SEGMENTATION ? TargetFormat.ADE20K_LABELS : TargetFormat.defaultFor(kind);
    }

    @Override
    public List<SampleRef> list() throws IOException {
        Map<String, Path> in = ImageFolder.byStem(root, images, "", "data.images", Set.of("jpg", "jpeg"));
        Map<String, Path> gt = ImageFolder.byStem(root, annotations, "", "data.annotations", Set.of("png"));
        TreeSet<String> ids = new TreeSet<>(in.keySet());
        ids.addAll(gt.keySet());
        List<SampleRef> out = new ArrayList<>();
        for (String id : ids) {
            out.add(new SampleRef(id, in.getOrDefault(id, root.root().resolve(images).resolve(id + ".jpg")),
                    gt.getOrDefault(id, root.root().resolve(annotations).resolve(id + ".png")), null, Map.of()));
        }
        return out;
    }
}
