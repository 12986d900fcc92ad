package dev.readiness.engine;

import dev.readiness.check.Check;
import dev.readiness.check.Claim;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides which claims decide which item, the same way for {@code verify} and {@code list}: an
 * item's {@code <!-- readiness: claim -->} markers (a check's id names its main claim), else the
 * claims whose configured {@code items} name it and the claims whose phrases it contains (after
 * normalising case, punctuation and spacing).
 */
public final class Binding {

    static final String EXTRA_SECTION = "Not on the checklist";

    private final Map<String, Claim> available = new LinkedHashMap<>();

    /** A binding over the claims of these checks. */
    public Binding(Collection<Check<?>> checks) throws ConfigurationException {
        for (Check<?> check : checks) {
            for (Claim claim : Engine.declaredClaims(check)) {
                available.put(claim.id(), claim);
            }
        }
    }

    /**
     * The claims that decide the item: its markers when it has any, else the claims whose
     * configured items name it and those whose phrases its text contains, in that order.
     *
     * @param configured the configured claims, for their {@code items}; empty for none
     * @throws ConfigurationException when a marker names no available claim
     */
    public List<Claim> claimsOf(Item item, String checklistSource, Collection<ConfiguredClaim> configured)
            throws ConfigurationException {
        Set<Claim> claims = new LinkedHashSet<>();
        for (String marker : item.markers()) {
            Claim claim = available.get(marker);
            if (claim == null) {
                throw new ConfigurationException("checklist " + checklistSource + " line " + item.line()
                        + " names unknown claim '" + marker + "'" + ConfigBinder.suggestion(marker, available.keySet())
                        + "; available claims: " + String.join(", ", available.keySet()));
            }
            claims.add(claim);
        }
        if (!claims.isEmpty()) {
            return List.copyOf(claims);
        }
        for (ConfiguredClaim c : configured) {
            if (c.items().stream().anyMatch(ref -> names(ref, item))) {
                claims.add(c.claim());
            }
        }
        for (Claim claim : available.values()) {
            if (matchesPhrase(item.text(), claim.phrases())) {
                claims.add(claim);
            }
        }
        return List.copyOf(claims);
    }

    /** Every available claim, by id. */
    public Map<String, Claim> available() {
        return java.util.Collections.unmodifiableMap(available);
    }

    /**
     * Binds every item of the checklist to the configured claims that decide it; the claims that
     * decide it but whose checks are not configured are kept for {@code couldBeVerifiedBy}.
     *
     * @throws ConfigurationException when a marker names no claim, or a configured item names no item
     */
    Plan.Bindings bind(Checklist checklist, List<ConfiguredCheck> configuredChecks) throws ConfigurationException {
        List<ConfiguredClaim> configured = configuredChecks.stream().flatMap(c -> c.claims().stream()).toList();
        Set<String> configuredIds = new LinkedHashSet<>();
        configured.forEach(c -> configuredIds.add(c.id()));
        for (ConfiguredCheck check : configuredChecks) {
            for (ConfiguredClaim claim : check.claims()) {
                for (String ref : claim.items()) {
                    if (checklist.items().stream().noneMatch(item -> names(ref, item))) {
                        throw new ConfigurationException(check.id() + (claim.claim().isMain() ? "" : ".claims." + claim.claim().name())
                                + ".items: '" + ref + "' is no item of checklist " + checklist.source()
                                + "; name an item by its key (a slug of its text, as readiness.json lists) or by its text");
                    }
                }
            }
        }
        Map<String, List<String>> bound = new LinkedHashMap<>();
        Map<String, List<Claim>> could = new LinkedHashMap<>();
        for (Item item : checklist.items()) {
            List<String> ids = new ArrayList<>();
            List<Claim> others = new ArrayList<>();
            for (Claim claim : claimsOf(item, checklist.source(), configured)) {
                if (configuredIds.contains(claim.id())) {
                    ids.add(claim.id());
                } else {
                    others.add(claim);
                }
            }
            bound.put(item.key(), ids);
            could.put(item.key(), ids.isEmpty() ? others : List.of());
        }
        return new Plan.Bindings(bound, could);
    }

    /** An item of its own, in {@code section}, for a claim that decides no item of the checklist. */
    static Item extraItem(Claim claim, Set<String> takenKeys, String section) {
        String text = claim.phrases().isEmpty() ? claim.description() : claim.phrases().get(0);
        String key = ChecklistParser.slug(text);
        for (int n = 2; takenKeys.contains(key); n++) {
            key = ChecklistParser.slug(text) + "-" + n;
        }
        takenKeys.add(key);
        return new Item(key, section, text, false, List.of(claim.id()), 0);
    }

    private static boolean names(String ref, Item item) {
        return ref.equals(item.key()) || normalise(ref).equals(normalise(item.text()));
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
