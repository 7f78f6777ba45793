package org.eibench.harness.datasets;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One dataset of the registry: where it comes from, how its files are laid out for the catalog tasks, and which files
 * that layout must hold.
 *
 * @param name           what {@code eibench data fetch NAME} takes
 * @param root           the {@code --data-root} name it feeds ({@code ${EIBENCH_ROOT_<ROOT>}} in task files)
 * @param tasks          catalog tasks that read it
 * @param notes          what a user should know (protocol choices, parts the release does not contain)
 * @param sources        files to download or to get by hand; each is extracted (or copied) into one staging folder
 * @param extract        which archive entries are kept (all when empty)
 * @param place          how staged files become the layout
 * @param expect         the files of the layout, in groups
 * @param fileChecksums  SHA-256 of the laid-out files (relative path to hex), when the registry knows them
 * @param maxExtractedBytes the most an extraction may write (a zip bomb stops there)
 */
public record Dataset(String name, String root, String title, String homepage, String licence, List<String> tasks,
                      String notes, List<Source> sources, List<Pattern> extract, List<PlaceRule> place,
                      List<ExpectedFiles> expect, Map<String, String> fileChecksums, long maxExtractedBytes) {

    public Dataset {
        tasks = List.copyOf(tasks);
        sources = List.copyOf(sources);
        extract = List.copyOf(extract);
        place = List.copyOf(place);
        expect = List.copyOf(expect);
        fileChecksums = Map.copyOf(fileChecksums);
    }

    /** True when every source downloads without a browser. */
    public boolean direct() {
        return sources.stream().allMatch(s -> s.access() == Source.Access.DIRECT);
    }

    /** Total download size, or -1 when a source's size is not known. */
    public long downloadBytes() {
        long sum = 0;
        for (Source s : sources) {
            if (s.bytes() < 0) {
                return -1;
            }
            sum += s.bytes();
        }
        return sum;
    }

    /** Number of files the layout holds (a counted group counts its expected count). */
    public int fileCount() {
        return expect.stream().mapToInt(ExpectedFiles::count).sum();
    }

    /** True when an archive entry (relative path with '/') is kept. */
    boolean keeps(String entry) {
        return extract.isEmpty() || extract.stream().anyMatch(p -> p.matcher(entry).matches());
    }
}
