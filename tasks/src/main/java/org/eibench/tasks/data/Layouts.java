package org.eibench.tasks.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.eibench.metrics.config.OptionSpec;
import org.eibench.metrics.config.Options;
import org.eibench.tasks.Plugins;
import org.eibench.tasks.decode.CssColors;
import org.eibench.tasks.spi.AbstractComponent;
import org.eibench.tasks.spi.LayoutProvider;

/**
 * Builds the layout a task file names from its {@code data} keys, and the built-in layouts' providers (registered in
 * {@code META-INF/services/org.eibench.tasks.spi.LayoutProvider} like any plugin's).
 */
public final class Layouts {

    /** Options keys that belong to {@code data} itself rather than to the layout. */
    public static final List<String> DATA_KEYS = List.of("root", "layout", "degrade", "target_format", "depth_scale", "intrinsics");

    private Layouts() {
    }

    public static Layout create(String name, DataRoot root, Options options) {
        return create(name, new LayoutContext(root, Path::of), options, Plugins.classPath());
    }

    /** @return the layout, or null when a problem was recorded in {@code options} */
    public static Layout create(String name, LayoutContext ctx, Options options, Plugins plugins) {
        LayoutProvider p = Plugins.find(plugins.layouts(), name, options, "layout", null);
        return p == null ? null : p.create(ctx, options);
    }

    private static OptionSpec folder(String name, String fallback) {
        return OptionSpec.string(name, fallback, "folder under the root");
    }

    public static final class Paired extends AbstractComponent implements LayoutProvider {
        static final OptionSpec INPUT = folder("input", null);
        static final OptionSpec TARGET = folder("target", null);
        static final OptionSpec INPUT_SUFFIX = OptionSpec.string("input_suffix", "", "removed from input stems before matching");
        static final OptionSpec TARGET_SUFFIX = OptionSpec.string("target_suffix", "", "removed from target stems before matching");

        public Paired() {
            super("paired-folders", Set.of(), INPUT, TARGET, INPUT_SUFFIX, TARGET_SUFFIX);
        }

        @Override
        public Layout create(LayoutContext ctx, Options o) {
            return new PairedFolders(ctx.root(), o.string(INPUT), o.string(TARGET), o.string(INPUT_SUFFIX), o.string(TARGET_SUFFIX));
        }
    }

    public static final class Single extends AbstractComponent implements LayoutProvider {
        static final OptionSpec IMAGES = folder("images", ".");

        public Single() {
            super("single-folder", Set.of(), IMAGES);
        }

        @Override
        public Layout create(LayoutContext ctx, Options o) {
            return new SingleFolder(ctx.root(), o.string(IMAGES));
        }
    }

    public static final class Manifest extends AbstractComponent implements LayoutProvider {
        static final OptionSpec FILE = OptionSpec.string("file", "manifest.jsonl", "the manifest, under the root");

        public Manifest() {
            super("manifest-jsonl", Set.of(), FILE);
        }

        @Override
        public Layout create(LayoutContext ctx, Options o) {
            return new ManifestJsonl(ctx.root(), o.string(FILE));
        }
    }

    public static final class Uvt extends AbstractComponent implements LayoutProvider {
        static final OptionSpec FILE = OptionSpec.string("file", null, "the evaluation JSON, a path as for root");
        static final OptionSpec DIRECTION = OptionSpec.choice("direction", List.of("A->B", "B->A", "A->C", "C->A"),
                "which images are input and target");
        static final OptionSpec MISSING = OptionSpec.choice("missing", List.of("error", "skip"), "what a missing image does");

        public Uvt() {
            super("uvt-json", Set.of(), FILE, DIRECTION, MISSING);
        }

        @Override
        public Layout create(LayoutContext ctx, Options o) {
            String file = o.string(FILE);
            String dir = o.choice(DIRECTION);
            String missing = o.choice(MISSING);
            Path f = file == null ? null : ctx.taskFilePath().apply(file);
            return f == null ? null : new UvtJson(ctx.root(), f, dir.charAt(0), dir.charAt(3), "skip".equals(missing));
        }
    }

    public static final class Voc extends AbstractComponent implements LayoutProvider {
        static final OptionSpec SPLIT = OptionSpec.string("split", "val", "ImageSets/Segmentation/<split>.txt");
        static final OptionSpec IMAGES = folder("images", "JPEGImages");
        static final OptionSpec LABELS = folder("labels", "SegmentationClass");

        public Voc() {
            super("voc", Set.of(), SPLIT, IMAGES, LABELS);
        }

        @Override
        public Layout create(LayoutContext ctx, Options o) {
            return new VocLayout(ctx.root(), o.string(SPLIT), o.string(IMAGES), o.string(LABELS));
        }
    }

    public static final class Ade20k extends AbstractComponent implements LayoutProvider {
        static final OptionSpec IMAGES = folder("images", "images/validation");
        static final OptionSpec ANNOTATIONS = folder("annotations", "annotations/validation");
        static final OptionSpec OVERLAY_COLOR = OptionSpec.string("overlay_color", null, "a CSS colour: one sample per class present");

        public Ade20k() {
            super("ade20k", Set.of(), IMAGES, ANNOTATIONS, OVERLAY_COLOR);
        }

        @Override
        public Layout create(LayoutContext ctx, Options o) {
            String overlay = o.has("overlay_color") ? o.string(OVERLAY_COLOR) : null;
            if (overlay != null && CssColors.get(overlay) == null) {
                o.fail("overlay_color", "unknown CSS colour '" + overlay + "'");
            }
            return new Ade20kLayout(ctx.root(), o.string(IMAGES), o.string(ANNOTATIONS), overlay);
        }
    }

    public static final class Bsds extends AbstractComponent implements LayoutProvider {
        static final OptionSpec IMAGES = folder("images", "images");
        static final OptionSpec GT = folder("gt", "gt_png");

        public Bsds() {
            super("bsds", Set.of(), IMAGES, GT);
        }

        @Override
        public Layout create(LayoutContext ctx, Options o) {
            return new BsdsLayout(ctx.root(), o.string(IMAGES), o.string(GT));
        }
    }

    public static final class DepthPng extends AbstractComponent implements LayoutProvider {
        static final OptionSpec MANIFEST = OptionSpec.string("manifest", "manifest.json", "the manifest, under the root");
        static final OptionSpec TARGET = OptionSpec.choice("target", List.of("depth", "rgb"), "depth, or the clean RGB image");

        public DepthPng() {
            super("depth-png", Set.of(), MANIFEST, TARGET);
        }

        @Override
        public Layout create(LayoutContext ctx, Options o) {
            return new DepthPngLayout(ctx.root(), o.string(MANIFEST), o.choice(TARGET).equals("rgb"));
        }
    }
}
