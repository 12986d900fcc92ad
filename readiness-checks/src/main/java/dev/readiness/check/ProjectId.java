package dev.readiness.check;

/**
 * The coordinates of the project the gate runs on.
 *
 * @since 0.1.0
 */
public record ProjectId(String groupId, String artifactId, String version) {
    @Override
    public String toString() {
        return groupId + ":" + artifactId + ":" + version;
    }
}
