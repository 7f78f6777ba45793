package org.eibench.harness.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * Lays out staged files as the catalog task reads them, by the dataset's {@link PlaceRule}s. The whole plan is made
 * (and checked: targets stay inside the dataset folder, no two files claim one target, every {@code from} file
 * exists) before anything is copied or moved.
 */
final class Placer {

    private Placer() {
    }

    /**
     * @param targets     relative target path to the file copied or moved there
     * @param conversions relative target prefix to the file converted there (BSDS boundaries)
     */
    record Plan(Map<String, Path> targets, Map<String, Path> conversions, int staged) {
        int size() {
            return targets.size() + conversions.size();
        }
    }

    /** Plans the layout of every regular file under {@code from}. */
    static Plan plan(Dataset d, Path from) throws IOException, DataException {
        Path root = from.toAbsolutePath().normalize();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        Map<String, Path> targets = new TreeMap<>();
        Map<String, Path> conversions = new TreeMap<>();
        for (Path f : files) {
            String rel = root.relativize(f).toString().replace('\\', '/');
            for (PlaceRule r : d.place()) {
                Matcher m = r.match().matcher(rel);
                if (!m.matches()) {
                    continue;
                }
                String to = PlaceRule.expand(r.to(), m);
                if (to.startsWith("/") || to.contains("..") || to.contains("\\") || to.startsWith(".")) {
                    throw new DataException("layout rule of " + d.name() + " sends " + rel + " to '" + to
                            + "', which is not a plain relative path");
                }
                Path src = f;
                if (r.from() != null) {
                    src = f.getParent().resolve(PlaceRule.expand(r.from(), m)).normalize();
                    if (!src.startsWith(root)) {
                        throw new DataException("layout rule of " + d.name() + " reads " + src + " for " + rel
                                + ", outside " + root);
                    }
                    if (!Files.isRegularFile(src)) {
                        throw new DataException(root.relativize(src) + " is missing: " + to + " (for " + rel
                                + ") is made from it");
                    }
                }
                Path old = (r.convert() == null ? targets : conversions).put(to, src);
                if (old != null && !old.equals(src)) {
                    throw new DataException("two files would become " + to + ": " + root.relativize(old) + " and "
                            + root.relativize(src) + " (give --from the folder of one release only)");
                }
            }
        }
        return new Plan(targets, conversions, files.size());
    }

    /**
     * Carries out a plan into {@code dir}. With {@code move}, a staged file used once is moved, otherwise copied
     * (a user's own folder given with --from is only ever copied).
     */
    static void apply(Plan plan, Path dir, boolean move) throws IOException {
        Map<Path, Integer> uses = new HashMap<>();
        plan.targets().values().forEach(p -> uses.merge(p, 1, Integer::sum));
        List<Map.Entry<String, Path>> moves = new ArrayList<>();
        for (Map.Entry<String, Path> e : plan.targets().entrySet()) {
            if (move && uses.get(e.getValue()) == 1) {
                moves.add(e);
                continue;
            }
            Path out = dir.resolve(e.getKey());
            Files.createDirectories(out.getParent());
            Files.copy(e.getValue(), out, StandardCopyOption.REPLACE_EXISTING);
        }
        for (Map.Entry<String, Path> e : plan.conversions().entrySet()) {
            BsdsGroundTruth.writePngs(e.getValue(), dir.resolve(e.getKey()));
        }
        for (Map.Entry<String, Path> e : moves) {
            Path out = dir.resolve(e.getKey());
            Files.createDirectories(out.getParent());
            Files.move(e.getValue(), out, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
