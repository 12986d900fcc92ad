package dev.readiness.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.readiness.check.Finding;
import dev.readiness.check.Status;
import dev.readiness.io.BoundedInput;
import dev.readiness.text.Words;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code readiness-baseline.json}: the findings a legacy project had when it adopted the gate, so
 * that later runs fail only on new ones. A baselined finding does not pass: its claim is WAIVED by
 * the baseline when every cause of its failure is baselined or waived.
 *
 * @param date    when it was recorded
 * @param entries the findings, sorted by claim and key
 */
public record Baseline(LocalDate date, List<Entry> entries) {

    public static final String FILE = "readiness-baseline.json";

    static final String SCHEMA = "readiness-baseline/v1";

    private static final long MAX_BYTES = 16L * 1024 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** One known finding: the claim it fails and its key; the message is for people reading the file. */
    public record Entry(String claim, String key, String message) {
    }

    public Baseline {
        entries = entries.stream().sorted(Comparator.comparing(Entry::claim).thenComparing(Entry::key)).toList();
    }

    /** Whether this finding of that claim is known: by its key, or by one of an advisory's aliases. */
    boolean covers(String claimId, Finding finding) {
        return entries.stream().anyMatch(e -> e.claim.equals(claimId) && finding.isNamed(e.key));
    }

    /** The entries no finding of this run matches any more: fixed since. */
    List<Entry> fixed(Outcome outcome) {
        List<Entry> fixed = new ArrayList<>();
        for (Entry entry : entries) {
            boolean seen = outcome.checks().stream().flatMap(run -> run.claims().stream())
                    .filter(c -> c.id().equals(entry.claim))
                    .anyMatch(c -> c.result().findings().stream().anyMatch(f -> f.cause() && f.isNamed(entry.key)));
            if (!seen) {
                fixed.add(entry);
            }
        }
        return fixed;
    }

    /**
     * Today's failing findings (the causes of every FAIL claim), as a baseline recorded on that day; those a
     * waiver covers are left to the waiver, so that they fail again when it expires.
     */
    public static Baseline of(Outcome outcome, LocalDate today) {
        TreeSet<String> seen = new TreeSet<>();
        List<Entry> entries = new ArrayList<>();
        outcome.checks().stream().flatMap(run -> run.claims().stream()).filter(c -> c.status() == Status.FAIL)
                .forEach(c -> {
                    ClaimAccount account = outcome.account(c);
                    c.result().findings().stream().filter(Finding::cause)
                            .filter(f -> account.waiver() == null && !account.findings().containsKey(f.key()))
                            .filter(f -> seen.add(c.id() + "\u0000" + f.key()))
                            .forEach(f -> entries.add(new Entry(c.id(), f.key(), Words.cut(Words.oneLine(f.message()), 200))));
                });
        return new Baseline(today, entries);
    }

    /** This baseline without the entries that no longer occur. */
    public Baseline pruned(Outcome outcome) {
        List<Entry> fixed = fixed(outcome);
        return new Baseline(date, entries.stream().filter(e -> !fixed.contains(e)).toList());
    }

    /** Reads the file, or returns {@code null} when it does not exist. */
    public static Baseline read(Path file) throws ConfigurationException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        JsonNode root;
        try (InputStream in = new BoundedInput(Files.newInputStream(file), MAX_BYTES, FILE)) {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new ConfigurationException(FILE + ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr()
                    + ": not valid JSON: " + Words.oneLine(e.getOriginalMessage()) + "; record it again with mvn readiness:baseline");
        } catch (BoundedInput.LimitExceededException e) {
            throw new ConfigurationException(FILE + " is larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
        } catch (IOException e) {
            throw new ConfigurationException(FILE + " cannot be read: " + Words.oneLine(String.valueOf(e.getMessage())));
        }
        if (root == null || !root.isObject() || !SCHEMA.equals(root.path("schema").asText())) {
            throw new ConfigurationException(FILE + " is not a " + SCHEMA + " document: record it again with mvn readiness:baseline");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(root.path("date").asText());
        } catch (DateTimeParseException e) {
            throw new ConfigurationException(FILE + ": date '" + Words.oneLine(root.path("date").asText()) + "' is not a date like 2026-12-31");
        }
        List<Entry> entries = new ArrayList<>();
        JsonNode findings = root.path("findings");
        for (int i = 0; i < findings.size(); i++) {
            JsonNode f = findings.get(i);
            if (!f.path("claim").isTextual() || !f.path("key").isTextual()) {
                throw new ConfigurationException(FILE + ": findings[" + i + "] needs a claim and a key");
            }
            entries.add(new Entry(f.get("claim").asText(), f.get("key").asText(), f.path("message").asText("")));
        }
        return new Baseline(date, entries);
    }

    /** Writes the file: sorted entries, so that it diffs well in review. */
    public void write(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("date", date.toString());
        ArrayNode findings = root.putArray("findings");
        entries.forEach(e -> findings.addObject().put("claim", e.claim).put("key", e.key).put("message", e.message));
        Files.writeString(file, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
    }
}
