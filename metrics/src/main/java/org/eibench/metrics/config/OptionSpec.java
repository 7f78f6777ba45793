package org.eibench.metrics.config;

import java.util.List;

/**
 * One option a component reads: its key, type, default and meaning, declared once. The reader takes its default from
 * here ({@link Options#number(OptionSpec)} ...), and listings, validation messages and the docs' key tables are
 * checked against the same declaration.
 *
 * @param fallback the default, or null when the option is required or has no default
 * @param choices  the allowed values of a {@link Type#CHOICE}, else empty
 * @param min      the smallest allowed value of an {@link Type#INTEGER}
 * @param max      the largest allowed value of an {@link Type#INTEGER}
 */
public record OptionSpec(String name, Type type, Object fallback, List<String> choices, long min, long max, String doc) {

    public enum Type {
        NUMBER, INTEGER, BOOLEAN, STRING, CHOICE, LIST;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public OptionSpec {
        choices = List.copyOf(choices);
    }

    public static OptionSpec number(String name, Double fallback, String doc) {
        return new OptionSpec(name, Type.NUMBER, fallback, List.of(), 0, 0, doc);
    }

    public static OptionSpec integer(String name, Integer fallback, long min, long max, String doc) {
        return new OptionSpec(name, Type.INTEGER, fallback, List.of(), min, max, doc);
    }

    public static OptionSpec bool(String name, boolean fallback, String doc) {
        return new OptionSpec(name, Type.BOOLEAN, fallback, List.of(), 0, 0, doc);
    }

    public static OptionSpec string(String name, String fallback, String doc) {
        return new OptionSpec(name, Type.STRING, fallback, List.of(), 0, 0, doc);
    }

    /** A string out of {@code choices}; the default is the first. */
    public static OptionSpec choice(String name, List<String> choices, String doc) {
        return new OptionSpec(name, Type.CHOICE, choices.get(0), choices, 0, 0, doc);
    }

    /** A list, or any value a component reads itself (a grey level or [r, g, b]). */
    public static OptionSpec list(String name, String doc) {
        return new OptionSpec(name, Type.LIST, null, List.of(), 0, 0, doc);
    }

    /** {@code name: type (default)} for listings. */
    public String describe() {
        String t = type == Type.CHOICE ? String.join("|", choices) : type.key();
        return name + ": " + t + (fallback == null ? "" : " (" + fallback + ")") + (doc.isEmpty() ? "" : " - " + doc);
    }
}
