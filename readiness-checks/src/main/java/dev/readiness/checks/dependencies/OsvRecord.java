package dev.readiness.checks.dependencies;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The facts of one OSV advisory this check uses (the OSV schema, as served by {@code /v1/vulns/{id}}
 * and stored in OSV's {@code all.zip}); other fields are ignored.
 */
record OsvRecord(String id, List<String> aliases, String summary, String modified, String withdrawn,
                 List<SeverityVector> severity, List<Affected> affected,
                 @JsonProperty("database_specific") JsonNode databaseSpecific) {

    /** Bound to OSV's snake_case fields; unknown fields ignored; a record without an id rejected. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** What an OSV id looks like (GHSA-jfh8-c2jp-5v3q, CVE-2021-44228, OSV-2020-111); anything else is not used in a path. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

    OsvRecord {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException(id == null ? "the record has no id" : "'" + id + "' is not an OSV id");
        }
        aliases = aliases == null ? List.of() : aliases.stream().filter(Objects::nonNull).toList();
        summary = summary == null ? "" : summary.strip().lines().findFirst().orElse("");
        severity = severity == null ? List.of() : severity.stream().filter(Objects::nonNull).toList();
        affected = affected == null ? List.of() : affected.stream().filter(Objects::nonNull).toList();
    }

    /** Whether {@code text} may be used as an OSV id (in a URL path or a file name). */
    static boolean isId(String text) {
        return text != null && ID.matcher(text).matches();
    }

    boolean isWithdrawn() {
        return withdrawn != null && !withdrawn.isBlank();
    }

    /** GitHub's label ({@code database_specific.severity}: LOW, MODERATE, HIGH, CRITICAL), or {@code null}. */
    String databaseSeverity() {
        JsonNode label = databaseSpecific == null ? null : databaseSpecific.get("severity");
        return label != null && label.isTextual() ? label.asText() : null;
    }

    /** The Maven package names this record affects. */
    List<String> mavenPackages() {
        return affected.stream().filter(Affected::isMaven).map(a -> a.pkg().name()).distinct().toList();
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

        boolean isMaven() {
            return pkg != null && "Maven".equals(pkg.ecosystem()) && pkg.name() != null;
        }

        boolean isMaven(String name) {
            return isMaven() && pkg.name().equals(name);
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
}
