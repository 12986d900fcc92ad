package dev.readiness.checks.tests;

import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Claim;
import dev.readiness.check.Finding;
import dev.readiness.check.ModuleResult;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import dev.readiness.checks.tests.SurefireReport.FailedTest;
import dev.readiness.checks.tests.SurefireReport.UnreadableReportException;
import dev.readiness.checks.tests.TestReports.Contradiction;
import dev.readiness.checks.tests.TestReports.Dated;
import dev.readiness.checks.tests.TestReports.Failed;
import dev.readiness.checks.tests.TestReports.Tally;
import dev.readiness.io.NewestFile;
import dev.readiness.text.Words;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code tests} check: each kind of test has its own claim, decided by its own reports alone. Unit
 * tests ({@code tests}) by Surefire's reports, integration tests ({@code tests.integration}) by
 * Failsafe's, end-to-end tests ({@code tests.endToEnd}) by the JUnit XML of the suite that runs them.
 * A claim passes when no test of its reports failed or broke and enough ran; it fails naming each
 * failing test, or when a suite counts failures its testcases do not hold; it is an ERROR when its
 * reports are missing, any of them older than the compiled tests or main classes (stale evidence of an earlier run; end-to-end
 * reports, written outside the build, are not held to that), unreadable (empty, truncated, not UTF-8,
 * in an encoding the JVM lacks, a DOCTYPE or entity payload, too large), or contradict themselves (a
 * suite's other counts disagree with its testcases).
 *
 * <p>Integration tests are decided when Failsafe's reports exist, when {@code integrationReports} is
 * set, or when a checklist item asks for them (then missing reports are an ERROR that says how to
 * produce them); end-to-end tests when {@code endToEndReports} is set. An item asking for end-to-end
 * tests while {@code endToEndReports} is not set is SKIPPED with the reason: the build cannot know
 * where a suite outside it writes its reports.
 */
public final class TestsCheck implements Check<TestsConfig> {

    /** The checklist item every test suite decides together: each claim binds it, and the worst of them decides it. */
    static final String ALL_PRE_DEPLOYMENT = "All pre-deployment tests passed";

    /** The claim on integration tests. */
    static final String INTEGRATION = "tests.integration";

    /** The claim on end-to-end tests. */
    static final String END_TO_END = "tests.endToEnd";

    /** The largest report read, in bytes. */
    static final long MAX_REPORT_BYTES = 64L * 1024 * 1024;

    /** The most failing tests listed as findings of one claim; the counts in the evidence give the total. */
    static final int MAX_FINDINGS = 100;

    /** The counts of a tests verdict's evidence, summed over a reactor's modules. */
    private static final List<String> COUNTS = List.of("tests", "failures", "errors", "skipped", "flaky");

    @Override
    public String id() {
        return "tests";
    }

    @Override
    public String description() {
        return "Reads the test reports, one claim per kind of test: Surefire's for unit tests, Failsafe's for "
                + "integration tests, an end-to-end suite's JUnit XML for end-to-end tests.";
    }

    @Override
    public List<String> phrases() {
        return List.of("All unit tests pass", ALL_PRE_DEPLOYMENT);
    }

    @Override
    public List<Claim> claims() {
        return List.of(
                Claim.settles(id(), "No unit test failed in Surefire's reports, at least minimumTests ran, and every report "
                        + "is newer than the compiled classes.", phrases()),
                Claim.settles(INTEGRATION, "No integration test failed in Failsafe's reports, at least one ran, and every "
                        + "report is newer than the compiled classes.", List.of("Integration tests pass", ALL_PRE_DEPLOYMENT)),
                Claim.settles(END_TO_END, "No end-to-end test failed in the JUnit XML its suite (Playwright, Cypress, "
                        + "Selenium) writes to endToEndReports, and at least one ran.", List.of("End-to-end tests pass", ALL_PRE_DEPLOYMENT)));
    }

    @Override
    public Class<TestsConfig> configType() {
        return TestsConfig.class;
    }

    @Override
    public boolean readsBuildOutputs() {
        return true;
    }

    @Override
    public Result run(TestsConfig config, CheckContext context) throws IOException {
        Path build = context.buildDirectory();
        NewestFile compiled = NewestFile.compiled(context.testOutputDirectory(), context.outputDirectory());
        Result.Builder unit = decide(Kind.UNIT, reports(context, Kind.UNIT, config.reports(), build.resolve("surefire-reports")),
                config.minimumTests(), compiled, context);

        TestReports integration = reports(context, Kind.INTEGRATION, config.integrationReports(), build.resolve("failsafe-reports"));
        if (!integration.isEmpty() || !config.integrationReports().isEmpty() || context.isBound(INTEGRATION)) {
            unit.claim(INTEGRATION, decide(Kind.INTEGRATION, integration, 1, compiled, context).build());
        }

        if (!config.endToEndReports().isEmpty()) {
            TestReports endToEnd = reports(context, Kind.END_TO_END, config.endToEndReports(), null);
            unit.claim(END_TO_END, decide(Kind.END_TO_END, endToEnd, 1, compiled, context).build());
        } else if (context.isBound(END_TO_END)) {
            unit.claim(END_TO_END, Result.skipped("no end-to-end test reports to read: endToEndReports is not set")
                    .evidence("reports", List.of())
                    .evidence("files", 0)
                    .remedy("Set endToEndReports to the folder the end-to-end suite writes its JUnit XML to (Playwright: "
                            + "the junit reporter's outputFile; Cypress: mocha-junit-reporter's mochaFile; Selenium run by "
                            + "Surefire or Failsafe: its reportsDirectory), and run the suite before the gate.")
                    .build());
        }
        return unit.build();
    }

    /**
     * The reactor's tests: the modules' results combined (the worst status, every failing test), with the counts
     * summed over the modules, for the unit tests and for each other claim alike.
     */
    @Override
    public Result aggregate(TestsConfig config, CheckContext context, List<ModuleResult> modules) {
        Result combined = ModuleResult.combine(modules);
        Result main = summed(combined.withoutClaims(), modules.stream().map(m -> m.result().withoutClaims()).toList());
        for (Map.Entry<String, Result> claim : combined.claims().entrySet()) {
            main = main.withClaim(claim.getKey(), summed(claim.getValue(),
                    modules.stream().map(m -> m.result().claims().get(claim.getKey())).filter(Objects::nonNull).toList()));
        }
        return main;
    }

    /** The combined verdict with {@link #COUNTS} summed over the modules' results that ran; a summary of the sums when it passed. */
    private static Result summed(Result combined, List<Result> modules) {
        List<Result> ran = modules.stream().filter(r -> r.evidence().get("tests") instanceof Number).toList();
        if (ran.isEmpty()) {
            return combined;
        }
        Map<String, Object> evidence = new LinkedHashMap<>(combined.evidence());
        for (String count : COUNTS) {
            evidence.put(count, ran.stream().mapToLong(r -> ((Number) r.evidence().getOrDefault(count, 0)).longValue()).sum());
        }
        long skipped = ((Number) evidence.get("skipped")).longValue();
        String summary = combined.status() != Status.PASS ? combined.summary()
                : Words.plural((int) (((Number) evidence.get("tests")).longValue() - skipped), "test") + " passed in "
                + Words.plural(ran.size(), "module") + (skipped > 0 ? " (" + skipped + " skipped)" : "");
        return new Result(combined.status(), summary, combined.measured(), combined.expected(), evidence, combined.findings(),
                combined.remedy(), combined.measure(), Map.of());
    }

    /** The kinds of test, each with its own reports and words. */
    private enum Kind {
        UNIT("Surefire reports", "TEST-*.xml", "Surefire", "mvn verify"),
        INTEGRATION("Failsafe reports", "TEST-*.xml", "Failsafe", "mvn verify"),
        END_TO_END("end-to-end test reports", "*.xml", "the end-to-end suite's JUnit reporter", "the end-to-end suite");

        final String reports;
        final String glob;
        final String writer;
        final String runAgain;

        Kind(String reports, String glob, String writer, String runAgain) {
            this.reports = reports;
            this.glob = glob;
            this.writer = writer;
            this.runAgain = runAgain;
        }

        /** Whether its reports come from this build, and so must be newer than the compiled classes. */
        boolean fromThisBuild() {
            return this != END_TO_END;
        }

        String question() {
            return switch (this) {
                case UNIT -> "did the tests run?";
                case INTEGRATION -> "did maven-failsafe-plugin run?";
                case END_TO_END -> "did the end-to-end suite run?";
            };
        }

        String missingRemedy() {
            return switch (this) {
                case UNIT -> "Run the tests with mvn verify and check that they are not skipped (skipTests, -DskipTests, "
                        + "maven.test.skip); if the reports are written elsewhere, list their folders in reports.";
                case INTEGRATION -> "Add maven-failsafe-plugin to the build with its integration-test and verify goals, "
                        + "name the integration test classes *IT, and run mvn verify without skipping them (skipITs, "
                        + "-DskipTests, maven.test.skip); if the reports are written elsewhere, list their folders in "
                        + "integrationReports.";
                case END_TO_END -> "Run the end-to-end suite before the gate with its JUnit XML reporter writing to the "
                        + "folders listed in endToEndReports.";
            };
        }

        String tooFewRemedy() {
            return switch (this) {
                case UNIT -> "Add tests, or check that Surefire finds them (includes, class and method names, the JUnit "
                        + "engine on the test classpath), then run mvn verify again.";
                case INTEGRATION -> "Add integration tests, or check that Failsafe finds them (classes named *IT, IT* or "
                        + "*ITCase by default, the JUnit engine on the test classpath), then run mvn verify again.";
                case END_TO_END -> "Add end-to-end tests, or check that the suite finds them, then run it again.";
            };
        }

        /** How a failing test is named in messages. */
        String testName(FailedTest test) {
            return this == END_TO_END ? test.specName() : test.javaName();
        }

        /** "mvn test -Dtest=AveragingTest#averagesRoundedUp": how to rerun one test alone; null when Maven does not run it. */
        String rerun(FailedTest test) {
            if (this == END_TO_END) {
                return null;
            }
            String simple = test.className().substring(test.className().lastIndexOf('.') + 1);
            int parameters = test.method().indexOf('(');
            String method = parameters >= 0 ? test.method().substring(0, parameters) : test.method();
            String selector = method.isEmpty() || method.equals("initializationError") ? simple : simple + "#" + method;
            return this == INTEGRATION ? "mvn verify -Dit.test=" + selector : "mvn test -Dtest=" + selector;
        }
    }

    /** The reports of one kind: in the configured folders, else in the default folder (none for end-to-end tests). */
    private static TestReports reports(CheckContext context, Kind kind, List<String> configured, Path defaultFolder)
            throws IOException {
        List<Path> folders = configured.isEmpty() ? List.of(defaultFolder)
                : configured.stream().map(f -> context.basedir().resolve(f).normalize()).toList();
        return TestReports.find(context.basedir(), folders, kind.glob);
    }

    /** The verdict of one kind of test on its own reports: the one way every claim of this check is decided. */
    private static Result.Builder decide(Kind kind, TestReports reports, int minimum, NewestFile compiled, CheckContext context)
            throws IOException {
        List<String> missing = reports.foldersWithoutReports();
        if (!missing.isEmpty()) {
            return Result.error("no " + kind.reports + " (" + kind.glob + ") in " + String.join(", ", missing) + ": " + kind.question())
                    .evidence("reports", missing)
                    .evidence("files", 0)
                    .remedy(kind.missingRemedy());
        }
        List<String> read = reports.folders();
        String where = String.join(", ", read);
        int files = reports.files().size();
        Dated oldestReport = reports.oldest();
        if (kind.fromThisBuild() && compiled != null && compiled.time().isAfter(oldestReport.time())) {
            Path basedir = context.basedir();
            Path folder = compiled.file().startsWith(context.testOutputDirectory()) ? context.testOutputDirectory() : context.outputDirectory();
            return Result.error("the " + kind.reports + " in " + where + " (oldest " + oldestReport.time() + ") are older than "
                            + "the compiled classes in " + Words.path(basedir, folder) + " (newest " + compiled.time()
                            + "): " + (files == 1 ? "it is" : "at least one is") + " from an earlier run")
                    .measured("reports of " + oldestReport.time())
                    .expected("reports newer than " + compiled.time())
                    .evidence("reports", read)
                    .evidence("files", files)
                    .evidence("oldestReport", Words.path(basedir, oldestReport.file()))
                    .evidence("newestClass", Words.path(basedir, compiled.file()))
                    .remedy("Run the tests again (mvn clean verify: a partial run, -Dtest=…, leaves the other reports of an earlier"
                            + " one) so every report comes from the compiled classes.");
        }

        Tally tally;
        try {
            tally = reports.read(MAX_REPORT_BYTES, MAX_FINDINGS);
        } catch (UnreadableReportException e) {
            return Result.error("cannot read test report " + e.file() + ": " + e.getMessage())
                    .evidence("reports", read)
                    .evidence("files", files)
                    .evidence("file", e.file())
                    .remedy("Delete " + e.file() + " and run the tests again (" + kind.runAgain + "); " + kind.writer
                            + " writes well-formed UTF-8 XML without a DOCTYPE.");
        }

        int ran = tally.ran();
        int failed = tally.failed();
        Contradiction contradiction = tally.contradiction;
        Result.Builder result;
        if (failed == 0 && contradiction != null && contradiction.disagreement().hidesFailure()) {
            result = Result.fail(contradiction.disagreement().phrase() + " in " + contradiction.file()
                            + ": the report says a test failed that it does not name")
                    .evidence("file", contradiction.file())
                    .remedy("Run the tests again (" + kind.runAgain + ") and read " + kind.writer + "'s output for the failure"
                            + " the report counts; a failure outside any test (a class setup or teardown) is counted so.");
        } else if (failed > 0) {
            int listed = tally.listed.size();
            String rerun = kind.rerun(tally.listed.get(0).test());
            result = Result.fail(failed + " of " + Words.plural(tally.tests, "test") + " failed (" + Words.plural(tally.failures, "failure")
                            + ", " + Words.plural(tally.errors, "error") + ") in " + where)
                    .remedy("Fix the failing tests listed" + (failed > listed ? " (the first " + listed + " of " + failed + ")" : "")
                            + " and run " + kind.runAgain + " again" + (rerun == null ? "." : "; to rerun the first alone: " + rerun + "."));
        } else if (ran < minimum) {
            result = Result.fail(Words.plural(ran, "test") + " ran in " + where + (tally.skipped > 0 ? " (" + tally.skipped + " skipped)" : "")
                            + ", but expected at least " + minimum)
                    .remedy(kind.tooFewRemedy());
        } else if (contradiction != null) {
            result = Result.error("the test report " + contradiction.file() + " contradicts itself: " + contradiction.disagreement().phrase())
                    .evidence("file", contradiction.file())
                    .remedy("Delete " + contradiction.file() + " and run the tests again (" + kind.runAgain + "); a report whose"
                            + " counts disagree with its testcases was cut short, merged or edited by hand.");
        } else {
            List<String> notes = new ArrayList<>();
            if (tally.skipped > 0) {
                notes.add(tally.skipped + " skipped");
            }
            if (tally.flaky > 0) {
                notes.add(tally.flaky + " flaky");
            }
            result = Result.pass(Words.plural(ran, "test") + " passed in " + where
                    + (notes.isEmpty() ? "" : " (" + String.join(", ", notes) + ")"));
        }
        return result
                .measured(ran + " ran, " + failed + " failed")
                .expected("at least " + minimum + " ran, 0 failed")
                .evidence("tests", tally.tests)
                .evidence("failures", tally.failures)
                .evidence("errors", tally.errors)
                .evidence("skipped", tally.skipped)
                .evidence("flaky", tally.flaky)
                .evidence("reports", read)
                .evidence("files", files)
                .findings(tally.listed.stream().map(f -> finding(kind, f, context.basedir())).toList());
    }

    /**
     * The test's source file in the project ({@code src/test/java/com/shop/CartTest.java}), from its class's
     * package and the file its stack trace names, under the usual test source folders; {@code null} when
     * the trace names none or no such file exists.
     */
    private static String sourceFile(Path basedir, FailedTest test) {
        String file = test.sourceFile();
        int dot = test.className().lastIndexOf('.');
        if (file.isEmpty() || file.contains("/") || file.contains("\\") || file.contains("..")) {
            return null;
        }
        String relative = (dot < 0 ? "" : test.className().substring(0, dot).replace('.', '/') + "/") + file;
        for (String root : TEST_SOURCE_FOLDERS) {
            Path candidate = basedir.resolve(root).resolve(relative).normalize();
            if (candidate.startsWith(basedir) && Files.isRegularFile(candidate)) {
                return Words.path(basedir, candidate);
            }
        }
        return null;
    }

    /** Where a failing test's source is looked for, in this order. */
    private static final List<String> TEST_SOURCE_FOLDERS = List.of("src/test/java", "src/it/java", "src/integration-test/java");

    private static Finding finding(Kind kind, Failed failed, Path basedir) {
        FailedTest test = failed.test();
        String message = !test.message().isEmpty() ? test.message() : !test.type().isEmpty() ? test.type() : test.kind();
        String source = sourceFile(basedir, test);
        return Finding.of(kind.testName(test) + ": " + message)
                .key(test.method().isEmpty() ? test.className() : test.className() + "#" + test.method())
                .at(failed.file())
                .with("file", source)
                .with("line", source == null || test.line() == 0 ? null : test.line())
                .with("class", test.className())
                .with("method", test.method().isEmpty() ? null : test.method())
                .with("kind", test.kind())
                .with("type", test.type().isEmpty() ? null : test.type())
                .with("message", test.message().isEmpty() ? null : test.message())
                .build();
    }
}
