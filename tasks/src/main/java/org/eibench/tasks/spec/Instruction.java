package org.eibench.tasks.spec;

import java.util.List;

/**
 * One wording of a task's instruction and its style: {@code explanatory} (UVT's explanatory instructions: what to do
 * to the image, in words), {@code paraphrase} (another wording of an explanatory one) or {@code terminological} (the
 * task's name, e.g. "Depth estimation.").
 */
public record Instruction(String text, String style) {

    public static final List<String> STYLES = List.of("explanatory", "paraphrase", "terminological");

    public Instruction {
        if (!STYLES.contains(style)) {
            throw new IllegalArgumentException("style must be one of " + String.join(", ", STYLES));
        }
    }
}
