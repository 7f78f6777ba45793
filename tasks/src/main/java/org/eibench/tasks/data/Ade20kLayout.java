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
    private final String overlayColor;

    Ade20kLayout(DataRoot root, String images, String annotations) {
        this(root, images, annotations, null);
    }

    /**
     * @param overlayColor null for one sample per image; a CSS colour name for UVT's per-category protocol: one
     *                     sample per (image, class present in its ground truth), id {@code <image>@c<class>}, asked
     *                     "Apply a {colour} color overlay to {category}." with the class's first ADE20K name, scored
     *                     as a mask of that class ({@code ade20k-class-mask})
     */
    Ade20kLayout(DataRoot root, String images, String annotations, String overlayColor) {
        this.root = root;
        this.images = images;
        this.annotations = annotations;
        this.overlayColor = overlayColor;
    }

    @Override
    public String name() {
        return "ade20k";
    }

    @Override
    public TargetFormat targetFormat(TaskKind kind) {
        if (overlayColor != null && kind == TaskKind.MASK) {
            return TargetFormat.ADE20K_CLASS_MASK;
        }
        return kind == TaskKind.SEGMENTATION ? TargetFormat.ADE20K_LABELS : TargetFormat.defaultFor(kind);
    }

    /** The class names, when present: they name the per-class values and the overlay instructions. */
    @Override
    public List<Path> indexFiles() {
        Path csv = root.root().resolve("objectInfo150.csv");
        return java.nio.file.Files.isRegularFile(csv) ? List.of(csv) : List.of();
    }

    @Override
    public List<SampleRef> list() throws IOException {
        Map<String, Path> in = ImageFolder.byStem(root, images, "", "data.images", Set.of("jpg", "jpeg"));
        Map<String, Path> gt = ImageFolder.byStem(root, annotations, "", "data.annotations", Set.of("png"));
        TreeSet<String> ids = new TreeSet<>(in.keySet());
        ids.addAll(gt.keySet());
        List<SampleRef> out = new ArrayList<>();
        for (String id : ids) {
            Path input = in.getOrDefault(id, root.root().resolve(images).resolve(id + ".jpg"));
            Path target = gt.getOrDefault(id, root.root().resolve(annotations).resolve(id + ".png"));
            if (overlayColor == null) {
                out.add(new SampleRef(id, input, target, null, Map.of()));
                continue;
            }
            List<String> names = classNames();
            int[] labels = Targets.reduceZeroLabel(Targets.labels(target)).labels();
            boolean[] present = new boolean[150];
            for (int l : labels) {
                if (l >= 0 && l < 150) {
                    present[l] = true;
                }
            }
            for (int k = 0; k < 150; k++) {
                if (present[k]) {
                    String name = k < names.size() ? names.get(k) : "class " + k;
                    out.add(new SampleRef(id + "@c" + k, input, target, "Apply a " + overlayColor + " color overlay to " + name + ".",
                            Map.of("class", k, "category", name, "color", overlayColor), List.of(), null, -1, "explanatory"));
                }
            }
        }
        out.sort(java.util.Comparator.comparing(SampleRef::id));
        return out;
    }

    /** First names of the 150 classes from objectInfo150.csv under the root (the bundled sample has it), else none. */
    private List<String> classNames() throws IOException {
        Path csv = root.root().resolve("objectInfo150.csv");
        List<String> out = new ArrayList<>();
        if (!java.nio.file.Files.isRegularFile(csv)) {
            return out;
        }
        for (String line : java.nio.file.Files.readAllLines(csv)) {
            String[] cols = line.split(",");
            if (cols.length >= 6 && cols[0].matches("\\d+")) {
                out.add(cols[5].split(";")[0].strip());
            }
        }
        return out;
    }
}
