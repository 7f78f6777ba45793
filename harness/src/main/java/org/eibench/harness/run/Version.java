package org.eibench.harness.run;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The code that produces results: the EIBench version and, when built from a checkout, its git commit (with
 * {@code -dirty} when tracked files had uncommitted changes), from build.properties written by the build. Both enter
 * every run's identity, so a run is never resumed or merged by other code.
 */
public final class Version {

    private static final Properties BUILD = load();

    private Version() {
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // no build information: "dev" below
        }
        return p;
    }

    /** The version, "dev" when the classes were not built by Maven. */
    public static String get() {
        String v = filled(BUILD.getProperty("version"));
        if (v == null) {
            v = Version.class.getPackage().getImplementationVersion();
        }
        return v == null ? "dev" : v;
    }

    /** The git commit the code was built from, or null outside a checkout. */
    public static String commit() {
        return filled(BUILD.getProperty("commit"));
    }

    /** "0.1.0-SNAPSHOT (commit 3b144e4...)" for people. */
    public static String describe() {
        return get() + (commit() == null ? "" : " (commit " + commit() + ")");
    }

    /** The code's part of a run identity: version, and commit when known. */
    public static Map<String, Object> identity() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", get());
        if (commit() != null) {
            m.put("commit", commit());
        }
        return m;
    }

    /** A property's value, or null when absent, empty or left unfilled by the build. */
    private static String filled(String v) {
        return v == null || v.isBlank() || v.contains("${") ? null : v.strip();
    }
}
