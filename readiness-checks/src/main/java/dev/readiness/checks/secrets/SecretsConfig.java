package dev.readiness.checks.secrets;

import dev.readiness.check.Param;
import java.math.BigDecimal;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Locale;
import java.util.regex.PatternSyntaxException;

/**
 * Configuration of the {@code secrets} check.
 *
 * @param allow        files not read (by path glob) and findings that are no secret (by fingerprint)
 * @param maxFileBytes the largest file read, in bytes; a larger one is ERROR; default 1 MiB
 * @param maxFiles     the most files read; more is ERROR; default 50,000
 * @param minEntropy   the generic rule's least Shannon entropy, in bits per character; default 3.5
 * @param minLength    the generic rule's shortest value; default 16
 */
public record SecretsConfig(
        @Param("what is not a secret: entries of path (a glob on the file's path relative to the project folder, such as"
                + " src/test/resources/** — the file is not read) or fingerprint (the first 8 to 64 hex digits of a finding's"
                + " fingerprint, as its message shows it — the value is allowed wherever it occurs), each with an optional reason;"
                + " default none")
        List<Allow> allow,
        @Param("the largest file read, in bytes; a larger file is ERROR, since it may hold a secret, unless allowed by path;"
                + " default 1048576 (1 MiB)")
        Long maxFileBytes,
        @Param("the most files read; a project with more is ERROR, since what was not read may hold a secret; default 50000")
        Integer maxFiles,
        @Param("the least Shannon entropy, in bits per character, of a value assigned to a secret-named key (password, token,"
                + " api_key, ...) for it to count as a secret; default 3.5")
        BigDecimal minEntropy,
        @Param("the fewest characters of a value assigned to a secret-named key for it to count as a secret; default 16")
        Integer minLength) {

    public static final long DEFAULT_MAX_FILE_BYTES = 1024L * 1024;
    public static final int DEFAULT_MAX_FILES = 50_000;
    public static final BigDecimal DEFAULT_MIN_ENTROPY = new BigDecimal("3.5");
    public static final int DEFAULT_MIN_LENGTH = 16;

    public SecretsConfig {
        allow = allow == null ? List.of() : List.copyOf(allow);
        maxFileBytes = maxFileBytes == null ? DEFAULT_MAX_FILE_BYTES : maxFileBytes;
        if (maxFileBytes < 1 || maxFileBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxFileBytes must be between 1 and " + (Integer.MAX_VALUE - 8) + ", but was " + maxFileBytes);
        }
        maxFiles = maxFiles == null ? DEFAULT_MAX_FILES : maxFiles;
        if (maxFiles < 1) {
            throw new IllegalArgumentException("maxFiles must be 1 or more, but was " + maxFiles);
        }
        minEntropy = minEntropy == null ? DEFAULT_MIN_ENTROPY : minEntropy;
        if (minEntropy.signum() < 0 || minEntropy.compareTo(BigDecimal.valueOf(8)) > 0) {
            throw new IllegalArgumentException("minEntropy is in bits per character, between 0 and 8, but was " + minEntropy.toPlainString());
        }
        minLength = minLength == null ? DEFAULT_MIN_LENGTH : minLength;
        if (minLength < 8) {
            throw new IllegalArgumentException("minLength must be 8 or more (shorter values are words, not secrets), but was " + minLength);
        }
    }

    /** The defaults: nothing allowed, files up to 1 MiB, at most 50,000 files, entropy 3.5 bits, values of 16 characters. */
    public static SecretsConfig defaults() {
        return new SecretsConfig(null, null, null, null, null);
    }

    /**
     * One entry of {@code allow}: a path glob or a fingerprint prefix, never both.
     *
     * @param path        a glob on paths relative to the project folder ({@code **} crosses folders), or {@code null}
     * @param fingerprint 8 to 64 hex digits a finding's fingerprint starts with, or {@code null}
     * @param reason      why it is no secret, shown with what it allows; or {@code null}
     */
    public record Allow(String path, String fingerprint, String reason) {

        public Allow {
            path = path == null || path.isBlank() ? null : path.trim();
            fingerprint = fingerprint == null || fingerprint.isBlank() ? null : fingerprint.trim().toLowerCase(Locale.ROOT);
            reason = reason == null || reason.isBlank() ? null : reason.trim();
            if ((path == null) == (fingerprint == null)) {
                throw new IllegalArgumentException("an allow entry names either a path (a glob such as src/test/resources/**) or a"
                        + " fingerprint (as a finding's message shows it), one of the two");
            }
            if (fingerprint != null && !fingerprint.matches("[0-9a-f]{8,64}")) {
                throw new IllegalArgumentException("allow fingerprint '" + fingerprint + "' is not 8 to 64 hex digits: copy it from"
                        + " the finding's message");
            }
            if (path != null) {
                matcher(path); // the fields are set only after this constructor's body
            }
        }

        /**
         * The glob as a matcher of paths relative to the project folder, or {@code null} for a fingerprint entry; a glob
         * that starts with {@code **}{@code /} matches at the top folder too.
         */
        PathMatcher pathMatcher() {
            if (path == null) {
                return null;
            }
            PathMatcher glob = matcher(path);
            PathMatcher top = path.startsWith("**/") ? matcher(path.substring(3)) : null;
            return file -> glob.matches(file) || top != null && top.matches(file);
        }

        /** Whether a finding of this full hex fingerprint is allowed. */
        boolean allowsFingerprint(String hex) {
            return fingerprint != null && hex.startsWith(fingerprint);
        }

        /** "path src/test/**" or "fingerprint 1f2e3d4c": what it allows, as people read it. */
        String shown() {
            return path != null ? "path " + path : "fingerprint " + fingerprint;
        }

        private static PathMatcher matcher(String glob) {
            try {
                return FileSystems.getDefault().getPathMatcher("glob:" + glob);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("allow path '" + glob + "' is not a glob: " + e.getDescription());
            }
        }
    }
}
