package dev.readiness.check;

import java.util.List;

/**
 * One node of the project's resolved dependency graph; the root is the project itself.
 *
 * @param scope    compile, runtime, provided, system or test; {@code null} for the root
 * @param children the dependencies this one pulls in, as Maven resolved them
 * @since 0.1.0
 */
public record DependencyNode(String groupId, String artifactId, String version, String scope,
                             List<DependencyNode> children) {

    public DependencyNode {
        children = List.copyOf(children);
    }

    /** {@code groupId:artifactId}, the package name OSV knows. */
    public String packageName() {
        return groupId + ":" + artifactId;
    }

    /** {@code artifactId:version}, as a dependency path shows it. */
    public String shortName() {
        return artifactId + ":" + version;
    }

    @Override
    public String toString() {
        return groupId + ":" + artifactId + ":" + version + (scope == null ? "" : ":" + scope);
    }
}
