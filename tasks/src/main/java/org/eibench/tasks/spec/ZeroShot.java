package org.eibench.tasks.spec;

/** UVT's zero-shot levels: a seen task worded anew ({@code instruction}) or a task never trained on ({@code task}). */
public enum ZeroShot {
    INSTRUCTION("instruction"), TASK("task");

    private final String key;

    ZeroShot(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static ZeroShot parse(String s) {
        for (ZeroShot v : values()) {
            if (v.key.equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("must be instruction or task");
    }
}
