package dev.readiness.checks.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.readiness.check.CheckContext;
import dev.readiness.check.HttpSettings;
import dev.readiness.check.Result;
import dev.readiness.check.Stage;
import dev.readiness.check.Status;
import dev.readiness.checks.http.HttpMessages;
import dev.readiness.checks.http.LoopbackServer;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real OkHttp client against the JDK's HTTP server on loopback, which answers each expr as a real Prometheus 2.42.0
 * answered it ({@link RecordedAnswer}: status, content type and body as recorded), or, for what that version cannot
 * produce, with a fixture in the shape Prometheus' HTTP API documents (see the fixtures' README).
 */
@Timeout(30)
class PrometheusQueryCheckTest {

    private static final Instant NOW = Instant.parse("2025-12-02T13:00:00Z");
    private static final String REMOTE_READ_REFUSED = "remote_read: error sending request: Post"
            + " \"http://127.0.0.1:39091/api/v1/read\": dial tcp 127.0.0.1:39091: connect: connection refused";
    private static final String UP = "{__name__=\"up\",instance=\"127.0.0.1:39090\",job=\"prometheus\"}";

    @TempDir
    Path dir;

    private final LoopbackServer server = new LoopbackServer();
    private final PrometheusQueryCheck check = new PrometheusQueryCheck();
    /** expr to the recorded answer the server gives it. */
    private final Map<String, RecordedAnswer> recorded = new HashMap<>();
    /** expr to a fixture in the documented shape, answered with 200. */
    private final Map<String, String> documented = new HashMap<>();

    PrometheusQueryCheckTest() throws Exception {
        server.on("/api/v1/query", exchange -> {
            String expr = params(exchange.getRequestURI().getRawQuery()).get("query");
            RecordedAnswer answer = recorded.get(expr);
            if (answer != null) {
                answer.serve(exchange);
                return;
            }
            String fixture = documented.get(expr);
            if (fixture == null) {
                LoopbackServer.answer(exchange, 500, "text/plain", "no answer recorded for " + expr);
                return;
            }
            try (InputStream in = getClass().getResourceAsStream(fixture)) {
                LoopbackServer.answer(exchange, 200, "application/json", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Map<String, String> params(String rawQuery) {
        return Arrays.stream(rawQuery.split("&")).map(p -> p.split("=", 2)).collect(Collectors.toMap(
                p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8), p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }

    /** Has the server answer the recording's query as Prometheus did; returns that query. */
    private String recorded(String name) {
        RecordedAnswer answer = RecordedAnswer.named(name);
        recorded.put(answer.query(), answer);
        return answer.query();
    }

    private CheckContext context(Set<String> bound) {
        return CheckContext.builder(dir).http(new HttpSettings(null, Duration.ofSeconds(5), null, Map.of(), null))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).stage(Stage.POST_DEPLOY).boundClaims(bound).build();
    }

    private Result run(PrometheusQueryConfig.Query... queries) throws Exception {
        return check.run(new PrometheusQueryConfig(server.url(), List.of(queries)), context(Set.of("prometheusQuery")));
    }

    private static PrometheusQueryConfig.Query query(String name, String expr, String claim, String min, String max) {
        return new PrometheusQueryConfig.Query(name, expr, claim, min == null ? null : new BigDecimal(min),
                max == null ? null : new BigDecimal(max));
    }

    @Test
    void failsARecordedErrorRatioAboveItsMaxAndAsksAtTheRunsTime() throws Exception {
        String ratio = recorded("error-ratio-with-5xx");

        Result result = run(query("5xx ratio", ratio, "errorRate", null, "0.01"));

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("1 of 1 errorRate query fell short: '5xx ratio' is 0.039268921423904306,"
                + " above its max 0.01");
        assertThat(result.measured()).isEqualTo("0 of 1 met");
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("prometheusQuery:5xx ratio");
            assertThat(f.message()).isEqualTo("query '5xx ratio' is 0.039268921423904306, above its max 0.01 (" + ratio + ")");
            assertThat(f.location()).isEqualTo(server.url() + "/api/v1/query");
        });
        assertThat(result.remedy()).startsWith("Find and fix what raises the error rate");
        assertThat(result.evidence()).containsEntry("prometheusUrl", server.url() + "/").containsEntry("time", "2025-12-02T13:00:00Z");
        assertThat(server.received).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(params(r.pathAndQuery().substring(r.pathAndQuery().indexOf('?') + 1))).containsExactlyInAnyOrderEntriesOf(
                    Map.of("query", ratio, "time", "1764680400.000", "timeout", "5000ms"));
        });
    }

    @Test
    void failsNamingEachSeriesOutsideItsBoundsByItsLabels() throws Exception {
        String rates = recorded("several-series");

        Result result = run(query("5xx ratio", recorded("error-ratio-or-vector-zero"), "errorRate", null, "0.01"),
                query("request rate", rates, "performance", null, "0.06"));

        Result performance = result.claims().get(PrometheusQueryCheck.PERFORMANCE);
        assertThat(performance.status()).isEqualTo(Status.FAIL);
        assertThat(performance.summary()).isEqualTo("1 of 1 performance query fell short: 'request rate' is 0.09838694767979293"
                + " on {handler=\"/api/v1/query\"}, above its max 0.06");
        assertThat(performance.findings()).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("prometheusQuery:request rate{handler=\"/api/v1/query\"}");
            assertThat(f.message()).isEqualTo("query 'request rate' is 0.09838694767979293 on {handler=\"/api/v1/query\"},"
                    + " above its max 0.06 (" + rates + ")");
        });
        assertThat(performance.remedy()).startsWith("Find why the figure is out of range");
        assertThat(result.status()).isEqualTo(Status.PASS);
    }

    @Test
    void passesEachClaimFromItsOwnQueries() throws Exception {
        Result result = run(query("5xx ratio", recorded("error-ratio-or-vector-zero"), "errorRate", null, "0.01"),
                query("targets up", recorded("scalar"), "performance", "1", null),
                query("up", recorded("up-one-series"), "baseline", null, null));

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("all 1 errorRate query met their bounds: '5xx ratio' 0 (max 0.01)");
        assertThat(result.measured()).isEqualTo("1 of 1 met");
        Result performance = result.claims().get(PrometheusQueryCheck.PERFORMANCE);
        assertThat(performance.status()).isEqualTo(Status.PASS);
        assertThat(performance.summary()).isEqualTo("all 1 performance query met their bounds: 'targets up' 1 (min 1)");
        Result baseline = result.claims().get(PrometheusQueryCheck.BASELINE);
        assertThat(baseline.status()).isEqualTo(Status.PASS);
        assertThat(baseline.summary()).isEqualTo("all 1 baseline query returned data: 'up' 1 on " + UP);
        assertThat(result.findings()).isEmpty();
        assertThat(server.received).hasSize(3);
    }

    @Test
    void reportsPrometheusInfosAsNotesOfAPass() throws Exception {
        documented.put("cpu", "cpu-baseline-with-info.json");

        Result baseline = run(query("5xx ratio", recorded("aggregate-without-labels"), "errorRate", null, "1"),
                query("cpu", "cpu", "baseline", null, null)).claims().get(PrometheusQueryCheck.BASELINE);

        assertThat(baseline.status()).isEqualTo(Status.PASS);
        assertThat(baseline.summary()).isEqualTo("all 1 baseline query returned data: 'cpu' 0.37 on {pod=\"shop-7d9f8-abcde\"},"
                + " 0.41 on {pod=\"shop-7d9f8-fghij\"}");
        assertThat(baseline.findings()).singleElement().satisfies(f -> {
            assertThat(f.cause()).isFalse();
            assertThat(f.key()).isEqualTo("prometheusQuery:cpu:info");
            assertThat(f.message()).startsWith("query 'cpu': Prometheus remarks: PromQL info: metric might not be a counter");
        });
    }

    @Test
    void anAnswerPrometheusWarnsMayLackDataIsAnErrorEvenWithItsSeriesWithinBounds() throws Exception {
        Result result = run(query("up", recorded("remote-read-warning-with-data"), "errorRate", "1", "1"),
                query("remote up", recorded("remote-read-warning"), "errorRate", "1", null));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("2 of 2 errorRate queries could not be evaluated: 'up': Prometheus warned that"
                + " its answer (1 series) may lack data: " + REMOTE_READ_REFUSED + ", so it could not be determined; 'remote up':"
                + " Prometheus warned that its answer (0 series) may lack data: " + REMOTE_READ_REFUSED + ", so it could not be"
                + " determined");
        assertThat(result.remedy()).startsWith("Fix what Prometheus warns about");
        assertThat(result.findings()).extracting(f -> f.key()).containsExactly("prometheusQuery:up", "prometheusQuery:remote up");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> evidence = (List<Map<String, Object>>) result.evidence().get("queries");
        assertThat(evidence.get(0)).containsEntry("warnings", List.of(REMOTE_READ_REFUSED))
                .containsEntry("series", List.of(Map.of("labels", UP, "value", "1")));
    }

    @Test
    void anEmptyVectorIsAnErrorNeverAPass() throws Exception {
        Result result = run(query("typo", recorded("unknown-metric-empty"), "errorRate", null, "0.01"));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("1 of 1 errorRate query could not be evaluated: 'typo': the query returned no series");
        assertThat(result.findings()).singleElement().satisfies(f -> assertThat(f.key()).isEqualTo("prometheusQuery:typo"));
        assertThat(result.remedy()).contains("misspelt metric or label name");
    }

    @Test
    void aRatioBeforeTheFirstErrorReturnsNoSeriesAndIsAnErrorWhoseRemedyShowsHowToReadItAsZero() throws Exception {
        Result result = run(query("5xx ratio", recorded("error-ratio-without-5xx-series"), "errorRate", null, "0.01"));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("1 of 1 errorRate query could not be evaluated: '5xx ratio': the query returned"
                + " no series");
        assertThat(result.remedy()).contains("a ratio whose numerator counts only errors while there has been none",
                "(sum(rate(errors[5m])) or vector(0)) / sum(rate(requests[5m]))", "a misspelt numerator then reads as 0 too");
    }

    @Test
    void aNanFromAWindowWithoutRequestsAndAnInfFromADivisionByZeroCouldNotBeDetermined() throws Exception {
        Result result = run(query("5xx ratio", recorded("error-ratio-no-traffic-nan"), "errorRate", null, "0.01"),
                query("per target", recorded("division-by-zero"), "errorRate", null, "0.01"));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("2 of 2 errorRate queries could not be evaluated: '5xx ratio': the value is NaN,"
                + " not a number to compare, so it could not be determined; 'per target': the value is +Inf, not a number to"
                + " compare, so it could not be determined");
        assertThat(result.remedy()).startsWith("A NaN is 0/0");
    }

    @Test
    void prometheusErrorAnswersAreErrorsNamingTheirTypeAndATimeoutNamesTheTimeoutSent() throws Exception {
        Result result = run(query("unclosed", recorded("parse-error"), "errorRate", null, "0.01"),
                query("many to many", recorded("many-to-many"), "errorRate", null, "0.01"),
                query("slow", recorded("query-timeout"), "errorRate", null, "0.01"));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.findings()).extracting(f -> f.message()).satisfiesExactly(
                m -> assertThat(m).endsWith(": Prometheus answered an error, errorType bad_data: invalid parameter \"query\":"
                        + " 1:45: parse error: unclosed left parenthesis"),
                m -> assertThat(m).contains(": Prometheus answered an error, errorType execution: found duplicate series for the"
                        + " match group {handler=\"/api/v1/query\""),
                m -> assertThat(m).endsWith(": Prometheus answered an error, errorType timeout: query timed out in query"
                        + " execution"));
        assertThat(result.remedy()).isEqualTo("Run the expr in Prometheus' own UI (/graph) to see the same answer, and correct"
                + " the expr or the prometheusUrl. Prometheus stopped the query at the timeout this build sends with it, the"
                + " <http> timeout: make the expr cheaper (a shorter range, fewer series, a recording rule) or raise"
                + " <http><timeout>.");
        assertThat(server.received).hasSize(3);
    }

    @Test
    void failsAValueBelowItsMinEvenWhenAnotherQueryIsAnError() throws Exception {
        Result result = run(query("5xx ratio", "ratio", "errorRate", null, "0.01"),
                query("targets up", recorded("up-one-series"), "performance", "2", null),
                query("broken", recorded("parse-error"), "performance", null, "1"));

        Result performance = result.claims().get(PrometheusQueryCheck.PERFORMANCE);
        assertThat(performance.status()).isEqualTo(Status.FAIL);
        assertThat(performance.summary()).isEqualTo("1 of 2 performance queries fell short: 'targets up' is 1 on " + UP
                + ", below its min 2; 1 could not be evaluated");
        assertThat(performance.findings()).extracting(f -> f.key()).containsExactly("prometheusQuery:targets up" + UP,
                "prometheusQuery:broken");
        // the errorRate query got a 500 that is not Prometheus' own error
        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("1 of 1 errorRate query could not be evaluated: '5xx ratio': " + server.url()
                + "/api/v1/query answered HTTP 500, not Prometheus' HTTP API");
    }

    @Test
    void withoutAnErrorRateQueryTheMainClaimIsAnErrorWhenBoundAndSkippedWhenNot() throws Exception {
        PrometheusQueryConfig config = new PrometheusQueryConfig(server.url(), List.of(query("up", recorded("scalar"),
                "performance", null, "1")));

        Result bound = check.run(config, context(Set.of("prometheusQuery", PrometheusQueryCheck.BASELINE)));
        Result unbound = check.run(config, context(Set.of()));

        assertThat(bound.status()).isEqualTo(Status.ERROR);
        assertThat(bound.summary()).isEqualTo("no errorRate query is configured, so whether \"Error rates within acceptable"
                + " threshold\" holds could not be determined");
        assertThat(bound.claims().get(PrometheusQueryCheck.BASELINE).status()).isEqualTo(Status.ERROR);
        assertThat(unbound.status()).isEqualTo(Status.SKIPPED);
        assertThat(unbound.claims()).containsOnlyKeys(PrometheusQueryCheck.PERFORMANCE);
    }

    @Test
    void sendsUserInfoAsBasicCredentialsAndNeverPrintsIt() throws Exception {
        server.on("/secured/api/v1/query", exchange -> LoopbackServer.answer(exchange, 401, "text/plain", "Unauthorized"));
        String url = server.url().replace("http://", "http://reader:s3cret-pw@") + "/secured";

        Result result = check.run(new PrometheusQueryConfig(url, List.of(query("5xx", "x", "errorRate", null, "0.01"))),
                context(Set.of("prometheusQuery")));

        assertThat(server.received).singleElement().satisfies(r -> assertThat(r.header("Authorization"))
                .isEqualTo("Basic cmVhZGVyOnMzY3JldC1wdw=="));
        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("1 of 1 errorRate query could not be evaluated: '5xx': " + server.url()
                + "/secured/api/v1/query answered HTTP 401: Prometheus needs credentials this build did not send (user info in"
                + " prometheusUrl, or <http><headers> when it is the <target>)");
        assertThat(result.toString()).doesNotContain("s3cret-pw");
    }

    @Test
    void anUnreachablePrometheusIsAnErrorNamingHostAndPortAndTheQueriesAfterTheFirstAreNotSent() throws Exception {
        int port = LoopbackServer.closedPort();
        Result result = check.run(new PrometheusQueryConfig("http://127.0.0.1:" + port, List.of(query("5xx", "x", "errorRate",
                null, "0.01"), query("timeouts", "y", "errorRate", null, "0.001"))), context(Set.of("prometheusQuery")));

        String refused = "could not connect to 127.0.0.1:" + port + " within 5s: connection refused";
        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("2 of 2 errorRate queries could not be evaluated: '5xx': " + refused
                + "; 'timeouts': not sent, since the query before it got no answer: " + refused);
        assertThat(result.remedy()).isEqualTo(HttpMessages.UNREACHABLE_REMEDY);
    }

    @Test
    void anAnswerOverOneMebibyteIsAnErrorAndTheNextQueryIsStillSent() throws Exception {
        server.on("/big/api/v1/query", exchange -> LoopbackServer.answer(exchange, 200, "application/json",
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" + "{\"metric\":{},\"value\":[1,\"1\"]},"
                        .repeat(40_000) + "]}}"));

        Result result = check.run(new PrometheusQueryConfig(server.url() + "/big", List.of(query("a", "x", "errorRate", null, "1"),
                query("b", "y", "errorRate", null, "1"))), context(Set.of("prometheusQuery")));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).startsWith("2 of 2 errorRate queries could not be evaluated: 'a': the answer to query 'a'"
                + " from " + server.url() + "/big/api/v1/query");
        assertThat(result.summary()).contains("more than the 1048576 read at most");
        assertThat(server.received).hasSize(2);
    }

    @Test
    void isAnErrorWithoutPrometheusUrlOrQueries() throws Exception {
        Result noUrl = check.run(new PrometheusQueryConfig(null, List.of(query("5xx", "x", "errorRate", null, "0.01"))),
                context(Set.of()));
        Result noQueries = check.run(new PrometheusQueryConfig(server.url(), null), context(Set.of()));

        assertThat(noUrl.status()).isEqualTo(Status.ERROR);
        assertThat(noUrl.summary()).isEqualTo("prometheusQuery has no prometheusUrl");
        assertThat(noQueries.status()).isEqualTo(Status.ERROR);
        assertThat(noQueries.summary()).isEqualTo("prometheusQuery has no queries configured (parameter queries), so no figure"
                + " could be read");
        assertThat(server.received).isEmpty();
    }

    @Test
    void refusesQueriesThatCannotDecideTheirClaim() {
        assertThatThrownBy(() -> query("cpu", "x", "baseline", null, "1")).hasMessage("query 'cpu': a baseline query only needs"
                + " to return data, so it takes no min or max; bound a figure with a performance query");
        assertThatThrownBy(() -> query("5xx", "x", "errorRate", null, null)).hasMessage("query '5xx': an errorRate query needs a"
                + " min, a max or both, such as <max>0.01</max>");
        assertThatThrownBy(() -> query("5xx", "x", "errors", null, "1")).hasMessage("query '5xx': claim is 'errors'; write one of"
                + " errorRate, performance, baseline");
        assertThatThrownBy(() -> query("p99", "x", "performance", "2", "1")).hasMessage("query 'p99': min 2 is above max 1");
        assertThatThrownBy(() -> new PrometheusQueryConfig("http://p", List.of(query("a", "x", "baseline", null, null),
                query("a", "y", "baseline", null, null)))).hasMessage("two queries are named 'a': name each query once");
    }
}
