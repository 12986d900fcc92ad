package dev.readiness.checks.dependencies;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import dev.readiness.check.DependencyNode;
import dev.readiness.check.Param;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The configuration of {@link DependencyScanCheck}.
 *
 * @param failOn      the lowest severity that fails the check
 * @param osvUrl      the OSV API's base URL
 * @param osvDatabase a folder or zip of OSV records; when set, no network call is made
 * @param scopes      the dependency scopes scanned
 * @param ignore      advisories waived, each with a reason and a last day: finding waivers
 * @param cacheTtl    how long OSV answers are reused from the on-disk cache; at most {@link #MAX_CACHE_TTL}
 *                    (365 days): a longer one is a configuration error, not clamped
 * @param maxDatabaseAge the oldest the offline database may be, counted from the newest {@code modified}
 *                    time among its records to now; {@link Duration#ZERO} (written {@code 0}) turns the
 *                    check off, though the age is still reported
 */
public record DependencyScanConfig(
        @Param("the lowest advisory severity that fails the check: LOW, MODERATE (or MEDIUM), HIGH or CRITICAL; "
                + "advisories below it are listed, not failed; default HIGH")
        Severity failOn,
        @Param("base URL of the OSV API; default https://api.osv.dev")
        String osvUrl,
        @Param("a folder or .zip of OSV JSON records (the layout of OSV's Maven all.zip), relative to the project's base "
                + "folder; when set, the OSV API is not called at all; default none")
        String osvDatabase,
        @Param("the dependency scopes scanned: compile, runtime, provided, system, test; default all but test")
        List<String> scopes,
        @Param("advisories waived, each with id (the advisory id or one of its aliases), reason, until (the last day it "
                + "holds; from the next day the advisory counts again) and owner (optional): the same as a finding waiver in "
                + "readiness-waivers.yaml; default none")
        List<Ignore> ignore,
        @Param("how long answers of the OSV API are reused from the on-disk cache, e.g. 24h or 30m; at most 365d, longer is a "
                + "configuration error; default 24h")
        Duration cacheTtl,
        @Param("the oldest the osvDatabase may be, from the newest modified time among its records to now, e.g. 7d or 36h; "
                + "older is ERROR; 0 turns this off (the age is still reported); default 7d")
        @JsonDeserialize(using = AgeDeserializer.class)
        Duration maxDatabaseAge) {

    public static final String DEFAULT_OSV_URL = "https://api.osv.dev";
    public static final List<String> DEFAULT_SCOPES = List.of("compile", "runtime", "provided", "system");
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofHours(24);
    public static final Duration DEFAULT_MAX_DATABASE_AGE = Duration.ofDays(7);
    /** The longest cacheTtl: an OSV answer a year old says little about today's advisories, and no time overflows. */
    public static final Duration MAX_CACHE_TTL = Duration.ofDays(365);

    public DependencyScanConfig {
        failOn = failOn == null ? Severity.HIGH : failOn;
        osvUrl = osvUrl == null || osvUrl.isBlank() ? DEFAULT_OSV_URL : httpUrl(osvUrl.trim());
        osvDatabase = osvDatabase == null || osvDatabase.isBlank() ? null : osvDatabase.trim();
        scopes = scopes == null ? DEFAULT_SCOPES : DependencyNode.scopes(scopes);
        ignore = ignore == null ? List.of() : List.copyOf(ignore);
        cacheTtl = cacheTtl == null ? DEFAULT_CACHE_TTL : cacheTtl;
        if (cacheTtl.isNegative()) {
            throw new IllegalArgumentException("cacheTtl must not be negative, got " + cacheTtl);
        }
        if (cacheTtl.compareTo(MAX_CACHE_TTL) > 0) {
            throw new IllegalArgumentException("cacheTtl must be at most " + MAX_CACHE_TTL.toDays() + " days (an OSV answer older than that says "
                    + "little about today's advisories), got " + cacheTtl.toDays() + " days");
        }
        maxDatabaseAge = maxDatabaseAge == null ? DEFAULT_MAX_DATABASE_AGE : maxDatabaseAge;
        if (maxDatabaseAge.isNegative()) {
            throw new IllegalArgumentException("maxDatabaseAge must not be negative, got " + maxDatabaseAge + ": write 0 to turn the check off");
        }
    }

    /** The defaults: fail on HIGH, the public OSV API, scopes other than test, no ignores, a 24h cache, a database at most 7d old. */
    public static DependencyScanConfig defaults() {
        return new DependencyScanConfig(null, null, null, null, null, null, null);
    }

    /**
     * Reads a bare {@code 0} (as written in a POM, where every value is text) as zero, and any other
     * value as every other duration is read ({@code 7d}, {@code 36h}).
     */
    static final class AgeDeserializer extends StdScalarDeserializer<Duration> {
        AgeDeserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext context) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING && p.getText().trim().equals("0")) {
                return Duration.ZERO;
            }
            return (Duration) context.findRootValueDeserializer(context.constructType(Duration.class)).deserialize(p, context);
        }
    }

    private static String httpUrl(String text) {
        try {
            URI uri = new URI(text);
            if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null) {
                return text;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("osvUrl '" + text + "' is not an http(s) URL: write it as https://api.osv.dev");
    }

    /**
     * Advisory severities in increasing order, GitHub's labels (OSV's {@code database_specific.severity}).
     * CVSS scores map onto them with the CVSS v3 qualitative ratings.
     */
    public enum Severity {
        LOW, MODERATE, HIGH, CRITICAL;

        /** Reads {@code low}, {@code moderate} or {@code medium}, {@code high}, {@code critical}, in any case. */
        @JsonCreator
        public static Severity parse(String text) {
            String s = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
            if (s.equals("MEDIUM")) {
                return MODERATE;
            }
            for (Severity severity : values()) {
                if (severity.name().equals(s)) {
                    return severity;
                }
            }
            throw new IllegalArgumentException("'" + text + "' is not a severity: write LOW, MODERATE (or MEDIUM), HIGH or CRITICAL");
        }

        /** The CVSS v3 qualitative rating of a base score: below 4.0 LOW, below 7.0 MODERATE, below 9.0 HIGH, else CRITICAL. */
        static Severity ofCvss3(double score) {
            return score >= 9.0 ? CRITICAL : score >= 7.0 ? HIGH : score >= 4.0 ? MODERATE : LOW;
        }

        /** The CVSS v2 (NVD) rating of a base score: below 4.0 LOW, below 7.0 MODERATE, else HIGH. */
        static Severity ofCvss2(double score) {
            return score >= 7.0 ? HIGH : score >= 4.0 ? MODERATE : LOW;
        }
    }

    /**
     * An advisory waived until a date: a waiver of the finding that names it, held to the same rules
     * as the waivers of {@code readiness-waivers.yaml} (WAIVED while it holds, failing again after its
     * last day, reported when it matches nothing, at most {@code maxWaiverDays} ahead).
     *
     * @param id     the advisory id ({@code GHSA-jfh8-c2jp-5v3q}) or one of its aliases ({@code CVE-2021-44228})
     * @param reason why it does not apply; required
     * @param until  the last day it holds; required, so that every exception is looked at again
     * @param owner  who answers for it, or {@code null}
     */
    public record Ignore(String id, String reason, LocalDate until, String owner) {
        public Ignore {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("an ignore needs the id of the advisory (or one of its aliases)");
            }
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("the ignore of " + id.trim() + " needs a reason");
            }
            if (until == null) {
                throw new IllegalArgumentException("the ignore of " + id.trim() + " needs an until date (e.g. 2026-12-31), after which the advisory counts again");
            }
            id = id.trim();
            reason = reason.trim();
            owner = owner == null || owner.isBlank() ? null : owner.trim();
        }

        /** An ignore that names no owner. */
        public Ignore(String id, String reason, LocalDate until) {
            this(id, reason, until, null);
        }
    }
}
