package dev.readiness.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.readiness.text.Words;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reading a file another tool wrote (an analysis report, a load test's results) as outside input: refused when
 * empty or larger than {@link #MAX_BYTES}, held to that bound while it is read, JSON nested at most
 * {@link #MAX_JSON_DEPTH} deep with a key given twice refused. A refusal is an {@link UnreadableFileException}.
 */
public final class ToolFiles {

    /** The largest file read, in bytes. */
    public static final long MAX_BYTES = 64L * 1024 * 1024;

    /** The deepest JSON nesting read: SARIF, the deepest of these formats, nests about a dozen levels. */
    public static final int MAX_JSON_DEPTH = 100;

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_JSON_DEPTH).build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ToolFiles() {
    }

    /** The file to read, bounded to {@link #MAX_BYTES}; refused when it is empty or larger. */
    public static InputStream open(Path file) throws UnreadableFileException, IOException {
        long size = Files.size(file);
        if (size == 0) {
            throw new UnreadableFileException("the file is empty");
        }
        if (size > MAX_BYTES) {
            throw new UnreadableFileException("the file is " + size + " bytes, more than the " + MAX_BYTES
                    + " bytes a report may have");
        }
        return new BoundedInput(Files.newInputStream(file), MAX_BYTES, "the file");
    }

    /** The file as a JSON tree. */
    public static JsonNode json(Path file) throws UnreadableFileException {
        try (InputStream in = open(file)) {
            return JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new UnreadableFileException("not well-formed JSON: " + Words.oneLine(e.getOriginalMessage(), 300));
        } catch (IOException e) {
            throw new UnreadableFileException(Words.oneLine(e.getMessage(), 300));
        }
    }
}
