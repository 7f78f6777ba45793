package org.eibench.metrics.stats;

import org.junit.jupiter.api.Assumptions;

/**
 * The reference tools some tests need (/usr/bin/python3 with its numerical stack, pdflatex, Chromium): without one a
 * test is skipped, except under {@code EIBENCH_REQUIRE_REFERENCES=1} (set by .ci/run), where it fails, so CI cannot
 * pass by skipping. (Each module's tests carry this small class; test trees do not share code.)
 */
public final class ReferenceTools {

    public static final String SWITCH = "EIBENCH_REQUIRE_REFERENCES";

    private ReferenceTools() {
    }

    /** Whether the switch is on: "1" or "true". */
    static boolean required(String value) {
        return value != null && (value.strip().equals("1") || value.strip().equalsIgnoreCase("true"));
    }

    /** Skips the test when {@code present} is false, or fails it when the switch is on; {@code missing} says what is. */
    public static void require(boolean present, String missing) {
        require(present, missing, System.getenv(SWITCH));
    }

    static void require(boolean present, String missing, String switchValue) {
        if (present) {
            return;
        }
        if (required(switchValue)) {
            throw new AssertionError(missing + " (" + SWITCH + "=" + switchValue + ": this test must run, not skip)");
        }
        Assumptions.abort(missing);
    }
}
