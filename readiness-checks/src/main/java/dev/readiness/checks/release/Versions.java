package dev.readiness.checks.release;

import java.util.Locale;

/**
 * What a version string is, read within bounds before Maven's {@code ComparableVersion} sees it (it parses a
 * long string slowly, and a version of thousands of characters is not a version anyone releases).
 */
final class Versions {

    /** The longest version (or tag name) compared; longer ones are refused or ignored. */
    static final int MAX_LENGTH = 128;

    private Versions() {
    }

    /** Whether Maven treats it as a SNAPSHOT: {@code -SNAPSHOT} (any case) or a deployed snapshot's timestamp. */
    static boolean isSnapshot(String version) {
        if (version.toUpperCase(Locale.ROOT).endsWith("SNAPSHOT")) {
            return true;
        }
        // 1.0-20261201.101500-3: -yyyyMMdd.HHmmss-buildNumber
        int dash = version.lastIndexOf('-');
        if (dash < 0 || dash == version.length() - 1 || !digits(version, dash + 1, version.length())) {
            return false;
        }
        int stamp = version.lastIndexOf('-', dash - 1);
        return stamp >= 0 && dash - stamp - 1 == 15 && version.charAt(stamp + 9) == '.'
                && digits(version, stamp + 1, stamp + 9) && digits(version, stamp + 10, dash);
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return from < to;
    }

    /**
     * The version a release tag names, or {@code null}: {@code 1.2.3}, {@code v1.2.3}, and the maven-release-plugin's
     * {@code <artifactId>-1.2.3} (also {@code <artifactId>-v1.2.3}). Tags of other artifacts, SNAPSHOT tags and names
     * longer than {@link #MAX_LENGTH} give none.
     */
    static String ofTag(String tag, String artifactId) {
        if (tag.length() > MAX_LENGTH) {
            return null;
        }
        String rest = tag;
        if (artifactId != null && rest.startsWith(artifactId + "-")) {
            rest = rest.substring(artifactId.length() + 1);
        }
        if (rest.startsWith("v") || rest.startsWith("V")) {
            rest = rest.substring(1);
        }
        if (rest.isEmpty() || rest.charAt(0) < '0' || rest.charAt(0) > '9' || isSnapshot(rest)) {
            return null;
        }
        return rest;
    }
}
