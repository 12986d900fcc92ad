package dev.readiness.checks.dependencies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * An OSV API on MockWebServer answering as the real one does (shapes from the recorded exchanges in
 * the shared reference): {@code POST /v1/querybatch} lists, for each query in order, the ids given
 * for {@code name@version} ({@code {}} when none), and {@code GET /v1/vulns/{id}} answers the
 * record, or 404 with OSV's NOT_FOUND body. Responses queued with {@link #first} are served
 * before these, to any request.
 */
final class OsvReplay extends Dispatcher {

    static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, List<String>> listed = new ConcurrentHashMap<>();
    private final Map<String, String> records = new ConcurrentHashMap<>();
    private final Map<String, String> modified = new ConcurrentHashMap<>();
    private final Queue<MockResponse> first = new ConcurrentLinkedQueue<>();
    private volatile long latencyMillis;
    /** The bodies of the batches received, in order. */
    final List<JsonNode> batches = Collections.synchronizedList(new ArrayList<>());
    /** The paths of the record requests received, in order. */
    final List<String> recordRequests = Collections.synchronizedList(new ArrayList<>());

    /** Lists these advisories for {@code packageName@version}. */
    OsvReplay list(String packageName, String version, String... ids) {
        listed.put(packageName + "@" + version, List.of(ids));
        return this;
    }

    /** Serves this OSV record (its JSON text) at {@code /v1/vulns/<its id>}. */
    OsvReplay record(String json) {
        try {
            JsonNode record = JSON.readTree(json);
            records.put(record.path("id").asText(), json);
            modified.put(record.path("id").asText(), record.path("modified").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Delays every response by this long, as a network round trip would. */
    OsvReplay latency(Duration latency) {
        latencyMillis = latency.toMillis();
        return this;
    }

    /** Serves this response before anything else (in the order queued). */
    OsvReplay first(MockResponse response) {
        first.add(response);
        return this;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        MockResponse response = answer(request);
        return latencyMillis == 0 ? response : response.newBuilder().headersDelay(latencyMillis, TimeUnit.MILLISECONDS).build();
    }

    private MockResponse answer(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (request.getMethod().equals("POST") && path.equals("/v1/querybatch")) {
            JsonNode body = read(request.getBody() == null ? "" : request.getBody().utf8());
            batches.add(body);
            MockResponse queued = first.poll();
            return queued != null ? queued : json(200, answer(body));
        }
        if (request.getMethod().equals("GET") && path.startsWith("/v1/vulns/")) {
            recordRequests.add(path);
            MockResponse queued = first.poll();
            if (queued != null) {
                return queued;
            }
            String record = records.get(request.getUrl().pathSegments().get(2));
            return record != null ? json(200, record) : json(404, "{\"code\":5,\"message\":\"Vulnerability not found\"}");
        }
        return json(404, "{\"code\":5,\"message\":\"Not Found\"}");
    }

    private String answer(JsonNode body) {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode results = answer.putArray("results");
        for (JsonNode query : body.path("queries")) {
            ObjectNode result = results.addObject();
            List<String> ids = listed.getOrDefault(query.path("package").path("name").asText() + "@" + query.path("version").asText(), List.of());
            if (!ids.isEmpty()) {
                ArrayNode vulns = result.putArray("vulns");
                ids.forEach(id -> vulns.addObject().put("id", id).put("modified", modified.getOrDefault(id, "2025-10-22T19:37:02.616807Z")));
            }
        }
        return answer.toString();
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
