package dev.readiness.checks.health;

import static dev.readiness.fuzz.FuzzContract.check;
import static dev.readiness.fuzz.FuzzContract.isOneLine;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.readiness.check.CheckContext;
import dev.readiness.check.HttpSettings;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import dev.readiness.checks.health.HealthBody.Component;
import dev.readiness.checks.health.HealthBody.Health;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ServerSocketFactory;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes what a health endpoint answers: the body reader alone on any JSON, and the {@code health}
 * check (the real OkHttp client against MockWebServer on loopback) on any status code, Content-Type and
 * body bytes. Seeds: the Spring Boot, MicroProfile and health+json bodies beside the health check's
 * tests; for the check, each behind two selector bytes (status code, Content-Type, see {@link Answer}).
 * A normal build replays them and every kept finding in {@code HealthBodyFuzzTestInputs};
 * {@code ./mvnw -pl readiness-checks test -Dfuzz=HealthBodyFuzzTest} fuzzes the first target.
 */
class HealthBodyFuzzTest {

    /** The health check's own reading rules: strict duplicates, nothing after the value, bounded nesting. */
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxNumberLength(100).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Set<String> HEALTHY = Set.of("up", "pass", "ok", "warn");

    private static MockWebServer server;
    private static volatile MockResponse answer;

    @TempDir
    java.nio.file.Path dir;

    @BeforeAll
    static void start() throws IOException {
        server = new MockWebServer();
        // MockWebServer writes an answer's head and body apart: without TCP_NODELAY each request waits out the
        // client's delayed ACK (40 ms), which would cap the fuzzer at 25 executions a second (as in
        // DependencyScanBenchmark, whose server sockets these copy).
        server.setServerSocketFactory(new ServerSocketFactory() {
            @Override
            public ServerSocket createServerSocket() throws IOException {
                return new ServerSocket() {
                    @Override
                    public Socket accept() throws IOException {
                        Socket socket = super.accept();
                        socket.setTcpNoDelay(true);
                        return socket;
                    }
                };
            }

            @Override
            public ServerSocket createServerSocket(int port) throws IOException {
                throw new UnsupportedOperationException();
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog) throws IOException {
                throw new UnsupportedOperationException();
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
                throw new UnsupportedOperationException();
            }
        });
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer;
            }
        });
        server.start(0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /**
     * Any parsed JSON gives {@code null} exactly when it is not an object with a text {@code status};
     * otherwise a body whose status, components and problems are one-line, cut to their bounds, and
     * counted.
     */
    @FuzzTest(maxDuration = "10m")
    void readsAnyJsonIntoABoundedHealthBody(byte[] bytes) {
        JsonNode tree;
        try {
            tree = JSON.readTree(bytes);
        } catch (IOException e) {
            return;
        }
        for (boolean healthJsonMediaType : new boolean[] {false, true}) {
            HealthBody body = HealthBody.parse(tree, healthJsonMediaType);
            boolean hasStatus = tree != null && tree.isObject() && tree.path("status").isTextual();
            check((body != null) == hasStatus, () -> "a body exactly when there is a text status");
            if (body == null) {
                continue;
            }
            check(isOneLine(body.status()) && body.status().length() <= 100, () -> "status: " + body.status());
            check(body.health() == Health.of(body.status()), () -> "health follows the status");
            check(body.components().size() <= HealthBody.MAX_COMPONENTS && body.omittedComponents() >= 0,
                    () -> body.components().size() + " components, " + body.omittedComponents() + " omitted");
            body.components().forEach((path, status) -> check(isOneLine(path) && isOneLine(status) && status.length() <= 100,
                    () -> "component " + path + ": " + status));
            check(body.problems().size() <= HealthBody.MAX_COMPONENTS && body.problemCount() >= body.problems().size(),
                    () -> body.problems().size() + " problems named of " + body.problemCount());
            check(body.warnings().size() <= HealthBody.MAX_COMPONENTS, () -> body.warnings().size() + " warnings");
            for (Component c : body.problems()) {
                check(Health.of(c.status()).isProblem(), () -> "a problem in state " + c.status());
                checkComponent(c);
            }
            for (Component c : body.warnings()) {
                check(Health.of(c.status()) == Health.WARN, () -> "a warning in state " + c.status());
                checkComponent(c);
            }
        }
    }

    /**
     * The check on one fuzzed answer: PASS only for a 2xx whose body states a healthy status (JSON
     * with a text status of UP, pass, ok or warn, read as strictly as the check promises, or a one-word
     * plain-text body saying so); the summary is one line whatever the answer.
     */
    @FuzzTest(maxDuration = "10m")
    void healthCheckPassesOnlyOnAHealthyStatus(byte[] bytes) {
        Answer given = Answer.of(bytes);
        MockResponse.Builder response = new MockResponse.Builder().code(given.code).body(new Buffer().write(given.body));
        if (given.contentType != null) {
            response.setHeader("Content-Type", given.contentType);
        }
        answer = response.build();
        HttpSettings http = new HttpSettings(null, Duration.ofSeconds(5), null, Map.of(), null);
        Result result = new HealthCheck().run(new HealthConfig(server.url("/actuator/health").toString(), 0),
                CheckContext.builder(dir).http(http).build());

        check(isOneLine(result.summary()), () -> "one-line summary: " + result.summary());
        if (result.status() == Status.PASS) {
            check(given.code >= 200 && given.code < 300, () -> "PASS on HTTP " + given.code);
            check(saysHealthy(given.body, given.contentType), () -> "PASS on a body that does not say healthy: " + result.summary());
        }
    }

    /** Whether the body states a healthy status in one of the forms the check's documentation names. */
    private static boolean saysHealthy(byte[] read, String contentType) {
        byte[] bytes = read.length >= 3 && (read[0] & 0xFF) == 0xEF && (read[1] & 0xFF) == 0xBB && (read[2] & 0xFF) == 0xBF
                ? Arrays.copyOfRange(read, 3, read.length) : read;
        String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        boolean declaredJson = type.endsWith("/json") || type.endsWith("+json");
        String text = new String(bytes, StandardCharsets.UTF_8);
        String start = text.stripLeading();
        if (declaredJson || start.startsWith("{") || start.startsWith("[")) {
            try {
                JsonNode tree = JSON.readTree(bytes);
                return tree != null && tree.isObject() && tree.path("status").isTextual() && healthy(tree.get("status").asText());
            } catch (IOException e) {
                return false;
            }
        }
        String word = text.strip();
        return word.length() <= 32 && word.chars().allMatch(c -> Character.isLetter(c) || c == '_' || c == '-') && healthy(word);
    }

    private static boolean healthy(String status) {
        return HEALTHY.contains(status.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT));
    }

    /**
     * The answer the fuzzed bytes describe: the first byte picks the status code, the second the
     * Content-Type (or none), the rest is the body.
     */
    record Answer(int code, String contentType, byte[] body) {
        static final int[] CODES = {200, 201, 202, 203, 206, 299, 400, 401, 403, 404, 410, 418, 429, 500, 502, 503};
        static final String[] TYPES = {"application/json", null, "application/health+json",
                "application/vnd.spring-boot.actuator.v3+json", "application/json;charset=UTF-8", "text/plain",
                "text/plain; charset=utf-8", "text/html", "application/problem+json", "application/octet-stream",
                "application/json; charset=utf-16", "*/*", "application/x-json", "text/json"};

        static Answer of(byte[] bytes) {
            int code = CODES[(bytes.length > 0 ? bytes[0] & 0xFF : 0) % CODES.length];
            String type = TYPES[(bytes.length > 1 ? bytes[1] & 0xFF : 0) % TYPES.length];
            return new Answer(code, type, bytes.length > 2 ? Arrays.copyOfRange(bytes, 2, bytes.length) : new byte[0]);
        }
    }

    private static void checkComponent(Component c) {
        check(isOneLine(c.path()) && isOneLine(c.status()) && (c.detail() == null || isOneLine(c.detail()) && c.detail().length() <= 300),
                () -> "component " + c);
    }

}
