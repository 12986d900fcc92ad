package dev.readiness.checks.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Finding;
import dev.readiness.check.HttpSettings;
import dev.readiness.check.Result;
import dev.readiness.check.Stage;
import dev.readiness.check.Status;
import dev.readiness.checks.http.LoopbackServer;
import dev.readiness.engine.ConfigBinder;
import dev.readiness.engine.ConfigurationException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real OkHttp client against the JDK's HTTP server on loopback; each test also asserts what the server received. */
@Timeout(30)
class SmokeCheckTest {

    private static final String SECRET = "Bearer s3cr3t-t0ken";

    @TempDir
    Path dir;

    private final LoopbackServer server = new LoopbackServer();
    private final SmokeCheck check = new SmokeCheck();

    SmokeCheckTest() throws Exception {
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static SmokeConfig config(String yaml) throws ConfigurationException {
        try {
            return ConfigBinder.bind("smoke", SmokeConfig.class, new YAMLMapper().readTree(yaml), List.of());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private CheckContext context(String target, Duration timeout, Stage stage) {
        return CheckContext.builder(dir).stage(stage)
                .http(new HttpSettings(target == null ? null : URI.create(target), timeout, null, Map.of("Authorization", SECRET), null))
                .build();
    }

    private CheckContext afterDeployment() {
        return context(server.url() + "/app", Duration.ofSeconds(5), Stage.POST_DEPLOY);
    }

    @Test
    void speaksOfOneProbeInTheSingular() throws Exception {
        server.on("/app/api/status", LoopbackServer.json(200, "{\"status\":\"ok\"}"));

        Result result = check.run(config("probes: [{name: status, path: /api/status}]"), afterDeployment());

        assertThat(result.summary()).isEqualTo("the one probe was sent and answered");
        assertThat(result.claims().get("smoke.passed").summary())
                .isEqualTo("the one probe answered with its expected status, met its expectations and latency");
    }

    @Test
    void passesWhenEveryProbeMeetsItsStatusExpectationsAndLatency() throws Exception {
        server.on("/app/api/status", LoopbackServer.json(200, "{\"status\":\"ok\",\"items\":[{\"id\":7}],\"count\":2}"))
                .on("/app/api/orders", LoopbackServer.json(201, "{\"id\":\"o-1\"}"));

        Result result = check.run(config("""
                probes:
                  - {name: status, path: /api/status, expect: ['/status == "ok"', '/items/0/id exists', '/count == 2.0', '/status != "down"'], maxLatency: 5s}
                  - {name: order, method: post, path: /api/orders, headers: {X-Probe: smoke}, body: '{"sku":"A1"}', status: 201}
                """), afterDeployment());

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("all 2 probes were sent and answered");
        Result passed = result.claims().get("smoke.passed");
        assertThat(passed.status()).isEqualTo(Status.PASS);
        assertThat(passed.summary()).isEqualTo("all 2 probes answered with their expected status, met their expectations and latency");
        assertThat(passed.measured()).isEqualTo("2 of 2 met");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> probes = (List<Map<String, Object>>) result.evidence().get("probes");
        assertThat(probes).extracting(p -> p.get("name"), p -> p.get("url"), p -> p.get("status"), p -> p.get("passed"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("status", server.url() + "/app/api/status", 200, true),
                        org.assertj.core.groups.Tuple.tuple("order", server.url() + "/app/api/orders", 201, true));
        assertThat(server.received).hasSize(2);
        LoopbackServer.Received order = server.received.stream().filter(r -> r.method().equals("POST")).findFirst().orElseThrow();
        assertThat(order.body()).isEqualTo("{\"sku\":\"A1\"}");
        assertThat(order.header("Content-Type")).startsWith("application/json");
        assertThat(order.header("X-Probe")).isEqualTo("smoke");
        assertThat(order.header("Authorization")).isEqualTo(SECRET);
    }

    @Test
    void failsNamingEachProbeThatFellShortWithWhatWasMeasuredAndExpected() throws Exception {
        server.on("/app/api/status", LoopbackServer.json(200, "{\"status\":\"degraded\",\"items\":[]}"))
                .on("/app/api/cart", LoopbackServer.json(503, "{}"));

        Result result = check.run(config("""
                probes:
                  - {name: status, path: /api/status, expect: ['/status == "ok"', '/items/0/id exists']}
                  - {name: cart, path: /api/cart}
                """), afterDeployment());

        assertThat(result.status()).isEqualTo(Status.PASS);
        Result passed = result.claims().get("smoke.passed");
        assertThat(passed.status()).isEqualTo(Status.FAIL);
        assertThat(passed.summary()).isEqualTo("2 of 2 probes fell short: 'status', 'cart'");
        assertThat(passed.findings()).extracting(Finding::key, Finding::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("smoke:status", "probe 'status': GET " + server.url() + "/app/api/status"
                        + " /status is \"degraded\", expected /status == \"ok\"; /items/0/id is missing, expected /items/0/id exists"),
                org.assertj.core.groups.Tuple.tuple("smoke:cart", "probe 'cart': GET " + server.url() + "/app/api/cart"
                        + " answered HTTP 503, expected 200"));
        assertThat(passed.findings().get(1).evidence()).containsEntry("status", 503).containsEntry("expectedStatus", 200);
    }

    @Test
    void failsAProbeThatAnswersSlowerThanItsMaxLatency() throws Exception {
        server.on("/app/slow", exchange -> {
            sleep(400);
            LoopbackServer.answer(exchange, 200, "text/plain", "fine");
        });

        Result result = check.run(config("probes: [{name: slow, path: /slow, maxLatency: 100ms}]"), afterDeployment());

        Finding finding = result.claims().get("smoke.passed").findings().get(0);
        assertThat(finding.key()).isEqualTo("smoke:slow");
        assertThat(finding.message()).matches("probe 'slow': GET http://127\\.0\\.0\\.1:\\d+/app/slow took \\d+ms, more than its maxLatency of 100ms");
        assertThat((Long) finding.evidence().get("latencyMs")).isGreaterThanOrEqualTo(400L);
        assertThat(finding.evidence()).containsEntry("maxLatencyMs", 100L);
    }

    @Test
    void errorsWhenAProbeGetsNoAnswerWithinTheTimeout() throws Exception {
        server.on("/app/hang", exchange -> {
            sleep(3000);
            LoopbackServer.answer(exchange, 200, "text/plain", "late");
        }).on("/app/ok", LoopbackServer.json(200, "{}"));

        Result result = check.run(config("probes: [{name: hang, path: /hang}, {name: ok, path: /ok}]"),
                context(server.url() + "/app", Duration.ofMillis(500), Stage.POST_DEPLOY));

        String where = server.url().substring("http://".length());
        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("1 of 2 probes got no answer: 'hang'");
        assertThat(result.findings()).extracting(Finding::key, Finding::message).containsExactly(org.assertj.core.groups.Tuple.tuple(
                "smoke:hang", "probe 'hang': GET " + server.url() + "/app/hang got no answer: " + where + " did not answer within 500ms"));
        assertThat(result.claims().get("smoke.passed").status()).isEqualTo(Status.ERROR);
        assertThat(result.remedy()).contains("raise <http><timeout>");
    }

    @Test
    void errorsOnABodyLargerThanTheLimitWithoutReadingItAll() throws Exception {
        server.on("/app/huge", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: no length declared, found while reading
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 64; i++) { // 4 MiB
                    out.write(chunk);
                }
            } catch (java.io.IOException e) {
                // the client stopped reading: expected
            }
        });

        Result result = check.run(config("probes: [{name: huge, path: /huge}]"), afterDeployment());

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.findings().get(0).message()).startsWith("probe 'huge': GET " + server.url() + "/app/huge got no answer: ")
                .contains("1048576");
    }

    @Test
    void failsOnARedirectWithoutFollowingIt() throws Exception {
        server.on("/app/loop", exchange -> {
            exchange.getResponseHeaders().set("Location", "/app/loop");
            LoopbackServer.answer(exchange, 302, null, "");
        });

        Result result = check.run(config("probes: [{name: loop, path: /loop}]"), afterDeployment());

        assertThat(result.claims().get("smoke.passed").findings().get(0).message()).isEqualTo("probe 'loop': GET " + server.url()
                + "/app/loop answered HTTP 302 (a redirect to " + server.url() + "/app/loop, not followed), expected 200");
        assertThat(server.received).hasSize(1);
    }

    @Test
    void failsExpectationsOnABodyThatIsNotJson() throws Exception {
        server.on("/app/status", exchange -> LoopbackServer.answer(exchange, 200, "application/json", "{\"status\": \"ok\""));

        Result result = check.run(config("probes: [{name: status, path: /status, expect: ['/status == \"ok\"']}]"), afterDeployment());

        assertThat(result.claims().get("smoke.passed").findings().get(0).message())
                .startsWith("probe 'status': GET " + server.url() + "/app/status the body is not JSON (")
                .endsWith("), so its 1 expectation could not be met");
    }

    @Test
    void masksTheQueryAndUserInfoOfTheUrlItNames() throws Exception {
        server.on("/app/search", LoopbackServer.json(500, "{}"));

        Result result = check.run(config("probes: [{name: search, path: '/search?apiKey=s3cr3t-k3y'}]"),
                context("http://user:pa55w0rd@" + server.url().substring("http://".length()) + "/app", Duration.ofSeconds(5), Stage.POST_DEPLOY));

        String message = result.claims().get("smoke.passed").findings().get(0).message();
        assertThat(message).isEqualTo("probe 'search': GET " + server.url() + "/app/search?… answered HTTP 500, expected 200");
        assertThat(result.toString()).doesNotContain("s3cr3t-k3y").doesNotContain("pa55w0rd");
        assertThat(server.received.get(0).pathAndQuery()).isEqualTo("/app/search?apiKey=s3cr3t-k3y");
    }

    @Test
    void sendsTheProbesConcurrently() throws Exception {
        CountDownLatch bothArrived = new CountDownLatch(2);
        server.on("/app/", exchange -> {
            bothArrived.countDown();
            boolean together = await(bothArrived);
            LoopbackServer.answer(exchange, together ? 200 : 504, "text/plain", "");
        });

        Result result = check.run(config("probes: [{name: a, path: /a}, {name: b, path: /b}]"), afterDeployment());

        assertThat(result.claims().get("smoke.passed").status()).isEqualTo(Status.PASS);
    }

    @Test
    void errorsNamingTheParameterWhenNoProbeIsConfigured() throws Exception {
        Result result = check.run(config("{}"), afterDeployment());

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("smoke has no probes configured (parameter probes), so no smoke test could run");
        assertThat(server.received).isEmpty();
    }

    @Test
    void decidesOnlyWhetherProbesAreImplementedInTheBuildStageAndSendsNothing() throws Exception {
        Result built = check.run(config("probes: [{name: status, path: /status}]"), context(server.url(), Duration.ofSeconds(5), Stage.BUILD));
        Result none = check.run(config("{}"), context(server.url(), Duration.ofSeconds(5), Stage.BUILD));

        assertThat(built.claims().get("smoke.implemented").status()).isEqualTo(Status.PASS);
        assertThat(built.claims().get("smoke.implemented").summary()).isEqualTo("1 smoke probe configured: status");
        assertThat(built.claims()).doesNotContainKey("smoke.passed");
        assertThat(none.claims().get("smoke.implemented").status()).isEqualTo(Status.FAIL);
        assertThat(none.claims().get("smoke.implemented").summary())
                .isEqualTo("no smoke probe is configured, so no deployment verification test exists");
        assertThat(server.received).isEmpty();
    }

    @Test
    void errorsWithoutATargetOrUrl() throws Exception {
        Result result = check.run(config("probes: [{name: status, path: /status}]"), context(null, Duration.ofSeconds(5), Stage.POST_DEPLOY));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("smoke has no url and no <target> is configured");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an expectation without operator    | probes: [{name: a, path: /a, expect: ['/status']}]                 | smoke.probes[0]: probe 'a': the expectation '/status' does not start with a JSON pointer and an operator; write /pointer == <JSON value>, /pointer != <JSON value> or /pointer exists, such as /status == "ok" or /items/0/id exists
            a value that is not JSON           | probes: [{name: a, path: /a, expect: ['/status == ok']}]           | smoke.probes[0]: probe 'a': the value of the expectation '/status == ok' is not a JSON literal (write text in double quotes: "ok"); write /pointer == <JSON value>, /pointer != <JSON value> or /pointer exists, such as /status == "ok" or /items/0/id exists
            an unknown operator                | probes: [{name: a, path: /a, expect: ['/n > 1']}]                  | smoke.probes[0]: probe 'a': the expectation '/n > 1' has no operator ==, != or exists after its pointer; write /pointer == <JSON value>, /pointer != <JSON value> or /pointer exists, such as /status == "ok" or /items/0/id exists
            a GET with a body                  | probes: [{name: a, path: /a, body: x}]                             | smoke.probes[0]: probe 'a': a GET request has no body: use POST or PUT
            a full URL as path                 | probes: [{name: a, path: 'https://evil.example/'}]                 | smoke.probes[0]: probe 'a': path must start with a single / (it is appended to the target, never a URL of its own), got 'https://evil.example/'
            two probes of one name             | probes: [{name: a, path: /a}, {name: a, path: /b}]                  | smoke: two probes are named 'a': name each probe once
            an unknown method                  | probes: [{name: a, method: BREW, path: /a}]                         | smoke.probes[0]: probe 'a': method 'BREW' is not one of DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT
            a status that is no HTTP status    | probes: [{name: a, path: /a, status: 42}]                           | smoke.probes[0]: probe 'a': status 42 is not an HTTP status (100 to 599)
            a probe without a name             | probes: [{path: /a}]                                                | smoke.probes[0]: a probe needs a name of letters, digits, '.', '_' or '-' (at most 64), got none
            """)
    void rejectsABrokenProbeUpFront(String what, String yaml, String message) {
        assertThatThrownBy(() -> config(yaml)).isInstanceOf(ConfigurationException.class).hasMessage(message);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /status == "ok"      | {"status":"ok"}        | true
            /status == "ok"      | {"status":"OK"}        | false
            /status != "down"    | {"status":"ok"}        | true
            /status != "down"    | {}                     | false
            /n == 1              | {"n":1.0}              | true
            /n == 1              | {"n":"1"}              | false
            /a == [1, {"b": 2}]  | {"a":[1,{"b":2.00}]}   | true
            /items/0/id exists   | {"items":[{"id":null}]} | true
            /items/0/id exists   | {"items":[]}           | false
            /a~1b == true        | {"a/b":true}           | true
            /x == null           | {"x":null}             | true
            /n == 1e400          | {"n":1}                | false
            /n != 1e400          | {"n":1e400}            | false
            """)
    void evaluatesExpectationsWithJsonPointers(String expectation, String json, boolean met) throws Exception {
        assertThat(Expectation.parse(expectation).unmetBy(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json)) == null)
                .isEqualTo(met);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
