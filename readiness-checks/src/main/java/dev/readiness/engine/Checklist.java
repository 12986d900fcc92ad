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

    /** The source of the catalog that stands in when no checklist is configured. */
    static final String CATALOG = "built-in catalog";

    /** The section of the catalog's items. */
    static final String CATALOG_SECTION = "Readiness checks";

    public Checklist {
        items = List.copyOf(items);
    }

    /** Whether this is the built-in catalog, not a team's checklist. */
    boolean isCatalog() {
        return CATALOG.equals(source);
    }
}
