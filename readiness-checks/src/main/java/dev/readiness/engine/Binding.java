package dev.readiness.engine;

import dev.readiness.check.Check;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides which checks verify which item: (a) an item's {@code <!-- readiness: id -->} markers,
 * else (b) a check's configured {@code items}, and (c) the phrases a check declares (containment
 * after normalising case, punctuation and spacing). A configured check that binds no item gets an
 * item of its own under "Not on the checklist", so no result is dropped from the verdict.
 */
final class Binding {

    static final String EXTRA_SECTION = "Not on the checklist";

    private final Checklist checklist;
    private final List<ConfiguredCheck> configured;
    private final Map<String, Check<?>> available;
    private final Map<String, List<String>> bindings = new LinkedHashMap<>();
    private final Map<String, List<String>> couldBeVerifiedBy = new LinkedHashMap<>();
    private final List<Item> items = new ArrayList<>();

    Binding(Checklist checklist, List<ConfiguredCheck> configured, Map<String, Check<?>> available) {
        this.checklist = checklist;
        this.configured = configured;
        this.available = available;
    }

    Binding bind() throws ConfigurationException {
        Set<String> configuredIds = new LinkedHashSet<>();
        configured.forEach(c -> configuredIds.add(c.id()));
        Set<String> used = new HashSet<>();
        for (Item item : checklist.items()) {
            for (String marker : item.markers()) {
                if (!available.containsKey(marker)) {
                    throw new ConfigurationException("checklist " + checklist.source() + " line " + item.line()
                            + " names unknown check '" + marker + "'" + ConfigBinder.suggestion(marker, available.keySet())
                            + "; available checks: " + String.join(", ", available.keySet()));
                }
            }
            Set<String> candidates = new LinkedHashSet<>(item.markers());
            if (candidates.isEmpty()) {
                for (ConfiguredCheck c : configured) {
                    if (c.items().stream().anyMatch(ref -> ref.equals(item.key()) || normalise(ref).equals(normalise(item.text())))) {
                        candidates.add(c.id());
                    }
                }
                for (Check<?> check : available.values()) {
                    if (matchesPhrase(item.text(), check.phrases())) {
                        candidates.add(check.id());
                    }
                }
            }
            List<String> bound = new ArrayList<>();
            List<String> could = new ArrayList<>();
            for (String id : candidates) {
                (configuredIds.contains(id) ? bound : could).add(id);
            }
            items.add(item);
            bindings.put(item.key(), bound);
            couldBeVerifiedBy.put(item.key(), bound.isEmpty() ? could : List.of());
            used.addAll(bound);
        }
        for (ConfiguredCheck c : configured) {
            for (String ref : c.items()) {
                boolean found = checklist.items().stream()
                        .anyMatch(item -> ref.equals(item.key()) || normalise(ref).equals(normalise(item.text())));
                if (!found) {
                    throw new ConfigurationException(c.id() + ".items: '" + ref + "' is no item of checklist " + checklist.source()
                            + "; name an item by its key (a slug of its text, as readiness.json lists) or by its text");
                }
            }
        }
        Set<String> keys = new HashSet<>(bindings.keySet());
        for (ConfiguredCheck c : configured) {
            if (!used.contains(c.id())) {
                String text = c.check().phrases().isEmpty() ? c.check().description() : c.check().phrases().get(0);
                String key = ChecklistParser.slug(text);
                for (int n = 2; keys.contains(key); n++) {
                    key = ChecklistParser.slug(text) + "-" + n;
                }
                keys.add(key);
                items.add(new Item(key, EXTRA_SECTION, text, false, List.of(c.id()), 0));
                bindings.put(key, List.of(c.id()));
                couldBeVerifiedBy.put(key, List.of());
            }
        }
        return this;
    }

    Checklist checklist() {
        return new Checklist(checklist.source(), checklist.title(), items);
    }

    Map<String, List<String>> bindings() {
        return bindings;
    }

    Map<String, List<String>> couldBeVerifiedBy() {
        return couldBeVerifiedBy;
    }

    static boolean matchesPhrase(String text, List<String> phrases) {
        String haystack = " " + normalise(text) + " ";
        return phrases.stream().map(Binding::normalise).filter(p -> !p.isEmpty())
                .anyMatch(p -> haystack.contains(" " + p + " "));
    }

    /** Lower case, accents and punctuation removed, single spaces. */
    static String normalise(String text) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        return ascii.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
    }
}
