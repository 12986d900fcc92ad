package dev.readiness.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.readiness.io.AtomicWrite;
import dev.readiness.text.Words;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * Records a person's attestation in {@code readiness-attestations.yaml} (what {@code mvn readiness:attest}
 * does): one entry {@code {item, by, date, evidence, validFor, note}} for the item, replacing the earlier
 * entry for the same item (a renewal) and keeping every other entry as it was. It refuses an item the
 * checklist does not have (suggesting the nearest key), a missing {@code by}, evidence that is neither an
 * https URL nor a file of the repository, a {@code validFor} that is not a whole number of days, an item
 * already attested in {@code readiness.yaml}, and a file that is not an attestations file.
 *
 * <p>The file is read and written again as YAML (block style, entries in their order), so comments and
 * the original quoting are <b>not</b> kept; the entries' values are. It is replaced in one move, never
 * left half written.
 */
public final class AttestationFile {

    /** How long an attestation counts when {@code validFor} is not given. */
    public static final String DEFAULT_VALID_FOR = "90d";

    private static final YAMLMapper WRITER = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                    .build())
            .build();

    private AttestationFile() {
    }

    /**
     * What was recorded.
     *
     * @param file    the attestations file written
     * @param item    the key of the attested item
     * @param entry   the entry as written
     * @param expires its last day, inclusive
     * @param renewed where the entry it replaced was written ({@code readiness-attestations.yaml:4}), or {@code null}
     */
    public record Recorded(Path file, String item, JsonNode entry, LocalDate expires, String renewed) {
    }

    /**
     * Writes or renews the attestation of one item.
     *
     * @param basedir   the project folder, where the file is and which evidence paths are resolved against
     * @param checklist the project's checklist, which the item must be on
     * @param item      the item's key or its exact text
     * @param by        who attests: a name or an e-mail
     * @param evidence  an https URL, or a path in the repository that exists
     * @param validFor  how long it counts, in whole days ({@code 90d}); {@code null} or blank for {@value #DEFAULT_VALID_FOR}
     * @param note      a remark, or {@code null}
     * @param today     the attestation's date
     * @throws ConfigurationException on bad input or a broken attestations file, with nothing written
     */
    public static Recorded attest(Path basedir, Checklist checklist, String item, String by, String evidence, String validFor,
                                  String note, LocalDate today) throws ConfigurationException, IOException {
        String key = Ledger.itemKey("item", item, checklist);
        if (by == null || by.isBlank()) {
            throw new ConfigurationException("by is missing: say who attests, a name or an e-mail (-Dby=\"Dana Reyes <dana@example.com>\")");
        }
        if (evidence == null || evidence.isBlank()) {
            throw new ConfigurationException("evidence is missing: give an https URL or a path in the repository"
                    + " (-Devidence=https://tracker.example.com/REL-42)");
        }
        String period = validFor == null || validFor.isBlank() ? DEFAULT_VALID_FOR : validFor.trim();
        Duration duration = ConfigBinder.bind("validFor", Duration.class, JsonNodeFactory.instance.textNode(period), List.of());
        long days = duration.toDays();
        if (days < 1 || !duration.equals(Duration.ofDays(days))) {
            throw new ConfigurationException("validFor " + Words.oneLine(period) + " is not a whole number of days: write days, such as 90d");
        }
        LocalDate expires = today.plusDays(days - 1);
        String cleanNote = note == null || note.isBlank() ? null : Words.oneLine(note.strip());
        Attestation attestation = Attestation.judged(key, Words.oneLine(by.strip()), today, evidence.strip(), expires, cleanNote,
                Ledger.ATTESTATIONS_FILE, today, basedir);
        if (!attestation.counts()) {
            throw new ConfigurationException("evidence: " + attestation.problem() + ": give an https URL or a path in the repository");
        }
        for (YamlEntries.Entry inYaml : YamlEntries.read(basedir.resolve(ReadinessYaml.FILE), ReadinessYaml.FILE, "attestations", false)) {
            if (key.equals(named(inYaml.node(), checklist))) {
                throw new ConfigurationException("the item '" + key + "' is attested in " + inYaml.origin() + ": renew it there,"
                        + " or move it to " + Ledger.ATTESTATIONS_FILE + " first");
            }
        }

        Path file = basedir.resolve(Ledger.ATTESTATIONS_FILE);
        List<YamlEntries.Entry> entries = YamlEntries.read(file, Ledger.ATTESTATIONS_FILE, "attestations", true);
        ObjectNode entry = WRITER.createObjectNode();
        entry.put("item", key);
        entry.put("by", attestation.by());
        entry.put("date", today.toString());
        entry.put("evidence", attestation.evidence());
        entry.put("validFor", days + "d");
        if (cleanNote != null) {
            entry.put("note", cleanNote);
        }
        ArrayNode list = WRITER.createArrayNode();
        String renewed = null;
        for (YamlEntries.Entry earlier : entries) {
            if (key.equals(named(earlier.node(), checklist))) {
                if (renewed == null) {
                    list.add(entry);
                    renewed = earlier.origin();
                }
            } else {
                list.add(earlier.node());
            }
        }
        if (renewed == null) {
            list.add(entry);
        }
        ObjectNode root = WRITER.createObjectNode();
        root.set("attestations", list);
        AtomicWrite.replace(file, WRITER.writeValueAsString(root).getBytes(StandardCharsets.UTF_8));
        return new Recorded(file, key, entry, expires, renewed);
    }

    /** The key of the item an entry names, or {@code null} when it names none of the checklist's. */
    private static String named(JsonNode entry, Checklist checklist) {
        JsonNode item = entry.get("item");
        if (item == null || !item.isValueNode()) {
            return null;
        }
        try {
            return Ledger.itemKey("item", item.asText(), checklist);
        } catch (ConfigurationException e) {
            return null;
        }
    }
}
