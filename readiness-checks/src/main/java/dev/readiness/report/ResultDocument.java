package dev.readiness.report;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.readiness.text.Words;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A {@code readiness.json} read back (the {@code readiness/v1} document {@link JsonReport} writes), for what
 * shows a past run without running checks: either its tree, or the one-line reason it cannot be shown (missing,
 * unreadable, too large, not JSON, another schema) with how to write it again. Never both.
 *
 * @param root    the document, or {@code null} when it cannot be shown
 * @param problem why it cannot be shown and how to produce it, or {@code null}
 */
public record ResultDocument(JsonNode root, String problem) {

    /** The largest file read: a result of many thousand findings stays far below. */
    static final int MAX_BYTES = 64 * 1024 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** Reads {@code file}, named in problems relative to {@code basedir}; never throws for the file's state or content. */
    public static ResultDocument read(Path file, Path basedir) {
        String shown = Words.path(basedir, file);
        String rerun = "; run mvn verify to write it again";
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            return problem("no readiness result at " + shown + ": run mvn verify first (the gate writes it), then this report");
        } catch (IOException e) {
            return problem("cannot read " + shown + ": " + Words.oneLine(e.getMessage(), 200) + rerun);
        }
        if (bytes.length > MAX_BYTES) {
            return problem(shown + " is larger than " + MAX_BYTES / (1024 * 1024) + " MiB, more than a readiness result holds" + rerun);
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            return problem(shown + " is not JSON" + (at == null ? "" : " (line " + at.getLineNr() + ")") + ": "
                    + Words.oneLine(e.getOriginalMessage(), 200) + rerun);
        } catch (IOException e) {
            return problem("cannot read " + shown + ": " + Words.oneLine(e.getMessage(), 200) + rerun);
        }
        String schema = root == null ? null : root.path("schema").asText(null);
        if (!JsonReport.SCHEMA.equals(schema)) {
            return problem(shown + " is not a " + JsonReport.SCHEMA + " result (schema "
                    + (schema == null ? "missing" : "\"" + Words.oneLine(schema, 80) + "\"") + ")" + rerun);
        }
        return new ResultDocument(root, null);
    }

    private static ResultDocument problem(String problem) {
        return new ResultDocument(null, problem);
    }
}
