package org.eibench.tasks.spec;

/** Whether the evaluated model saw the task in training ({@code seen}) or not ({@code held-out}). */
public enum Split {
    SEEN("seen"), HELD_OUT("held-out");

    private final String key;

    Split(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Split parse(String s) {
        for (Split v : values()) {
            if (v.key.equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("must be seen or held-out");
    }
}
