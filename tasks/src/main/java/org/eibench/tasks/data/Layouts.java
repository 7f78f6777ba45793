package org.eibench.tasks.data;

import java.util.ArrayList;
import java.util.List;

import org.eibench.tasks.Plugins;
import org.eibench.tasks.spec.Options;
import org.eibench.tasks.spi.LayoutProvider;

/** Builds the layout a task file names from its {@code data} keys. */
public final class Layouts {

    public static final List<String> NAMES = List.of("paired-folders", "single-folder", "manifest-jsonl", "uvt-json", "voc",
            "ade20k", "bsds", "depth-png");

    private Layouts() {
    }

    public static Layout create(String name, DataRoot root, Options options) {
        return create(name, new LayoutContext(root, java.nio.file.Path::of), options, Plugins.none());
    }

    /** @return the layout, or null when a problem was recorded in {@code options} */
    public static Layout create(String name, LayoutContext ctx, Options options, Plugins plugins) {
        DataRoot root = ctx.root();
        return switch (name) {
            case "paired-folders" -> new PairedFolders(root, options.string("input", null), options.string("target", null),
                    options.string("input_suffix", ""), options.string("target_suffix", ""));
            case "single-folder" -> new SingleFolder(root, options.string("images", "."));
            case "manifest-jsonl" -> new ManifestJsonl(root, options.string("file", "manifest.jsonl"));
            case "uvt-json" -> {
                String file = options.string("file", null);
                String dir = options.choice("direction", "A->B", List.of("A->B", "B->A", "A->C", "C->A"));
                String missing = options.choice("missing", "error", List.of("error", "skip"));
                java.nio.file.Path f = file == null ? null : ctx.taskFilePath().apply(file);
                yield f == null ? null : new UvtJson(root, f, dir.charAt(0), dir.charAt(3), "skip".equals(missing));
            }
            case "voc" -> new VocLayout(root, options.string("split", "val"), options.string("images", "JPEGImages"),
                    options.string("labels", "SegmentationClass"));
            case "ade20k" -> {
                String overlay = options.has("overlay_color") ? options.string("overlay_color", null) : null;
                if (overlay != null && org.eibench.tasks.decode.CssColors.get(overlay) == null) {
                    options.fail("overlay_color", "unknown CSS colour '" + overlay + "'");
                }
                yield new Ade20kLayout(root, options.string("images", "images/validation"),
                        options.string("annotations", "annotations/validation"), overlay);
            }
            case "bsds" -> new BsdsLayout(root, options.string("images", "images"), options.string("gt", "gt_png"));
            case "depth-png" -> new DepthPngLayout(root, options.string("manifest", "manifest.json"),
                    options.choice("target", "depth", List.of("depth", "rgb")).equals("rgb"));
            default -> {
                LayoutProvider p = plugins.layout(name);
                if (p != null) {
                    yield p.create(ctx, options);
                }
                List<String> all = new ArrayList<>(NAMES);
                all.addAll(plugins.layoutNames());
                options.markAllUsed();
                options.fail("layout", "unknown layout '" + name + "'; layouts: " + String.join(", ", all));
                yield null;
            }
        };
    }

    /** Options keys that belong to {@code data} itself rather than to the layout. */
    public static final List<String> DATA_KEYS = List.of("root", "layout", "degrade", "target_format", "depth_scale", "intrinsics");
}
