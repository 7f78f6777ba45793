package org.eibench.tasks.spec;

/** One thing wrong with a task or suite file, located as precisely as the YAML parser allows. */
public record SpecProblem(String file, int line, int column, String field, String message) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line + ":" + column : "") + ": " + (field.isEmpty() ? "" : "field '" + field + "': ") + message;
    }
}
