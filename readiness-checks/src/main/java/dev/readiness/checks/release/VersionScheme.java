package dev.readiness.checks.release;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A versioning scheme a release version must follow: {@code semver}, {@code calver} or a user's regular expression.
 * Versions are at most {@link Versions#MAX_LENGTH} characters, and a match may look at the version's characters
 * at most {@value #MAX_STEPS} times in all, so a pattern that backtracks catastrophically ({@code (a+)+b}) ends in an
 * error instead of a hung build.
 */
record VersionScheme(String name, Pattern pattern, String shape) {

    static final int MAX_REGEX = 500;
    static final int MAX_STEPS = 1_000_000;

    /** SemVer 2.0.0, the expression semver.org publishes. */
    private static final Pattern SEMVER = Pattern.compile("(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");
    /** YYYY.MM[.DD][.N] or YY.MM[.N], months and days with or without a leading zero, an optional -qualifier. */
    private static final Pattern CALVER = Pattern.compile("(?:\\d{4}|\\d{2})\\.(?:0?[1-9]|1[0-2])(?:\\.\\d{1,9}){0,2}"
            + "(?:-[0-9A-Za-z][0-9A-Za-z.-]*)?");

    static VersionScheme of(String pattern) {
        return switch (pattern) {
            case "semver" -> new VersionScheme("semver", SEMVER, "MAJOR.MINOR.PATCH, e.g. 1.4.0 (semver.org)");
            case "calver" -> new VersionScheme("calver", CALVER, "YYYY.MM[.DD][.N], e.g. 2026.12.1 (calver.org)");
            default -> {
                if (pattern.length() > MAX_REGEX) {
                    throw new IllegalArgumentException("pattern is " + pattern.length() + " characters long; at most " + MAX_REGEX
                            + " are accepted (or use semver or calver)");
                }
                try {
                    yield new VersionScheme("pattern " + pattern, Pattern.compile(pattern), "the pattern " + pattern);
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("pattern is neither semver, calver nor a valid regular expression: "
                            + e.getDescription() + " near index " + e.getIndex());
                }
            }
        };
    }

    /**
     * Whether the whole version matches.
     *
     * @throws IllegalStateException when the pattern takes more than {@value #MAX_STEPS} steps on it
     */
    boolean matches(String version) {
        return pattern.matcher(new Budgeted(version)).matches();
    }

    /** The version's characters, each look counted; a look past the budget throws. */
    private static final class Budgeted implements CharSequence {
        private final String text;
        private final int[] steps;

        Budgeted(String text) {
            this(text, new int[] {MAX_STEPS});
        }

        private Budgeted(String text, int[] steps) {
            this.text = text;
            this.steps = steps;
        }

        @Override
        public char charAt(int index) {
            if (--steps[0] < 0) {
                throw new IllegalStateException("the pattern takes more than " + MAX_STEPS + " steps to match a "
                        + text.length() + "-character version (it backtracks); simplify it");
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Budgeted(text.substring(start, end), steps);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
