package org.eibench.tasks.spec;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML document as a tree that remembers where each value stood, so validation can name the line and column of
 * every problem (Jackson's own tree forgets locations).
 *
 * @param value a {@code Map<String, YamlNode>}, a {@code List<YamlNode>}, a String, Number, Boolean, or null
 */
public record YamlNode(Object value, int line, int column) {

    private static final YAMLFactory FACTORY = new YAMLFactory();

    public static YamlNode parse(InputStream in) throws IOException {
        try (JsonParser p = FACTORY.createParser(in)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new YamlNode(null, 1, 1);
            }
            return read(p);
        }
    }

    /**
     * A YAML syntax error as a problem at its line and column, saying what SnakeYAML expected and, where it has one,
     * the construct it was reading and where that starts (its first line alone, "while parsing a block mapping", does
     * not say what is wrong).
     */
    public static SpecProblem syntaxProblem(String source, IOException e) {
        int line = 0;
        int col = 0;
        if (e instanceof JsonProcessingException j && j.getLocation() != null) {
            line = j.getLocation().getLineNr();
            col = j.getLocation().getColumnNr();
        }
        String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        if (e.getCause() instanceof MarkedYAMLException m && m.getProblem() != null) {
            message = m.getProblem();
            if (m.getProblemMark() != null) {
                line = m.getProblemMark().getLine() + 1;
                col = m.getProblemMark().getColumn() + 1;
            }
            if (m.getContext() != null) {
                message += " (" + m.getContext() + (m.getContextMark() == null ? "" : " that starts at line "
                        + (m.getContextMark().getLine() + 1) + ", column " + (m.getContextMark().getColumn() + 1)) + ")";
            }
        }
        return new SpecProblem(source, line, col, "", "not valid YAML: " + message);
    }

    private static YamlNode read(JsonParser p) throws IOException {
        JsonLocation loc = p.currentTokenLocation();
        int line = loc.getLineNr();
        int col = loc.getColumnNr();
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, YamlNode> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    JsonLocation kl = p.currentTokenLocation();
                    String key = p.currentName();
                    p.nextToken();
                    YamlNode v = read(p);
                    // Keep the key's position for the value when the value is a nested block on later lines.
                    map.put(key, v.value instanceof Map || v.value instanceof List
                            ? new YamlNode(v.value, kl.getLineNr(), kl.getColumnNr()) : v);
                }
                return new YamlNode(map, line, col);
            }
            case START_ARRAY -> {
                List<YamlNode> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(read(p));
                }
                return new YamlNode(list, line, col);
            }
            case VALUE_STRING -> {
                return new YamlNode(p.getText(), line, col);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new YamlNode(p.getNumberValue(), line, col);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new YamlNode(p.getBooleanValue(), line, col);
            }
            case VALUE_NULL -> {
                return new YamlNode(null, line, col);
            }
            default -> throw new IOException("unexpected YAML token " + t + " at line " + line);
        }
    }

    @SuppressWarnings("unchecked")
    public Map<String, YamlNode> map() {
        return value instanceof Map ? (Map<String, YamlNode>) value : null;
    }

    @SuppressWarnings("unchecked")
    public List<YamlNode> list() {
        return value instanceof List ? (List<YamlNode>) value : null;
    }

    /** Plain Java value (maps, lists, scalars) without locations. */
    public Object plain() {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            map().forEach((k, v) -> out.put(k, v.plain()));
            return out;
        }
        if (value instanceof List<?>) {
            List<Object> out = new ArrayList<>();
            list().forEach(v -> out.add(v.plain()));
            return out;
        }
        return value;
    }

    public String describeType() {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map) {
            return "a mapping";
        }
        if (value instanceof List) {
            return "a list";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        return "a string";
    }
}
