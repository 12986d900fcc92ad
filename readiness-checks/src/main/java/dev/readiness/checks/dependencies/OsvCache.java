package dev.readiness.checks.dependencies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.readiness.check.CheckLog;
import dev.readiness.io.AtomicWrite;
import dev.readiness.io.BoundedInput;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The on-disk cache of OSV answers, one folder per OSV endpoint: per {@code package@version} the
 * advisory ids (with their {@code modified} time) the API listed, and per advisory id its record.
 * An entry older than the time to live (or fetched after now), unreadable, or (for a record) older than
 * the {@code modified} time a fresher query answer gives, is a miss. Files are written to a temporary
 * name and moved in place, so concurrent builds sharing the cache never read half a file. Failures to
 * write are logged and otherwise ignored: the cache only saves round trips.
 */
final class OsvCache {

    /** The most of a cache file read: a query answer or one record, well under the API's own bounds. */
    private static final long MAX_FILE_BYTES = 8L * 1024 * 1024;

    private final Path folder;
    private final Duration ttl;
    private final Clock clock;
    private final CheckLog log;

    OsvCache(Path folder, Duration ttl, Clock clock, CheckLog log) {
        this.folder = folder;
        this.ttl = ttl;
        this.clock = clock;
        this.log = log;
    }

    /** {@code <cacheDirectory>/osv/<host_port_path>}: answers of different OSV endpoints never mix. */
    static Path folderFor(Path cacheDirectory, String osvUrl) {
        URI uri = URI.create(osvUrl);
        String key = (uri.getHost() + (uri.getPort() < 0 ? "" : "_" + uri.getPort())
                + (uri.getPath() == null ? "" : uri.getPath())).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9.-]+", "_").replaceAll("_+$", "");
        return cacheDirectory.resolve("osv").resolve(key);
    }

    /** The ids the API listed for this package version, or {@code null} on a miss. */
    List<OsvClient.VulnRef> query(String packageName, String version) {
        JsonNode entry = read(queryFile(packageName, version));
        if (entry == null || !packageName.equals(entry.path("package").asText())
                || !version.equals(entry.path("version").asText()) || !entry.path("vulns").isArray()) {
            return null;
        }
        List<OsvClient.VulnRef> refs = new ArrayList<>();
        for (JsonNode vuln : entry.path("vulns")) {
            JsonNode id = vuln.path("id");
            JsonNode modified = vuln.path("modified");
            if (!id.isTextual() || !OsvRecord.isId(id.textValue()) || !(modified.isMissingNode() || modified.isNull() || modified.isTextual())) {
                return null;
            }
            refs.add(new OsvClient.VulnRef(id.textValue(), modified.textValue()));
        }
        return refs;
    }

    void putQuery(String packageName, String version, List<OsvClient.VulnRef> vulns) {
        ObjectNode entry = OsvRecord.MAPPER.createObjectNode();
        entry.put("package", packageName).put("version", version).put("fetched", clock.instant().toString());
        ArrayNode list = entry.putArray("vulns");
        vulns.forEach(v -> list.addObject().put("id", v.id()).put("modified", v.modified()));
        write(queryFile(packageName, version), entry);
    }

    /**
     * The record of this id, or {@code null} on a miss.
     *
     * @param modified the {@code modified} time the query answer gave, or {@code null}; an older record is a miss
     */
    JsonNode vuln(String id, String modified) {
        JsonNode entry = read(vulnFile(id));
        if (entry == null || !entry.path("record").isObject() || !id.equals(entry.path("record").path("id").asText())) {
            return null;
        }
        JsonNode record = entry.path("record");
        if (modified != null && isBefore(record.path("modified").asText(null), modified)) {
            return null;
        }
        return record;
    }

    void putVuln(String id, JsonNode record) {
        ObjectNode entry = OsvRecord.MAPPER.createObjectNode();
        entry.put("fetched", clock.instant().toString());
        entry.set("record", record);
        write(vulnFile(id), entry);
    }

    private Path queryFile(String packageName, String version) {
        return folder.resolve("queries").resolve(sha256(packageName + "@" + version) + ".json");
    }

    private Path vulnFile(String id) {
        return folder.resolve("vulns").resolve(id.replace(':', '_') + ".json");
    }

    private JsonNode read(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_FILE_BYTES) {
                return null;
            }
            JsonNode entry;
            try (InputStream in = new BoundedInput(Files.newInputStream(file), MAX_FILE_BYTES, file.toString())) {
                entry = OsvRecord.MAPPER.readTree(in);
            }
            // an entry fetched "after now" is as untrustworthy as an old one: both are misses
            Duration age = Duration.between(Instant.parse(entry.path("fetched").asText()), clock.instant());
            return !age.isNegative() && age.compareTo(ttl) < 0 ? entry : null;
        } catch (IOException | DateTimeParseException e) {
            log.debug("OSV cache entry " + file + " is not usable (" + e.getMessage() + "); asking again");
            return null;
        }
    }

    private void write(Path file, JsonNode entry) {
        try {
            AtomicWrite.replace(file, OsvRecord.MAPPER.writeValueAsBytes(entry));
        } catch (IOException e) {
            log.debug("could not write the OSV cache entry " + file + ": " + e.getMessage());
        }
    }

    /** Whether RFC 3339 time {@code a} is before {@code b}; unparseable times compare as "not before". */
    private static boolean isBefore(String a, String b) {
        try {
            return a == null || Instant.parse(a).isBefore(Instant.parse(b));
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
