package org.eibench.tasks.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Clean images only: each is a target, and the input is made from it by the task's degradation. */
final class SingleFolder implements Layout {

    private final DataRoot root;
    private final String images;

    SingleFolder(DataRoot root, String images) {
        this.root = root;
        this.images = images;
    }

    @Override
    public String name() {
        return "single-folder";
    }

    @Override
    public List<SampleRef> list() throws IOException {
        List<SampleRef> out = new ArrayList<>();
        for (Map.Entry<String, Path> e : ImageFolder.byStem(root, images, "", "data.images").entrySet()) {
            out.add(new SampleRef(e.getKey(), null, e.getValue(), null, Map.of()));
        }
        return out;
    }
}
