package org.eibench.tasks.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Inputs in one folder, targets in another (or the same), matched by file stem after removing the optional suffixes:
 * {@code LR_bicubic/X4/babyx4.png} pairs with {@code HR/baby.png} under {@code input_suffix: x4}. A file without its
 * partner becomes a sample whose missing side is reported when it is loaded.
 */
final class PairedFolders implements Layout {

    private final DataRoot root;
    private final String input;
    private final String target;
    private final String inputSuffix;
    private final String targetSuffix;

    PairedFolders(DataRoot root, String input, String target, String inputSuffix, String targetSuffix) {
        this.root = root;
        this.input = input;
        this.target = target;
        this.inputSuffix = inputSuffix;
        this.targetSuffix = targetSuffix;
    }

    @Override
    public String name() {
        return "paired-folders";
    }

    @Override
    public List<SampleRef> list() throws IOException {
        Map<String, Path> in = ImageFolder.byStem(root, input, inputSuffix, "data.input");
        Map<String, Path> gt = ImageFolder.byStem(root, target, targetSuffix, "data.target");
        TreeSet<String> ids = new TreeSet<>(in.keySet());
        ids.addAll(gt.keySet());
        List<SampleRef> out = new ArrayList<>();
        for (String id : ids) {
            Path i = in.getOrDefault(id, root.root().resolve(input).resolve(id + inputSuffix + ".png"));
            Path t = gt.getOrDefault(id, root.root().resolve(target).resolve(id + targetSuffix + ".png"));
            out.add(new SampleRef(id, i, t, null, Map.of()));
        }
        return out;
    }
}
