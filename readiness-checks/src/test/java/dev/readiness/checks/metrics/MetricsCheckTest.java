package dev.readiness.checks.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.readiness.check.CheckContext;
import dev.readiness.check.HttpSettings;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import dev.readiness.checks.http.LoopbackServer;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real OkHttp client against the JDK's HTTP server on loopback, serving expositions as Spring Boot and others write them. */
@Timeout(30)
class MetricsCheckTest {

    private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

    /** What Spring Boot 3 with Micrometer and HikariCP exposes, cut short, with one metric of the application's own. */
    private static final String SPRING = """
            # HELP jvm_memory_used_bytes The amount of used memory
            # TYPE jvm_memory_used_bytes gauge
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 2.4117248E7
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 5.1267392E7
            # HELP process_cpu_usage The "recent cpu usage" for the Java Virtual Machine process
            # TYPE process_cpu_usage gauge
            process_cpu_usage 0.0
            # HELP http_server_requests_seconds
            # TYPE http_server_requests_seconds summary
            http_server_requests_seconds_count{error="none",exception="none",method="GET",outcome="SUCCESS",status="200",uri="/actuator/health"} 3
            http_server_requests_seconds_sum{error="none",exception="none",method="GET",outcome="SUCCESS",status="200",uri="/actuator/health"} 0.041
            # HELP hikaricp_connections_max Max connections
            # TYPE hikaricp_connections_max gauge
            hikaricp_connections_max{pool="HikariPool-1"} 10.0
            # HELP orders_placed_total Orders placed
            # TYPE orders_placed_total counter
            orders_placed_total{channel="web"} 42.0 1733130000000
            """;

    @TempDir
    Path dir;

    private final LoopbackServer server = new LoopbackServer();
    private final MetricsCheck check = new MetricsCheck();

    MetricsCheckTest() throws Exception {
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CheckContext context(String target, Duration timeout) {
        return CheckContext.builder(dir).http(new HttpSettings(URI.create(target), timeout, null, Map.of(), null)).build();
    }

    private Result run(String exposition) throws Exception {
        server.on("/actuator/prometheus", exchange -> LoopbackServer.answer(exchange, 200, PROMETHEUS, exposition));
        return check.run(new MetricsConfig(null), context(server.url(), Duration.ofSeconds(5)));
    }

    @Test
    void passesOnAnApplicationMetricAndSupportsPoolingFromHikariMetrics() throws Exception {
        Result result = run(SPRING);

        String url = server.url() + "/actuator/prometheus";
        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo(url + " exposes 1 application metric (orders_placed_total) besides 5 runtime metrics");
        assertThat(result.evidence()).containsEntry("url", url).containsEntry("metrics", 6).containsEntry("samples", 7)
                .containsEntry("applicationMetrics", List.of("orders_placed_total"));
        Result pool = result.claims().get("metrics.connectionPool");
        assertThat(pool.status()).isEqualTo(Status.PASS);
        assertThat(pool.summary()).isEqualTo("the exposition shows 1 connection pool: HikariPool-1 (hikaricp_connections_max 10)");
        assertThat(server.received).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.header("Accept")).startsWith("application/openmetrics-text");
        });
    }

    @Test
    void failsOnAnExpositionOfRuntimeMetricsAloneAndSkipsPoolingWithoutPoolMetrics() throws Exception {
        Result result = run("""
                # TYPE jvm_threads_live_threads gauge
                jvm_threads_live_threads 21.0
                http_server_requests_seconds_count{uri="/"} 1
                """);

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo(server.url() + "/actuator/prometheus exposes only the runtime's own metrics"
                + " (http_server_requests_seconds_count, jvm_threads_live_threads), no application metric");
        assertThat(result.findings()).singleElement().satisfies(f -> assertThat(f.key()).isEqualTo("metrics:no-application-metric"));
        assertThat(result.claims().get("metrics.connectionPool").status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void failsOnAnExpositionOfWhatLibrariesBringAlongWithoutTheApplicationRecordingAnything() throws Exception {
        Result result = run("""
                # TYPE cache_gets_total counter
                cache_gets_total{cache="products",result="hit"} 12.0
                lettuce_command_completion_seconds_count{command="GET"} 3
                kafka_producer_record_send_total{client_id="orders"} 4.0
                resilience4j_circuitbreaker_state{name="payments",state="closed"} 1.0
                target_info{service_name="shop"} 1
                """);

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.evidence()).containsEntry("applicationMetrics", List.of());
    }

    @Test
    void failsOnAnEmptyExposition() throws Exception {
        Result result = run("# EOF\n");

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo(server.url() + "/actuator/prometheus exposes no metric at all");
    }

    @Test
    void readsOpenMetricsWithExemplarsAndEof() throws Exception {
        Result result = run("""
                # TYPE checkout_seconds histogram
                # UNIT checkout_seconds seconds
                checkout_seconds_bucket{le="0.5"} 3 # {trace_id="4bf92f3577b34da6"} 0.41 1733130000.123
                checkout_seconds_bucket{le="+Inf"} 4
                checkout_seconds_count 4
                checkout_seconds_sum 1.9
                # EOF
                """);

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.evidence()).containsEntry("applicationMetrics",
                List.of("checkout_seconds_bucket", "checkout_seconds_count", "checkout_seconds_sum"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an HTML page                 | <!DOCTYPE html>                         | 1 | line 1: '<!DOCTYPE html>' does not start with a metric name
            a sample without value       | orders_total{a="b"}                     | 1 | line 1: the sample orders_total has no value after its name and labels
            a value that is not a number | orders_total 4O                         | 1 | line 1: the value of orders_total is '4O', not a number
            an unclosed label value      | orders_total{a="b} 1                    | 1 | line 1: the value of label a is not closed with "
            a label without quotes       | orders_total{a=b} 1                     | 1 | line 1: the label a has no ="value" at column 15
            a broken TYPE line           | # TYPE orders_total countr              | 1 | line 1: '# TYPE orders_total countr' is not '# TYPE <metric name> <counter, gauge, histogram, summary, untyped, …>'
            """)
    void errorsOnAnExpositionItCannotReadNamingTheLine(String what, String line, int number, String problem) throws Exception {
        Result result = run("orders_placed_total 1\n\n" + line + "\n");

        int lineNumber = number + 2;
        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo(server.url() + "/actuator/prometheus is not a Prometheus exposition: "
                + problem.replace("line 1:", "line " + lineNumber + ":"));
        assertThat(result.evidence()).containsEntry("line", lineNumber);
    }

    @Test
    void errorsOnAMissingEndpointNamingTheSpringBootSetting() throws Exception {
        server.on("/", exchange -> LoopbackServer.answer(exchange, 404, "text/plain", "not found"));

        Result result = check.run(new MetricsConfig(null), context(server.url() + "/shop", Duration.ofSeconds(5)));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo(server.url() + "/shop/actuator/prometheus answered HTTP 404: the service exposes no"
                + " Prometheus endpoint there");
        assertThat(result.remedy()).contains("management.endpoints.web.exposure.include=prometheus");
    }

    @Test
    void errorsWhenTheEndpointDoesNotAnswerWithinTheTimeout() throws Exception {
        server.on("/actuator/prometheus", exchange -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LoopbackServer.answer(exchange, 200, PROMETHEUS, "late_total 1\n");
        });

        Result result = check.run(new MetricsConfig(null), context(server.url(), Duration.ofMillis(400)));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo(server.url().substring("http://".length()) + " did not answer within 400ms");
    }

    @Test
    void errorsOnAnExpositionLargerThanTheLimit() throws Exception {
        server.on("/actuator/prometheus", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] line = "orders_placed_total{user=\"12345678\"} 1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 100_000; i++) { // about 4 MB
                    out.write(line);
                }
            } catch (java.io.IOException e) {
                // the client stopped reading: expected
            }
        });

        Result result = check.run(new MetricsConfig(null), context(server.url(), Duration.ofSeconds(5)));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).contains("1048576");
        assertThat(result.remedy()).contains("unbounded cardinality");
    }

    @Test
    void errorsOnARedirectLoopWithoutFollowingIt() throws Exception {
        server.on("/actuator/prometheus", exchange -> {
            exchange.getResponseHeaders().set("Location", "/actuator/prometheus");
            LoopbackServer.answer(exchange, 302, null, "");
        });

        Result result = check.run(new MetricsConfig(null), context(server.url(), Duration.ofSeconds(5)));

        assertThat(result.summary()).isEqualTo(server.url() + "/actuator/prometheus answered HTTP 302, a redirect to " + server.url()
                + "/actuator/prometheus, which is not followed: the metrics must answer at the url itself");
        assertThat(server.received).hasSize(1);
    }

    @Test
    void masksASecretInTheUrlQuery() throws Exception {
        server.on("/metrics", exchange -> LoopbackServer.answer(exchange, 500, "text/plain", "boom"));

        Result result = check.run(new MetricsConfig(server.url() + "/metrics?token=s3cr3t-t0ken"), context(server.url(), Duration.ofSeconds(5)));

        assertThat(result.summary()).isEqualTo(server.url() + "/metrics?… answered HTTP 500, so its metrics could not be read");
        assertThat(result.toString()).doesNotContain("s3cr3t-t0ken");
        assertThat(server.received.get(0).pathAndQuery()).isEqualTo("/metrics?token=s3cr3t-t0ken");
    }

    @Test
    void keepsTheLabelsOfTheSamplesAskedForAndUnescapesThem() throws Exception {
        Exposition exposition = Exposition.parse("pool_max{name=\"a \\\"b\\\"\\\\c\\nd\",x=\"y\",} 2\nother 1\n", Set.of("pool_max"));

        assertThat(exposition.kept()).singleElement().satisfies(s -> assertThat(s.labels())
                .containsExactly(Map.entry("name", "a \"b\"\\c\nd"), Map.entry("x", "y")));
        assertThat(exposition.samplesByName()).containsExactly(Map.entry("other", 1), Map.entry("pool_max", 1));
    }

    @Test
    void theReadmeListsEveryRuntimePrefixAndPoolMetric() throws Exception {
        String readme = java.nio.file.Files.readString(Path.of("..", "README.md"));
        String section = readme.substring(readme.indexOf("\n### `metrics`\n"), readme.indexOf("\n### `monitoring`\n"));
        MetricsCheck.RUNTIME_PREFIXES.forEach(prefix -> assertThat(section).contains("`" + prefix + "`"));
        MetricsCheck.POOL_METRICS.keySet().forEach(metric -> assertThat(section).contains("`" + metric + "`"));
    }

    @Test
    void refusesTextAfterEof() {
        assertThatThrownBy(() -> Exposition.parse("a 1\n# EOF\nb 2\n", Set.of()))
                .isInstanceOf(Exposition.InvalidException.class).hasMessage("line 3: text after # EOF");
    }
}
