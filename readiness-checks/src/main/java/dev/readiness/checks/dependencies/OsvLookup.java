package dev.readiness.checks.dependencies;

import com.fasterxml.jackson.databind.JsonNode;
import dev.readiness.check.CheckContext;
import dev.readiness.check.HttpSettings;
import dev.readiness.checks.dependencies.DependencyScanCheck.Dependency;
import dev.readiness.checks.dependencies.OsvClient.OsvException;
import dev.readiness.checks.dependencies.OsvClient.VulnRef;
import dev.readiness.checks.http.HttpClients;
import dev.readiness.text.Words;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Finds, for each dependency, the OSV records that affect it: in the offline database when
 * {@code osvDatabase} is set (matched here with {@link RangeMatcher}), else through the OSV API
 * ({@link OsvClient}) with the on-disk cache ({@link OsvCache}). What was observed, apart from how
 * {@link DependencyScanCheck} judges it. Throws {@link ScanException} when no trustworthy answer can be
 * had: the check then reports ERROR.
 */
final class OsvLookup {

    private final OsvClient.Policy policy;
    private final OfflineDatabase.Limits limits;
    private final DependencyScanConfig config;
    private final CheckContext context;

    OsvLookup(OsvClient.Policy policy, OfflineDatabase.Limits limits, DependencyScanConfig config, CheckContext context) {
        this.policy = policy;
        this.limits = limits;
        this.config = config;
        this.context = context;
    }

    /** The records affecting each dependency, from the configured source. */
    Lookup find(List<Dependency> dependencies) throws ScanException {
        return config.osvDatabase() != null ? fromDatabase(dependencies) : fromOsv(dependencies);
    }

    /**
     * What the sources said: for each dependency the records reported to affect it.
     *
     * @param matchedHere whether the records were matched here (offline database) rather than by the API
     * @param evidence    what the source measured: the database's records and age ({@code databaseRecords},
     *                    {@code databaseModified}, {@code databaseAgeDays}), or the HTTP {@code requests} sent
     */
    record Lookup(String source, Map<Dependency, List<OsvRecord>> records, boolean matchedHere, Map<String, Object> evidence) {
    }

    /** How far a record's {@code modified} time may lie ahead of this machine's clock before the database's age cannot be told. */
    private static final Duration CLOCK_SKEW = Duration.ofDays(1);

    private Lookup fromDatabase(List<Dependency> dependencies) throws ScanException {
        Path path = context.basedir().resolve(config.osvDatabase());
        OfflineDatabase db;
        try {
            db = OfflineDatabase.load(path, config.osvDatabase(), dependencies.stream().map(Dependency::packageName)
                    .collect(Collectors.toSet()), limits);
        } catch (OfflineDatabase.DatabaseException e) {
            throw new ScanException(e.getMessage(), "offline-database", e.remedy != null ? e.remedy
                    : "Point osvDatabase at a folder or zip of OSV records, such as OSV's Maven database " + DependencyScanCheck.MAVEN_DATABASE + ".");
        }
        OsvRecord newest = db.newest();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("databaseRecords", db.records());
        evidence.put("databaseModified", newest.modified());
        evidence.put("databaseAgeDays", Math.max(0, Duration.between(newest.modifiedAt(), context.clock().instant()).toDays()));
        checkAge(newest, evidence);
        Map<Dependency, List<OsvRecord>> records = new LinkedHashMap<>();
        for (Dependency dependency : dependencies) {
            stopIfInterrupted("matching the dependencies against osvDatabase " + config.osvDatabase());
            records.put(dependency, db.advisories(dependency.packageName()).stream()
                    .filter(r -> RangeMatcher.match(r, dependency.packageName(), dependency.version()).affected()).toList());
        }
        return new Lookup("offline-database", records, true, evidence);
    }

    /**
     * The database's age is now minus the newest {@code modified} time among its records: older than
     * {@code maxDatabaseAge} is ERROR, since advisories published since are missing from it. A record
     * modified more than a day after now would make any database look fresh, so it is ERROR too.
     */
    private void checkAge(OsvRecord newest, Map<String, Object> evidence) throws ScanException {
        Duration max = config.maxDatabaseAge();
        if (max.isZero()) {
            return;
        }
        Instant now = context.clock().instant();
        String remedy = "Download OSV's Maven database again (" + DependencyScanCheck.MAVEN_DATABASE + ") and put it in place of osvDatabase "
                + config.osvDatabase() + "; maxDatabaseAge (now " + Words.duration(max) + ") sets how old it may be, and 0 turns this check off.";
        if (newest.modifiedAt().isAfter(now.plus(CLOCK_SKEW))) {
            throw new ScanException("osvDatabase " + config.osvDatabase() + " holds " + newest.id() + ", modified " + newest.modified()
                    + ", later than now (" + now + "): the database's age cannot be told; check this machine's clock", "offline-database",
                    remedy, evidence);
        }
        Duration age = Duration.between(newest.modifiedAt(), now);
        if (age.compareTo(max) > 0) {
            throw new ScanException("osvDatabase " + config.osvDatabase() + " is " + Words.plural(age.toDays(), "day") + " old (its newest record, "
                    + newest.id() + ", was modified " + newest.modified() + "), older than maxDatabaseAge " + Words.duration(max)
                    + ": advisories published since are missing from it", "offline-database", remedy, evidence);
        }
    }

    private Lookup fromOsv(List<Dependency> dependencies) throws ScanException {
        try {
            return askOsv(dependencies);
        } catch (OsvException e) {
            throw new ScanException(e, config.osvUrl());
        }
    }

    private Lookup askOsv(List<Dependency> dependencies) throws ScanException, OsvException {
        OsvCache cache = new OsvCache(OsvCache.folderFor(context.cacheDirectory(), config.osvUrl()), config.cacheTtl(),
                context.clock(), context.log());
        Online online = new Online();
        Map<Dependency, List<VulnRef>> listed = new LinkedHashMap<>();
        List<Dependency> unlisted = new ArrayList<>();
        for (Dependency dependency : dependencies) {
            stopIfInterrupted("reading the OSV cache");
            List<VulnRef> cached = context.useCache() ? cache.query(dependency.packageName(), dependency.version()) : null;
            if (cached != null) {
                listed.put(dependency, cached);
            } else {
                unlisted.add(dependency);
            }
        }
        boolean fromCache = !listed.isEmpty();
        if (!unlisted.isEmpty() && !context.offline()) {
            List<List<VulnRef>> answers = online.client().queryBatch(unlisted.stream()
                    .map(d -> new OsvClient.Query(d.packageName(), d.version())).toList());
            for (int i = 0; i < unlisted.size(); i++) {
                Dependency dependency = unlisted.get(i);
                listed.put(dependency, answers.get(i));
                cache.putQuery(dependency.packageName(), dependency.version(), answers.get(i));
            }
            unlisted.clear();
        }
        Map<String, String> modified = new LinkedHashMap<>();
        listed.values().forEach(refs -> refs.forEach(ref -> modified.merge(ref.id(), ref.modified() == null ? "" : ref.modified(),
                (a, b) -> a.isEmpty() ? b : a)));
        Map<String, OsvRecord> records = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> id : modified.entrySet()) {
            stopIfInterrupted("reading the OSV cache");
            JsonNode cached = context.useCache() ? cache.vuln(id.getKey(), id.getValue().isEmpty() ? null : id.getValue()) : null;
            OsvRecord record = cached == null ? null : parseOrNull(cached);
            if (record != null) {
                records.put(id.getKey(), record);
                fromCache = true;
            } else {
                missing.add(id.getKey());
            }
        }
        if (context.offline()) {
            List<String> notInCache = new ArrayList<>(unlisted.stream().map(Dependency::coordinates).toList());
            listed.forEach((dependency, refs) -> {
                if (refs.stream().anyMatch(ref -> !records.containsKey(ref.id()))) {
                    notInCache.add(dependency.coordinates());
                }
            });
            if (!notInCache.isEmpty()) {
                throw ScanException.offline(config, context, dependencies.size(), notInCache);
            }
        } else if (!missing.isEmpty()) {
            for (Map.Entry<String, JsonNode> fetched : online.client().vulns(missing).entrySet()) {
                records.put(fetched.getKey(), parse(fetched.getKey(), fetched.getValue()));
                cache.putVuln(fetched.getKey(), fetched.getValue());
            }
        }
        Map<Dependency, List<OsvRecord>> affecting = new LinkedHashMap<>();
        for (Dependency dependency : dependencies) {
            affecting.put(dependency, listed.get(dependency).stream().map(ref -> records.get(ref.id())).distinct().toList());
        }
        String source = online.used() ? (fromCache ? "osv-api+cache" : "osv-api") : "cache";
        return new Lookup(source, affecting, false, online.used() ? Map.of("requests", online.requests()) : Map.of());
    }

    /** The API client, made on first use, so that a run answered from the cache opens no connection. */
    private final class Online {
        private OsvClient client;

        OsvClient client() throws ScanException {
            if (client == null) {
                HttpSettings http = context.http();
                try {
                    // The configured headers are meant for the user's own target: never send them to OSV.
                    client = new OsvClient(HttpClients.forSettings(new HttpSettings(null, http.timeout(), http.trustCertificates(), Map.of(), http.proxy())),
                            config.osvUrl(), policy);
                } catch (IOException e) {
                    throw new ScanException(e.getMessage() + ": the scan could not run", "osv-api",
                            "Fix the trustCertificates setting under <http>.");
                }
            }
            return client;
        }

        boolean used() {
            return client != null;
        }

        int requests() {
            return client == null ? 0 : client.requests();
        }
    }

    /** The engine cancels a check that overruns its time limit by interrupting it: stop then. */
    private void stopIfInterrupted(String doing) throws ScanException {
        if (Thread.currentThread().isInterrupted()) {
            throw new ScanException("interrupted while " + doing, config.osvDatabase() != null ? "offline-database" : "osv-api",
                    "Raise <checkTimeout> if the scan needs longer.");
        }
    }

    /** The record of a cache entry, or {@code null} when it is not a valid record: then it is asked for again. */
    private static OsvRecord parseOrNull(JsonNode node) {
        try {
            return OsvRecord.of(node);
        } catch (OsvRecord.Invalid e) {
            return null;
        }
    }

    /** The record the API answered, held to the OSV schema before it is used or cached. */
    private OsvRecord parse(String id, JsonNode node) throws OsvException {
        try {
            return OsvRecord.of(node);
        } catch (OsvRecord.Invalid e) {
            throw new OsvException("OSV API at " + config.osvUrl() + " answered GET /v1/vulns/" + id + " with a record that is not valid OSV ("
                    + e.getMessage() + ")", true);
        }
    }

    /** The scan could not run; the check reports ERROR with this message and remedy. */
    static final class ScanException extends Exception {
        final String source;
        final String remedy;
        /** What was measured before the scan stopped, for the result's evidence. */
        final Map<String, Object> evidence;

        ScanException(String message, String source, String remedy) {
            this(message, source, remedy, Map.of());
        }

        private ScanException(String message, String source, String remedy, Map<String, Object> evidence) {
            super(message);
            this.source = source;
            this.remedy = remedy;
            this.evidence = evidence;
        }

        ScanException(OsvException e, String osvUrl) {
            this(e.getMessage() + ": the scan could not run", "osv-api", e.answered
                    ? "Check that osvUrl (" + osvUrl + ") is an OSV API v1, such as " + DependencyScanConfig.DEFAULT_OSV_URL + "; if it is, retry "
                    + "later, and report a lasting fault to OSV (https://github.com/google/osv.dev/issues)."
                    : "Check that " + osvUrl + " is reachable from this machine (a proxy is configured in "
                    + "~/.m2/settings.xml) and retry; to scan without network, set osvDatabase to a downloaded copy of OSV's "
                    + "Maven database (" + DependencyScanCheck.MAVEN_DATABASE + ").");
        }

        static ScanException offline(DependencyScanConfig config, CheckContext context, int scanned, List<String> notInCache) {
            String why = context.useCache() ? "" : " (the cache is turned off by -Dreadiness.cache=false)";
            return new ScanException("offline and " + Words.plural(notInCache.size(), "dependency is", "dependencies are")
                    + " not in the cache" + why + " (of " + scanned + " scanned; answers older than " + Words.duration(config.cacheTtl())
                    + " count as missing): the scan could not run",
                    "cache", "Run the build once online (without -o) to fill the cache, or set osvDatabase to a downloaded copy of OSV's "
                    + "Maven database (" + DependencyScanCheck.MAVEN_DATABASE + ").", Map.of("notInCache", notInCache));
        }
    }
}
