package dev.readiness.checks.migrations;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A Flyway migration version in the form Flyway compares: dotted numbers, {@code _} written for {@code .}
 * ({@code V1_2__x.sql} is version 1.2), each part a number (so {@code 1.01} is {@code 1.1}), trailing zero parts
 * dropped (so {@code 1.0} is {@code 1}), as Flyway's {@code MigrationVersion} orders them.
 */
final class FlywayVersion {

    private static final Pattern VERSION = Pattern.compile("[0-9]+([._][0-9]+)*");

    private FlywayVersion() {
    }

    /** The normalised version ({@code 1_02_0} gives {@code 1.2}), or {@code null} when the text is no Flyway version. */
    static String normalise(String text) {
        if (text == null || text.length() > 200 || !VERSION.matcher(text.strip()).matches()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String part : text.strip().split("[._]")) {
            parts.add(new BigInteger(part).toString());
        }
        while (parts.size() > 1 && parts.get(parts.size() - 1).equals("0")) {
            parts.remove(parts.size() - 1);
        }
        return String.join(".", parts);
    }
}
