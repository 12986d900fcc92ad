package dev.readiness.checks.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import dev.readiness.check.Finding;
import dev.readiness.text.Words;
import java.util.ArrayList;
import java.util.List;

/** Small readers of parsed YAML and JSON trees, shared by the parts of the monitoring check. */
final class Nodes {

    private Nodes() {
    }

    /** A scalar field's value, trimmed and cut to one line of at most 200 characters; {@code null} when absent, blank or not a scalar. */
    static String text(JsonNode parent, String field) {
        JsonNode node = parent == null ? null : parent.get(field);
        if (node == null || !node.isValueNode() || node.isNull()) {
            return null;
        }
        String text = Words.cut(Words.oneLine(node.asText()), 200);
        return text.isBlank() ? null : text;
    }

    /** The elements of a list node, or none when it is not a list. */
    static List<JsonNode> list(JsonNode node) {
        List<JsonNode> elements = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(elements::add);
        }
        return elements;
    }

    /** What a node is, for a message: "a number (3)", "a mapping", "a list", "a string (x)". */
    static String shape(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "empty";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        String value = Words.cut(Words.oneLine(node.asText()), 40);
        return (node.isNumber() ? "a number (" : node.isBoolean() ? "a boolean (" : "a string (") + value + ")";
    }

    /** Whether the field holds a list with at least one element. */
    static boolean nonEmptyList(JsonNode parent, String field) {
        JsonNode node = parent == null ? null : parent.get(field);
        return node != null && node.isArray() && !node.isEmpty();
    }

    /** A finding that is a cause of its claim's failure, at a file. */
    static Finding finding(String key, String file, String message) {
        return Finding.of(message).key(key).at(file).build();
    }

    /** A remark at a file that is not a cause of failure. */
    static Finding note(String key, String file, String message) {
        return Finding.of(message).key(key).at(file).note().build();
    }
}
