package dev.readiness.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.readiness.check.Waiver;
import dev.readiness.text.Words;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What accounts for the items no check settles and for the failures a team accepts: the
 * attestations, the waivers, the baseline, and which items must be attested. Read from
 * {@code readiness-attestations.yaml}, {@code readiness-waivers.yaml} (or the same keys in
 * {@code readiness.yaml}) and {@code readiness-baseline.json}, and checked against the checklist
 * and the configured claims before anything runs.
 *
 * @param attestations      by item key
 * @param waivers           every waiver, the configured checks' own (dependencyScan's ignore) included
 * @param baseline          the baseline, or {@code null} when the project has none
 * @param requireAttestation the keys of the items that must be attested when no claim settles them
 */
public record Ledger(Map<String, Attestation> attestations, List<Waiver> waivers, Baseline baseline, Set<String> requireAttestation) {

    public static final String ATTESTATIONS_FILE = "readiness-attestations.yaml";
    public static final String WAIVERS_FILE = "readiness-waivers.yaml";

    /** The longest a waiver may run by default, in days from today. */
    public static final int DEFAULT_MAX_WAIVER_DAYS = 90;

    /** A waiver warns this many days before its last day. */
    static final int EXPIRY_WARNING_DAYS = 14;

    static final Ledger EMPTY = new Ledger(Map.of(), List.of(), null, Set.of());

    public Ledger {
        attestations = Map.copyOf(attestations);
        waivers = List.copyOf(waivers);
        requireAttestation = Set.copyOf(requireAttestation);
    }

    /** An attestation as written; {@code expires} or {@code validFor}, not both. */
    record AttestationEntry(String item, String by, LocalDate date, String evidence, LocalDate expires, Duration validFor, String note) {
    }

    /** A waiver as written: exactly one of {@code finding}, {@code claim} and {@code item}. */
    record WaiverEntry(String finding, String claim, String item, String reason, String owner, String link, LocalDate until) {
    }

    /**
     * Reads and checks everything: an entry naming no item or claim, a duplicate, a waiver without reason,
     * owner or last day, or running past {@code maxWaiverDays}, is a configuration error with its file and line.
     *
     * @param claims      the ids of the configured checks' claims
     * @param checkWaivers waivers the checks' configuration holds
     */
    static Ledger read(Path basedir, Checklist checklist, Set<String> claims, List<Waiver> checkWaivers,
                       List<String> requireAttestation, int maxWaiverDays, LocalDate today) throws ConfigurationException {
        Path yaml = basedir.resolve(ReadinessYaml.FILE);
        List<YamlEntries.Entry> attestationEntries = new ArrayList<>(YamlEntries.read(basedir.resolve(ATTESTATIONS_FILE),
                ATTESTATIONS_FILE, "attestations", true));
        attestationEntries.addAll(YamlEntries.read(yaml, ReadinessYaml.FILE, "attestations", false));
        List<YamlEntries.Entry> waiverEntries = new ArrayList<>(YamlEntries.read(basedir.resolve(WAIVERS_FILE),
                WAIVERS_FILE, "waivers", true));
        waiverEntries.addAll(YamlEntries.read(yaml, ReadinessYaml.FILE, "waivers", false));

        Map<String, Attestation> attestations = new LinkedHashMap<>();
        for (YamlEntries.Entry entry : attestationEntries) {
            Attestation attestation = attestation(entry, checklist, today, basedir);
            Attestation earlier = attestations.putIfAbsent(attestation.item(), attestation);
            if (earlier != null) {
                throw new ConfigurationException(earlier.origin() + " and " + attestation.origin() + " both attest the item '"
                        + attestation.item() + "': keep one (mvn readiness:attest replaces the earlier entry)");
            }
        }
        List<Waiver> waivers = new ArrayList<>();
        for (YamlEntries.Entry entry : waiverEntries) {
            waivers.add(waiver(entry, checklist, claims, maxWaiverDays, today));
        }
        waivers.addAll(checkWaivers);
        Map<String, Waiver> seen = new LinkedHashMap<>();
        for (Waiver waiver : waivers) {
            if (waiver.until().isAfter(today.plusDays(maxWaiverDays))) {
                throw new ConfigurationException(waiver.origin() + ": until " + waiver.until() + " is more than " + maxWaiverDays
                        + " days ahead (maxWaiverDays): waive until " + today.plusDays(maxWaiverDays) + " at the latest, and renew it then");
            }
            Waiver earlier = seen.putIfAbsent(waiver.scope() + " " + waiver.target().toLowerCase(Locale.ROOT), waiver);
            if (earlier != null) {
                throw new ConfigurationException(earlier.origin() + " and " + waiver.origin() + " both waive the " + waiver.shown()
                        + ": keep one");
            }
        }
        Baseline baseline = Baseline.read(basedir.resolve(Baseline.FILE));
        return new Ledger(attestations, waivers, baseline, required(requireAttestation, checklist));
    }

    private static Attestation attestation(YamlEntries.Entry entry, Checklist checklist, LocalDate today, Path basedir) throws ConfigurationException {
        String where = entry.origin();
        AttestationEntry a = ConfigBinder.bind(where, AttestationEntry.class, entry.node(), List.of());
        String item = itemKey(where, a.item(), checklist);
        require(where, "by", a.by(), "a name or an e-mail");
        require(where, "evidence", a.evidence(), "an https URL or a path in the repository");
        if (a.date() == null) {
            throw new ConfigurationException(where + ": date is missing: write the day it was given, such as 2026-11-30");
        }
        if ((a.expires() == null) == (a.validFor() == null)) {
            throw new ConfigurationException(where + ": give either expires (its last day, such as 2027-02-28) or validFor"
                    + " (such as 90d), " + (a.expires() == null ? "not neither" : "not both"));
        }
        LocalDate expires = a.expires();
        if (expires == null) {
            long days = a.validFor().toDays();
            if (days < 1 || !a.validFor().equals(Duration.ofDays(days))) {
                throw new ConfigurationException(where + ": validFor " + Words.duration(a.validFor()) + " is not a whole number of"
                        + " days: write days, such as 90d");
            }
            expires = a.date().plusDays(days - 1);
        }
        return Attestation.judged(item, a.by().trim(), a.date(), a.evidence().trim(), expires, a.note(), where, today, basedir);
    }

    private static Waiver waiver(YamlEntries.Entry entry, Checklist checklist, Set<String> claims, int maxWaiverDays, LocalDate today)
            throws ConfigurationException {
        String where = entry.origin();
        WaiverEntry w = ConfigBinder.bind(where, WaiverEntry.class, entry.node(), List.of());
        long named = java.util.stream.Stream.of(w.finding(), w.claim(), w.item()).filter(v -> v != null && !v.isBlank()).count();
        if (named != 1) {
            throw new ConfigurationException(where + ": name " + (named == 0 ? "what it waives" : "one thing only")
                    + ": finding (an advisory id, a test as Class#method, an Observatory test id), claim (such as"
                    + " securityHeaders.https) or item (a checklist item's key or text)");
        }
        require(where, "reason", w.reason(), "why the failure is accepted");
        require(where, "owner", w.owner(), "who answers for it: a name or an e-mail");
        if (w.until() == null) {
            throw new ConfigurationException(where + ": until is missing: every waiver ends, on a last day such as "
                    + today.plusDays(30));
        }
        Waiver.Scope scope;
        String target;
        if (w.finding() != null && !w.finding().isBlank()) {
            scope = Waiver.Scope.FINDING;
            target = w.finding().trim();
        } else if (w.claim() != null && !w.claim().isBlank()) {
            scope = Waiver.Scope.CLAIM;
            target = w.claim().trim();
            if (!claims.contains(target)) {
                throw new ConfigurationException(where + ": claim '" + Words.oneLine(target) + "' is not a claim of a configured check"
                        + ConfigBinder.suggestion(target, claims) + "; claims: " + String.join(", ", new java.util.TreeSet<>(claims)));
            }
        } else {
            scope = Waiver.Scope.ITEM;
            target = itemKey(where, w.item(), checklist);
        }
        return new Waiver(scope, target, w.reason().trim(), w.owner().trim(), w.link(), w.until(), where);
    }

    private static void require(String where, String key, String value, String what) throws ConfigurationException {
        if (value == null || value.isBlank()) {
            throw new ConfigurationException(where + ": " + key + " is missing: write " + what);
        }
    }

    /** The key of the item named by its key or its exact text; a name matching none is an error suggesting the nearest keys. */
    static String itemKey(String where, String name, Checklist checklist) throws ConfigurationException {
        if (name == null || name.isBlank()) {
            throw new ConfigurationException(where + ": item is missing: write the item's key (mvn readiness:list shows them) or its text");
        }
        String wanted = name.trim();
        for (Item item : checklist.items()) {
            if (item.key().equals(wanted) || item.text().equals(wanted)) {
                return item.key();
            }
        }
        List<String> keys = checklist.items().stream().map(Item::key).toList();
        String slug = ChecklistParser.slug(wanted);
        String close = ConfigBinder.suggestion(slug, keys);
        throw new ConfigurationException(where + ": '" + Words.cut(Words.oneLine(wanted), 120) + "' names no item of checklist "
                + checklist.source() + (close.isEmpty() ? sharingWords(slug, keys) : close) + "; mvn readiness:list prints every item's key");
    }

    /** " (did you mean 'a', 'b' or 'c'?)": the keys sharing most of the name's words, for a name too far from every key to be a typo. */
    private static String sharingWords(String slug, List<String> keys) {
        Set<String> words = Set.of(slug.split("-"));
        List<String> nearest = keys.stream()
                .filter(k -> shared(words, k) > 0)
                .sorted(java.util.Comparator.comparingLong((String k) -> -shared(words, k)).thenComparing(k -> k))
                .limit(3).toList();
        if (nearest.isEmpty()) {
            return "";
        }
        String last = nearest.get(nearest.size() - 1);
        String listed = nearest.size() == 1 ? "'" + last + "'" : nearest.subList(0, nearest.size() - 1).stream()
                .map(k -> "'" + k + "'").collect(Collectors.joining(", ")) + " or '" + last + "'";
        return " (did you mean " + listed + "?)";
    }

    private static long shared(Set<String> words, String key) {
        return java.util.Arrays.stream(key.split("-")).distinct().filter(words::contains).count();
    }

    /**
     * The keys of the items {@code requireAttestation} names: an item by its key, or every item under a
     * heading by its text, at any depth. A name matching no heading, or several, is an error.
     */
    private static Set<String> required(List<String> names, Checklist checklist) throws ConfigurationException {
        Set<String> keys = new LinkedHashSet<>();
        for (String name : names) {
            String wanted = name.trim();
            if (checklist.items().stream().anyMatch(i -> i.key().equals(wanted))) {
                keys.add(wanted);
                continue;
            }
            Set<List<String>> headings = new LinkedHashSet<>();
            for (Item item : checklist.items()) {
                for (int depth = 0; depth < item.headings().size(); depth++) {
                    if (item.headings().get(depth).equalsIgnoreCase(wanted)) {
                        headings.add(item.headings().subList(0, depth + 1));
                        keys.add(item.key());
                    }
                }
            }
            if (headings.isEmpty()) {
                Set<String> known = checklist.items().stream().flatMap(i -> i.headings().stream()).collect(Collectors.toCollection(LinkedHashSet::new));
                throw new ConfigurationException("requireAttestation: '" + Words.oneLine(wanted) + "' is neither a heading nor an item key"
                        + " of checklist " + checklist.source() + ConfigBinder.suggestion(wanted, known) + "; headings: " + String.join(", ", known));
            }
            if (headings.size() > 1) {
                throw new ConfigurationException("requireAttestation: '" + Words.oneLine(wanted) + "' is the heading of "
                        + headings.size() + " sections (" + headings.stream().map(h -> String.join(" > ", h))
                        .collect(Collectors.joining("; ")) + "): name an item key instead, or rename one heading");
            }
        }
        return keys;
    }
}
