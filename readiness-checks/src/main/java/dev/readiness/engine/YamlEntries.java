package dev.readiness.engine;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.readiness.io.BoundedInput;
import dev.readiness.text.Words;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the list a YAML file holds under one top-level key ({@code attestations:}, {@code waivers:}),
 * each entry with the line it starts on, so that every error names the file, line and column.
 */
final class YamlEntries {

    private static final long MAX_BYTES = 1024 * 1024;

    /** One entry of the list, and where it is written ({@code readiness-waivers.yaml:12}). */
    record Entry(JsonNode node, String origin) {
    }

    private YamlEntries() {
    }

    /**
     * The entries under {@code key}, or none when the file does not exist or does not have the key.
     *
     * @param onlyKey whether the file may hold nothing but that key (its own file), rather than other settings too
     */
    static List<Entry> read(Path file, String shown, String key, boolean onlyKey) throws ConfigurationException {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return entries;
        }
        try (InputStream in = new BoundedInput(Files.newInputStream(file), MAX_BYTES, shown);
             JsonParser parser = ReadinessYaml.parser(in)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return entries;
            }
            if (first != JsonToken.START_OBJECT) {
                throw new ConfigurationException(at(shown, parser.currentTokenLocation()) + "expected a mapping with the key " + key);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!name.equals(key)) {
                    if (onlyKey) {
                        throw new ConfigurationException(at(shown, parser.currentTokenLocation()) + "unknown key '" + Words.oneLine(name)
                                + "': this file holds only " + key + ":");
                    }
                    parser.skipChildren();
                } else if (value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        JsonLocation start = parser.currentTokenLocation();
                        entries.add(new Entry(ReadinessYaml.mapper().readTree(parser), shown + ":" + start.getLineNr()));
                    }
                } else if (value != JsonToken.VALUE_NULL) {
                    throw new ConfigurationException(at(shown, parser.currentTokenLocation()) + key + ": expects a list of entries,"
                            + " each starting with '- '");
                }
            }
        } catch (JsonProcessingException e) {
            throw new ConfigurationException(at(shown, e.getLocation()) + "not valid YAML: "
                    + Words.oneLine(e.getOriginalMessage()));
        } catch (BoundedInput.LimitExceededException e) {
            throw new ConfigurationException(shown + " is larger than " + MAX_BYTES / 1024 + " KiB: split it, or remove entries"
                    + " that no longer apply");
        } catch (IOException e) {
            throw new ConfigurationException(shown + " cannot be read: " + Words.oneLine(String.valueOf(e.getMessage())));
        }
        return entries;
    }

    private static String at(String shown, JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? shown + ": "
                : shown + ":" + location.getLineNr() + ":" + location.getColumnNr() + ": ";
    }
}
