package dev.readiness.checks.dependencies;

import static dev.readiness.fuzz.FuzzContract.check;
import static dev.readiness.fuzz.FuzzContract.isOneLine;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.readiness.checks.dependencies.DependencyScanConfig.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.versioning.ComparableVersion;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes one OSV record as the offline database reads it (a folder holding one {@code <ID>.json}), then
 * what the dependency scan does with it: match Maven versions against its ranges and rate its severity.
 * Seeds: the GitHub advisories beside the dependency scan's tests and their derived variants. A normal
 * build replays them and every kept finding in {@code OsvRecordFuzzTestInputs};
 * {@code ./mvnw -pl readiness-checks test -Dfuzz=OsvRecordFuzzTest} fuzzes.
 */
class OsvRecordFuzzTest {

    /** Versions matched besides those the record names. */
    private static final List<String> PROBES = List.of("0", "1.0", "2.14.1", "2.17.0", "1.0-SNAPSHOT", "");

    @TempDir
    Path db;

    /**
     * A record is read or left out as malformed with a one-line reason, the database failing as a whole
     * (one-line message) only because it then holds no record. A record read is matched by the OSV
     * schema's own rule for {@code ECOSYSTEM} ranges (a listed version is affected; for the others
     * {@code introduced} opens, {@code fixed} closes before itself, {@code last_affected} after itself),
     * with the fixed versions of the intervals holding the version, lowest first; its rating is a known
     * severity with a CVSS score between 0 and 10, a label, or unknown. Nothing throws.
     */
    @Disabled("finding: ComparableVersion orders 0.0.0.M1 < 0 < \":.0.98\" < 0.0.0.M1, so for a range introduced 0.0.0.M1,"
            + " fixed :.0.98 RangeMatcher (stopping at the first event above 0) says 0 is not affected and the OSV rule"
            + " (walking every sorted event) says it is; see FUZZING.md, F4")
    @FuzzTest(maxDuration = "10m")
    void readsAnyRecordAndMatchesVersionsByTheOsvRules(byte[] bytes) throws IOException {
        Files.write(db.resolve("GHSA-fuzz.json"), bytes);
        List<String> packages = packagesOf(bytes);
        OfflineDatabase database;
        try {
            database = OfflineDatabase.load(db, "osv", Set.copyOf(packages), OfflineDatabase.Limits.DEFAULT);
        } catch (OfflineDatabase.DatabaseException e) {
            check(e.getMessage().startsWith("osvDatabase osv") && isOneLine(e.getMessage()), () -> "message: " + e.getMessage());
            return;
        }
        check(database.records() == 1, () -> "one record read");

        OsvRecord record;
        try {
            record = OsvRecord.MAPPER.readValue(bytes, OsvRecord.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError("the database read a record Jackson refuses", e);
        }
        for (String name : packages) {
            check(database.advisories(name).contains(record), () -> "indexed under " + name);
            for (String version : versions(record, name)) {
                RangeMatcher.Match match = RangeMatcher.match(record, name, version);
                check(sortedAscending(match.fixed()), () -> "fixed versions lowest first: " + match.fixed());
                Boolean expected = affected(record, name, version);
                if (expected != null) {
                    check(match.affected() == expected, () -> name + " " + version + " affected: " + match.affected() + ", by the OSV rule: " + expected);
                }
                List<String> above = RangeMatcher.fixedAbove(record, name, version);
                check(sortedAscending(above) && above.stream().allMatch(f -> new ComparableVersion(f).compareTo(new ComparableVersion(version)) > 0),
                        () -> "fixed versions above " + version + ": " + above);
            }
        }
        SeverityReader.Rating rating = SeverityReader.rate(record);
        if (rating.score() != null) {
            check(rating.known() && rating.score() >= 0 && rating.score() <= 10, () -> "score " + rating.score());
            check(rating.severity() == Severity.ofCvss3(rating.score()) || rating.severity() == Severity.ofCvss2(rating.score()),
                    () -> rating.severity() + " for score " + rating.score());
        }
    }

    /**
     * Matching a version against any record the scan accepts (one that keeps to {@link OsvSchema}, as every
     * record from the API or a database must) takes at most a second: a record's versions must not stall the
     * scan. Kept finding: a 200,000-digit {@code fixed} version, which took about 5 s a match and is now
     * refused as malformed.
     */
    @FuzzTest(maxDuration = "10m")
    void matchesAnyRecordWithinASecond(byte[] bytes) throws IOException {
        OsvRecord record;
        try {
            JsonNode json = OsvRecord.MAPPER.readTree(bytes);
            if (json == null || OsvSchema.problem(json) != null) {
                return;
            }
            record = OsvRecord.MAPPER.treeToValue(json, OsvRecord.class);
        } catch (JsonProcessingException e) {
            return;
        }
        if (record == null) {
            return;
        }
        long start = System.nanoTime();
        for (String name : packagesOf(bytes)) {
            RangeMatcher.match(record, name, "1.0");
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        check(ms <= 1000, () -> "matching took " + ms + " ms");
    }

    /** The Maven packages the record's JSON names, as the database reads them; none when it is no JSON object. */
    private static List<String> packagesOf(byte[] bytes) {
        try {
            JsonNode json = OsvRecord.MAPPER.readTree(bytes);
            return json != null && json.isObject() ? OsvRecord.mavenPackages(json) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Every version the record names for the package, and a few others. */
    private static Set<String> versions(OsvRecord record, String name) {
        Set<String> versions = new LinkedHashSet<>(PROBES);
        for (OsvRecord.Affected entry : record.affected()) {
            if (entry.isMaven(name)) {
                versions.addAll(entry.versions());
                for (OsvRecord.Range range : entry.ranges()) {
                    for (OsvRecord.Event event : range.events()) {
                        for (String v : new String[] {event.introduced(), event.fixed(), event.lastAffected()}) {
                            if (v != null) {
                                versions.add(v);
                            }
                        }
                    }
                }
            }
        }
        return versions;
    }

    /**
     * The OSV schema's evaluation, written from its documentation: {@code null} when an {@code ECOSYSTEM}
     * range of the package holds an event that is not exactly one of introduced, fixed and last_affected
     * (the schema leaves those undefined).
     */
    private static Boolean affected(OsvRecord record, String name, String version) {
        ComparableVersion v = new ComparableVersion(version);
        boolean affected = false;
        for (OsvRecord.Affected entry : record.affected()) {
            if (!entry.isMaven(name)) {
                continue;
            }
            affected |= entry.versions().contains(version);
            for (OsvRecord.Range range : entry.ranges()) {
                if (!"ECOSYSTEM".equals(range.type())) {
                    continue;
                }
                List<OsvRecord.Event> events = new ArrayList<>(range.events());
                for (OsvRecord.Event e : events) {
                    int set = (e.introduced() != null ? 1 : 0) + (e.fixed() != null ? 1 : 0) + (e.lastAffected() != null ? 1 : 0)
                            + (e.limit() != null ? 1 : 0);
                    if (set != 1 || e.limit() != null) {
                        return null;
                    }
                }
                events.sort((a, b) -> "0".equals(a.introduced()) ? ("0".equals(b.introduced()) ? 0 : -1)
                        : "0".equals(b.introduced()) ? 1 : new ComparableVersion(text(a)).compareTo(new ComparableVersion(text(b))));
                boolean in = false;
                for (OsvRecord.Event e : events) {
                    if (e.introduced() != null) {
                        in |= "0".equals(e.introduced()) || v.compareTo(new ComparableVersion(e.introduced())) >= 0;
                    } else if (e.fixed() != null) {
                        in &= v.compareTo(new ComparableVersion(e.fixed())) < 0;
                    } else {
                        in &= v.compareTo(new ComparableVersion(e.lastAffected())) <= 0;
                    }
                }
                affected |= in;
            }
        }
        return affected;
    }

    private static String text(OsvRecord.Event e) {
        return e.introduced() != null ? e.introduced() : e.fixed() != null ? e.fixed() : e.lastAffected();
    }

    private static boolean sortedAscending(List<String> versions) {
        for (int i = 1; i < versions.size(); i++) {
            if (new ComparableVersion(versions.get(i - 1)).compareTo(new ComparableVersion(versions.get(i))) >= 0) {
                return false;
            }
        }
        return true;
    }

}
