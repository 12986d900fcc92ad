package dev.readiness.check;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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

    private static final Set<String> SCOPES = Set.of("compile", "runtime", "provided", "system", "test");

    /**
     * Dependency scopes as a check's {@code scopes} parameter lists them: trimmed, lower case, each once.
     *
     * @throws IllegalArgumentException when the list is empty or names something that is not a scope
     * @since 0.5.0
     */
    public static List<String> scopes(List<String> given) {
        if (given.isEmpty()) {
            throw new IllegalArgumentException("scopes is empty, so no dependency would be read; known scopes: compile, provided, runtime, system, test");
        }
        return given.stream().map(s -> {
            String scope = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
            if (!SCOPES.contains(scope)) {
                throw new IllegalArgumentException("scopes lists '" + s + "', which is not a dependency scope; known scopes: compile, provided, runtime, system, test");
            }
            return scope;
        }).distinct().toList();
    }

    /** {@code groupId:artifactId}, the package name OSV knows. */
    public String packageName() {
        return groupId + ":" + artifactId;
    }

    /** {@code artifactId:version}, as a dependency path shows it. */
    public String shortName() {
        return artifactId + ":" + version;
    }

    /**
     * Each distinct group:artifact:version below this node whose scope is one of {@code scopes} (no scope reads as
     * compile), once, breadth first, so each keeps its shortest path from this node
     * ({@code log4j-slf4j-impl:2.14.1 → log4j-core:2.14.1}).
     *
     * @since 0.5.0
     */
    public List<Reached> reachable(Collection<String> scopes) {
        Map<String, Reached> found = new LinkedHashMap<>();
        Set<DependencyNode> expanded = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Reached> queue = new ArrayDeque<>();
        expanded.add(this);
        children.forEach(child -> queue.add(new Reached(child, child.shortName())));
        while (!queue.isEmpty()) {
            Reached next = queue.poll();
            DependencyNode node = next.node();
            String scope = node.scope() == null || node.scope().isBlank() ? "compile" : node.scope();
            if (scopes.contains(scope)) {
                found.putIfAbsent(node.packageName() + ":" + node.version(), next);
            }
            if (expanded.add(node)) {
                node.children().forEach(child -> queue.add(new Reached(child, next.path() + " → " + child.shortName())));
            }
        }
        return List.copyOf(found.values());
    }

    /**
     * A dependency with the path that pulls it in.
     *
     * @param path the short names from the first dependency down to this one, joined by {@code →}
     * @since 0.5.0
     */
    public record Reached(DependencyNode node, String path) {
    }

    @Override
    public String toString() {
        return groupId + ":" + artifactId + ":" + version + (scope == null ? "" : ":" + scope);
    }
}
