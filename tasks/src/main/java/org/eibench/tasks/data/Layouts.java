package org.eibench.tasks.data;

import java.util.List;

import org.eibench.tasks.spec.DataSpec;
import org.eibench.tasks.spec.Options;

/** Builds the layout a task file names from its {@code data} keys. */
public final class Layouts {

    public static final List<String> NAMES = List.of("paired-folders", "single-folder");

    private Layouts() {
    }

    /** @return the layout, or null when a problem was recorded in {@code options} */
    public static Layout create(String name, DataRoot root, Options options) {
        return switch (name) {
            case "paired-folders" -> new PairedFolders(root, options.string("input", null), options.string("target", null),
                    options.string("input_suffix", ""), options.string("target_suffix", ""));
            case "single-folder" -> new SingleFolder(root, options.string("images", "."));
            default -> {
                options.fail("layout", "unknown layout '" + name + "'; layouts: " + String.join(", ", NAMES));
                yield null;
            }
        };
    }

    /** Options keys that belong to {@code data} itself rather than to the layout. */
    public static final List<String> DATA_KEYS = List.of("root", "layout", "degrade", "target_format");
}
