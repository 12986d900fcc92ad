package dev.readiness.checks.deployed;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.readiness.text.Words;
import java.util.regex.Pattern;

/**
 * Which build one answer of the service names: its version and its commit id, read at the configured JSON pointers, or
 * why they cannot be read. A version is text or a number; a commit id is 4 to 40 hex digits, as text (Spring Boot's
 * simple git info, {@code git.commit.id}) or as an object with {@code full} or {@code abbrev} (its full git info).
 *
 * @param version the version as reported (one bounded line), or {@code null} when the answer has none
 * @param commit  the commit id in lower case, or {@code null} when the answer has none
 * @param failure why the answer cannot be read (a version that is a list), or {@code null}
 */
record BuildIdentity(String version, String commit, String failure) {

    private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{4,40}");

    static BuildIdentity failed(String failure) {
        return new BuildIdentity(null, null, failure);
    }

    /** Reads the version and the commit of one JSON answer. */
    static BuildIdentity of(JsonNode answer, String versionPointer, String commitPointer) {
        JsonNode version = answer.at(JsonPointer.compile(versionPointer));
        JsonNode commit = answer.at(JsonPointer.compile(commitPointer));
        if (commit.isObject()) {
            commit = commit.path("full").isTextual() ? commit.get("full") : commit.path("abbrev");
        }
        String versionText = null;
        if (version.isTextual() || version.isNumber()) {
            versionText = Words.oneLine(version.asText(), 100);
        } else if (!version.isMissingNode() && !version.isNull()) {
            return failed("the version at " + versionPointer + " is " + kind(version) + ", not a version: "
                    + Words.oneLine(version.toString(), 100));
        }
        String commitText = null;
        if (commit.isTextual()) {
            commitText = commit.asText().strip();
            if (!COMMIT.matcher(commitText).matches()) {
                return failed("the commit at " + commitPointer + " is '" + Words.oneLine(commitText, 60)
                        + "', not a commit id (4 to 40 hex digits)");
            }
            commitText = commitText.toLowerCase(java.util.Locale.ROOT);
        } else if (!commit.isMissingNode() && !commit.isNull()) {
            return failed("the commit at " + commitPointer + " is " + kind(commit) + ", not a commit id: "
                    + Words.oneLine(commit.toString(), 100));
        }
        if (versionText != null && versionText.isEmpty()) {
            versionText = null;
        }
        if (versionText == null && commitText == null) {
            return failed("the answer holds no version at " + versionPointer + " and no commit id at " + commitPointer);
        }
        return new BuildIdentity(versionText, commitText, null);
    }

    private static String kind(JsonNode node) {
        return node.isArray() ? "a list" : node.isObject() ? "an object" : node.isBoolean() ? "a boolean" : "not text";
    }

    /** "1.4.2 (commit df027cf)", "1.4.2", "commit df027cf". */
    String shown() {
        return version == null ? "commit " + commit : commit == null ? version : version + " (commit " + commit + ")";
    }
}
