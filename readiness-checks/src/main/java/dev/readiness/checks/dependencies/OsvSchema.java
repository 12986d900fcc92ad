package dev.readiness.checks.dependencies;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.readiness.text.Words;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Holds an OSV record to the structure of the OSV schema (ossf/osv-schema {@code validation/schema.json}):
 * the type of every field the schema defines, its required fields ({@code id}, {@code modified}; a
 * package's {@code ecosystem} and {@code name}; a range's {@code type} and {@code events}, with at
 * least one {@code introduced}, exactly one of {@code introduced}, {@code fixed}, {@code last_affected},
 * {@code limit} per event, {@code fixed} and {@code last_affected} never in one range, {@code repo} for
 * a {@code GIT} range; a severity's {@code type} and {@code score}; a reference's {@code type} and
 * {@code url}; a credit's {@code name}), times in RFC 3339, and versions of at most
 * {@value #MAX_VERSION_CHARS} characters. Values the schema enumerates
 * (range, severity and reference types) are not checked against a list, so that a record of a newer
 * schema version, with a {@code CVSS_V4} vector, a {@code GIT} range or another ecosystem, keeps to it;
 * fields the schema does not name are ignored. A record that breaks the structure cannot be trusted to
 * say what it affects, so the scan stops on it rather than leave it out.
 */
final class OsvSchema {

    private static final List<String> EVENTS = List.of("introduced", "fixed", "last_affected", "limit");

    /** The longest version a record may give, in characters. */
    static final int MAX_VERSION_CHARS = 256;

    private OsvSchema() {
    }

    /** The first way the record breaks the schema ("aliases is an object, not an array"), or {@code null} when it keeps to it. */
    static String problem(JsonNode record) {
        try {
            record(record);
            return null;
        } catch (Invalid e) {
            return e.getMessage();
        }
    }

    /** What is wrong with JSON text: Jackson's message without its source excerpt, with the line and column where it stopped. */
    static String problem(JsonProcessingException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (!(root instanceof JsonProcessingException json)) {
            return root.getMessage() == null ? root.getClass().getSimpleName() : Words.oneLine(root.getMessage().lines().findFirst().orElse(""), 200);
        }
        String message = Words.oneLine(json.getOriginalMessage().lines().findFirst().orElse("")
                .replaceAll("\\s*\\(start marker at \\[Source:.*$", ""), 200);
        return json.getLocation() == null || json.getLocation().getLineNr() < 0 ? message
                : message + " at line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr();
    }

    /** An RFC 3339 time ({@code 2021-12-10T00:40:56Z}, with or without fractions, {@code Z} or an offset) as an instant. */
    static Instant time(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }

    private static void record(JsonNode r) throws Invalid {
        if (r == null || r.isMissingNode()) {
            throw new Invalid("it is empty");
        }
        if (!r.isObject()) {
            throw new Invalid("it is " + kind(r) + ", not an object");
        }
        String id = string(r, "id", "id", true);
        if (!OsvRecord.isId(id)) {
            throw new Invalid("id '" + shown(id) + "' is not an OSV id");
        }
        time(r, "modified", true);
        time(r, "published", false);
        time(r, "withdrawn", false);
        string(r, "schema_version", "schema_version", false);
        string(r, "summary", "summary", false);
        string(r, "details", "details", false);
        strings(r, "aliases", "aliases", true);
        JsonNode related = array(r, "related", "related", false);
        for (int i = 0; related != null && i < related.size(); i++) {
            JsonNode item = related.get(i);
            if (item.isObject()) {
                string(item, "id", "related[" + i + "].id", true);
            } else if (!item.isTextual()) {
                throw new Invalid("related[" + i + "] is " + kind(item) + ", not a string");
            }
        }
        severities(r, "severity");
        JsonNode affected = array(r, "affected", "affected", true);
        for (int i = 0; affected != null && i < affected.size(); i++) {
            affected(objectAt(affected, i, "affected"), "affected[" + i + "]");
        }
        JsonNode references = array(r, "references", "references", true);
        for (int i = 0; references != null && i < references.size(); i++) {
            JsonNode reference = objectAt(references, i, "references");
            string(reference, "type", "references[" + i + "].type", true);
            string(reference, "url", "references[" + i + "].url", true);
        }
        JsonNode credits = array(r, "credits", "credits", false);
        for (int i = 0; credits != null && i < credits.size(); i++) {
            JsonNode credit = objectAt(credits, i, "credits");
            string(credit, "name", "credits[" + i + "].name", true);
            strings(credit, "contact", "credits[" + i + "].contact", false);
            string(credit, "type", "credits[" + i + "].type", false);
        }
        object(r, "database_specific", "database_specific");
    }

    private static void affected(JsonNode a, String path) throws Invalid {
        JsonNode pkg = object(a, "package", path + ".package");
        if (pkg != null) {
            string(pkg, "ecosystem", path + ".package.ecosystem", true);
            string(pkg, "name", path + ".package.name", true);
            string(pkg, "purl", path + ".package.purl", false);
        }
        severities(a, path + ".severity");
        JsonNode ranges = array(a, "ranges", path + ".ranges", false);
        for (int i = 0; ranges != null && i < ranges.size(); i++) {
            range(objectAt(ranges, i, path + ".ranges"), path + ".ranges[" + i + "]");
        }
        JsonNode versions = strings(a, "versions", path + ".versions", false);
        for (int i = 0; versions != null && i < versions.size(); i++) {
            version(versions.get(i).textValue(), path + ".versions[" + i + "]");
        }
        object(a, "ecosystem_specific", path + ".ecosystem_specific");
        object(a, "database_specific", path + ".database_specific");
    }

    private static void range(JsonNode range, String path) throws Invalid {
        String type = string(range, "type", path + ".type", true);
        if ("GIT".equals(type)) {
            string(range, "repo", path + ".repo", true);
        } else {
            string(range, "repo", path + ".repo", false);
        }
        JsonNode events = array(range, "events", path + ".events", false);
        if (events == null) {
            throw new Invalid(path + ".events is missing");
        }
        if (events.isEmpty()) {
            throw new Invalid(path + ".events is empty");
        }
        boolean introduced = false;
        boolean fixed = false;
        boolean lastAffected = false;
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = objectAt(events, i, path + ".events");
            String eventPath = path + ".events[" + i + "]";
            List<String> given = EVENTS.stream().filter(event::has).toList();
            if (given.size() != 1) {
                throw new Invalid(eventPath + (given.isEmpty() ? " holds none of " + String.join(", ", EVENTS)
                        : " holds " + String.join(" and ", given) + ": an event holds exactly one"));
            }
            version(string(event, given.get(0), eventPath + "." + given.get(0), true), eventPath + "." + given.get(0));
            introduced |= given.get(0).equals("introduced");
            fixed |= given.get(0).equals("fixed");
            lastAffected |= given.get(0).equals("last_affected");
        }
        if (!introduced) {
            throw new Invalid(path + ".events holds no introduced event");
        }
        if (fixed && lastAffected) {
            throw new Invalid(path + ".events holds both fixed and last_affected events");
        }
        object(range, "database_specific", path + ".database_specific");
    }

    private static void severities(JsonNode parent, String path) throws Invalid {
        JsonNode severity = array(parent, "severity", path, true);
        for (int i = 0; severity != null && i < severity.size(); i++) {
            JsonNode entry = objectAt(severity, i, path);
            string(entry, "type", path + "[" + i + "].type", true);
            string(entry, "score", path + "[" + i + "].score", true);
        }
    }

    /** The string at {@code field}, {@code null} when absent and not required. */
    private static String string(JsonNode parent, String field, String path, boolean required) throws Invalid {
        JsonNode value = parent.get(field);
        if (value == null) {
            if (required) {
                throw new Invalid(path + " is missing");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new Invalid(path + " is " + kind(value) + ", not a string");
        }
        return value.textValue();
    }

    private static void time(JsonNode parent, String field, boolean required) throws Invalid {
        String text = string(parent, field, field, required);
        if (text != null) {
            try {
                time(text);
            } catch (DateTimeParseException e) {
                throw new Invalid(field + " '" + shown(text) + "' is not an RFC 3339 time");
            }
        }
    }

    /** The array at {@code field}; {@code null} when absent (or, where the schema allows it, null). */
    private static JsonNode array(JsonNode parent, String field, String path, boolean nullable) throws Invalid {
        JsonNode value = parent.get(field);
        if (value == null || nullable && value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw new Invalid(path + " is " + kind(value) + ", not an array");
        }
        return value;
    }

    /** The array of strings at {@code field}; {@code null} when absent (or, where the schema allows it, null). */
    private static JsonNode strings(JsonNode parent, String field, String path, boolean nullable) throws Invalid {
        JsonNode values = array(parent, field, path, nullable);
        for (int i = 0; values != null && i < values.size(); i++) {
            if (!values.get(i).isTextual()) {
                throw new Invalid(path + "[" + i + "] is " + kind(values.get(i)) + ", not a string");
            }
        }
        return values;
    }

    /**
     * Refuses a version longer than {@value #MAX_VERSION_CHARS} characters: none is, and Maven's version
     * order takes time that grows with the square of a version's digits (200,000 of them take seconds a comparison).
     */
    private static void version(String version, String path) throws Invalid {
        if (version.length() > MAX_VERSION_CHARS) {
            throw new Invalid(path + " is a version of " + version.length() + " characters, more than the "
                    + MAX_VERSION_CHARS + " a version may have");
        }
    }

    private static JsonNode object(JsonNode parent, String field, String path) throws Invalid {
        JsonNode value = parent.get(field);
        if (value != null && !value.isObject()) {
            throw new Invalid(path + " is " + kind(value) + ", not an object");
        }
        return value;
    }

    private static JsonNode objectAt(JsonNode array, int index, String path) throws Invalid {
        JsonNode value = array.get(index);
        if (!value.isObject()) {
            throw new Invalid(path + "[" + index + "] is " + kind(value) + ", not an object");
        }
        return value;
    }

    /** "an object", "a number", "null": what a JSON value is, for a message. */
    static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "not a JSON value";
        };
    }

    /** Outside text as one short line. */
    static String shown(String text) {
        return Words.oneLine(text, 60);
    }

    /** The first broken part of a record. */
    private static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }
}
