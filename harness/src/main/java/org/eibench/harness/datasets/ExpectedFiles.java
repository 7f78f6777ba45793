package org.eibench.harness.datasets;

import java.util.List;

/** A group of files a dataset's layout must hold, and the catalog tasks that need them. */
public sealed interface ExpectedFiles permits ExpectedFiles.Named, ExpectedFiles.Counted {

    /** How the group is shown, e.g. {@code val_depth/*.png}. */
    String label();

    List<String> tasks();

    /** Shown beside the group (may be null), e.g. where files that no release contains come from. */
    String note();

    /** Files in the group. */
    int count();

    /** Files known by name: relative paths with '/'. */
    record Named(String label, List<String> files, List<String> tasks, String note) implements ExpectedFiles {
        public Named {
            files = List.copyOf(files);
            tasks = List.copyOf(tasks);
        }

        @Override
        public int count() {
            return files.size();
        }
    }

    /** Files known only by number: {@code count} files matching a glob (for releases whose file names are not listed here). */
    record Counted(String label, String glob, int count, List<String> tasks, String note) implements ExpectedFiles {
        public Counted {
            tasks = List.copyOf(tasks);
        }
    }
}
