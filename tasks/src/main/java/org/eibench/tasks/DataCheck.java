package org.eibench.tasks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eibench.imaging.ImageHeader;
import org.eibench.tasks.data.SampleRef;
import org.eibench.tasks.spec.SpecProblem;
import org.eibench.tasks.spec.YamlNode;

/**
 * Checks of a task's data beyond its task file, for {@code tasks validate}: that its samples can be listed and their
 * files exist ({@link #list}), and, with {@code --deep}, that every sample loads as a run would load it
 * ({@link #deep}).
 */
public final class DataCheck {

    /** A layout's listing error names the field it concerns first ("data.input: folder 'x' not found ..."). */
    private static final Pattern FIELD = Pattern.compile("(data\\.[a-z_]+): (.*)", Pattern.DOTALL);

    private DataCheck() {
    }

    /** The samples a task lists, and what stops it listing them or what they miss. */
    public record Listing(List<SampleRef> samples, List<SpecProblem> problems) {
    }

    /** One sample's problems; none means it loads. */
    public record SampleStatus(String id, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /**
     * Lists the task's samples and checks their input and target files exist; each problem is located at the data
     * field it concerns (the layout's folder or file, else {@code data.root}) in the task file.
     */
    public static Listing list(Task task) {
        List<SpecProblem> problems = new ArrayList<>();
        List<SampleRef> refs;
        try {
            refs = task.samples();
        } catch (IOException e) {
            Matcher m = FIELD.matcher(String.valueOf(e.getMessage()));
            problems.add(m.matches() ? at(task, m.group(1), m.group(2)) : at(task, "data.root", String.valueOf(e.getMessage())));
            return new Listing(List.of(), problems);
        }
        if (refs.isEmpty()) {
            problems.add(at(task, "data.root", "no samples found under " + task.spec().data().root()));
        }
        int missing = 0;
        Path first = null;
        for (SampleRef r : refs) {
            for (Path p : new Path[] {r.input(), r.target()}) {
                if (p != null && !Files.isRegularFile(p)) {
                    missing++;
                    first = first == null ? p : first;
                }
            }
        }
        if (missing > 0) {
            problems.add(at(task, "data.root", missing + " file(s) of " + refs.size() + " samples are missing, e.g. " + first));
        }
        return new Listing(refs, problems);
    }

    /**
     * Loads every sample as a run does (input, ground truth through the task's target format, its annotations, the
     * decoder's rendering of the ground truth), and checks that an input read from a file has the target's size or
     * that size divided by a whole
     * scale and rounded down (the low-resolution half of a super-resolution pair). Samples that differ only in
     * their instruction share their files, which are checked once.
     */
    public static List<SampleStatus> deep(Task task, List<SampleRef> refs) {
        Map<List<Object>, List<String>> byFiles = new HashMap<>();
        List<SampleStatus> out = new ArrayList<>();
        for (SampleRef r : refs) {
            List<Object> files = java.util.Arrays.asList(r.input(), r.target(), r.annotations(), r.depth());
            List<String> problems = byFiles.computeIfAbsent(files, k -> check(task, r));
            out.add(new SampleStatus(r.id(), problems));
        }
        return out;
    }

    private static List<String> check(Task task, SampleRef r) {
        List<String> problems = new ArrayList<>();
        try {
            // Everything a run may read: the input and the ground truth rendered as a model output are made on first
            // use, so ask for them.
            Sample s = task.load(r);
            s.input();
            s.reference();
        } catch (IOException | RuntimeException e) {
            problems.add(String.valueOf(e.getMessage()));
            return problems;
        }
        ImageHeader target = header(r.target());
        if (r.input() != null && task.degradation() == null && target != null) {
            ImageHeader input = header(r.input());
            if (input != null && !fits(input, target)) {
                problems.add(r.input() + ": " + input.width() + "x" + input.height() + " does not fit its target "
                        + r.target() + " (" + target.width() + "x" + target.height()
                        + "): an input has its target's size, or that size divided by a whole scale");
            }
        }
        for (Path a : r.annotations()) {
            ImageHeader h = header(a);
            if (h != null && target != null && (h.width() != target.width() || h.height() != target.height())) {
                problems.add(a + ": " + h.width() + "x" + h.height() + ", but the sample's first annotation " + r.target()
                        + " is " + target.width() + "x" + target.height());
            }
        }
        return problems;
    }

    /** Equal sizes, or the target's divided by one whole scale, rounded down (Set5's 256x256 HR has an 85x85 x3 LR). */
    private static boolean fits(ImageHeader input, ImageHeader target) {
        long scale = Math.max(1, Math.round((double) target.width() / input.width()));
        return target.width() / scale == input.width() && target.height() / scale == input.height();
    }

    /** The file's image header, or null for a file that is not an image (a .mat or .npy ground truth). */
    private static ImageHeader header(Path p) {
        if (p == null) {
            return null;
        }
        try {
            return ImageHeader.read(p);
        } catch (IOException e) {
            return null;
        }
    }

    /** A data problem at the line and column of its field in the task file (none for a built-in task's text). */
    private static SpecProblem at(Task task, String field, String message) {
        String source = task.spec().source();
        Path file = Path.of(source);
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                Map<String, YamlNode> top = YamlNode.parse(in).map();
                YamlNode data = top == null ? null : top.get("data");
                if (data != null && data.map() != null) {
                    YamlNode n = data.map().getOrDefault(field.substring("data.".length()), data);
                    return new SpecProblem(source, n.line(), n.column(), field, message);
                }
            } catch (IOException e) {
                // the file parsed moments ago; without it the problem is still reported, unlocated
            }
        }
        return new SpecProblem(source, 0, 0, field, message);
    }
}
