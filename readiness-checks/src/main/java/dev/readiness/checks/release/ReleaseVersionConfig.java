package dev.readiness.checks.release;

import dev.readiness.check.Param;

/**
 * Configuration of the {@code releaseVersion} check.
 *
 * @param pattern        the versioning scheme a release version must follow: semver, calver or a regular expression; default none
 * @param requireRelease whether a SNAPSHOT version fails rather than being SKIPPED; default false
 */
public record ReleaseVersionConfig(
        @Param("the scheme a release version must follow: semver (MAJOR.MINOR.PATCH[-pre][+build], semver.org), calver"
                + " (YYYY.MM[.DD][.N] or YY.MM[.N]), or a regular expression the whole version must match (at most "
                + VersionScheme.MAX_REGEX + " characters); default none: any release version Maven orders")
        String pattern,
        @Param("fail a SNAPSHOT project version instead of skipping the check, for builds that must be releases; default false")
        Boolean requireRelease) {

    public ReleaseVersionConfig {
        if (pattern != null && pattern.isBlank()) {
            pattern = null;
        }
        if (pattern != null) {
            VersionScheme.of(pattern); // an invalid expression is a configuration error, up front
        }
        requireRelease = requireRelease != null && requireRelease;
    }

    /** The scheme, or {@code null} when any release version is accepted. */
    VersionScheme scheme() {
        return pattern == null ? null : VersionScheme.of(pattern);
    }

    public static ReleaseVersionConfig defaults() {
        return new ReleaseVersionConfig(null, null);
    }
}
