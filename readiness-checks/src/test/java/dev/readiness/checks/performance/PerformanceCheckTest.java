package dev.readiness.checks.performance;

import static dev.readiness.checks.performance.PerformanceCheck.BUDGET;
import static dev.readiness.checks.performance.PerformanceCheck.CPU;
import static dev.readiness.checks.performance.PerformanceCheck.LOAD;
import static dev.readiness.checks.performance.PerformanceCheck.MEMORY;
import static dev.readiness.checks.performance.PerformanceCheck.STRESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Finding;
import dev.readiness.check.Ratio;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import dev.readiness.checks.ClassLoaderWithout;
import dev.readiness.checks.performance.PerformanceConfig.Budget;
import dev.readiness.engine.ConfigBinder;
import dev.readiness.engine.ConfigElement;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code performance} check against a real JMH 1.37 result, a JMeter .jtl in the default CSV format, the statistics
 * table of a real Gatling 3.15.1 report, Gatling 3.10+ stats.json reports (see the fixtures' README.md), and against
 * broken and hostile files.
 */
class PerformanceCheckTest {

    private static final Instant COMPILED = Instant.parse("2026-12-02T07:31:00Z");
    private static final Instant MEASURED = Instant.parse("2026-12-02T07:40:00Z");
    private static final Set<String> ALL_CLAIMS = Set.of(LOAD, BUDGET, STRESS, MEMORY, CPU);

    @TempDir
    Path project;

    private final PerformanceCheck check = new PerformanceCheck();

    @BeforeEach
    void compileTheProject() throws IOException {
        Path compiled = project.resolve("target/classes/shop/Orders.class");
        Files.createDirectories(compiled.getParent());
        Files.write(compiled, new byte[] {(byte) 0xCA, (byte) 0xFE});
        Files.setLastModifiedTime(compiled, FileTime.from(COMPILED));
    }

    // --- JMeter ---

    @Test
    void passesWhenTheJmeterRunMeetsEveryBudgetAndReachedTheLoadTarget() throws Exception {
        fixture("orders.jtl", "target/jmeter/results/orders.jtl");

        Result result = run(config(List.of(budget(null, "300ms", "300ms", "2%", "2.5"), budget("GET /orders", "100ms", null, "0%", null)),
                10, Duration.ofSeconds(59), 150L, null), ALL_CLAIMS);

        assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("every budget is met by target/jmeter/results/orders.jtl (JMeter, 150 requests)");
        assertThat(result.evidence().get("met")).asList().containsExactly(
                "p95 of all requests in the JMeter run target/jmeter/results/orders.jtl is 242 ms (at most 300 ms)",
                "p99 of all requests in the JMeter run target/jmeter/results/orders.jtl is 248 ms (at most 300 ms)",
                "the error rate of all requests in the JMeter run target/jmeter/results/orders.jtl is 1.4% (2 of 150 failed) (at most 2.0%)",
                "the throughput of all requests in the JMeter run target/jmeter/results/orders.jtl is 2.516 requests/s (at least 2.5)",
                "p95 of 'GET /orders' in the JMeter run target/jmeter/results/orders.jtl is 95 ms (at most 100 ms)",
                "the error rate of 'GET /orders' in the JMeter run target/jmeter/results/orders.jtl is 0.0% (0 of 100 failed) (at most 0.0%)");
        assertThat(result.evidence().get("runs")).isEqualTo(List.of(Map.of("tool", "JMeter", "file", "target/jmeter/results/orders.jtl",
                "requests", 150L, "errors", 2L, "p95Ms", 242L, "p99Ms", 248L, "throughput", "2.516", "users", 10, "durationMs", 59600L)));
        assertThat(result.claims().get(LOAD).status()).isEqualTo(Status.PASS);
        assertThat(result.claims().get(LOAD).summary())
                .isEqualTo("the JMeter run target/jmeter/results/orders.jtl reached 10 users, 59s, 150 requests");
        assertThat(result.claims().get(BUDGET).summary()).isEqualTo("performance budgets are configured: the budget of all "
                + "requests, the budget of 'GET /orders'");
        assertThat(result.claims().get(CPU).status()).isEqualTo(Status.SKIPPED);
        assertThat(result.claims().get(STRESS).status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void failsNamingTheRequestTheMeasuredFigureAndTheBudget() throws Exception {
        fixture("orders.jtl", "target/jmeter/results/orders.jtl");

        Result result = run(config(List.of(budget("POST /orders", "200ms", null, "1%", null)), null, null, null, null), Set.of());

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("p95 of 'POST /orders' in the JMeter run target/jmeter/results/orders.jtl is 247 ms, "
                + "but expected at most 200 ms (and 1 more in target/jmeter/results/orders.jtl (JMeter, 150 requests))");
        assertThat(result.findings()).extracting(Finding::key, Finding::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("jmeter/orders.jtl/POST /orders/p95", "p95 of 'POST /orders' in the JMeter run "
                        + "target/jmeter/results/orders.jtl is 247 ms, but expected at most 200 ms"),
                org.assertj.core.groups.Tuple.tuple("jmeter/orders.jtl/POST /orders/errorRate", "the error rate of 'POST /orders' in "
                        + "the JMeter run target/jmeter/results/orders.jtl is 4.0% (2 of 50 failed), but expected at most 1.0%"));
        assertThat(result.findings()).allSatisfy(f -> assertThat(f.location()).isEqualTo("target/jmeter/results/orders.jtl"));
        assertThat(result.measured()).isEqualTo("2 budgets missed");
    }

    @Test
    void failsTheLoadClaimWhenNoRunReachedTheTargetAndTheStressClaimBelowStressUsers() throws Exception {
        fixture("orders.jtl", "target/jmeter/results/orders.jtl");

        Result result = run(config(List.of(budget(null, "1s", null, null, null)), 50, Duration.ofMinutes(5), null, 200), ALL_CLAIMS);

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.claims().get(LOAD).status()).isEqualTo(Status.FAIL);
        assertThat(result.claims().get(LOAD).summary()).isEqualTo("no load run reached 50 users, 5m: the JMeter run "
                + "target/jmeter/results/orders.jtl reached only 10 users, lasted 59.6s");
        assertThat(result.claims().get(STRESS).status()).isEqualTo(Status.FAIL);
        assertThat(result.claims().get(STRESS).summary()).isEqualTo("the most users a load run reached is 10 (the JMeter run "
                + "target/jmeter/results/orders.jtl), but a stress run needs at least 200 users");
    }

    @Test
    void passesTheStressClaimWhenARunReachedStressUsers() throws Exception {
        fixture("orders.jtl", "target/jmeter/results/orders.jtl");

        Result result = run(config(List.of(budget(null, "1s", null, null, null)), 5, null, null, 10), ALL_CLAIMS);

        assertThat(result.claims().get(STRESS).status()).isEqualTo(Status.PASS);
        assertThat(result.claims().get(STRESS).measured()).isEqualTo("10 users");
    }

    // --- Gatling ---

    @Test
    void readsTheNewestRunOfEachGatlingSimulationWithRequestsInsideGroups() throws Exception {
        fixture("gatling", "target/gatling");

        Result result = run(config(List.of(budget(null, "400ms", "600ms", "1%", "20"), budget("checkout / POST /orders", "300ms",
                null, null, null)), null, null, 1000L, null), ALL_CLAIMS);

        String file = "target/gatling/ordersimulation-20261202101500123/js/stats.json";
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("p95 of 'checkout / POST /orders' in the Gatling run " + file
                + " is 412 ms, but expected at most 300 ms");
        assertThat(result.evidence().get("met")).asList().contains(
                "p95 of all requests in the Gatling run " + file + " is 310 ms (at most 400 ms)",
                "the error rate of all requests in the Gatling run " + file + " is 0.5% (6 of 1200 failed) (at most 1.0%)",
                "the throughput of all requests in the Gatling run " + file + " is 20 requests/s (at least 20)");
        assertThat(result.claims().get(LOAD).status()).isEqualTo(Status.PASS);
    }

    @Test
    void readsTheFiguresOlderGatlingWroteAsTextWithADashForNone() throws Exception {
        Path stats = project.resolve("target/gatling/ordersimulation-20231102101500123/js/stats.json");
        Files.createDirectories(stats.getParent());
        Files.writeString(stats, """
                {"type": "GROUP", "name": "Global Information", "path": "", "pathFormatted": "group_missing-name-b06d1",
                 "stats": {"name": "Global Information",
                   "numberOfRequests": {"total": "388", "ok": "387", "ko": "1"},
                   "percentiles3": {"total": "16059", "ok": "16066", "ko": "11516"},
                   "percentiles4": {"total": "-", "ok": "-", "ko": "-"},
                   "meanNumberOfRequestsPerSecond": {"total": "7.918", "ok": "7.898", "ko": "0.02"}},
                 "contents": {}}
                """);
        touch(stats);

        Result result = run(config(List.of(budget(null, "20s", "20s", null, "7.5")), null, null, null, null), Set.of());

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence().get("met")).asList().containsExactly(
                "p95 of all requests in the Gatling run target/gatling/ordersimulation-20231102101500123/js/stats.json is 16059 ms "
                        + "(at most 20000 ms)",
                "the throughput of all requests in the Gatling run target/gatling/ordersimulation-20231102101500123/js/stats.json "
                        + "is 7.918 requests/s (at least 7.5)");
        assertThat(result.summary()).isEqualTo("p99 of all requests in the Gatling run "
                + "target/gatling/ordersimulation-20231102101500123/js/stats.json is not in the results");
    }

    @Test
    void cannotTellWhetherAGatlingRunReachedItsUsers() throws Exception {
        fixture("gatling", "target/gatling");

        Result result = run(config(List.of(budget(null, "1s", null, null, null)), 10, null, null, 20), ALL_CLAIMS);

        assertThat(result.claims().get(LOAD).status()).isEqualTo(Status.ERROR);
        assertThat(result.claims().get(LOAD).summary()).isEqualTo("no load run reached 10 users: the Gatling run "
                + "target/gatling/ordersimulation-20261202101500123/js/stats.json does not record its users");
        assertThat(result.claims().get(STRESS).status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void errorsWhenABudgetNamesARequestNoRunSent() throws Exception {
        fixture("gatling", "target/gatling");

        Result result = run(config(List.of(budget("GET /order", "1s", null, null, null)), null, null, null, null), Set.of());

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("no load run sent a request named 'GET /order' (the runs name GET /orders, "
                + "checkout / POST /orders)");
    }

    @Test
    void errorsOnAGatlingRunWithoutItsReport() throws Exception {
        Files.createDirectories(project.resolve("target/gatling/ordersimulation-20261202101500123"));
        touch(project.resolve("target/gatling/ordersimulation-20261202101500123/simulation.log"));

        Result result = runWithABudget();

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).startsWith("cannot read target/gatling/ordersimulation-20261202101500123/index.html: the run "
                + "has neither index.html nor js/stats.json");
    }

    private static final String GATLING_315 = "target/gatling/shopsimulation-20261202161020153/index.html";

    @Test
    void readsTheStatisticsTableOfTheHtmlReportGatling315Writes() throws Exception {
        fixture("gatling-3.15", "target/gatling");

        Result result = run(config(List.of(budget(null, "6s", "7s", "0%", "4"), budget("catalogue / shop page", null, "6300ms",
                null, null), budget("health", "2006ms", null, null, null)), null, null, 40L, null), ALL_CLAIMS);

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("p95 of all requests in the Gatling run " + GATLING_315 + " is 6035 ms, but "
                + "expected at most 6000 ms (and 1 more in " + GATLING_315 + " (Gatling, 40 requests))");
        assertThat(result.findings()).extracting(Finding::key, Finding::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("gatling/shopsimulation/*/p95", "p95 of all requests in the Gatling run "
                        + GATLING_315 + " is 6035 ms, but expected at most 6000 ms"),
                org.assertj.core.groups.Tuple.tuple("gatling/shopsimulation/catalogue / shop page/p99", "p99 of 'catalogue / "
                        + "shop page' in the Gatling run " + GATLING_315 + " is 6321 ms, but expected at most 6300 ms"));
        assertThat(result.evidence().get("met")).asList().containsExactly(
                "p99 of all requests in the Gatling run " + GATLING_315 + " is 6321 ms (at most 7000 ms)",
                "the error rate of all requests in the Gatling run " + GATLING_315 + " is 0.0% (0 of 40 failed) (at most 0.0%)",
                "the throughput of all requests in the Gatling run " + GATLING_315 + " is 4 requests/s (at least 4)",
                "p95 of 'health' in the Gatling run " + GATLING_315 + " is 2006 ms (at most 2006 ms)");
        assertThat(result.evidence().get("runs")).asList().containsExactly(Map.of("tool", "Gatling", "file", GATLING_315,
                "requests", 40L, "errors", 0L, "p95Ms", 6035L, "p99Ms", 6321L, "throughput", "4"));
        assertThat(result.claims().get(LOAD).status()).isEqualTo(Status.PASS);
        assertThat(result.claims().get(LOAD).summary()).isEqualTo("the Gatling run " + GATLING_315 + " reached 40 requests");
    }

    @Test
    void hasNoPercentileTheReportsColumnsDoNotName() throws Exception {
        fixture("gatling-3.15", "target/gatling");
        Path report = project.resolve(GATLING_315);
        Files.writeString(report, Files.readString(report).replace("<span>95th pct</span>", "<span>90th pct</span>"));
        touch(report);

        Result result = run(config(List.of(budget(null, "10s", null, null, null)), null, null, null, null), Set.of());

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("p95 of all requests in the Gatling run " + GATLING_315 + " is not in the results");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenReports")
    void errorsOnAnIndexHtmlThatIsNoGatlingStatisticsTable(String what, String from, String to, String why) throws Exception {
        fixture("gatling-3.15", "target/gatling");
        Path report = project.resolve(GATLING_315);
        Files.writeString(report, from == null ? to : Files.readString(report).replace(from, to));
        touch(report);

        Result result = runWithABudget();

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("cannot read " + GATLING_315 + ": " + why);
    }

    /** The KO cell of the report's 'health' row, and the cells after it up to one only that row has. */
    private static final String HEALTH_KO = """
            <td class="value ko col-4">%d</td>
              <td class="value ko col-5">0</td>
              <td class="value total col-6">2</td>
              <td class="value total col-7">95</td>""";

    static Stream<Arguments> brokenReports() {
        return Stream.of(
                Arguments.of("another page", null, "<html><body><h1>Build report</h1><table><tr><td>40</td></tr></table></body></html>",
                        "it has no statistics table (container_statistics_head and _body): not the index.html of a Gatling report"),
                Arguments.of("no KO column", "<span>KO</span>", "<span>Failed</span>",
                        "its statistics table lacks the Total or the KO column (its columns: Requests, Total, OK, Failed, "
                                + "% KO, Cnt/s, Min, 50th pct, 75th pct, 95th pct, 99th pct, Max, Mean, Std Dev)"),
                Arguments.of("a count that is no number", "<td class=\"value total col-2\">40</td>",
                        "<td class=\"value total col-2\">40 requests</td>",
                        "Total of all requests is '40 requests', not a number from 0 to 4611686018427387903"),
                Arguments.of("more failures than requests", HEALTH_KO.formatted(0), HEALTH_KO.formatted(21),
                        "the failed requests of 'health' (21) outnumber its requests (20)"),
                Arguments.of("an empty file", null, "", "the file is empty"));
    }

    // --- JMH ---

    @Test
    void passesWhenRealJmhResultsAreWithinTheToleranceOfTheBaseline() throws Exception {
        fixture("jmh-result.json", "target/jmh-result.json");
        fixture("jmh-baseline-met.json", "jmh-baseline.json");

        Result result = run(jmh("jmh-baseline.json"), ALL_CLAIMS);

        assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
        assertThat(result.evidence().get("met")).asList().containsExactly(
                "shop.PriceBenchmark.total (thrpt) scores 886.1 ops/ms, at least 810 ops/ms (the baseline's 900 ops/ms less 10.0%)",
                "shop.PriceBenchmark.copy (avgt) scores 104.3 us/op, at most 110 us/op (the baseline's 100 us/op plus 10.0%)");
        assertThat(result.claims().get(CPU).status()).isEqualTo(Status.PASS);
        assertThat(result.claims().get(MEMORY).status()).isEqualTo(Status.PASS);
        assertThat(result.claims().get(BUDGET).status()).isEqualTo(Status.PASS);
        assertThat(result.claims().get(LOAD).status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void failsWhenJmhScoresAndAllocationsAreWorseThanTheBaselineAllows() throws Exception {
        fixture("jmh-result.json", "target/jmh-result.json");
        fixture("jmh-baseline-beaten.json", "jmh-baseline.json");

        Result result = run(jmh("jmh-baseline.json"), Set.of());

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.findings()).extracting(Finding::message).containsExactly(
                "shop.PriceBenchmark.total (thrpt) scores 886.1 ops/ms, but expected at least 1080 ops/ms (the baseline's 1200 ops/ms "
                        + "less 10.0%)",
                "shop.PriceBenchmark.copy (avgt) scores 104.3 us/op, but expected at most 88 us/op (the baseline's 80 us/op plus 10.0%)");
        assertThat(result.findings()).extracting(Finding::key)
                .containsExactly("jmh/shop.PriceBenchmark.total/score", "jmh/shop.PriceBenchmark.copy/score");
        assertThat(result.claims().get(CPU).status()).isEqualTo(Status.FAIL);
        Result memory = result.claims().get(MEMORY);
        assertThat(memory.status()).isEqualTo(Status.FAIL);
        assertThat(memory.summary()).isEqualTo("shop.PriceBenchmark.copy allocates 2068 B/op, but expected at most 1126 B/op "
                + "(the baseline's 1024 B/op plus 10.0%, at least 1 B/op)");
    }

    @Test
    void errorsWhenABaselineBenchmarkIsMissingFromTheResults() throws Exception {
        fixture("jmh-result.json", "target/jmh-result.json");
        Files.writeString(project.resolve("jmh-baseline.json"), read("jmh-baseline-met.json").replace("PriceBenchmark.copy",
                "PriceBenchmark.clone"));

        Result result = run(jmh("jmh-baseline.json"), Set.of());

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("shop.PriceBenchmark.clone is in the baseline jmh-baseline.json but not in the "
                + "results target/jmh-result.json: was it renamed or left out of the run?");
    }

    @Test
    void errorsOnJsonThatIsNotJmhs() throws Exception {
        Files.createDirectories(project.resolve("target"));
        Files.writeString(project.resolve("target/jmh-result.json"), "{\"benchmarks\": []}");
        fixture("jmh-baseline-met.json", "jmh-baseline.json");

        Result result = run(jmh("jmh-baseline.json"), Set.of());

        assertThat(result.summary()).isEqualTo("cannot read target/jmh-result.json: it is not a JSON array: not the JSON JMH "
                + "writes with -rf json");
    }

    @Test
    void errorsOnAJmhFileWithNoBenchmark() throws Exception {
        Files.createDirectories(project.resolve("target"));
        Files.writeString(project.resolve("target/jmh-result.json"), "[\n]\n");
        fixture("jmh-baseline-met.json", "jmh-baseline.json");

        Result result = run(jmh("jmh-baseline.json"), Set.of());

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("cannot read target/jmh-result.json: it lists no benchmark: JMH ran nothing");
    }

    @Test
    void errorsOnANaNScore() throws Exception {
        Files.createDirectories(project.resolve("target"));
        Files.writeString(project.resolve("target/jmh-result.json"),
                read("jmh-result.json").replace("\"score\" : 886.1317920590113", "\"score\" : \"NaN\""));
        fixture("jmh-baseline-met.json", "jmh-baseline.json");

        Result result = run(jmh("jmh-baseline.json"), Set.of());

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("cannot read target/jmh-result.json: shop.PriceBenchmark.total has score 'NaN', "
                + "not a number: JMH measured nothing for it");
    }

    // --- what no result, or no budget, means ---

    @Test
    void errorsWhenThereAreNoResults() throws Exception {
        Result result = run(PerformanceConfig.defaults(), ALL_CLAIMS);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("no performance results in target/gatling, target/jmeter/results, "
                + "target/jmh-result.json: did Gatling, JMeter or JMH run?");
    }

    @Test
    void errorsWhenAConfiguredResultIsMissing() throws Exception {
        Result result = run(new PerformanceConfig(null, "load/orders.jtl", null, null, null, List.of(budget(null, "1s", null, null,
                null)), null, null, null, null), Set.of());

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("nothing at load/orders.jtl, though the configuration names it");
    }

    @Test
    void neverPassesWithoutABudgetAndFailsTheBudgetClaim() throws Exception {
        fixture("orders.jtl", "target/jmeter/results/orders.jtl");

        Result result = run(PerformanceConfig.defaults(), ALL_CLAIMS);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("no budget is configured, so the results in target/jmeter/results/orders.jtl "
                + "(JMeter, 150 requests) cannot be held to anything");
        assertThat(result.claims().get(BUDGET).status()).isEqualTo(Status.FAIL);
        assertThat(result.claims().get(BUDGET).summary()).isEqualTo("no performance budget is configured: no budgets and no "
                + "jmhBaseline");
    }

    @Test
    void errorsWhenTheResultsAreOlderThanTheCompiledClasses() throws Exception {
        fixture("orders.jtl", "target/jmeter/results/orders.jtl");
        Files.setLastModifiedTime(project.resolve("target/jmeter/results/orders.jtl"), FileTime.from(COMPILED.minusSeconds(60)));

        Result result = runWithABudget();

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("the results target/jmeter/results/orders.jtl (2026-12-02T07:30:00Z) are older "
                + "than the compiled classes (newest target/classes/shop/Orders.class, 2026-12-02T07:31:00Z): they are from an "
                + "earlier run");
    }

    // --- hostile JMeter files ---

    /** Broken JMeter files, each with the one line the check says of it. */
    static Stream<Arguments> brokenJtlFiles() {
        List<String> lines = new PerformanceCheckTest().read("orders.jtl").lines().toList();
        String header = lines.get(0) + "\n";
        return Stream.of(
                Arguments.of("only its header", header,
                        "it holds a header row and no sample: the test sent no request"),
                Arguments.of("a row whose elapsed is no number", String.join("\n", lines.subList(0, 4)) + "\n1764669601600,fast,"
                                + "GET /orders,200,OK,Orders 1-1,text,true,,1532,120,1,1,http://localhost:8080/orders,3,0,1\n",
                        "line 5: elapsed is 'fast', not a whole number of 0 or more"),
                Arguments.of("a row with too few fields", String.join("\n", lines.subList(0, 3)) + "\n1764669601600,3,GET /orders\n",
                        "line 4 has 3 fields, but the header names 17"),
                Arguments.of("a row whose success is neither true nor false", header + "1764669600000,3,GET /orders,200,OK,"
                                + "Orders 1-1,text,yes,,1532,120,1,1,http://localhost:8080/orders,3,0,1\n",
                        "line 2: success is 'yes', not true or false"),
                Arguments.of("an unclosed quote", header + "1764669600000,3,\"GET /orders,200",
                        "not well-formed CSV: (startline 2) EOF reached before encapsulated token finished"),
                Arguments.of("no header row", lines.get(1) + "\n", "its first line is not the header row JMeter writes "
                        + "(jmeter.save.saveservice.print_field_names=true): A header name is missing in [1764669600000, 1, "),
                Arguments.of("a header without JMeter's columns", "time,ms\n1,2\n", "its first line has no timeStamp column "
                        + "(it has time,ms): not a JMeter CSV result with its header row"),
                Arguments.of("an endless line", "timeStamp,elapsed,label,success\n1764669600000,1,\"" + "x".repeat(200_000),
                        "a line is longer than 65536 characters: not a JMeter sample row"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenJtlFiles")
    void errorsOnABrokenJtlInOneLine(String what, String content, String why) throws Exception {
        jtl(content);

        Result result = runWithABudget();

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).startsWith("cannot read target/jmeter/results/orders.jtl: " + why);
        assertThat(result.summary()).doesNotContain("\n").hasSizeLessThan(600);
    }

    @Test
    void refusesABinaryFile() throws Exception {
        Path file = project.resolve("target/jmeter/results/orders.jtl");
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {'t', 'i', 'm', 'e', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, '\n'});
        Files.setLastModifiedTime(file, FileTime.from(MEASURED));

        Result result = runWithABudget();

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("cannot read target/jmeter/results/orders.jtl: it is not UTF-8 text (a binary file?)");
    }

    @Test
    void streamsAHundredMegabyteJtlInBoundedMemory() throws Exception {
        Path file = project.resolve("target/jmeter/results/orders.jtl");
        Files.createDirectories(file.getParent());
        StringBuilder block = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            block.append(1764669600000L + i).append(',').append(i).append(",GET /orders,200,OK,Orders 1-1,text,true,,1532,120,"
                    + "50,50,http://localhost:8080/orders,3,0,1\n");
        }
        byte[] rows = block.toString().getBytes(StandardCharsets.UTF_8);
        long blocks = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write((read("orders.jtl").lines().findFirst().orElseThrow() + "\n").getBytes(StandardCharsets.UTF_8));
            for (; blocks * rows.length < 100L * 1024 * 1024; blocks++) {
                out.write(rows);
            }
        }
        Files.setLastModifiedTime(file, FileTime.from(MEASURED));
        MemoryPoolMXBean oldGeneration = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getName().matches(".*(Old Gen|Tenured).*"))
                .findFirst().orElseThrow();
        System.gc();
        long before = oldGeneration.getUsage().getUsed();
        oldGeneration.resetPeakUsage();

        Result result = run(config(List.of(budget(null, "500ms", null, null, null)), null, null, null, null), Set.of());

        assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
        @SuppressWarnings("unchecked")
        Map<String, Object> facts = ((List<Map<String, Object>>) result.evidence().get("runs")).get(0);
        assertThat(facts).containsEntry("requests", blocks * 500).containsEntry("p95Ms", 474L).containsEntry("users", 50);
        assertThat(oldGeneration.getPeakUsage().getUsed() - before).as("the long-lived heap grown while reading %d MB",
                Files.size(file) >> 20).isLessThan(32L * 1024 * 1024);
    }

    // --- configuration ---

    @Test
    void bindsBudgetsAsTheyAreWrittenInThePom() throws Exception {
        ConfigElement pom = new ConfigElement("performance", null, List.of(
                new ConfigElement("budgets", null, List.of(new ConfigElement("budget", null, List.of(
                        ConfigElement.text("label", "GET /orders"), ConfigElement.text("p95", "300ms"),
                        ConfigElement.text("errorRate", "1%"), ConfigElement.text("throughput", "50"))))),
                ConfigElement.text("users", "20"), ConfigElement.text("duration", "5m"), ConfigElement.text("tolerance", "5%")));
        JsonNode tree = ConfigBinder.toTree(pom, PerformanceConfig.class);

        PerformanceConfig config = ConfigBinder.bind("performance", PerformanceConfig.class, tree, List.of());

        assertThat(config.budgets()).containsExactly(new Budget("GET /orders", Duration.ofMillis(300), null, Ratio.parse("1%"),
                new BigDecimal("50")));
        assertThat(config.users()).isEqualTo(20);
        assertThat(config.duration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.tolerance()).isEqualTo(Ratio.parse("5%"));
    }

    @Test
    void refusesABudgetThatSetsNothing() {
        assertThatThrownBy(() -> new Budget("GET /orders", null, null, null, null))
                .hasMessage("the budget of 'GET /orders' sets nothing: give p95, p99, errorRate or throughput");
    }

    @Test
    void refusesStressUsersAtOrBelowTheNominalUsers() {
        assertThatThrownBy(() -> new PerformanceConfig(null, null, null, null, null, null, 50, null, null, 50))
                .hasMessage("stressUsers (50) must be above users (50): a stress run goes beyond the nominal load");
    }

    // --- helpers ---

    private Result run(PerformanceConfig config, Set<String> bound) throws Exception {
        return check.run(config, CheckContext.builder(project).boundClaims(bound).build());
    }

    /** Runs with one budget of all requests, met by every fixture: what a hostile file does to the reading. */
    private Result runWithABudget() throws Exception {
        return run(config(List.of(budget(null, "1s", null, null, null)), null, null, null, null), Set.of());
    }

    private static PerformanceConfig config(List<Budget> budgets, Integer users, Duration duration, Long requests, Integer stressUsers) {
        return new PerformanceConfig(null, null, null, null, null, budgets, users, duration, requests, stressUsers);
    }

    private static PerformanceConfig jmh(String baseline) {
        return new PerformanceConfig(null, null, null, baseline, null, null, null, null, null, null);
    }

    private static Budget budget(String label, String p95, String p99, String errorRate, String throughput) {
        return new Budget(label, p95 == null ? null : duration(p95), p99 == null ? null : duration(p99),
                errorRate == null ? null : Ratio.parse(errorRate), throughput == null ? null : new BigDecimal(throughput));
    }

    private static Duration duration(String text) {
        return text.endsWith("ms") ? Duration.ofMillis(Long.parseLong(text.replace("ms", "")))
                : Duration.ofSeconds(Long.parseLong(text.replace("s", "")));
    }

    private void jtl(String content) throws IOException {
        Path file = project.resolve("target/jmeter/results/orders.jtl");
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(MEASURED));
    }

    /** Copies a fixture file or folder into the project, every file dated after the compilation. */
    private void fixture(String name, String to) throws IOException, URISyntaxException {
        Path from = Path.of(getClass().getResource(name).toURI());
        Path destination = project.resolve(to);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = destination.resolve(from.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
                touch(copy);
            }
        }
    }

    private static void touch(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
        Files.setLastModifiedTime(file, FileTime.from(MEASURED));
    }

    private String read(String name) {
        try {
            return Files.readString(Path.of(getClass().getResource(name).toURI()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void isAnErrorNamingTheDependenciesWhenJMeterResultsAreThereAndTheirLibrariesAreNot() throws Exception {
        fixture("orders.jtl", "target/jmeter/results/orders.jtl");

        List<String> result = new ClassLoaderWithout("org.apache.commons.csv.", "org.HdrHistogram.").run("performance", "{}", project);

        assertThat(result.get(0)).isEqualTo("ERROR reading JMeter's results target/jmeter/results/orders.jtl needs"
                + " org.apache.commons:commons-csv:1.14.1 and org.hdrhistogram:HdrHistogram:2.2.2, which the plugin does not carry"
                + " unless the project adds it");
    }
}
