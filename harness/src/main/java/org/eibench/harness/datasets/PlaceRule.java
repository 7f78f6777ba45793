package org.eibench.harness.datasets;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lays out one kind of staged file: every staged path (relative, with '/') that {@code match} matches in full goes to
 * {@code to}; {@code $1}..{@code $9} stand for the match's groups. With {@code from}, the file placed is not the matched
 * one but {@code from} relative to its folder (SOTS: each hazy image gets its scene's ground truth under its own name).
 * With {@code convert}, the file is converted instead of copied: {@code bsds-boundaries} writes each annotator of a
 * BSDS500 ground-truth .mat as {@code <to>_bdry<k>.png}.
 */
public record PlaceRule(Pattern match, String to, String from, Convert convert) {

    public enum Convert {
        /** BSDS500 groundTruth .mat to one boundary PNG per annotator ({@link BsdsGroundTruth}). */
        BSDS_BOUNDARIES
    }

    private static final Pattern GROUP = Pattern.compile("\\$(\\d)");

    static String expand(String template, Matcher m) {
        Matcher g = GROUP.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (g.find()) {
            int k = Integer.parseInt(g.group(1));
            g.appendReplacement(sb, Matcher.quoteReplacement(m.group(k) == null ? "" : m.group(k)));
        }
        g.appendTail(sb);
        return sb.toString();
    }

    /** Highest group a template refers to, to check it against the pattern when the registry is read. */
    static int highestGroup(String template) {
        int max = 0;
        Matcher g = GROUP.matcher(template == null ? "" : template);
        while (g.find()) {
            max = Math.max(max, Integer.parseInt(g.group(1)));
        }
        return max;
    }
}
