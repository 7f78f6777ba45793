package org.eibench.tasks.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A task or suite file that cannot be used; carries every problem found, not just the first. */
public class SpecException extends Exception {

    private static final long serialVersionUID = 1L;
    private final transient List<SpecProblem> problems;

    public SpecException(List<SpecProblem> problems) {
        super(problems.stream().map(SpecProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public SpecException(String file, String message) {
        this(List.of(new SpecProblem(file, 0, 0, "", message)));
    }

    public List<SpecProblem> problems() {
        return problems;
    }
}
