package dev.readiness.checks.staticanalysis;

import static dev.readiness.checks.staticanalysis.StaticAnalysisCheck.OUTPUT_ENCODING;
import static dev.readiness.checks.staticanalysis.StaticAnalysisCheck.SECURITY;
import static dev.readiness.checks.staticanalysis.StaticAnalysisCheck.SQL_INJECTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.readiness.check.CheckContext;
import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import dev.readiness.checks.staticanalysis.StaticAnalysisConfig.Severity;
import dev.readiness.io.ToolFiles;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code staticAnalysis} check against the real reports of SpotBugs 4.10.4 with Find Security Bugs 1.14.0,
 * PMD 7.17.0 and Checkstyle 9.3 on the sample projects beside the fixtures (see their README.md), and against
 * broken and hostile files.
 */
class StaticAnalysisCheckTest {

    private static final Instant SOURCES = Instant.parse("2026-12-02T07:30:00Z");
    private static final Instant COMPILED = Instant.parse("2026-12-02T07:31:00Z");
    private static final Instant ANALYSED = Instant.parse("2026-12-02T07:35:00Z");

    private static final Set<String> ALL_CLAIMS = Set.of(SECURITY, SQL_INJECTION, OUTPUT_ENCODING);

    @TempDir
    Path project;

    private final StaticAnalysisCheck check = new StaticAnalysisCheck();

    @BeforeEach
    void buildTheSampleProject() throws IOException, URISyntaxException {
        copyTree(fixture("sample-sqli").resolve("src"), project.resolve("src"));
        try (Stream<Path> files = Files.walk(project.resolve("src"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, FileTime.from(SOURCES));
            }
        }
        Path compiled = project.resolve("target/classes/shop/Accounts.class");
        Files.createDirectories(compiled.getParent());
        Files.write(compiled, new byte[] {(byte) 0xCA, (byte) 0xFE});
        Files.setLastModifiedTime(compiled, FileTime.from(COMPILED));
    }

    @Test
    void failsOnTheHighIssuesOfTheSqlInjectionSample() throws Exception {
        reports("sqli", "spotbugsXml.xml", "pmd.xml", "checkstyle-result.xml");

        Result result = run(StaticAnalysisConfig.defaults(), ALL_CLAIMS);

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("6 issues at or above HIGH in target/spotbugsXml.xml (SpotBugs), target/pmd.xml (PMD), "
                + "target/checkstyle-result.xml (Checkstyle) (of 10 in all)");
        assertThat(result.evidence()).containsEntry("failOn", "HIGH");
        assertThat(result.evidence().get("issues")).isEqualTo(java.util.Map.of("HIGH", 6L, "MEDIUM", 4L, "LOW", 0L));
        assertThat(result.findings().stream().filter(Finding::cause).map(Finding::key)).containsExactly(
                "src/main/java/shop/Accounts.java:11:checkstyle/JavadocVariable",
                "src/main/java/shop/Accounts.java:13:checkstyle/JavadocVariable",
                "src/main/java/shop/Accounts.java:20:checkstyle/HiddenField",
                "src/main/java/shop/Accounts.java:33:checkstyle/LineLength",
                "src/main/java/shop/Accounts.java:33:spotbugs/SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE",
                "src/main/java/shop/Greeting.java:1:checkstyle/JavadocPackage");
        assertThat(result.findings().stream().filter(f -> !f.cause()).map(Finding::key)).contains(
                "src/main/java/shop/Accounts.java:13:pmd/UnusedPrivateField",
                "src/main/java/shop/Accounts.java:33:spotbugs/SQL_INJECTION_JDBC");
        assertThat(result.findings().get(3).message()).isEqualTo("src/main/java/shop/Accounts.java:33: Line is longer than 80 "
                + "characters (found 117). (checkstyle LineLength, HIGH from error). See LineLength at "
                + "https://checkstyle.org/checks/sizes/linelength.html, or change the code as the message says");
    }

    @Test
    void spotBugsPriorityOneIsHigh() throws Exception {
        reports("sqli", "spotbugsXml.xml");

        Result result = run(StaticAnalysisConfig.defaults(), ALL_CLAIMS);

        assertThat(result.status()).isEqualTo(Status.FAIL);
        Finding sql = result.findings().get(0);
        assertThat(sql.key()).isEqualTo("src/main/java/shop/Accounts.java:33:spotbugs/SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE");
        assertThat(sql.location()).isEqualTo("src/main/java/shop/Accounts.java:33");
        assertThat(sql.evidence()).containsEntry("tool", "spotbugs").containsEntry("severity", "HIGH")
                .containsEntry("toolSeverity", "priority 1, rank 10").containsEntry("cwe", List.of(89));
        assertThat(sql.message()).contains("PreparedStatement", "https://find-sec-bugs.github.io/bugs.htm#SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE");
    }

    @Test
    void supportingClaimsFailOnTheSqlInjectionAndFindSecBugsShowsXssWasLookedFor() throws Exception {
        reports("sqli", "spotbugsXml.xml");

        Result result = run(StaticAnalysisConfig.defaults(), ALL_CLAIMS);

        Result sql = result.claims().get(SQL_INJECTION);
        assertThat(sql.status()).isEqualTo(Status.FAIL);
        assertThat(sql.summary()).isEqualTo("2 SQL injection issues (CWE-89) found: the first at src/main/java/shop/Accounts.java:33 "
                + "(spotbugs SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE)");
        assertThat(sql.findings()).extracting(Finding::key).containsExactly(
                "src/main/java/shop/Accounts.java:33:spotbugs/SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE",
                "src/main/java/shop/Accounts.java:33:spotbugs/SQL_INJECTION_JDBC");
        assertThat(result.claims().get(SECURITY).status()).isEqualTo(Status.FAIL);
        assertThat(result.claims().get(SECURITY).findings()).extracting(Finding::key)
                .containsExactly("src/main/java/shop/Accounts.java:33:spotbugs/SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE");
        assertThat(result.claims().get(OUTPUT_ENCODING).status()).isEqualTo(Status.PASS);
        assertThat(result.claims().get(OUTPUT_ENCODING).summary()).isEqualTo("no cross-site scripting issue (CWE-79) found by the "
                + "cross-site-scripting detectors (Find Security Bugs in SpotBugs, or SARIF rules tagged CWE-79) that ran");
    }

    @Test
    void passesOnTheCleanSample() throws Exception {
        reports("clean", "spotbugsXml.xml", "pmd.xml", "checkstyle-result.xml");

        Result result = run(StaticAnalysisConfig.defaults(), ALL_CLAIMS);

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("no issue at or above HIGH in target/spotbugsXml.xml (SpotBugs), target/pmd.xml (PMD), "
                + "target/checkstyle-result.xml (Checkstyle)");
        assertThat(result.findings()).isEmpty();
        assertThat(result.claims().values()).extracting(Result::status).containsOnly(Status.PASS);
    }

    @Test
    void supportingClaimsAreSkippedWhenNoSecurityDetectorRan() throws Exception {
        reports("sqli", "pmd.xml", "checkstyle-result.xml");

        Result result = run(StaticAnalysisConfig.defaults(), ALL_CLAIMS);

        assertThat(result.claims().values()).extracting(Result::status).containsOnly(Status.SKIPPED);
        assertThat(result.claims().get(SECURITY).summary()).isEqualTo("not evaluated: no security detectors (Find Security Bugs "
                + "in SpotBugs, or SARIF rules tagged security) ran");
        assertThat(run(StaticAnalysisConfig.defaults(), Set.of()).claims()).isEmpty();
    }

    @Test
    void failOnLowCountsEveryIssue() throws Exception {
        reports("sqli", "spotbugsXml.xml");

        Result result = run(new StaticAnalysisConfig(Severity.LOW, null, null, null, null), Set.of());

        assertThat(result.summary()).startsWith("4 issues at or above LOW");
        assertThat(result.findings()).allMatch(Finding::cause);
    }

    @Test
    void readsSpotBugsSarifWithItsCweRelationships() throws Exception {
        copy("sqli/spotbugsSarif.json", "target/spotbugsSarif.json");

        Result result = run(new StaticAnalysisConfig(null, null, null, null, List.of("target/spotbugsSarif.json")), ALL_CLAIMS);

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("no issue at or above HIGH in target/spotbugsSarif.json (SpotBugs) (4 issues below it)");
        assertThat(result.findings()).extracting(Finding::key).contains(
                "src/main/java/shop/Accounts.java:33:spotbugs/SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE");
        assertThat(result.claims().get(SQL_INJECTION).status()).isEqualTo(Status.FAIL);
        assertThat(result.claims().get(SECURITY).status()).isEqualTo(Status.PASS);
        assertThat(result.claims().get(OUTPUT_ENCODING).status()).isEqualTo(Status.PASS);
    }

    @Test
    void sameIssueFromXmlAndSarifIsOneFinding() throws Exception {
        reports("sqli", "spotbugsXml.xml");
        copy("sqli/spotbugsSarif.json", "target/spotbugsSarif.json");

        Result result = run(new StaticAnalysisConfig(Severity.LOW, null, null, null, List.of("target/spotbugsSarif.json")), Set.of());

        assertThat(result.findings()).hasSize(4);
    }

    @Test
    void sarifSecuritySeverityAndCweTagsDecide() throws Exception {
        write("target/codeql.sarif", """
                {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "CodeQL", "rules": [
                  {"id": "java/xss", "helpUri": "https://codeql.github.com/java-xss",
                   "properties": {"tags": ["security", "external/cwe/cwe-079"], "security-severity": "6.1"}},
                  {"id": "java/sql-injection", "properties": {"tags": ["security", "external/cwe/cwe-089"], "security-severity": "8.8"}}]}},
                 "results": [{"ruleId": "java/xss", "level": "error", "message": {"text": "Cross-site scripting"},
                   "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/main/java/shop/Greeting.java"}, "region": {"startLine": 16}}}]},
                  {"ruleId": "java/sql-injection", "message": {"text": "suppressed"}, "suppressions": [{"kind": "inSource"}],
                   "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/main/java/shop/Accounts.java"}, "region": {"startLine": 33}}}]}]}]}
                """);

        Result result = run(new StaticAnalysisConfig(null, null, null, null, List.of("target/codeql.sarif")), ALL_CLAIMS);

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.findings()).extracting(Finding::key, f -> f.evidence().get("severity"))
                .containsExactly(tuple("src/main/java/shop/Greeting.java:16:codeql/java/xss", "MEDIUM"));
        assertThat(result.claims().get(OUTPUT_ENCODING).status()).isEqualTo(Status.FAIL);
        assertThat(result.claims().get(OUTPUT_ENCODING).findings().get(0).message()).contains("Encode the value",
                "https://codeql.github.com/java-xss");
        assertThat(result.claims().get(SQL_INJECTION).status()).isEqualTo(Status.PASS);
        assertThat(result.claims().get(SECURITY).status()).isEqualTo(Status.PASS);
    }

    @Test
    void countsSarifResultsTheToolLeftOpenOrForReviewAndLeavesOutPassesAndNotes() throws Exception {
        write("target/codeql.sarif", """
                {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "CodeQL", "rules": [
                  {"id": "java/sql-injection", "properties": {"tags": ["security", "external/cwe/cwe-089"], "security-severity": "8.8"}}]}},
                 "results": [
                  {"ruleId": "java/sql-injection", "kind": "open", "message": {"text": "could not decide"},
                   "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/main/java/shop/Accounts.java"}, "region": {"startLine": 27}}}]},
                  {"ruleId": "java/sql-injection", "kind": "review", "message": {"text": "a person must look"},
                   "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/main/java/shop/Orders.java"}, "region": {"startLine": 9}}}]},
                  {"ruleId": "java/sql-injection", "kind": "pass", "message": {"text": "checked"},
                   "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/main/java/shop/Cart.java"}, "region": {"startLine": 3}}}]},
                  {"ruleId": "java/sql-injection", "kind": "informational", "message": {"text": "fyi"},
                   "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/main/java/shop/Cart.java"}, "region": {"startLine": 4}}}]}]}]}
                """);

        Result result = run(new StaticAnalysisConfig(null, null, null, null, List.of("target/codeql.sarif")), ALL_CLAIMS);

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.findings()).extracting(Finding::key).containsExactly("src/main/java/shop/Accounts.java:27:codeql/java/sql-injection",
                "src/main/java/shop/Orders.java:9:codeql/java/sql-injection");
        assertThat(result.claims().get(SQL_INJECTION).status()).isEqualTo(Status.FAIL);
    }

    @Test
    void reportsErrorNamingThePathsWhenNoReportExists() throws Exception {
        Result result = run(StaticAnalysisConfig.defaults(), ALL_CLAIMS);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("no static-analysis report in target/spotbugsXml.xml, target/pmd.xml, "
                + "target/checkstyle-result.xml: did SpotBugs, PMD or Checkstyle run?");
        assertThat(result.evidence()).containsEntry("reports",
                List.of("target/spotbugsXml.xml", "target/pmd.xml", "target/checkstyle-result.xml"));
        assertThat(result.claims().values()).extracting(Result::status).containsOnly(Status.SKIPPED);
    }

    @Test
    void reportsErrorWhenAConfiguredReportIsMissing() throws Exception {
        reports("clean", "spotbugsXml.xml");

        Result result = run(new StaticAnalysisConfig(null, null, "build/pmd.xml", null, null), Set.of());

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("no PMD report at build/pmd.xml, though the configuration names it");
    }

    @Test
    void reportsErrorWhenSpotBugsReportIsOlderThanTheCompiledClasses() throws Exception {
        reports("clean", "spotbugsXml.xml");
        Files.setLastModifiedTime(project.resolve("target/spotbugsXml.xml"), FileTime.from(COMPILED.minusSeconds(1)));

        Result result = run(StaticAnalysisConfig.defaults(), Set.of());

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("the SpotBugs report target/spotbugsXml.xml (2026-12-02T07:30:59Z) is older than the "
                + "compiled classes (newest target/classes/shop/Accounts.class, 2026-12-02T07:31:00Z): it is from an earlier run");
    }

    @Test
    void checkstyleReportIsHeldToTheSourcesNotTheClasses() throws Exception {
        reports("clean", "checkstyle-result.xml");
        Path report = project.resolve("target/checkstyle-result.xml");
        Files.setLastModifiedTime(report, FileTime.from(COMPILED.minusSeconds(30)));
        assertThat(run(StaticAnalysisConfig.defaults(), Set.of()).status()).isEqualTo(Status.PASS);

        Files.setLastModifiedTime(report, FileTime.from(SOURCES.minusSeconds(1)));
        Result stale = run(StaticAnalysisConfig.defaults(), Set.of());
        assertThat(stale.status()).isEqualTo(Status.ERROR);
        assertThat(stale.summary()).contains("is older than the sources");
    }

    @Test
    void reportsErrorWhenCheckstyleAnalysedNoFile() throws Exception {
        write("target/checkstyle-result.xml", "<?xml version=\"1.0\"?>\n<checkstyle version=\"9.3\">\n</checkstyle>\n");

        Result result = run(StaticAnalysisConfig.defaults(), Set.of());

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("the Checkstyle report target/checkstyle-result.xml says it analysed no file: "
                + "nothing was checked");
    }

    @Test
    void refusesTheGatesOwnSarif() throws Exception {
        write("target/readiness/readiness.sarif", "{}");

        Result result = run(new StaticAnalysisConfig(null, null, null, null, List.of("target/readiness/readiness.sarif")), Set.of());

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("target/readiness/readiness.sarif is this gate's own SARIF report, not a "
                + "static-analysis tool's");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed XML         | target/spotbugsXml.xml        | <BugCollection><BugInstance>                                       | cannot read the SpotBugs report target/spotbugsXml.xml: not well-formed XML at line 1, column 29: XML document structures must start and end within the same entity.
            external entity (XXE) | target/pmd.xml                | <?xml version="1.0"?><!DOCTYPE pmd [<!ENTITY x SYSTEM "file:///etc/passwd">]><pmd>&x;</pmd> | cannot read the PMD report target/pmd.xml: not well-formed XML at line 1, column 31: DOCTYPE is disallowed when the feature "http://apache.org/xml/features/disallow-doctype-decl" set to true.
            billion laughs        | target/checkstyle-result.xml  | <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><checkstyle>&lol2;</checkstyle> | cannot read the Checkstyle report target/checkstyle-result.xml: not well-formed XML at line 1, column 31: DOCTYPE is disallowed when the feature "http://apache.org/xml/features/disallow-doctype-decl" set to true.
            wrong root element    | target/spotbugsXml.xml        | <testsuite name="x"/>                                              | cannot read the SpotBugs report target/spotbugsXml.xml: its root element is <testsuite>, not <BugCollection>: not a SpotBugs XML report (spotbugsXml.xml)
            empty file            | target/pmd.xml                |                                                                    | cannot read the PMD report target/pmd.xml: the file is empty
            SARIF of version 2.0  | target/tool.sarif             | {"version": "2.0.0", "runs": []}                                   | cannot read the SARIF report target/tool.sarif: its version is '2.0.0', not 2.1.0: only SARIF 2.1.0 is read
            SARIF without runs    | target/tool.sarif             | {"version": "2.1.0"}                                               | cannot read the SARIF report target/tool.sarif: it has no runs: a SARIF log holds its results in runs[]
            SARIF not JSON        | target/tool.sarif             | <sarif/>                                                           | cannot read the SARIF report target/tool.sarif: not well-formed JSON: Unexpected character ('<' (code 60)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')
            SARIF of a failed run | target/tool.sarif             | {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "Semgrep"}}, "invocations": [{"executionSuccessful": false}]}]} | cannot read the SARIF report target/tool.sarif: Semgrep says its run did not succeed (executionSuccessful is false), so its results are incomplete
            """)
    void reportsErrorInOneLineOnABrokenOrHostileReport(String name, String file, String content, String summary) throws Exception {
        write(file, content == null ? "" : content);
        List<String> sarif = file.endsWith(".sarif") ? List.of(file) : null;

        Result result = run(new StaticAnalysisConfig(null, null, null, null, sarif), Set.of());

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo(summary).doesNotContain("\n");
    }

    @Test
    void reportsErrorOnDeepNesting() throws Exception {
        write("target/spotbugsXml.xml", "<BugCollection>" + "<a>".repeat(10_000) + "</a>".repeat(10_000) + "</BugCollection>");
        write("target/tool.sarif", "{\"version\": \"2.1.0\", \"runs\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}");

        Result xml = run(StaticAnalysisConfig.defaults(), Set.of());
        Files.delete(project.resolve("target/spotbugsXml.xml"));
        Result json = run(new StaticAnalysisConfig(null, null, null, null, List.of("target/tool.sarif")), Set.of());

        assertThat(xml.status()).isEqualTo(Status.ERROR);
        assertThat(xml.summary()).startsWith("cannot read the SpotBugs report target/spotbugsXml.xml: ").contains("256");
        assertThat(json.status()).isEqualTo(Status.ERROR);
        assertThat(json.summary()).startsWith("cannot read the SARIF report target/tool.sarif: not well-formed JSON: ").contains("100");
    }

    @Test
    void reportsErrorOnAHugeReportWithoutReadingIt() throws Exception {
        Path huge = project.resolve("target/spotbugsXml.xml");
        Files.createDirectories(huge.getParent());
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(ToolFiles.MAX_BYTES + 1);
        }
        Files.setLastModifiedTime(huge, FileTime.from(ANALYSED));

        Result result = run(StaticAnalysisConfig.defaults(), Set.of());

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("cannot read the SpotBugs report target/spotbugsXml.xml: the file is 67108865 bytes, "
                + "more than the 67108864 bytes a report may have");
    }

    @Test
    void readsTheCheckstyleSeverities() throws Exception {
        write("target/checkstyle-result.xml", """
                <checkstyle version="10.0"><file name="src/main/java/shop/Greeting.java">
                <error line="3" severity="warning" message="w" source="com.puppycrawl.tools.checkstyle.checks.coding.MagicNumberCheck"/>
                <error line="4" severity="info" message="i" source="com.puppycrawl.tools.checkstyle.checks.TodoCommentCheck"/>
                <error line="5" severity="ignore" message="x" source="com.puppycrawl.tools.checkstyle.checks.coding.EmptyStatementCheck"/>
                </file></checkstyle>
                """);

        Result result = run(new StaticAnalysisConfig(Severity.MEDIUM, null, null, null, null), Set.of());

        assertThat(result.findings()).extracting(Finding::key, f -> f.evidence().get("severity"), Finding::cause).containsExactly(
                tuple("src/main/java/shop/Greeting.java:3:checkstyle/MagicNumber", "MEDIUM", true),
                tuple("src/main/java/shop/Greeting.java:4:checkstyle/TodoComment", "LOW", false));
    }

    @ParameterizedTest(name = "PMD priority {0} is {1}")
    @CsvSource({"1, HIGH", "2, HIGH", "3, MEDIUM", "4, LOW", "5, LOW"})
    void mapsPmdPriorities(int priority, Severity severity) throws Exception {
        write("target/pmd.xml", "<pmd version=\"7.17.0\"><file name=\"" + project.resolve("src/main/java/shop/Accounts.java")
                + "\"><violation beginline=\"7\" rule=\"R\" ruleset=\"Security\" priority=\"" + priority + "\">m</violation></file></pmd>");

        Result result = run(new StaticAnalysisConfig(Severity.LOW, null, null, null, null), Set.of(SECURITY));

        assertThat(result.findings().get(0).evidence()).containsEntry("severity", severity.name());
        assertThat(result.claims().get(SECURITY).status()).isEqualTo(severity == Severity.HIGH ? Status.FAIL : Status.SKIPPED);
    }

    private Result run(StaticAnalysisConfig config, Set<String> bound) throws Exception {
        return check.run(config, CheckContext.builder(project).boundClaims(bound).build());
    }

    private void reports(String folder, String... names) throws IOException, URISyntaxException {
        for (String name : names) {
            copy(folder + "/" + name, "target/" + name);
        }
    }

    private void copy(String fixture, String to) throws IOException, URISyntaxException {
        Path target = project.resolve(to);
        Files.createDirectories(target.getParent());
        Files.copy(fixture(fixture), target);
        Files.setLastModifiedTime(target, FileTime.from(ANALYSED));
    }

    private void write(String to, String content) throws IOException {
        Path target = project.resolve(to);
        Files.createDirectories(target.getParent());
        Files.writeString(target, content);
        Files.setLastModifiedTime(target, FileTime.from(ANALYSED));
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(StaticAnalysisCheckTest.class.getResource("/dev/readiness/checks/staticanalysis/" + name).toURI());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
