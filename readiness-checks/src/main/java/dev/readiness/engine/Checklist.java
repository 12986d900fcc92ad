package dev.readiness.engine;

import java.util.List;

/**
 * The team's checklist (or the built-in catalog that stands in for it).
 *
 * @param source where it came from: the file as the user named it, or "built-in catalog"
 * @param title  the first top-level heading, or "Production readiness"
 * @param items  every task item in document order
 */
public record Checklist(String source, String title, List<Item> items) {
    public Checklist {
        items = List.copyOf(items);
    }
}
