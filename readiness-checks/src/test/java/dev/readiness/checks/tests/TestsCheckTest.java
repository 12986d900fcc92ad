package dev.readiness.checks.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
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
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code tests} check against real Surefire and Failsafe 3.6.1 reports (made by the project in
 * {@code fixture-project/}; each case folder's README.txt says how) and against broken and hostile files.
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
    void passesWhenNoTestFailedCountingSkippedAndFlakyTests() throws Exception {
        copyCase("passing");

        Result result = run(TestsConfig.defaults());

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary())
                .isEqualTo("7 tests passed in target/surefire-reports, target/failsafe-reports (1 skipped, 1 flaky)");
        assertThat(result.measured()).isEqualTo("7 ran, 0 failed");
        assertThat(result.expected()).isEqualTo("at least 1 ran, 0 failed");
        assertThat(result.evidence()).containsExactly(
                entry("tests", 8), entry("failures", 0), entry("errors", 0), entry("skipped", 1), entry("flaky", 1),
                entry("reports", List.of("target/surefire-reports", "target/failsafe-reports")), entry("files", 3));
        assertThat(result.findings()).isEmpty();
        assertThat(result.remedy()).isNull();
    }

    @Test
    void failsNamingEachFailingTestWithItsReport() throws Exception {
        copyCase("failing");

        Result result = run(TestsConfig.defaults());

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("3 of 9 tests failed (2 failures, 1 error) in target/surefire-reports");
        assertThat(result.measured()).isEqualTo("8 ran, 3 failed");
        assertThat(result.expected()).isEqualTo("at least 1 ran, 0 failed");
        assertThat(result.evidence()).containsExactly(
                entry("tests", 9), entry("failures", 2), entry("errors", 1), entry("skipped", 1), entry("flaky", 0),
                entry("reports", List.of("target/surefire-reports")), entry("files", 3));
        String averaging = "target/surefire-reports/TEST-com.example.AveragingTest.xml";
        assertThat(result.findings()).containsExactly(
                new Finding("AveragingTest.averagesRoundedUp: average of 2 and 3", averaging, Map.of(
                        "class", "com.example.AveragingTest", "method", "averagesRoundedUp", "kind", "failure",
                        "type", "org.opentest4j.AssertionFailedError", "message", "average of 2 and 3")),
                new Finding("AveragingTest.averagesNothing: / by zero", averaging, Map.of(
                        "class", "com.example.AveragingTest", "method", "averagesNothing", "kind", "error",
                        "type", "java.lang.ArithmeticException", "message", "/ by zero")),
                new Finding("RetryingClientTest.connectsOnSecondAttempt: connection refused on attempt 1 ==> expected: <true> but was: <false>",
                        "target/surefire-reports/TEST-com.example.RetryingClientTest.xml", Map.of(
                        "class", "com.example.RetryingClientTest", "method", "connectsOnSecondAttempt", "kind", "failure",
                        "type", "org.opentest4j.AssertionFailedError",
                        "message", "connection refused on attempt 1 ==> expected: <true> but was: <false>")));
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
        assertThat(result.findings()).containsExactly(new Finding(
                "ConnectionPoolTest.initializationError: database not reachable at localhost:5432",
                "target/surefire-reports/TEST-com.example.ConnectionPoolTest.xml", Map.of(
                "class", "com.example.ConnectionPoolTest", "method", "initializationError", "kind", "error",
                "type", "java.lang.IllegalStateException", "message", "database not reachable at localhost:5432")));
        assertThat(result.remedy()).endsWith("to rerun the first alone: mvn test -Dtest=ConnectionPoolTest.");
    }

    @Test
    void failsOnAFailingIntegrationTestWithFailsafesRerunCommand() throws Exception {
        copyCase("failing-it");

        Result result = run(TestsConfig.defaults());

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary())
                .isEqualTo("1 of 6 tests failed (0 failures, 1 error) in target/surefire-reports, target/failsafe-reports");
        assertThat(result.findings()).containsExactly(new Finding("PaymentGatewayIT.chargesCard: Connection refused",
                "target/failsafe-reports/TEST-com.example.PaymentGatewayIT.xml", Map.of(
                "class", "com.example.PaymentGatewayIT", "method", "chargesCard", "kind", "error",
                "type", "java.net.ConnectException", "message", "Connection refused")));
        assertThat(result.remedy()).isEqualTo("Fix the failing tests listed and run mvn verify again; "
                + "to rerun the first alone: mvn verify -Dit.test=PaymentGatewayIT#chargesCard.");
    }

    /** One row per real run: the counts Surefire printed for it (see each case's README.txt). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "passing,     8, 0, 0, 1, 1",
            "reruns,      9, 1, 1, 1, 1",
            "failing,     9, 2, 1, 1, 0",
            "setup-error, 1, 0, 1, 0, 0",
            "failing-it,  6, 0, 1, 1, 0",
    })
    void countsAsSurefirePrints(String name, int tests, int failures, int errors, int skipped, int flaky) throws Exception {
        copyCase(name);

        Result result = run(TestsConfig.defaults());

        assertThat(result.evidence()).contains(entry("tests", tests), entry("failures", failures), entry("errors", errors),
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

        Result result = run(new TestsConfig(10, null));

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo(
                "7 tests ran in target/surefire-reports, target/failsafe-reports (1 skipped), but expected at least 10");
        assertThat(result.measured()).isEqualTo("7 ran, 0 failed");
        assertThat(result.expected()).isEqualTo("at least 10 ran, 0 failed");
        assertThat(result.evidence()).contains(entry("tests", 8), entry("skipped", 1));
        assertThat(result.findings()).isEmpty();
        assertThat(result.remedy()).isEqualTo("Add tests, or check that Surefire/Failsafe find them (includes, class and "
                + "method names, the JUnit engine on the test classpath), then run mvn verify again.");
    }

    @Test
    void readsConfiguredFoldersRelativeToTheProjectFolder() throws Exception {
        copyTree(caseFolder("passing").resolve("surefire-reports"), project.resolve("build/test-results"));

        Result result = run(new TestsConfig(null, List.of("build/test-results")));

        assertThat(result.summary()).isEqualTo("5 tests passed in build/test-results (1 skipped, 1 flaky)");
        assertThat(result.evidence()).contains(entry("reports", List.of("build/test-results")), entry("files", 2));
    }

    @Test
    void reportsErrorWhenNoReportExists() throws Exception {
        Result result = run(TestsConfig.defaults());

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo(
                "no Surefire reports (TEST-*.xml) in target/surefire-reports, target/failsafe-reports: did the tests run?");
        assertThat(result.evidence()).containsExactly(
                entry("reports", List.of("target/surefire-reports", "target/failsafe-reports")), entry("files", 0));
        assertThat(result.remedy()).isEqualTo("Run the tests with mvn verify and check that they are not skipped "
                + "(skipTests, -DskipTests, maven.test.skip); if the reports are written elsewhere, list their folders in reports.");
    }

    @Test
    void reportsErrorWhenAConfiguredFolderHoldsNoReport() throws Exception {
        copyCase("passing");
        Files.createDirectories(project.resolve("target/it-reports"));

        Result result = run(new TestsConfig(null, List.of("target/surefire-reports", "target/it-reports")));

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

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("the test reports in target/surefire-reports, target/failsafe-reports "
                + "(newest 2026-11-25T22:43:00Z) are older than the compiled tests in target/test-classes "
                + "(newest 2026-11-25T22:45:00Z): they are from an earlier run");
        assertThat(result.measured()).isEqualTo("reports of 2026-11-25T22:43:00Z");
        assertThat(result.expected()).isEqualTo("reports newer than 2026-11-25T22:45:00Z");
        assertThat(result.evidence()).containsExactly(
                entry("reports", List.of("target/surefire-reports", "target/failsafe-reports")), entry("files", 3),
                entry("newestReport", "target/surefire-reports/TEST-com.example.CalculatorTest.xml"),
                entry("newestTestClass", "target/test-classes/com/example/CalculatorTest.class"));
        assertThat(result.remedy()).isEqualTo("Run the tests again (mvn verify) so the reports come from the compiled tests.");
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

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo(unreadable("the file is empty"));
        assertThat(result.evidence()).containsExactly(entry("reports", List.of("target/surefire-reports")),
                entry("files", 1), entry("file", "target/surefire-reports/TEST-com.example.EvilTest.xml"));
        assertThat(result.remedy()).isEqualTo("Delete target/surefire-reports/TEST-com.example.EvilTest.xml and run the "
                + "tests again (mvn verify); Surefire and Failsafe write well-formed UTF-8 XML without a DOCTYPE.");
    }

    @Test
    void reportsErrorOnATruncatedReport() throws Exception {
        String real = Files.readString(caseFolder("failing").resolve("surefire-reports/TEST-com.example.AveragingTest.xml"));

        Result result = runOn(real.substring(0, real.indexOf("<testcase name=\"averagesTwoNumbers\"")));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo(unreadable("not well-formed XML at line 23, column 3: "
                + "XML document structures must start and end within the same entity."));
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
                + "not a Surefire report"));
    }

    @Test
    void bindsItsConfigurationFromYaml() throws Exception {
        TestsConfig config = bind("""
                minimumTests: 50
                reports: [target/surefire-reports, target/it-reports]
                """);

        assertThat(config).isEqualTo(new TestsConfig(50, List.of("target/surefire-reports", "target/it-reports")));
        assertThat(bind("")).isEqualTo(new TestsConfig(1, List.of()));
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
        assertThatThrownBy(() -> bind("minimumTest: 5"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("unknown parameter 'minimumTest' of tests (did you mean 'minimumTests'?); "
                        + "known parameters: level, minimumTests, reports");
    }

    @Test
    void isFoundByTheServiceLoaderAndReadsBuildOutputs() {
        Check<?> check = ServiceLoader.load(Check.class).stream().map(ServiceLoader.Provider::get)
                .filter(c -> c.id().equals("tests")).findFirst().orElseThrow();

        assertThat(check).isInstanceOf(TestsCheck.class);
        assertThat(check.readsBuildOutputs()).isTrue();
        assertThat(check.phrases()).containsExactly("All unit tests pass", "Integration tests pass");
        assertThat(check.configType()).isEqualTo(TestsConfig.class);
    }

    private Result run(TestsConfig config) throws Exception {
        return new TestsCheck().run(config, CheckContext.builder(project).build());
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

    /** Copies a case's report folders into target/, dated after the tests were compiled. */
    private void copyCase(String name) throws IOException, URISyntaxException {
        try (Stream<Path> folders = Files.list(caseFolder(name))) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                copyTree(folder, project.resolve("target").resolve(folder.getFileName().toString()));
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
