package dev.readiness.checks.dependencies;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.readiness.text.Words;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The facts of one OSV advisory this check uses (the OSV schema, as served by {@code /v1/vulns/{id}}
 * and stored in OSV's {@code all.zip}); other fields are ignored. Made with {@link #of}, which first
 * holds the JSON to the schema's structure ({@link OsvSchema}). The summary is its first line, cut to
 * {@value #SUMMARY_CHARACTERS} characters.
 */
record OsvRecord(String id, List<String> aliases, String summary, String modified, String withdrawn,
                 List<SeverityVector> severity, List<Affected> affected,
                 @JsonProperty("database_specific") JsonNode databaseSpecific) {

    /**
     * Bound to OSV's snake_case fields; unknown fields ignored; a record without an id rejected; a key
     * given twice in one object, or anything after the JSON value, is an error rather than a silent choice.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** OSV's name for the ecosystem of Maven packages (case-sensitive). */
    static final String MAVEN = "Maven";

    /** The longest summary kept: it is outside text, printed in findings. */
    static final int SUMMARY_CHARACTERS = 300;

    /** What an OSV id looks like (GHSA-jfh8-c2jp-5v3q, CVE-2021-44228, OSV-2020-111); anything else is not used in a path. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

    OsvRecord {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException(id == null ? "the record has no id" : "'" + id + "' is not an OSV id");
        }
        aliases = aliases == null ? List.of() : aliases.stream().filter(Objects::nonNull).toList();
        summary = summary == null ? "" : Words.cut(summary.strip().lines().findFirst().orElse(""), SUMMARY_CHARACTERS);
        severity = severity == null ? List.of() : severity.stream().filter(Objects::nonNull).toList();
        affected = affected == null ? List.of() : affected.stream().filter(Objects::nonNull).toList();
    }

    /**
     * The record this JSON holds.
     *
     * @throws Invalid naming the first part that breaks the OSV schema ("aliases is an object, not an array")
     */
    static OsvRecord of(JsonNode json) throws Invalid {
        String problem = OsvSchema.problem(json);
        if (problem != null) {
            throw new Invalid(problem);
        }
        try {
            return MAPPER.treeToValue(json, OsvRecord.class);
        } catch (JsonProcessingException e) {
            // OsvSchema lets through only what binds; kept so that a gap between the two is an ERROR, never a crash
            throw new Invalid(String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse(""));
        }
    }

    /** When the record was last modified ({@code modified}, which {@link #of} requires). */
    Instant modifiedAt() {
        return OsvSchema.time(modified);
    }

    /** Whether {@code text} may be used as an OSV id (in a URL path or a file name). */
    static boolean isId(String text) {
        return text != null && ID.matcher(text).matches();
    }

    /**
     * Whether the record is withdrawn at {@code now}: OSV's {@code withdrawn} is the time from which the
     * entry should be considered withdrawn, so one dated later still counts until then.
     */
    boolean isWithdrawnAt(Instant now) {
        return withdrawn != null && !withdrawn.isBlank() && !OsvSchema.time(withdrawn).isAfter(now);
    }

    /** GitHub's label ({@code database_specific.severity}: LOW, MODERATE, HIGH, CRITICAL), or {@code null}. */
    String databaseSeverity() {
        JsonNode label = databaseSpecific == null ? null : databaseSpecific.get("severity");
        return label != null && label.isTextual() ? label.asText() : null;
    }

    /**
     * The Maven package names a record names in {@code affected[].package}, read from its JSON (held
     * to the schema) without binding it: an offline database binds only the records it keeps.
     */
    static List<String> mavenPackages(JsonNode json) {
        List<String> names = new ArrayList<>(1);
        for (JsonNode affected : json.path("affected")) {
            JsonNode pkg = affected.path("package");
            if (MAVEN.equals(pkg.path("ecosystem").textValue()) && pkg.path("name").isTextual() && !names.contains(pkg.path("name").textValue())) {
                names.add(pkg.path("name").textValue());
            }
        }
        return names;
    }

    /** One {@code severity[]} entry: {@code CVSS_V2}, {@code CVSS_V3} or {@code CVSS_V4} and its vector. */
    record SeverityVector(String type, String score) {
    }

    /** One {@code affected[]} entry: a package, its ranges and its listed versions. */
    record Affected(@JsonProperty("package") AffectedPackage pkg, List<Range> ranges, List<String> versions) {
        Affected {
            ranges = ranges == null ? List.of() : ranges.stream().filter(Objects::nonNull).toList();
            versions = versions == null ? List.of() : versions.stream().filter(Objects::nonNull).toList();
        }

        boolean isMaven(String name) {
            return pkg != null && MAVEN.equals(pkg.ecosystem()) && name.equals(pkg.name());
        }
    }

    record AffectedPackage(String ecosystem, String name) {
    }

    /** A range: {@code ECOSYSTEM}, {@code SEMVER} or {@code GIT}, with its events in the order given. */
    record Range(String type, List<Event> events) {
        Range {
            events = events == null ? List.of() : events.stream().filter(Objects::nonNull).toList();
        }
    }

    /** One event: exactly one of its fields is set in a well-formed record. */
    record Event(String introduced, String fixed, @JsonProperty("last_affected") String lastAffected, String limit) {
    }

    /** JSON that is not a valid OSV record, and why. */
    static final class Invalid extends Exception {
        Invalid(String problem) {
            super(problem);
        }
    }
}
