package dev.readiness.checks.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Finding;
import dev.readiness.check.HttpSettings;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import dev.readiness.engine.ConfigBinder;
import dev.readiness.engine.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real OkHttp client against MockWebServer on loopback, serving the health bodies of Spring
 * Boot Actuator, MicroProfile Health and application/health+json kept beside this test; each test
 * also asserts what the server received.
 */
class HealthCheckTest {

    private static final String SECRET = "Bearer s3cr3t-t0ken";
    private static final Duration TIMEOUT = Duration.ofSeconds(10); // generous: a loaded machine can take seconds for a TLS handshake

    @StartStop
    private final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    private final HealthCheck check = new HealthCheck();

    @Test
    void passesWhenSpringBootV3ReportsUpAndSendsTheConfiguredHeaders() throws Exception {
        server.enqueue(json(200, "spring-v3-up.json", "application/vnd.spring-boot.actuator.v3+json"));

        Result result = check.run(new HealthConfig(null, null), context(server.url("/").toString()));

        String url = server.url("/actuator/health").toString();
        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("health of " + url + " is UP (HTTP 200)");
        assertThat(result.measured()).isEqualTo("UP (HTTP 200)");
        assertThat(result.expected()).isEqualTo("UP, HTTP 2xx");
        assertThat(result.evidence()).containsAllEntriesOf(Map.of(
                "url", url,
                "httpStatus", 200,
                "status", "UP",
                "format", "Spring Boot Actuator",
                "components", Map.of("broker", "UP", "broker/us1", "UP", "broker/us2", "UP", "db", "UP", "diskSpace", "UP"),
                "attempts", 1));
        assertThat(result.evidence()).containsOnlyKeys("url", "httpStatus", "status", "format", "components", "attempts", "elapsedMs");
        assertThat(result.findings()).isEmpty();
        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getTarget()).isEqualTo("/actuator/health");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo(SECRET);
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json, application/health+json;q=0.9, */*;q=0.5");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertNoSecretIn(result);
    }

    @Test
    void passesWhenSpringBootV2ReportsUpWithComponentsUnderDetails() throws Exception {
        server.enqueue(json(200, "spring-v2-up.json", "application/vnd.spring-boot.actuator.v2+json"));

        Result result = run(null);

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.evidence()).containsEntry("components", Map.of("alpha", "UP", "bravo", "UP"));
    }

    @Test
    void failsNamingTheDownComponentOfSpringBootV3() throws Exception {
        server.enqueue(json(503, "spring-v3-down.json", "application/json"));

        Result result = run(null);

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("health of " + url() + " is DOWN (HTTP 503), but expected UP: charlie is DOWN");
        assertThat(result.measured()).isEqualTo("DOWN (HTTP 503)");
        assertThat(result.evidence()).containsEntry("httpStatus", 503).containsEntry("status", "DOWN")
                .containsEntry("components", Map.of("alpha", "UP", "bravo", "UP", "charlie", "DOWN"));
        assertThat(result.findings()).containsExactly(Finding.of("charlie is DOWN").key("health:charlie").at(url())
                .with("component", "charlie").with("status", "DOWN").build());
        assertThat(result.remedy()).startsWith("Fix the components named above");
    }

    @Test
    void failsNamingNestedDownComponentsWithTheirErrorDetails() throws Exception {
        server.enqueue(json(503, "spring-v3-down-nested.json", "application/json"));

        Result result = run(null);

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("health of " + url() + " is DOWN (HTTP 503), but expected UP:"
                + " broker/us2 is DOWN (java.net.ConnectException: Connection refused),"
                + " db is DOWN (java.lang.RuntimeException: Unable to connect to the database)");
        assertThat(result.evidence()).containsEntry("components", Map.of("broker", "DOWN", "broker/us1", "UP", "broker/us2", "DOWN",
                "db", "DOWN", "diskSpace", "UP", "ping", "UP"));
        assertThat(result.findings()).extracting(Finding::message).containsExactly(
                "broker/us2 is DOWN: java.net.ConnectException: Connection refused",
                "db is DOWN: java.lang.RuntimeException: Unable to connect to the database");
        assertThat(result.findings().get(1).evidence()).containsExactly(
                Map.entry("component", "db"), Map.entry("status", "DOWN"),
                Map.entry("error", "java.lang.RuntimeException: Unable to connect to the database"));
    }

    @Test
    void failsNamingTheDownComponentOfSpringBootV2WithItsError() throws Exception {
        server.enqueue(json(503, "spring-v2-down.json", "application/vnd.spring-boot.actuator.v2+json"));

        Result result = run(null);

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("health of " + url() + " is DOWN (HTTP 503), but expected UP: db is DOWN"
                + " (org.springframework.jdbc.CannotGetJdbcConnectionException: Failed to obtain JDBC Connection)");
        assertThat(result.evidence()).containsEntry("components", Map.of("db", "DOWN", "diskSpace", "UP"));
    }

    @Test
    void failsWhenTheServiceIsOutOfService() throws Exception {
        server.enqueue(json(503, "spring-out-of-service.json", "application/json"));

        Result result = run(null);

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("health of " + url() + " is OUT_OF_SERVICE (HTTP 503), but expected UP");
        assertThat(result.evidence()).containsEntry("format", "status only").doesNotContainKey("components");
        assertThat(result.remedy()).startsWith("Look at the service's logs and its health details");
    }

    @Test
    void failsWhenTheStatusIsUnknownEvenWithHttp200() throws Exception {
        server.enqueue(json(200, "spring-unknown.json", "application/json"));

        Result result = run(null);

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("health of " + url() + " is UNKNOWN (HTTP 200), but expected UP");
    }

    @Test
    void passesWhenMicroProfileReportsUp() throws Exception {
        server.enqueue(json(200, "microprofile-up.json", "application/json"));

        Result result = run(null);

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.evidence()).containsEntry("format", "MicroProfile Health").containsEntry("components", Map.of("myCheck", "UP"));
    }

    @Test
    void failsNamingTheDownCheckOfMicroProfile() throws Exception {
        server.enqueue(json(503, "microprofile-down.json", "application/json"));

        Result result = run(null);

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("health of " + url() + " is DOWN (HTTP 503), but expected UP: firstCheck is DOWN");
        assertThat(result.evidence()).containsEntry("components", Map.of("firstCheck", "DOWN", "secondCheck", "UP"));
    }

    @Test
    void failsOnMicroProfile500NamingTheRootCause() throws Exception {
        server.enqueue(json(500, "microprofile-500.json", "application/json"));

        Result result = run(null);

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("health of " + url() + " is DOWN (HTTP 500), but expected UP:"
                + " example.health.FirstCheck is DOWN (timed out waiting for available connection)");
    }

    @Test
    void passesWhenHealthJsonSaysPass() throws Exception {
        server.enqueue(json(200, "health-json-pass.json", "application/health+json"));

        Result result = run(null);

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("health of " + url() + " is pass (HTTP 200)");
        assertThat(result.expected()).isEqualTo("pass, HTTP 2xx");
        assertThat(result.evidence()).containsEntry("format", "application/health+json")
                .containsEntry("components", Map.of("cassandra:responseTime", "pass", "cassandra:connections", "warn", "uptime", "pass",
                        "cpu:utilization/0", "warn", "cpu:utilization/1", "warn",
                        "memory:utilization/0", "warn", "memory:utilization/1", "pass"));
    }

    @Test
    void passesWithANoteWhenHealthJsonSaysWarn() throws Exception {
        server.enqueue(json(200, "health-json-warn.json", "application/health+json"));

        Result result = run(null);

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("health of " + url() + " is warn (HTTP 200): healthy, with concerns about"
                + " cassandra:connections is warn, cpu:utilization/0 is warn, cpu:utilization/1 is warn");
        assertThat(result.expected()).isEqualTo("pass or warn, HTTP 2xx");
        assertThat(result.findings()).extracting(Finding::message)
                .containsExactly("cassandra:connections is warn", "cpu:utilization/0 is warn", "cpu:utilization/1 is warn");
    }

    @Test
    void failsNamingTheFailingCheckOfHealthJson() throws Exception {
        server.enqueue(json(503, "health-json-fail.json", "application/health+json"));

        Result result = run(null);

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("health of " + url() + " is fail (HTTP 503), but expected pass:"
                + " cassandra:responseTime is fail (Connection to cassandra timed out after 5000 ms)");
    }

    @Test
    void failsOn503WithoutAHealthBody() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).setHeader("Content-Type", "text/plain").body("Service Unavailable").build());

        Result result = run(null);

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo(url() + " answered HTTP 503, but expected HTTP 2xx with a healthy status");
        assertThat(result.evidence()).containsEntry("body", "not JSON").containsEntry("httpStatus", 503);
    }

    @Test
    void saysTheServerClosedTheConnectionWhenItNeverAnswers() throws Exception {
        for (int i = 0; i < 4; i++) {
            server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket(true, false, false)).build());
        }

        Result result = run(null);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo(server.getHostName() + ":" + server.getPort() + " closed the connection without answering");
    }

    @Test
    void readsAPlainTextStatusWordAsKubernetesStyleEndpointsAnswer() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain").body("ok\n").build());

        Result result = run(null);

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.evidence()).containsEntry("status", "ok").containsEntry("format", "plain text");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "an empty body|''|empty",
            "a sentence|Everything is fine, trust me|not JSON",
            "an HTML fragment|<p>fine</p>|not JSON"})
    void reportsErrorWhenA2xxBodyStatesNoHealth(String what, String body, String note) throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain").body(body).build());

        Result result = run(null);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo(url() + " answered HTTP 200 with a body that is " + note + ", so its health could not be read");
        assertThat(result.evidence()).containsEntry("body", note);
    }

    @Test
    void reportsErrorOnAStatusGivenTwiceRatherThanTakingEitherOne() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body("{\"status\":\"DOWN\",\"status\":\"UP\"}").build());
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain")
                .body("{\"status\":\"DOWN\",\"status\":\"UP\"}").build());

        Result declared = run(null);
        Result undeclared = run(null);

        assertThat(declared.status()).isEqualTo(Status.ERROR);
        assertThat(declared.summary()).contains("but the body is not valid JSON (Duplicate field 'status'");
        assertThat(undeclared.status()).isEqualTo(Status.ERROR);
        assertThat(undeclared.summary()).contains("with a body that is not JSON (Duplicate field 'status'");
    }

    @Test
    void readsAJsonBodyBehindAByteOrderMark() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain")
                .body("\uFEFF{\"status\":\"DOWN\"}").build());

        Result result = run(null);

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.evidence()).containsEntry("status", "DOWN");
    }

    @Test
    void appendsTheHealthPathToTheTargetsPathNotToItsQuery() throws Exception {
        server.enqueue(json(200, "spring-v3-up.json", "application/json"));

        Result result = check.run(new HealthConfig(null, null), context(server.url("/shop/?env=staging").toString()));

        assertThat(result.status()).isEqualTo(Status.PASS);
        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/shop/actuator/health");
        assertThat(request.getUrl().queryParameter("env")).isEqualTo("staging");
    }

    @Test
    void reportsErrorWhenA2xxJsonBodyHoldsNoStatus() throws Exception {
        server.enqueue(json(200, "spring-actuator-links.json", "application/vnd.spring-boot.actuator.v3+json"));

        Result result = run(null);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo(url() + " answered HTTP 200 with JSON that holds no health status (no text"
                + " \"status\" field), so its health could not be read");
        assertThat(result.evidence()).containsEntry("body", "JSON without status").containsEntry("httpStatus", 200);
        assertThat(result.remedy()).contains("/actuator/health");
    }

    @Test
    void reportsErrorWhenABodyDeclaredJsonIsNotValidJson() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body("{\"status\": \"UP\", \"compo").build());

        Result result = run(null);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo(url() + " answered HTTP 200 with Content-Type application/json, but the body is not"
                + " valid JSON (Unexpected end-of-input in field name at line 1, column 24), so its health could not be read");
        assertThat(result.evidence()).containsEntry("httpStatus", 200).doesNotContainKey("status");
        assertThat(result.remedy()).startsWith("Make the health endpoint answer valid JSON");
    }

    @Test
    void reportsErrorWhenA2xxAnswerIsAnHtmlPage() throws Exception {
        server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/login").build());
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html; charset=utf-8")
                .body("<!DOCTYPE html><html><body><form action=\"/login\"></form></body></html>").build());

        Result result = run(null);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo(url() + " answered HTTP 200 with an HTML page, not a health status (after 1 redirect)");
        assertThat(result.evidence()).containsEntry("redirects", List.of(Map.of("status", 302, "location", server.url("/login").toString())));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            plain JSON                    | 7b22737461747573223a225550227d
            a gzip header over bad deflate| 1f8b0800000000000003ffffffffffffffff
            """)
    void reportsErrorWhenABodyDeclaredGzipIsNotGzip(String what, String hex) throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .setHeader("Content-Encoding", "gzip").body(new Buffer().write(HexFormat.of().parseHex(hex))).build());

        Result result = run(null);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("the body from " + server.getHostName() + ":" + server.getPort()
                + " is declared gzip (Content-Encoding: gzip), but is not gzip data");
    }

    @Test
    @Timeout(20)
    void reportsErrorWhenTheBodyIsLargerThanTheCap() throws Exception {
        Buffer tenMegabytes = new Buffer();
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        tenMegabytes.writeUtf8("{\"status\":\"UP\",\"padding\":\"");
        for (int i = 0; i < 160; i++) {
            tenMegabytes.write(chunk);
        }
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").chunkedBody(tenMegabytes, 64 * 1024).build());

        Result result = run(null);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("the response of " + url() + " is larger than 1048576 bytes; not read further");
        assertThat(result.remedy()).startsWith("Point the health <url> at the health endpoint itself");
    }

    @Test
    void reportsErrorNamingHostPortAndTimeoutWhenTheConnectionIsRefused() throws Exception {
        int port = freePort();
        String url = "http://localhost:" + port + "/actuator/health";

        Result result = run(url);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("could not connect to localhost:" + port + " within 10s: connection refused");
        assertThat(result.evidence()).containsEntry("url", url).containsEntry("host", "localhost").containsEntry("port", port)
                .containsEntry("timeout", "10s").containsEntry("attempts", 1);
        assertThat(result.remedy()).startsWith("Check that the service is running and reachable from this machine");
    }

    @Test
    @Timeout(10)
    void reportsErrorWhenTheServerAcceptsButNeverAnswers() throws Exception {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

        Result result = check.run(new HealthConfig(url(), null), context(null, Duration.ofMillis(500)));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("localhost:" + server.getPort() + " did not answer within 500ms");
        assertThat(server.takeRequest().getTarget()).isEqualTo("/actuator/health");
    }

    @Test
    void followsSameHostRedirectsRecordingEachHop() throws Exception {
        server.enqueue(new MockResponse.Builder().code(301).setHeader("Location", "/actuator/health/").build());
        server.enqueue(new MockResponse.Builder().code(307).setHeader("Location", "/management/health").build());
        server.enqueue(json(200, "spring-v3-up.json", "application/json"));

        Result result = run(null);

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.evidence()).containsEntry("redirects", List.of(
                Map.of("status", 301, "location", server.url("/actuator/health/").toString()),
                Map.of("status", 307, "location", server.url("/management/health").toString())));
        assertThat(server.takeRequest().getTarget()).isEqualTo("/actuator/health");
        assertThat(server.takeRequest().getTarget()).isEqualTo("/actuator/health/");
        RecordedRequest last = server.takeRequest();
        assertThat(last.getTarget()).isEqualTo("/management/health");
        assertThat(last.getHeaders().get("Authorization")).isEqualTo(SECRET);
    }

    @Test
    void reportsErrorOnARedirectLoop() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String next = request.getTarget().equals("/actuator/health") ? "/a" : "/actuator/health";
                return new MockResponse.Builder().code(302).setHeader("Location", next).build();
            }
        });

        Result result = run(null);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo(url() + " redirects in a loop: " + url() + " -> " + server.url("/a") + " -> " + url());
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void doesNotFollowARedirectToAnotherHost() throws Exception {
        String elsewhere = "http://127.0.0.1:" + server.getPort() + "/sso/login?state=abc";
        server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", elsewhere).build());

        Result result = run(null);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo(url() + " redirects to http://127.0.0.1:" + server.getPort() + "/sso/login?…,"
                + " which is not followed: the configured headers are only sent to localhost and never over plain HTTP once HTTPS was used");
        assertThat(server.getRequestCount()).as("the other host got no request, so no credentials").isEqualTo(1);
    }

    @Test
    void passesDespiteA100KilobyteHeaderLineAndDoesNotEchoIt() throws Exception {
        String big = "x".repeat(100 * 1024);
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .setHeader("X-Padding", big).body("{\"status\":\"UP\"}").build());

        Result result = run(null);

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.toString()).doesNotContain("xxxxxxxxxx").hasSizeLessThan(2000);
    }

    @Test
    void reportsErrorWhenTheResponseHeadersExceedWhatTheClientReads() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .setHeader("X-Padding", "x".repeat(300 * 1024)).body("{\"status\":\"UP\"}").build());

        Result result = run(null);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("the response headers of localhost:" + server.getPort()
                + " are larger than the 256 KiB an HTTP client reads; not read further");
    }

    @Test
    void retriesWithBackoffUntilTheServiceIsHealthy() throws Exception {
        server.enqueue(json(503, "spring-out-of-service.json", "application/json"));
        server.enqueue(json(503, "spring-v3-down.json", "application/json"));
        server.enqueue(json(200, "spring-v3-up.json", "application/json"));

        Result result = check.run(new HealthConfig(url(), 10), context(null));

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("health of " + url() + " is UP (HTTP 200)");
        assertThat(result.evidence()).containsEntry("attempts", 3);
        assertThat((Long) result.evidence().get("elapsedMs")).as("paused 250ms, then 500ms").isGreaterThanOrEqualTo(750L);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    @Timeout(10)
    void reportsErrorSayingHowLongItWaitedWhenTheServiceNeverAnswers() throws Exception {
        int port = freePort();

        Result result = check.run(new HealthConfig("http://localhost:" + port + "/actuator/health", 1), context(null));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        Matcher m = Pattern.compile("could not connect to localhost:" + port + " within 10s: connection refused;"
                + " still so after waiting 1s \\((\\d+) attempts\\)").matcher(result.summary());
        assertThat(m.matches()).as(result.summary()).isTrue();
        assertThat(result.evidence()).containsEntry("attempts", Integer.parseInt(m.group(1)));
        assertThat(Integer.parseInt(m.group(1))).isBetween(2, 5);
    }

    @Test
    void failsAfterWaitingWhenTheServiceStaysDown() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return json(503, "spring-v3-down.json", "application/json");
            }
        });

        Result result = check.run(new HealthConfig(url(), 1), context(null));

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).startsWith("health of " + url() + " is DOWN (HTTP 503), but expected UP: charlie is DOWN;"
                + " still so after waiting 1s (");
        assertThat(server.getRequestCount()).isEqualTo((Integer) result.evidence().get("attempts"));
    }

    @Test
    void reportsErrorWhenTheEndpointNeedsCredentials() throws Exception {
        server.enqueue(new MockResponse.Builder().code(401).setHeader("WWW-Authenticate", "Bearer").build());

        Result result = run(null);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo(url() + " answered HTTP 401, so its health could not be read: the endpoint needs credentials");
        assertThat(result.remedy()).startsWith("Send credentials with <http><headers>");
        assertNoSecretIn(result);
    }

    @Test
    void failsWhenThereIsNoHealthEndpoint() throws Exception {
        server.enqueue(new MockResponse.Builder().code(404).body("Not Found").build());

        Result result = run(null);

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("there is no health endpoint at " + url() + ": it answered HTTP 404");
    }

    @Test
    void passesOverHttpsWithThePrivateCaFromTrustCertificates() throws Exception {
        HeldCertificate root = new HeldCertificate.Builder().certificateAuthority(0).commonName("Readiness Test Root CA").build();
        HeldCertificate leaf = new HeldCertificate.Builder().addSubjectAlternativeName("localhost").signedBy(root).build();
        server.useHttps(new HandshakeCertificates.Builder().heldCertificate(leaf).build().sslSocketFactory());
        server.enqueue(json(200, "microprofile-up.json", "application/json"));
        Path pem = Files.writeString(dir.resolve("ca.pem"), root.certificatePem());

        Result result = check.run(new HealthConfig(url(), null), CheckContext.builder(dir)
                .http(new HttpSettings(null, TIMEOUT, pem, Map.of("Authorization", SECRET), null, List.of(origin()))).build());

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(url()).startsWith("https://");
        RecordedRequest request = server.takeRequest();
        assertThat(request.getHandshake()).isNotNull();
        assertThat(request.getHeaders().get("Authorization")).isEqualTo(SECRET);
    }

    @Test
    void reportsErrorWhenNeitherUrlNorTargetIsConfigured() throws Exception {
        Result result = check.run(new HealthConfig(null, null), context(null));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("health has no url and no <target> is configured");
        assertThat(result.remedy()).isEqualTo("Set <target> to the deployed service's base URL, or give the health check a <url>.");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void bindsItsConfigurationWithDefaults() throws Exception {
        assertThat(ConfigBinder.bind("health", HealthConfig.class, yaml("{}"), List.of("level")))
                .isEqualTo(new HealthConfig(null, 0));
        assertThat(ConfigBinder.bind("health", HealthConfig.class,
                yaml("url: https://staging.example.com/actuator/health\nwaitSeconds: 120"), List.of("level")))
                .isEqualTo(new HealthConfig("https://staging.example.com/actuator/health", 120));
    }

    @Test
    void rejectsIllTypedAndUnknownParameters() {
        assertThatThrownBy(() -> ConfigBinder.bind("health", HealthConfig.class, yaml("waitSeconds: 2m"), List.of("level")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("health.waitSeconds: '2m' is not a whole number");
        assertThatThrownBy(() -> ConfigBinder.bind("health", HealthConfig.class, yaml("waitSeconds: -5"), List.of("level")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("health: waitSeconds is -5, but it counts seconds from 0 to 3600");
        assertThatThrownBy(() -> ConfigBinder.bind("health", HealthConfig.class, yaml("url: /actuator/health"), List.of("level")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("health: url '/actuator/health' is not an http(s) URL: write it as https://host[:port]/actuator/health");
        assertThatThrownBy(() -> ConfigBinder.bind("health", HealthConfig.class, yaml("wait: 5"), List.of("level")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("unknown parameter 'wait' of health; known parameters: level, requiredComponents, url, waitSeconds");
    }

    /** Runs the check against {@code url}, or against this test's server when {@code null}. */
    private Result run(String url) {
        return check.run(new HealthConfig(url == null ? url() : url, null), context(null));
    }

    @Test
    void settlesIntegrationsWhenEveryRequiredComponentIsUpNestedPathsIncluded() throws Exception {
        server.enqueue(json(200, "spring-v3-up.json", "application/vnd.spring-boot.actuator.v3+json"));

        Result result = check.run(new HealthConfig(url(), null, List.of("db", "broker/us2")), context(null));

        Result integrations = result.claims().get(HealthCheck.INTEGRATIONS);
        assertThat(integrations.status()).isEqualTo(Status.PASS);
        assertThat(integrations.summary()).isEqualTo("db, broker/us2 are UP in the health answer of " + url());
        assertThat(integrations.measured()).isEqualTo("2 of 2 UP");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void failsIntegrationsNamingAnAbsentComponentAndTheComponentsThereAre() throws Exception {
        server.enqueue(json(200, "spring-v3-up.json", "application/vnd.spring-boot.actuator.v3+json"));

        Result result = check.run(new HealthConfig(url(), null, List.of("db", "redis")), context(null));

        Result integrations = result.claims().get(HealthCheck.INTEGRATIONS);
        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(integrations.status()).isEqualTo(Status.FAIL);
        assertThat(integrations.summary()).isEqualTo("no component 'redis' in the health response; components: broker, broker/us1,"
                + " broker/us2, db, diskSpace");
        assertThat(integrations.findings()).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("health.integrations:redis");
            assertThat(f.location()).isEqualTo(url());
        });
    }

    @Test
    void failsIntegrationsNamingARequiredComponentThatIsDownWithItsError() throws Exception {
        server.enqueue(json(503, "spring-v3-down-nested.json", "application/vnd.spring-boot.actuator.v3+json"));

        Result result = check.run(new HealthConfig(url(), null, List.of("db", "broker", "ping")), context(null));

        Result integrations = result.claims().get(HealthCheck.INTEGRATIONS);
        assertThat(integrations.status()).isEqualTo(Status.FAIL);
        assertThat(integrations.summary()).isEqualTo("db is DOWN (java.lang.RuntimeException: Unable to connect to the database);"
                + " broker is DOWN (broker/us2 is DOWN: java.net.ConnectException: Connection refused)");
        assertThat(integrations.measured()).isEqualTo("1 of 3 UP");
        assertThat(integrations.findings()).extracting(f -> f.key()).containsExactly("health.integrations:db", "health.integrations:broker");
    }

    @Test
    void errorsOnIntegrationsWhenTheAnswerShowsNoComponents() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/vnd.spring-boot.actuator.v3+json")
                .body("{\"status\":\"UP\"}").build());

        Result result = check.run(new HealthConfig(url(), null, List.of("db")), context(null));

        Result integrations = result.claims().get(HealthCheck.INTEGRATIONS);
        assertThat(integrations.status()).isEqualTo(Status.ERROR);
        assertThat(integrations.summary()).isEqualTo(url() + " answered UP without component details, so whether db are up could not"
                + " be determined");
        assertThat(integrations.remedy()).contains("management.endpoint.health.show-components=always");
    }

    @Test
    void errorsOnIntegrationsWhenTheClaimIsBoundAndNoComponentIsRequired() throws Exception {
        server.enqueue(json(200, "spring-v3-up.json", "application/vnd.spring-boot.actuator.v3+json"));

        Result result = check.run(new HealthConfig(url(), null), CheckContext.builder(dir)
                .http(new HttpSettings(null, TIMEOUT, null, Map.of(), null)).boundClaims(Set.of(HealthCheck.INTEGRATIONS)).build());

        assertThat(result.claims().get(HealthCheck.INTEGRATIONS).status()).isEqualTo(Status.ERROR);
        assertThat(result.claims().get(HealthCheck.INTEGRATIONS).summary()).startsWith("health has no requiredComponents");
    }

    @Test
    void offersIntegrationsOnlyAfterDeploymentAndRejectsANameThatIsNotOne() {
        assertThat(check.claims()).extracting(c -> c.id() + " " + c.stage()).containsExactly("health build",
                "health.integrations postDeploy");
        assertThatThrownBy(() -> new HealthConfig(null, null, List.of("/db"))).hasMessageContaining("'/db', which is not a component name");
    }

    private String url() {
        return server.url("/actuator/health").toString();
    }

    private URI origin() {
        return URI.create(server.url("/").newBuilder().encodedPath("/").build().toString().replaceAll("/$", ""));
    }

    private CheckContext context(String target) {
        return context(target, TIMEOUT);
    }

    /** With no target, the headers go to the server's origin, as the engine lets them when the POM writes the check's url. */
    private CheckContext context(String target, Duration timeout) {
        HttpSettings http = new HttpSettings(target == null ? null : URI.create(target), timeout, null,
                Map.of("Authorization", SECRET), null, List.of(origin()));
        return CheckContext.builder(dir).http(http).build();
    }

    private static MockResponse json(int code, String fixture, String contentType) {
        try (InputStream in = HealthCheckTest.class.getResourceAsStream(fixture)) {
            return new MockResponse.Builder().code(code).setHeader("Content-Type", contentType)
                    .body(new String(in.readAllBytes(), StandardCharsets.UTF_8)).build();
        } catch (IOException e) {
            throw new IllegalStateException(fixture, e);
        }
    }

    private static void assertNoSecretIn(Result result) {
        assertThat(result.toString()).doesNotContain("s3cr3t");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static JsonNode yaml(String text) throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(text);
    }
}
