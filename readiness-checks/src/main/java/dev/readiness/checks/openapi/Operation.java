package dev.readiness.checks.openapi;

import java.util.Locale;

/**
 * One operation of a spec: its HTTP method and path as written, and its key, by which two specs are compared: the
 * method in capitals and the path with every template variable written {@code {}} and no trailing slash, so
 * {@code GET /pets/{petId}} and {@code get /pets/{id}/} are the same operation.
 *
 * @param pathParameters whether its path holds a template variable
 */
public record Operation(String method, String path, boolean pathParameters) {

    /** An operation as written in a spec. */
    public static Operation of(String method, String path) {
        return new Operation(method.toUpperCase(Locale.ROOT), path, path.contains("{"));
    }

    /** The comparison key: {@code GET /pets/{}}. */
    public String key() {
        String normalised = path.replaceAll("\\{[^}/]*}", "{}");
        if (normalised.length() > 1 && normalised.endsWith("/")) {
            normalised = normalised.substring(0, normalised.length() - 1);
        }
        return method + " " + normalised;
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
