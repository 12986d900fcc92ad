package dev.readiness.engine;

import java.util.List;

/**
 * One element of XML configuration (a POM's {@code <checks>} subtree), free of Maven types:
 * a name and either a text value or child elements.
 *
 * @param value    the trimmed text, or {@code null} when the element has children or is empty
 * @param children the child elements in document order
 */
public record ConfigElement(String name, String value, List<ConfigElement> children) {
    public ConfigElement {
        children = List.copyOf(children);
    }

    public static ConfigElement text(String name, String value) {
        return new ConfigElement(name, value, List.of());
    }

    /** The first child element with this name, or {@code null}. */
    public ConfigElement child(String name) {
        return children.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }
}
