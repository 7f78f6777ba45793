package org.eibench.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.eibench.metrics.config.OptionSpec;
import org.eibench.metrics.config.Options;
import org.eibench.tasks.data.Layout;
import org.eibench.tasks.data.LayoutContext;
import org.eibench.tasks.data.SampleRef;
import org.eibench.tasks.spi.AbstractComponent;
import org.eibench.tasks.spi.LayoutProvider;

/** {@code data: {layout: png-folder, images: DIR}}: every PNG in the folder is a clean target. */
public final class PngFolderLayout extends AbstractComponent implements LayoutProvider {
    static final OptionSpec IMAGES = OptionSpec.string("images", ".", "folder under the root");

    public PngFolderLayout() {
        super("png-folder", Set.of(), IMAGES);
    }

    @Override
    public Layout create(LayoutContext context, Options options) {
        String images = options.string(IMAGES);
        return new Layout() {
            public String name() {
                return "png-folder";
            }

            public List<SampleRef> list() throws IOException {
                try (Stream<Path> files = Files.list(context.root().resolve(images, "data.images"))) {
                    return files.filter(p -> p.toString().endsWith(".png")).sorted()
                            .map(p -> new SampleRef(p.getFileName().toString(), null, p, null, null)).toList();
                }
            }
        };
    }
}
