package dev.readiness.checks.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readiness.check.CheckContext;
import dev.readiness.check.HttpSettings;
import dev.readiness.check.Result;
import dev.readiness.check.Stage;
import dev.readiness.check.Status;
import dev.readiness.checks.http.LoopbackServer;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check against a real Prometheus (the OS package {@code prometheus}; {@code PROMETHEUS_BIN} names another binary),
 * started on loopback for the class, scraping itself every second, with a remote read from a closed port that only
 * selectors for {@code job="remote"} use. Skipped, with the reason, where no binary is installed.
 */
@Timeout(120)
class PrometheusQueryCheckRealServerTest {

    /** How long Prometheus may take to start and scrape itself three times. */
    private static final Duration READY_WITHIN = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static Process prometheus;
    private static String url;
    private static String instance;

    @BeforeAll
    static void startPrometheus() throws Exception {
        Optional<Path> binary = binary();
        Assumptions.assumeTrue(binary.isPresent(), "no prometheus binary on PATH (apt-get install prometheus) nor in"
                + " PROMETHEUS_BIN; the test against a real Prometheus is skipped");
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        instance = "127.0.0.1:" + port;
        url = "http://" + instance;
        Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: prometheus
                    static_configs:
                      - targets: ['%s']
                remote_read:
                  - url: http://127.0.0.1:%d/api/v1/read
                    required_matchers:
                      job: remote
                """.formatted(instance, LoopbackServer.closedPort()));
        Path log = dir.resolve("prometheus.log");
        prometheus = new ProcessBuilder(binary.get().toString(), "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=" + instance)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitScrapes(log);
    }

    @AfterAll
    static void stopPrometheus() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static Optional<Path> binary() {
        String named = System.getenv("PROMETHEUS_BIN");
        if (named != null) {
            return Optional.of(Path.of(named)).filter(Files::isExecutable);
        }
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(folder -> !folder.isEmpty()).map(folder -> Path.of(folder, "prometheus")).filter(Files::isExecutable)
                .findFirst();
    }

    /** Waits until Prometheus holds three samples of its own up, so that rate() over [1m] has an increase to read. */
    private static void awaitScrapes(Path log) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url + "/api/v1/query?query=" + URLEncoder.encode(
                "count_over_time(up{job=\"prometheus\"}[1m]) >= 3", StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline && prometheus.isAlive()) {
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.ofString()).body().contains("\"value\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Prometheus at " + url + " did not scrape itself three times within " + READY_WITHIN
                + (prometheus.isAlive() ? "" : " (it exited " + prometheus.exitValue() + ")") + "; its log ends: "
                + String.join("\n", tail(Files.readAllLines(log))));
    }

    private static List<String> tail(List<String> lines) {
        return lines.subList(Math.max(0, lines.size() - 10), lines.size());
    }

    private static Result run(PrometheusQueryConfig.Query... queries) {
        CheckContext context = CheckContext.builder(dir).http(new HttpSettings(null, Duration.ofSeconds(5), null, Map.of(), null))
                .clock(Clock.systemUTC()).stage(Stage.POST_DEPLOY).boundClaims(Set.of("prometheusQuery")).build();
        return new PrometheusQueryCheck().run(new PrometheusQueryConfig(url, List.of(queries)), context);
    }

    private static PrometheusQueryConfig.Query query(String name, String expr, String claim, String min, String max) {
        return new PrometheusQueryConfig.Query(name, expr, claim, min == null ? null : new BigDecimal(min),
                max == null ? null : new BigDecimal(max));
    }

    @Test
    void passesEachClaimOnWhatPrometheusMeasuresOfItself() {
        Result result = run(query("5xx ratio", "(sum(rate(prometheus_http_requests_total{code=~\"5..\"}[1m])) or vector(0))"
                        + " / sum(rate(prometheus_http_requests_total[1m]))", "errorRate", null, "0.01"),
                query("targets up", "up{job=\"prometheus\"}", "performance", "1", null),
                query("scrapes", "sum(rate(prometheus_http_requests_total{handler=\"/metrics\"}[1m]))", "baseline", null, null));

        assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("all 1 errorRate query met their bounds: '5xx ratio' 0 (max 0.01)");
        Result performance = result.claims().get(PrometheusQueryCheck.PERFORMANCE);
        assertThat(performance.status()).isEqualTo(Status.PASS);
        assertThat(performance.summary()).isEqualTo("all 1 performance query met their bounds: 'targets up' 1 on"
                + " {__name__=\"up\",instance=\"" + instance + "\",job=\"prometheus\"} (min 1)");
        Result baseline = result.claims().get(PrometheusQueryCheck.BASELINE);
        assertThat(baseline.status()).as(baseline.summary()).isEqualTo(Status.PASS);
        assertThat(baseline.summary()).startsWith("all 1 baseline query returned data: 'scrapes' 0.");
    }

    @Test
    void failsAFigureOutsideItsBounds() {
        Result performance = run(query("5xx ratio", "vector(0)", "errorRate", null, "0.01"),
                query("targets up", "up{job=\"prometheus\"}", "performance", "2", null)).claims().get(PrometheusQueryCheck.PERFORMANCE);

        assertThat(performance.status()).isEqualTo(Status.FAIL);
        assertThat(performance.summary()).isEqualTo("1 of 1 performance query fell short: 'targets up' is 1 on"
                + " {__name__=\"up\",instance=\"" + instance + "\",job=\"prometheus\"}, below its min 2");
    }

    @Test
    void isAnErrorForNoSeriesAParseErrorAWarningAndARangeVector() {
        Result result = run(query("typo", "http_server_requests_seconds_count", "errorRate", null, "0.01"),
                query("unclosed", "sum(rate(prometheus_http_requests_total[5m])", "errorRate", null, "0.01"),
                query("remote", "up{job=\"prometheus\"} or up{job=\"remote\"}", "errorRate", null, "1"),
                query("range", "up{job=\"prometheus\"}[5s]", "errorRate", null, "1"));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).startsWith("4 of 4 errorRate queries could not be evaluated: 'typo': the query returned no"
                + " series; 'unclosed': Prometheus answered an error, errorType bad_data: invalid parameter \"query\": 1:45:"
                + " parse error: unclosed left parenthesis; 'remote': Prometheus warned that its answer (1 series) may lack"
                + " data: remote_read: error sending request: ");
        assertThat(result.summary()).endsWith("connection refused, so it could not be determined; 'range': the expression"
                + " returns a range vector (resultType matrix), not one value per series: aggregate it over the range, as"
                + " rate(x[15m]) or avg_over_time(x[15m]) do");
    }
}
