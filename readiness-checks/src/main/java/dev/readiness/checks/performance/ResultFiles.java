package dev.readiness.checks.performance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.readiness.io.BoundedInput;
import dev.readiness.text.Words;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading Gatling's and JMH's files: bounded in size and depth, a failure one line. */
final class ResultFiles {

    /** The largest JSON file read, in bytes. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ResultFiles() {
    }

    /** The file as a JSON tree. */
    static JsonNode json(Path file) throws UnreadableException {
        try (InputStream in = open(file)) {
            return JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new UnreadableException("not well-formed JSON: " + Words.oneLine(e.getOriginalMessage(), 300));
        } catch (IOException e) {
            throw new UnreadableException(Words.oneLine(e.getMessage(), 300));
        }
    }

    /** The file to read, refused when empty or larger than {@link #MAX_BYTES}, and bounded to that while it is read. */
    static InputStream open(Path file) throws UnreadableException, IOException {
        long size = Files.size(file);
        if (size == 0) {
            throw new UnreadableException("the file is empty");
        }
        if (size > MAX_BYTES) {
            throw new UnreadableException("the file is " + size + " bytes, more than the " + MAX_BYTES + " read");
        }
        return new BoundedInput(Files.newInputStream(file), MAX_BYTES, "the file");
    }
}
