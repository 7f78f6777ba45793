package org.eibench.tasks.decode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which way a text says depth is drawn in gray: lighter = closer ({@link #NEAR_BRIGHT}) or lighter = farther
 * ({@link #FAR_BRIGHT}), or neither clearly (null). A keyword rule, checked on all 645 captions and instructions of
 * UVT's {@code NYU_test_data.json} (DepthPolarityTest; docs/protocols.md gives the counts):
 * <ol>
 *   <li>ranges are not statements: two brightness words joined by and/or/to ("lighter and darker shades", "from
 *   light to dark", "lightness and darkness"), two distance words so joined ("proximity and distance") and "light
 *   intensity / levels / values" are set aside;</li>
 *   <li>the text is cut into clauses at punctuation and at and, while, whereas, but, than;</li>
 *   <li>in a clause, every brightness word (lighter, bright, white, ... / darker, dark, black, dim, ...) is paired with
 *   the nearest distance word (closer, near, proximity, foreground, ... / farther, distant, distance, away, recede,
 *   background, ...), and the pair votes: light with near or dark with far is near-bright, the other two far-bright;</li>
 *   <li>the text states a convention when it has votes and they all agree; otherwise it is unclear.</li>
 * </ol>
 * Nouns that name the quantity rather than a direction (brightness, intensity, distances, depth) do not vote, so
 * "brightness corresponds to the distance" is unclear, while "closer objects appear darker" is far-bright.
 */
enum DepthPolarity {
    NEAR_BRIGHT("near-bright"), FAR_BRIGHT("far-bright");

    private static final String LIGHT = "lighter|lightest|light|brighter|brightest|bright|whiter|white|paler|pale"
            + "|lighten|lightens|lightened|brighten|brightens|brightened";
    private static final String DARK = "darker|darkest|dark|darken|darkens|darkened|blacker|black|dimmer|dim|darkness";
    private static final String NEAR = "closer|closest|close|nearer|nearest|near|nearby|proximity|closeness|nearness"
            + "|foreground";
    private static final String FAR = "farther|farthest|further|furthest|far|distant|distance|away|recede|recedes"
            + "|receded|background|remote";
    private static final Pattern TOKEN = Pattern.compile("\\b(?:(?<L>" + LIGHT + ")|(?<D>" + DARK + ")|(?<N>" + NEAR
            + ")|(?<F>" + FAR + "))\\b", Pattern.CASE_INSENSITIVE);
    private static final String BRIGHTNESS = LIGHT + "|" + DARK + "|lightness|brightness";
    private static final Pattern BRIGHTNESS_RANGE = Pattern.compile("\\b(?:" + BRIGHTNESS
            + ")\\b(?:\\s+(?:areas?|shades?|tones?|regions?))?\\s+(?:and|or|to)\\s+\\b(?:" + BRIGHTNESS + ")\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DISTANCE_RANGE = Pattern.compile("\\b(?:" + NEAR + "|" + FAR
            + ")\\b\\s+(?:and|or|to)\\s+\\b(?:" + NEAR + "|" + FAR + ")\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern LIGHT_QUANTITY = Pattern.compile("\\blight\\s+(?:intensity|intensities|levels?|values?)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CLAUSE = Pattern.compile("[.;:,]|\\band\\b|\\bwhile\\b|\\bwhereas\\b|\\bbut\\b|\\bthan\\b",
            Pattern.CASE_INSENSITIVE);

    private final String key;

    DepthPolarity(String key) {
        this.key = key;
    }

    /** The decoder mode of this convention ({@code near-bright}, {@code far-bright}). */
    String key() {
        return key;
    }

    DepthPolarity opposite() {
        return this == NEAR_BRIGHT ? FAR_BRIGHT : NEAR_BRIGHT;
    }

    /** The convention {@code text} states, or null when it states none or contradicts itself. */
    static DepthPolarity of(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = LIGHT_QUANTITY.matcher(text).replaceAll(" intensity ");
        t = BRIGHTNESS_RANGE.matcher(t).replaceAll(" shades ");
        t = DISTANCE_RANGE.matcher(t).replaceAll(" depth ");
        Set<DepthPolarity> votes = new HashSet<>();
        for (String clause : CLAUSE.split(t)) {
            votes.addAll(votes(clause));
        }
        return votes.size() == 1 ? votes.iterator().next() : null;
    }

    private record Word(boolean brightness, boolean lightOrNear, int at) {
    }

    private static List<DepthPolarity> votes(String clause) {
        List<Word> bright = new ArrayList<>();
        List<Word> distance = new ArrayList<>();
        Matcher m = TOKEN.matcher(clause.toLowerCase(Locale.ROOT));
        while (m.find()) {
            if (m.group("L") != null || m.group("D") != null) {
                bright.add(new Word(true, m.group("L") != null, m.start()));
            } else {
                distance.add(new Word(false, m.group("N") != null, m.start()));
            }
        }
        List<DepthPolarity> out = new ArrayList<>();
        if (distance.isEmpty()) {
            return out;
        }
        for (Word b : bright) {
            Word nearest = distance.get(0);
            for (Word d : distance) {
                if (Math.abs(d.at() - b.at()) < Math.abs(nearest.at() - b.at())) {
                    nearest = d;
                }
            }
            out.add(b.lightOrNear() == nearest.lightOrNear() ? NEAR_BRIGHT : FAR_BRIGHT);
        }
        return out;
    }
}
