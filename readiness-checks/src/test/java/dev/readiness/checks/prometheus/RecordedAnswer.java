package dev.readiness.checks.prometheus;

import com.sun.net.httpserver.HttpExchange;
import dev.readiness.checks.http.LoopbackServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An answer recorded from a real Prometheus 2.42.0 (the fixtures' {@code recorded/PROVENANCE.md}): the query sent, as
 * {@code recorded/queries.tsv} has it, and the HTTP answer, as {@code curl -i} wrote it to {@code recorded/<name>.http}.
 *
 * @param name        the recording's name, its file's without {@code .http}
 * @param query       the PromQL expression that was sent
 * @param status      the HTTP status Prometheus answered
 * @param contentType the answer's {@code Content-Type}
 * @param body        the answer's body, the JSON Prometheus wrote
 */
record RecordedAnswer(String name, String query, int status, String contentType, String body) {

    private static final Map<String, String> QUERIES = Arrays.stream(text("queries.tsv").split("\n"))
            .filter(line -> !line.isBlank() && !line.startsWith("#")).map(line -> line.split("\t"))
            .collect(Collectors.toMap(row -> row[1], row -> row[3]));

    /** The recording {@code recorded/<name>.http} with its query. */
    static RecordedAnswer named(String name) {
        String query = QUERIES.get(name);
        if (query == null) {
            throw new IllegalArgumentException("recorded/queries.tsv has no recording named " + name);
        }
        String[] answer = text(name + ".http").split("\r\n\r\n", 2);
        String[] head = answer[0].split("\r\n");
        String contentType = Arrays.stream(head).filter(h -> h.regionMatches(true, 0, "Content-Type:", 0, 13))
                .map(h -> h.substring(13).strip()).findFirst().orElseThrow();
        return new RecordedAnswer(name, query, Integer.parseInt(head[0].split(" ")[1]), contentType, answer[1]);
    }

    /** Answers the exchange with this recording's status, content type and body. */
    void serve(HttpExchange exchange) throws IOException {
        LoopbackServer.answer(exchange, status, contentType, body);
    }

    private static String text(String file) {
        try (InputStream in = RecordedAnswer.class.getResourceAsStream("recorded/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture recorded/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
