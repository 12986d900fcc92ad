package dev.readiness.checks.smoke;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.readiness.checks.http.StrictJson;
import dev.readiness.text.Words;
import java.util.Iterator;
import java.util.Map;

/**
 * One expectation of a smoke probe on its JSON answer: a JSON pointer (RFC 6901, no spaces), an operator and,
 * for {@code ==} and {@code !=}, a JSON literal: {@code /status == "ok"}, {@code /items/0/id exists},
 * {@code /errors != []}. Parsed once, without evaluating anything: the pointer by Jackson, the literal by the
 * strict JSON reader. Numbers compare by value ({@code 1 == 1.0}); a pointer that leads nowhere meets only
 * nothing: neither {@code ==}, {@code !=} nor {@code exists}.
 */
record Expectation(String text, JsonPointer pointer, Operator operator, JsonNode value) {

    /** The longest expectation accepted. */
    static final int MAX_LENGTH = 1000;

    enum Operator {
        EQUALS("=="), NOT_EQUALS("!="), EXISTS("exists");

        final String word;

        Operator(String word) {
            this.word = word;
        }
    }

    /**
     * Parses {@code <pointer> exists} or {@code <pointer> == <json>} or {@code <pointer> != <json>}.
     *
     * @throws IllegalArgumentException saying what is wrong and how an expectation is written
     */
    static Expectation parse(String text) {
        String shown = "'" + Words.oneLine(text == null ? "" : text, 100) + "'";
        if (text == null || text.isBlank()) {
            throw invalid("an expectation is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw invalid("the expectation " + shown + " is longer than " + MAX_LENGTH + " characters");
        }
        String trimmed = text.strip();
        int space = firstSpace(trimmed);
        if (!trimmed.startsWith("/") || space < 0) {
            throw invalid("the expectation " + shown + " does not start with a JSON pointer and an operator");
        }
        JsonPointer pointer;
        try {
            pointer = JsonPointer.compile(trimmed.substring(0, space));
        } catch (IllegalArgumentException e) {
            throw invalid("the expectation " + shown + " has an invalid JSON pointer: " + Words.oneLine(e.getMessage(), 100));
        }
        String rest = trimmed.substring(space).strip();
        if (rest.equals("exists")) {
            return new Expectation(trimmed, pointer, Operator.EXISTS, null);
        }
        Operator operator = rest.startsWith("==") ? Operator.EQUALS : rest.startsWith("!=") ? Operator.NOT_EQUALS : null;
        if (operator == null) {
            throw invalid("the expectation " + shown + " has no operator ==, != or exists after its pointer");
        }
        String literal = rest.substring(2).strip();
        if (literal.isEmpty()) {
            throw invalid("the expectation " + shown + " has no value after " + operator.word);
        }
        try {
            return new Expectation(trimmed, pointer, operator, StrictJson.MAPPER.readTree(literal));
        } catch (JsonProcessingException e) {
            throw invalid("the value of the expectation " + shown + " is not a JSON literal (write text in double quotes: \"ok\")");
        }
    }

    private static int firstSpace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException(problem + "; write /pointer == <JSON value>, /pointer != <JSON value> or /pointer exists,"
                + " such as /status == \"ok\" or /items/0/id exists");
    }

    /** What the answer holds at the pointer when the expectation is not met, or {@code null} when it is met. */
    String unmetBy(JsonNode document) {
        JsonNode found = document.at(pointer);
        if (found.isMissingNode()) {
            return pointer + " is missing";
        }
        boolean equal = value != null && same(found, value);
        boolean met = switch (operator) {
            case EXISTS -> true;
            case EQUALS -> equal;
            case NOT_EQUALS -> !equal;
        };
        return met ? null : pointer + " is " + Words.oneLine(found.toString(), 100);
    }

    /** JSON equality with numbers compared by value, at every depth. */
    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return infinite(a) || infinite(b) ? a.doubleValue() == b.doubleValue() : a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode other = b.get(field.getKey());
                if (other == null || !same(field.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** A number read as a double that overflowed ({@code 1e400}): it has no decimal value. */
    private static boolean infinite(JsonNode number) {
        return (number.isDouble() || number.isFloat()) && !Double.isFinite(number.doubleValue());
    }

    @Override
    public String toString() {
        return text;
    }
}
