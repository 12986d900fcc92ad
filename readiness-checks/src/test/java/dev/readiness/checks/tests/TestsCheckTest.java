package dev.readiness.checks.tests;

import static dev.readiness.checks.tests.TestsCheck.END_TO_END;
import static dev.readiness.checks.tests.TestsCheck.INTEGRATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Claim;
import dev.readiness.check.Finding;
import dev.readiness.check.ModuleResult;
import dev.readiness.check.ProjectId;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import dev.readiness.check.Strength;
import dev.readiness.engine.ConfigBinder;
import dev.readiness.engine.ConfigurationException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code tests} check against real Surefire and Failsafe 3.6.1 reports (made by the project in
 * {@code fixture-project/}), real Playwright JUnit XML ({@code end-to-end/}; each case folder's README.txt
 * says how) and against broken and hostile files.
 */
class TestsCheckTest {

    private static final Instant COMPILED = Instant.parse("2026-11-25T22:40:00Z");
    private static final Instant TESTED = Instant.parse("2026-11-25T22:43:00Z");

    @TempDir
    Path project;

    private Path surefireReports;

    @BeforeEach
    void compileTests() throws IOException {
        surefireReports = project.resolve("target/surefire-reports");
        Path testClass = project.resolve("target/test-classes/com/example/CalculatorTest.class");
        Files.createDirectories(testClass.getParent());
        Files.write(testClass, new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE});
        Files.setLastModifiedTime(testClass, FileTime.from(COMPILED));
    }

    @Test
    void passesOnUnitTestsAloneAndOffersNoOtherClaimWhenNoItemAsksForOne() throws Exception {
        copyCase("passing", "surefire-reports");

        Result result = run(TestsConfig.defaults());

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("5 tests passed in target/surefire-reports (1 skipped, 1 flaky)");
        assertThat(result.measured()).isEqualTo("5 ran, 0 failed");
        assertThat(result.expected()).isEqualTo("at least 1 ran, 0 failed");
        assertThat(result.evidence()).containsExactlyEntriesOf(counts(6, 0, 0, 1, 1, "target/surefire-reports", 2));
        assertThat(result.findings()).isEmpty();
        assertThat(result.remedy()).isNull();
        assertThat(result.claims()).isEmpty();
    }

    @Test
    void countsOnlySurefiresReportsAsUnitTestsAndFailsafesAsIntegrationTests() throws Exception {
        copyCase("passing");

        Result result = run(TestsConfig.defaults());

        assertThat(result.summary()).isEqualTo("5 tests passed in target/surefire-reports (1 skipped, 1 flaky)");
        assertThat(result.evidence()).contains(entry("tests", 6), entry("files", 2));
        Result integration = result.claims().get(INTEGRATION);
        assertThat(integration.status()).isEqualTo(Status.PASS);
        assertThat(integration.summary()).isEqualTo("2 tests passed in target/failsafe-reports");
        assertThat(integration.measured()).isEqualTo("2 ran, 0 failed");
        assertThat(integration.expected()).isEqualTo("at least 1 ran, 0 failed");
        assertThat(integration.evidence()).containsExactlyEntriesOf(counts(2, 0, 0, 0, 0, "target/failsafe-reports", 1));
        assertThat(integration.findings()).isEmpty();
        assertThat(integration.remedy()).isNull();
        assertThat(result.claims()).containsOnlyKeys(INTEGRATION);
    }

    @Test
    void reportsErrorOnIntegrationTestsWhenAnItemAsksForThemAndFailsafeWroteNoReport() throws Exception {
        copyCase("passing", "surefire-reports");

        Result result = run(TestsConfig.defaults(), INTEGRATION);

        assertThat(result.status()).isEqualTo(Status.PASS);
        Result integration = result.claims().get(INTEGRATION);
        assertThat(integration.status()).isEqualTo(Status.ERROR);
        assertThat(integration.summary()).isEqualTo(
                "no Failsafe reports (TEST-*.xml) in target/failsafe-reports: did maven-failsafe-plugin run?");
        assertThat(integration.evidence()).containsExactly(
                entry("reports", List.of("target/failsafe-reports")), entry("files", 0));
        assertThat(integration.findings()).isEmpty();
        assertThat(integration.remedy()).isEqualTo("Add maven-failsafe-plugin to the build with its integration-test "
                + "and verify goals, name the integration test classes *IT, and run mvn verify without skipping them "
                + "(skipITs, -DskipTests, maven.test.skip); if the reports are written elsewhere, list their folders in "
                + "integrationReports.");
    }

    @Test
    void reportsErrorOnIntegrationTestsWhenTheConfiguredFolderHoldsNoReport() throws Exception {
        copyCase("passing", "surefire-reports");

        Result result = run(new TestsConfig(null, null, List.of("build/it-results"), null));

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.claims().get(INTEGRATION).status()).isEqualTo(Status.ERROR);
        assertThat(result.claims().get(INTEGRATION).summary()).isEqualTo(
                "no Failsafe reports (TEST-*.xml) in build/it-results: did maven-failsafe-plugin run?");
    }

    @Test
    void readsIntegrationTestReportsFromTheConfiguredFolders() throws Exception {
        copyCase("passing", "surefire-reports");
        copyTree(caseFolder("failing-it").resolve("failsafe-reports"), project.resolve("build/it-results"));

        Result result = run(new TestsConfig(null, null, List.of("build/it-results"), null));

        Result integration = result.claims().get(INTEGRATION);
        assertThat(integration.summary()).isEqualTo("1 of 1 test failed (0 failures, 1 error) in build/it-results");
        assertThat(integration.evidence()).contains(entry("reports", List.of("build/it-results")), entry("files", 1));
    }

    @Test
    void aReactorsTestsAreSummedOverItsModulesWithEveryFailingTestKept() throws Exception {
        copyCase("passing");
        Result catalog = run(TestsConfig.defaults());
        try (Stream<Path> files = Files.walk(project.resolve("target"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        copyCase("failing");
        Result orders = run(TestsConfig.defaults());
        List<ModuleResult> modules = List.of(
                new ModuleResult(new ProjectId("dev.shop", "catalog", "1.0"), CheckContext.builder(project).build(), catalog),
                new ModuleResult(new ProjectId("dev.shop", "orders", "1.0"), CheckContext.builder(project).build(), orders));

        Result reactor = new TestsCheck().aggregate(TestsConfig.defaults(), CheckContext.builder(project).build(), modules);

        assertThat(reactor.status()).isEqualTo(Status.FAIL);
        assertThat(reactor.summary()).isEqualTo("orders: " + orders.summary());
        for (String count : List.of("tests", "failures", "errors", "skipped", "flaky")) {
            assertThat(((Number) reactor.evidence().get(count)).longValue()).as(count).isEqualTo(
                    ((Number) catalog.evidence().get(count)).longValue() + ((Number) orders.evidence().get(count)).longValue());
        }
        assertThat(reactor.findings()).extracting(Finding::key).containsExactlyElementsOf(orders.findings().stream().map(Finding::key).toList());
        // only catalog ran integration tests: the reactor's are catalog's
        assertThat(orders.claims()).doesNotContainKey(INTEGRATION);
        assertThat(reactor.claims().get(INTEGRATION).status()).isEqualTo(Status.PASS);
        assertThat(reactor.claims().get(INTEGRATION).evidence().get("tests"))
                .isEqualTo(((Number) catalog.claims().get(INTEGRATION).evidence().get("tests")).longValue());
    }

    @Test
    void aReactorWhoseModulesAllPassSaysHowManyTestsRanInHowManyModules() throws Exception {
        copyCase("passing");
        Result catalog = run(TestsConfig.defaults());
        List<ModuleResult> modules = List.of(
                new ModuleResult(new ProjectId("dev.shop", "catalog", "1.0"), CheckContext.builder(project).build(), catalog),
                new ModuleResult(new ProjectId("dev.shop", "orders", "1.0"), CheckContext.builder(project).build(), catalog));

        Result reactor = new TestsCheck().aggregate(TestsConfig.defaults(), CheckContext.builder(project).build(), modules);

        assertThat(reactor.status()).isEqualTo(Status.PASS);
        assertThat(reactor.summary()).isEqualTo("10 tests passed in 2 modules (2 skipped)");
    }

    @Test
    void placesAFailingTestAtTheLineOfItsSourceThatTheStackTraceNames() throws Exception {
        copyCase("failing");
        Path source = project.resolve("src/test/java/com/example/AveragingTest.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package com.example;\n");

        Result result = run(TestsConfig.defaults());

        assertThat(result.findings()).extracting(f -> f.evidence().get("file"), f -> f.evidence().get("line")).containsExactly(
                tuple("src/test/java/com/example/AveragingTest.java", 19),
                tuple("src/test/java/com/example/AveragingTest.java", 24),
                tuple(null, null));
    }

    @Test
    void failsNamingEachFailingTestWithItsReport() throws Exception {
        copyCase("failing");

        Result result = run(TestsConfig.defaults());

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("3 of 9 tests failed (2 failures, 1 error) in target/surefire-reports");
        assertThat(result.measured()).isEqualTo("8 ran, 3 failed");
        assertThat(result.expected()).isEqualTo("at least 1 ran, 0 failed");
        assertThat(result.evidence()).containsExactlyEntriesOf(counts(9, 2, 1, 1, 0, "target/surefire-reports", 3));
        String averaging = "target/surefire-reports/TEST-com.example.AveragingTest.xml";
        assertThat(result.findings()).containsExactly(
                new Finding("com.example.AveragingTest#averagesRoundedUp", "AveragingTest.averagesRoundedUp: average of 2 and 3", averaging, Map.of(
                        "class", "com.example.AveragingTest", "method", "averagesRoundedUp", "kind", "failure",
                        "type", "org.opentest4j.AssertionFailedError", "message", "average of 2 and 3"), true),
                new Finding("com.example.AveragingTest#averagesNothing", "AveragingTest.averagesNothing: / by zero", averaging, Map.of(
                        "class", "com.example.AveragingTest", "method", "averagesNothing", "kind", "error",
                        "type", "java.lang.ArithmeticException", "message", "/ by zero"), true),
                new Finding("com.example.RetryingClientTest#connectsOnSecondAttempt", "RetryingClientTest.connectsOnSecondAttempt: connection refused on attempt 1 ==> expected: <true> but was: <false>",
                        "target/surefire-reports/TEST-com.example.RetryingClientTest.xml", Map.of(
                        "class", "com.example.RetryingClientTest", "method", "connectsOnSecondAttempt", "kind", "failure",
                        "type", "org.opentest4j.AssertionFailedError",
                        "message", "connection refused on attempt 1 ==> expected: <true> but was: <false>"), true));
        assertThat(result.findings().get(0).evidence().keySet()).containsExactly("class", "method", "kind", "type", "message");
        assertThat(result.remedy()).isEqualTo("Fix the failing tests listed and run mvn verify again; "
                + "to rerun the first alone: mvn test -Dtest=AveragingTest#averagesRoundedUp.");
    }

    @Test
    void failsOnTestsThatFailedEveryRerunAndPassesOverTestsThatPassedOnARerun() throws Exception {
        copyCase("reruns");

        Result result = run(TestsConfig.defaults());

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("2 of 9 tests failed (1 failure, 1 error) in target/surefire-reports");
        assertThat(result.evidence()).contains(
                entry("tests", 9), entry("failures", 1), entry("errors", 1), entry("skipped", 1), entry("flaky", 1));
        assertThat(result.findings()).extracting(Finding::message).containsExactly(
                "AveragingTest.averagesRoundedUp: average of 2 and 3",
                "AveragingTest.averagesNothing: / by zero");
    }

    @Test
    void countsATestWithOnlyRerunFailuresAsFailed() throws Exception {
        copyCase("reruns");
        Path report = surefireReports.resolve("TEST-com.example.AveragingTest.xml");
        Files.writeString(report, Files.readString(report).replaceAll("(?s)<(failure|error) .*?</\\1>\\s*", ""));

        Result result = run(TestsConfig.defaults());

        assertThat(result.summary()).isEqualTo("2 of 9 tests failed (1 failure, 1 error) in target/surefire-reports");
        assertThat(result.findings()).extracting(Finding::message).containsExactly(
                "AveragingTest.averagesRoundedUp: average of 2 and 3",
                "AveragingTest.averagesNothing: / by zero");
    }

    @Test
    void failsOnAnErrorInATestClassSetup() throws Exception {
        copyCase("setup-error");

        Result result = run(TestsConfig.defaults());

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("1 of 1 test failed (0 failures, 1 error) in target/surefire-reports");
        assertThat(result.findings()).containsExactly(new Finding("com.example.ConnectionPoolTest#initializationError",
                "ConnectionPoolTest.initializationError: database not reachable at localhost:5432",
                "target/surefire-reports/TEST-com.example.ConnectionPoolTest.xml", Map.of(
                "class", "com.example.ConnectionPoolTest", "method", "initializationError", "kind", "error",
                "type", "java.lang.IllegalStateException", "message", "database not reachable at localhost:5432"), true));
        assertThat(result.remedy()).endsWith("to rerun the first alone: mvn test -Dtest=ConnectionPoolTest.");
    }

    @Test
    void failsIntegrationTestsWithFailsafesRerunCommandWhileUnitTestsPass() throws Exception {
        copyCase("failing-it");

        Result result = run(TestsConfig.defaults());

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("4 tests passed in target/surefire-reports (1 skipped)");
        assertThat(result.findings()).isEmpty();
        Result integration = result.claims().get(INTEGRATION);
        assertThat(integration.status()).isEqualTo(Status.FAIL);
        assertThat(integration.summary()).isEqualTo("1 of 1 test failed (0 failures, 1 error) in target/failsafe-reports");
        assertThat(integration.measured()).isEqualTo("1 ran, 1 failed");
        assertThat(integration.expected()).isEqualTo("at least 1 ran, 0 failed");
        assertThat(integration.evidence()).containsExactlyEntriesOf(counts(1, 0, 1, 0, 0, "target/failsafe-reports", 1));
        assertThat(integration.findings()).containsExactly(new Finding("com.example.PaymentGatewayIT#chargesCard", "PaymentGatewayIT.chargesCard: Connection refused",
                "target/failsafe-reports/TEST-com.example.PaymentGatewayIT.xml", Map.of(
                "class", "com.example.PaymentGatewayIT", "method", "chargesCard", "kind", "error",
                "type", "java.net.ConnectException", "message", "Connection refused"), true));
        assertThat(integration.remedy()).isEqualTo("Fix the failing tests listed and run mvn verify again; "
                + "to rerun the first alone: mvn verify -Dit.test=PaymentGatewayIT#chargesCard.");
    }

    @Test
    void reportsErrorOnStaleFailsafeReportsBesideFreshSurefireReports() throws Exception {
        copyCase("passing");
        Path itReport = project.resolve("target/failsafe-reports/TEST-com.example.CalculatorIT.xml");
        Files.setLastModifiedTime(itReport, FileTime.from(COMPILED.minusSeconds(3600)));

        Result result = run(TestsConfig.defaults());

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("5 tests passed in target/surefire-reports (1 skipped, 1 flaky)");
        assertOlderThanCompiledTests(result.claims().get(INTEGRATION), "the Failsafe reports in target/failsafe-reports "
                + "(oldest 2026-11-25T21:40:00Z) are older than the compiled classes in target/test-classes "
                + "(newest 2026-11-25T22:40:00Z): it is from an earlier run",
                "2026-11-25T21:40:00Z", "2026-11-25T22:40:00Z", "target/failsafe-reports/TEST-com.example.CalculatorIT.xml", 1);
    }

    @Test
    void reportsErrorOnAnUnreadableFailsafeReportForIntegrationTestsOnly() throws Exception {
        copyCase("passing");
        Files.writeString(project.resolve("target/failsafe-reports/TEST-com.example.CalculatorIT.xml"), "");

        Result result = run(TestsConfig.defaults());

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertEmptyReport(result.claims().get(INTEGRATION), "target/failsafe-reports/TEST-com.example.CalculatorIT.xml", "Failsafe");
    }

    @Test
    void failsEndToEndTestsOnTheJUnitXmlOfTheSuiteNamingEachFailingTest() throws Exception {
        copyCase("passing", "surefire-reports");
        copyTree(caseFolder("end-to-end").resolve("failing"), project.resolve("e2e/results"));

        Result result = run(new TestsConfig(null, null, null, List.of("e2e/results")));

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.claims()).containsOnlyKeys(END_TO_END);
        Result endToEnd = result.claims().get(END_TO_END);
        assertThat(endToEnd.status()).isEqualTo(Status.FAIL);
        assertThat(endToEnd.summary()).isEqualTo("1 of 5 tests failed (1 failure, 0 errors) in e2e/results");
        assertThat(endToEnd.measured()).isEqualTo("4 ran, 1 failed");
        assertThat(endToEnd.expected()).isEqualTo("at least 1 ran, 0 failed");
        assertThat(endToEnd.evidence()).containsExactlyEntriesOf(counts(5, 1, 0, 1, 0, "e2e/results", 1));
        assertThat(endToEnd.findings()).containsExactly(new Finding("checkout.spec.ts#checkout › pays with card", "checkout.spec.ts › checkout › pays with card: payment status",
                "e2e/results/junit.xml", Map.of("class", "checkout.spec.ts", "method", "checkout › pays with card",
                "kind", "failure", "type", "expect.toBe", "message", "payment status"), true));
        assertThat(endToEnd.remedy()).isEqualTo("Fix the failing tests listed and run the end-to-end suite again.");
    }

    @Test
    void passesEndToEndTestsOnReportsOlderThanTheCompiledTests() throws Exception {
        copyCase("passing", "surefire-reports");
        copyTree(caseFolder("end-to-end").resolve("passing"), project.resolve("e2e/results"));
        Files.setLastModifiedTime(project.resolve("e2e/results/junit.xml"), FileTime.from(COMPILED.minusSeconds(3600)));

        Result result = run(new TestsConfig(null, null, null, List.of("e2e/results")), END_TO_END);

        Result endToEnd = result.claims().get(END_TO_END);
        assertThat(endToEnd.status()).isEqualTo(Status.PASS);
        assertThat(endToEnd.summary()).isEqualTo("3 tests passed in e2e/results (1 skipped)");
        assertThat(endToEnd.evidence()).containsExactlyEntriesOf(counts(4, 0, 0, 1, 0, "e2e/results", 1));
    }

    @Test
    void reportsErrorOnEndToEndTestsWhenTheConfiguredFolderHoldsNoReport() throws Exception {
        copyCase("passing", "surefire-reports");

        Result result = run(new TestsConfig(null, null, null, List.of("e2e/results")));

        Result endToEnd = result.claims().get(END_TO_END);
        assertThat(endToEnd.status()).isEqualTo(Status.ERROR);
        assertThat(endToEnd.summary()).isEqualTo("no end-to-end test reports (*.xml) in e2e/results: did the end-to-end suite run?");
        assertThat(endToEnd.evidence()).containsExactly(entry("reports", List.of("e2e/results")), entry("files", 0));
        assertThat(endToEnd.remedy()).isEqualTo("Run the end-to-end suite before the gate with its JUnit XML reporter "
                + "writing to the folders listed in endToEndReports.");
    }

    @Test
    void skipsEndToEndTestsWithTheReasonWhenAnItemAsksForThemAndNoReportsAreConfigured() throws Exception {
        copyCase("passing", "surefire-reports");

        Result result = run(TestsConfig.defaults(), END_TO_END);

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.claims()).containsOnlyKeys(END_TO_END);
        Result endToEnd = result.claims().get(END_TO_END);
        assertThat(endToEnd.status()).isEqualTo(Status.SKIPPED);
        assertThat(endToEnd.summary()).isEqualTo("no end-to-end test reports to read: endToEndReports is not set");
        assertThat(endToEnd.evidence()).containsExactly(entry("reports", List.of()), entry("files", 0));
        assertThat(endToEnd.remedy()).isEqualTo("Set endToEndReports to the folder the end-to-end suite writes its JUnit "
                + "XML to (Playwright: the junit reporter's outputFile; Cypress: mocha-junit-reporter's mochaFile; Selenium "
                + "run by Surefire or Failsafe: its reportsDirectory), and run the suite before the gate.");
    }

    /** One row per real run and claim: the counts Surefire, Failsafe or Playwright printed for it (see each case's README.txt). */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "passing,            tests,             6, 0, 0, 1, 1",
            "passing,            tests.integration, 2, 0, 0, 0, 0",
            "reruns,             tests,             9, 1, 1, 1, 1",
            "failing,            tests,             9, 2, 1, 1, 0",
            "setup-error,        tests,             1, 0, 1, 0, 0",
            "failing-it,         tests,             5, 0, 0, 1, 0",
            "failing-it,         tests.integration, 1, 0, 1, 0, 0",
            "end-to-end/failing, tests.endToEnd,    5, 1, 0, 1, 0",
            "end-to-end/passing, tests.endToEnd,    4, 0, 0, 1, 0",
    })
    void countsAsTheRunnerPrints(String name, String claim, int tests, int failures, int errors, int skipped, int flaky)
            throws Exception {
        TestsConfig config = TestsConfig.defaults();
        if (name.startsWith("end-to-end/")) {
            copyCase("passing", "surefire-reports");
            copyTree(caseFolder(name), project.resolve("e2e/results"));
            config = new TestsConfig(null, null, null, List.of("e2e/results"));
        } else {
            copyCase(name);
        }

        Result result = run(config);

        Result verdict = claim.equals("tests") ? result.withoutClaims() : result.claims().get(claim);
        assertThat(verdict.evidence()).contains(entry("tests", tests), entry("failures", failures), entry("errors", errors),
                entry("skipped", skipped), entry("flaky", flaky));
    }

    @Test
    void readsReportsWrappedInTestsuites() throws Exception {
        copyCase("reruns");
        Path report = surefireReports.resolve("TEST-com.example.AveragingTest.xml");
        String suite = Files.readString(report).replaceFirst("<\\?xml[^>]*\\?>", "");
        Files.writeString(report, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>" + suite + "</testsuites>\n");

        Result result = run(TestsConfig.defaults());

        assertThat(result.summary()).isEqualTo("2 of 9 tests failed (1 failure, 1 error) in target/surefire-reports");
        assertThat(result.findings()).hasSize(2);
    }

    @Test
    void listsTheFirst100FailingTestsAndCountsThemAll() throws Exception {
        Path report = caseFolder("failing").resolve("surefire-reports/TEST-com.example.AveragingTest.xml");
        Files.createDirectories(surefireReports);
        for (int i = 0; i < 60; i++) {
            Files.copy(report, surefireReports.resolve(String.format("TEST-com.example.AveragingTest%02d.xml", i)));
        }

        Result result = run(TestsConfig.defaults());

        assertThat(result.summary()).isEqualTo("120 of 180 tests failed (60 failures, 60 errors) in target/surefire-reports");
        assertThat(result.evidence()).contains(entry("failures", 60), entry("errors", 60), entry("files", 60));
        assertThat(result.findings()).hasSize(100);
        assertThat(result.findings().get(99).location()).isEqualTo("target/surefire-reports/TEST-com.example.AveragingTest49.xml");
        assertThat(result.remedy()).startsWith("Fix the failing tests listed (the first 100 of 120) and run mvn verify again");
    }

    @Test
    void failsWhenFewerThanTheMinimumOfTestsRan() throws Exception {
        copyCase("passing");

        Result result = run(new TestsConfig(10, null, null, null));

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("5 tests ran in target/surefire-reports (1 skipped), but expected at least 10");
        assertThat(result.measured()).isEqualTo("5 ran, 0 failed");
        assertThat(result.expected()).isEqualTo("at least 10 ran, 0 failed");
        assertThat(result.evidence()).contains(entry("tests", 6), entry("skipped", 1));
        assertThat(result.findings()).isEmpty();
        assertThat(result.remedy()).isEqualTo("Add tests, or check that Surefire finds them (includes, class and "
                + "method names, the JUnit engine on the test classpath), then run mvn verify again.");
        assertThat(result.claims().get(INTEGRATION).status()).isEqualTo(Status.PASS);
    }

    @Test
    void failsWhenASuiteCountsAFailureThatNoTestcaseHolds() throws Exception {
        Result result = runOn("<testsuite name=\"com.example.EvilTest\" tests=\"2\" failures=\"1\" errors=\"0\">"
                + "<testcase classname=\"com.example.EvilTest\" name=\"a\"/><testcase classname=\"com.example.EvilTest\" name=\"b\"/>"
                + "</testsuite>");

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("the suite com.example.EvilTest counts 1 failure and 0 errors, but none of its"
                + " 2 testcases failed in target/surefire-reports/TEST-com.example.EvilTest.xml: the report says a test failed"
                + " that it does not name");
        assertThat(result.evidence()).contains(entry("file", "target/surefire-reports/TEST-com.example.EvilTest.xml"),
                entry("failures", 0), entry("tests", 2));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            more tests than testcases | tests="3"                | the suite com.example.EvilTest counts 3 tests, but holds 2 testcases
            fewer tests than testcases| tests="1"                | the suite com.example.EvilTest counts 1 test, but holds 2 testcases
            skips no testcase holds   | tests="2" skipped="2"    | the suite com.example.EvilTest counts 2 skipped, but 0 of its 2 testcases were skipped
            a count that is not one   | tests="2" errors="-1"    | the suite com.example.EvilTest gives errors="-1", which is not a count
            """)
    void reportsErrorWhenASuitesCountsDisagreeWithItsTestcases(String name, String counts, String phrase) throws Exception {
        Result result = runOn("<testsuite name=\"com.example.EvilTest\" " + counts + ">"
                + "<testcase classname=\"com.example.EvilTest\" name=\"a\"/><testcase classname=\"com.example.EvilTest\" name=\"b\"/>"
                + "</testsuite>");

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("the test report target/surefire-reports/TEST-com.example.EvilTest.xml contradicts itself: "
                + phrase);
        assertThat(result.remedy()).startsWith("Delete target/surefire-reports/TEST-com.example.EvilTest.xml and run the tests again");
    }

    @Test
    void reportsErrorOnAReportInAnEncodingTheJvmDoesNotSupport() throws Exception {
        Result result = runOn("<?xml version=\"1.0\" encoding=\"x-ebcdic-klingon\"?>"
                + "<testsuite tests=\"1\"><testcase name=\"a\"/></testsuite>");

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo(unreadable("the report declares the encoding 'x-ebcdic-klingon', which this JVM does not support"));
    }

    @Test
    void readsConfiguredFoldersRelativeToTheProjectFolder() throws Exception {
        copyTree(caseFolder("passing").resolve("surefire-reports"), project.resolve("build/test-results"));

        Result result = run(new TestsConfig(null, List.of("build/test-results"), null, null));

        assertThat(result.summary()).isEqualTo("5 tests passed in build/test-results (1 skipped, 1 flaky)");
        assertThat(result.evidence()).contains(entry("reports", List.of("build/test-results")), entry("files", 2));
    }

    @Test
    void reportsErrorWhenNoReportExists() throws Exception {
        Result result = run(TestsConfig.defaults());

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("no Surefire reports (TEST-*.xml) in target/surefire-reports: did the tests run?");
        assertThat(result.evidence()).containsExactly(entry("reports", List.of("target/surefire-reports")), entry("files", 0));
        assertThat(result.remedy()).isEqualTo("Run the tests with mvn verify and check that they are not skipped "
                + "(skipTests, -DskipTests, maven.test.skip); if the reports are written elsewhere, list their folders in reports.");
        assertThat(result.claims()).isEmpty();
    }

    @Test
    void reportsErrorOnUnitTestsWhenOnlyFailsafeWroteReports() throws Exception {
        copyCase("passing", "failsafe-reports");

        Result result = run(TestsConfig.defaults());

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("no Surefire reports (TEST-*.xml) in target/surefire-reports: did the tests run?");
        assertThat(result.claims().get(INTEGRATION).summary()).isEqualTo("2 tests passed in target/failsafe-reports");
    }

    @Test
    void reportsErrorWhenAConfiguredFolderHoldsNoReport() throws Exception {
        copyCase("passing");
        Files.createDirectories(project.resolve("target/it-reports"));

        Result result = run(new TestsConfig(null, List.of("target/surefire-reports", "target/it-reports"), null, null));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("no Surefire reports (TEST-*.xml) in target/it-reports: did the tests run?");
        assertThat(result.evidence()).containsExactly(entry("reports", List.of("target/it-reports")), entry("files", 0));
    }

    @Test
    void reportsErrorWhenTheReportsAreOlderThanTheCompiledTests() throws Exception {
        copyCase("passing");
        Path testClass = project.resolve("target/test-classes/com/example/CalculatorTest.class");
        Files.setLastModifiedTime(testClass, FileTime.from(TESTED.plusSeconds(120)));

        Result result = run(TestsConfig.defaults());

        assertOlderThanCompiledTests(result.withoutClaims(), "the Surefire reports in target/surefire-reports "
                + "(oldest 2026-11-25T22:43:00Z) are older than the compiled classes in target/test-classes "
                + "(newest 2026-11-25T22:45:00Z): at least one is from an earlier run",
                "2026-11-25T22:43:00Z", "2026-11-25T22:45:00Z", "target/surefire-reports/TEST-com.example.CalculatorTest.xml", 2);
        assertThat(result.claims().get(INTEGRATION).status()).isEqualTo(Status.ERROR);
    }

    @Test
    void reportsErrorWhenAPartialRunLeftAReportOfAnEarlierRunBesideAFreshOne() throws Exception {
        copyCase("passing");
        Files.setLastModifiedTime(project.resolve("target/test-classes/com/example/CalculatorTest.class"), FileTime.from(TESTED.plusSeconds(60)));
        try (var reports = Files.list(project.resolve("target/surefire-reports"))) {
            Path fresh = reports.filter(p -> p.getFileName().toString().startsWith("TEST-")).findFirst().orElseThrow();
            Files.setLastModifiedTime(fresh, FileTime.from(TESTED.plusSeconds(120)));
        }

        Result result = run(TestsConfig.defaults());

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).startsWith("the Surefire reports in target/surefire-reports (oldest 2026-11-25T22:43:00Z) are older"
                + " than the compiled classes in target/test-classes (newest 2026-11-25T22:44:00Z)");
    }

    @Test
    void reportsErrorWhenTheMainClassesWereCompiledAfterTheTestsRan() throws Exception {
        copyCase("passing");
        Path mainClass = Files.createDirectories(project.resolve("target/classes/com/example")).resolve("Calculator.class");
        Files.write(mainClass, new byte[] {(byte) 0xCA, (byte) 0xFE});
        Files.setLastModifiedTime(mainClass, FileTime.from(TESTED.plusSeconds(300)));
        Files.setLastModifiedTime(Files.writeString(project.resolve("target/classes/git.properties"), "git.commit.id=abc"),
                FileTime.from(TESTED.plusSeconds(900)));

        Result result = run(TestsConfig.defaults());

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("the Surefire reports in target/surefire-reports (oldest 2026-11-25T22:43:00Z) are older"
                + " than the compiled classes in target/classes (newest 2026-11-25T22:48:00Z): at least one is from an earlier run");
        assertThat(result.evidence()).containsEntry("newestClass", "target/classes/com/example/Calculator.class");
    }

    @Test
    void refusesAnExternalEntityWithoutReadingTheFileItNames() throws Exception {
        Path secret = project.resolve("secret.txt");
        Files.writeString(secret, "db-password=hunter2");
        Result result = runOn("""
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE testsuite [<!ENTITY leak SYSTEM "%s">]>
                <testsuite name="com.example.EvilTest" tests="1">
                  <testcase name="leaks" classname="com.example.EvilTest"><failure message="&leak;"/></testcase>
                </testsuite>
                """.formatted(secret.toUri()));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo(unreadable("not well-formed XML at line 2, column 10: " + doctypeRefused()));
        assertThat(result.toString()).doesNotContain("hunter2");
    }

    @Test
    void refusesAnEntityExpansionBomb() throws Exception {
        StringBuilder entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            entities.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        Result result = runOn("<?xml version=\"1.0\"?>\n<!DOCTYPE testsuite [" + entities + "]>\n"
                + "<testsuite name=\"com.example.EvilTest\"><testcase name=\"a\" classname=\"b\">"
                + "<failure message=\"&lol9;\"/></testcase></testsuite>\n");

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo(unreadable("not well-formed XML at line 2, column 10: " + doctypeRefused()));
    }

    @Test
    void reportsErrorOnAnEmptyReport() throws Exception {
        Result result = runOn("");

        assertEmptyReport(result, "target/surefire-reports/TEST-com.example.EvilTest.xml", "Surefire");
    }

    @Test
    void reportsErrorOnATruncatedReport() throws Exception {
        String real = Files.readString(caseFolder("failing").resolve("surefire-reports/TEST-com.example.AveragingTest.xml"));

        Result result = runOn(real.substring(0, real.indexOf("<testcase name=\"averagesTwoNumbers\"")));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo(unreadable("not well-formed XML at line 23, column 3: "
                + "XML document structures must start and end within the same entity."));
    }

    @Test
    void reportsErrorOnAFailureWrappingTwoHundredThousandNestedElements() throws Exception {
        String deep = "<b>".repeat(200_000) + "boom" + "</b>".repeat(200_000);

        Result result = runOn("<testsuite><testcase classname=\"com.example.EvilTest\" name=\"deep\"><failure>" + deep
                + "</failure></testcase></testsuite>");

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).startsWith(unreadable("not well-formed XML at line 1, column "))
                .contains("maxElementDepth").doesNotContain("\n");
    }

    @Test
    void cutsAHugeTestNameInsteadOfCopyingItIntoEveryReport() throws Exception {
        String name = "x".repeat(5_000_000);

        Result result = runOn("<testsuite><testcase classname=\"com.example.EvilTest\" name=\"" + name + "\">"
                + "<failure type=\"" + name + "\"><b><i>expected 2</i> but was 3</b>\n\tat x</failure></testcase></testsuite>");

        assertThat(result.status()).isEqualTo(Status.FAIL);
        Finding finding = result.findings().get(0);
        assertThat(finding.message()).hasSizeLessThan(1_000).endsWith(": expected 2 but was 3");
        assertThat(finding.evidence().get("method").toString()).hasSize(SurefireReport.MAX_NAME_CHARS);
        assertThat(finding.evidence().get("type").toString()).hasSize(SurefireReport.MAX_NAME_CHARS);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "declared UTF-8, '<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n', 11",
            "no declaration, '', 10",
    })
    void reportsErrorOnBytesThatAreNotUtf8(String name, String declaration, int line) throws Exception {
        String real = Files.readString(caseFolder("passing").resolve("surefire-reports/TEST-com.example.CalculatorTest.xml"));
        String latin1 = declaration + real.replaceFirst("<\\?xml[^>]*\\?>\n", "")
                .replace("rounding mode not decided yet", "arrondi à décider");
        Files.createDirectories(surefireReports);
        Files.write(surefireReports.resolve("TEST-com.example.EvilTest.xml"), latin1.getBytes(StandardCharsets.ISO_8859_1));

        Result result = run(TestsConfig.defaults());

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo(unreadable("not well-formed XML at line " + line + ", column 31: "
                + "Invalid byte 2 of 3-byte UTF-8 sequence."));
    }

    @Test
    void reportsErrorOnAReportLargerThan64MiB() throws Exception {
        Files.createDirectories(surefireReports);
        try (RandomAccessFile file = new RandomAccessFile(surefireReports.resolve("TEST-com.example.EvilTest.xml").toFile(), "rw")) {
            file.setLength(TestsCheck.MAX_REPORT_BYTES + 1);
        }

        Result result = run(TestsConfig.defaults());

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo(unreadable("the file is 67108865 bytes, more than the 67108864 bytes a report may have"));
    }

    @Test
    void reportsErrorOnXmlThatIsNotATestReport() throws Exception {
        Result result = runOn("<?xml version=\"1.0\"?>\n<html><body>Tests run: 5</body></html>\n");

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo(unreadable("its root element is <html>, not <testsuite> or <testsuites>: "
                + "not a JUnit XML test report"));
    }

    @Test
    void bindsItsConfigurationFromYaml() throws Exception {
        TestsConfig config = bind("""
                minimumTests: 50
                reports: [target/surefire-reports, target/unit-reports]
                integrationReports: [target/it-reports]
                endToEndReports: e2e/results
                """);

        assertThat(config).isEqualTo(new TestsConfig(50, List.of("target/surefire-reports", "target/unit-reports"),
                List.of("target/it-reports"), List.of("e2e/results")));
        assertThat(bind("")).isEqualTo(new TestsConfig(1, List.of(), List.of(), List.of()));
        assertThat(bind("reports: build/test-results").reports()).containsExactly("build/test-results");
    }

    @Test
    void rejectsIllTypedConfiguration() {
        assertThatThrownBy(() -> bind("minimumTests: abc"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("tests.minimumTests: 'abc' is not a whole number");
        assertThatThrownBy(() -> bind("minimumTests: -1"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("tests: minimumTests must be 0 or more, but was -1");
        assertThatThrownBy(() -> bind("endToEndReports: ['']"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("tests: endToEndReports holds an empty folder name");
        assertThatThrownBy(() -> bind("minimumTest: 5"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("unknown parameter 'minimumTest' of tests (did you mean 'minimumTests'?); "
                        + "known parameters: endToEndReports, integrationReports, level, minimumTests, reports");
    }

    @Test
    void isFoundByTheServiceLoaderAndDeclaresAClaimPerKindOfTest() {
        Check<?> check = ServiceLoader.load(Check.class).stream().map(ServiceLoader.Provider::get)
                .filter(c -> c.id().equals("tests")).findFirst().orElseThrow();

        assertThat(check).isInstanceOf(TestsCheck.class);
        assertThat(check.readsBuildOutputs()).isTrue();
        assertThat(check.configType()).isEqualTo(TestsConfig.class);
        assertThat(check.claims()).extracting(Claim::id, Claim::strength, Claim::phrases).containsExactly(
                tuple("tests", Strength.SETTLES, List.of("All unit tests pass", "All pre-deployment tests passed")),
                tuple("tests.integration", Strength.SETTLES, List.of("Integration tests pass", "All pre-deployment tests passed")),
                tuple("tests.endToEnd", Strength.SETTLES, List.of("End-to-end tests pass", "All pre-deployment tests passed")));
    }

    /** The evidence of a claim that read its reports, in its order: the counts, the folders read, how many files. */
    private static Map<String, Object> counts(int tests, int failures, int errors, int skipped, int flaky, String folder, int files) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("tests", tests);
        evidence.put("failures", failures);
        evidence.put("errors", errors);
        evidence.put("skipped", skipped);
        evidence.put("flaky", flaky);
        evidence.put("reports", List.of(folder));
        evidence.put("files", files);
        return evidence;
    }

    /** The ERROR of a claim whose only report is an empty file: named, counted, with the fix. */
    private static void assertEmptyReport(Result verdict, String file, String writer) {
        assertThat(verdict.status()).isEqualTo(Status.ERROR);
        assertThat(verdict.summary()).isEqualTo("cannot read test report " + file + ": the file is empty");
        assertThat(verdict.evidence()).containsExactly(entry("reports", List.of(file.substring(0, file.lastIndexOf('/')))),
                entry("files", 1), entry("file", file));
        assertThat(verdict.remedy()).isEqualTo("Delete " + file + " and run the tests again (mvn verify); "
                + writer + " writes well-formed UTF-8 XML without a DOCTYPE.");
    }

    /** The ERROR of a claim whose reports are older than the compiled classes (CalculatorTest.class). */
    private static void assertOlderThanCompiledTests(Result verdict, String summary, String reportsTime, String classesTime,
                                                     String oldestReport, int files) {
        assertThat(verdict.status()).isEqualTo(Status.ERROR);
        assertThat(verdict.summary()).isEqualTo(summary);
        assertThat(verdict.measured()).isEqualTo("reports of " + reportsTime);
        assertThat(verdict.expected()).isEqualTo("reports newer than " + classesTime);
        assertThat(verdict.evidence()).containsExactly(
                entry("reports", List.of(oldestReport.substring(0, oldestReport.lastIndexOf('/')))), entry("files", files),
                entry("oldestReport", oldestReport),
                entry("newestClass", "target/test-classes/com/example/CalculatorTest.class"));
        assertThat(verdict.remedy()).isEqualTo("Run the tests again (mvn clean verify: a partial run, -Dtest=…, leaves the other reports"
                + " of an earlier one) so every report comes from the compiled classes.");
    }

    /** Runs the check as the engine does when checklist items bind these claims. */
    private Result run(TestsConfig config, String... boundClaims) throws Exception {
        return new TestsCheck().run(config, CheckContext.builder(project).boundClaims(Set.of(boundClaims)).build());
    }

    /** Runs on one report with the given content, as the only report of the project. */
    private Result runOn(String content) throws Exception {
        Files.createDirectories(surefireReports);
        Files.writeString(surefireReports.resolve("TEST-com.example.EvilTest.xml"), content);
        return run(TestsConfig.defaults());
    }

    private static String unreadable(String reason) {
        return "cannot read test report target/surefire-reports/TEST-com.example.EvilTest.xml: " + reason;
    }

    private static String doctypeRefused() {
        return "DOCTYPE is disallowed when the feature \"http://apache.org/xml/features/disallow-doctype-decl\" set to true.";
    }

    private static TestsConfig bind(String yaml) throws Exception {
        JsonNode tree = new YAMLMapper().readTree(yaml);
        return ConfigBinder.bind("tests", TestsConfig.class, tree, List.of("level"));
    }

    /** Copies a case's report folders (all, or those named) into target/, dated after the tests were compiled. */
    private void copyCase(String name, String... only) throws IOException, URISyntaxException {
        try (Stream<Path> folders = Files.list(caseFolder(name))) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                String folderName = folder.getFileName().toString();
                if (only.length == 0 || List.of(only).contains(folderName)) {
                    copyTree(folder, project.resolve("target").resolve(folderName));
                }
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Path copy = to.resolve(file.getFileName().toString());
                Files.copy(file, copy);
                Files.setLastModifiedTime(copy, FileTime.from(TESTED));
            }
        }
    }

    private static Path caseFolder(String name) throws URISyntaxException {
        return Path.of(TestsCheckTest.class.getResource(name).toURI());
    }
}
