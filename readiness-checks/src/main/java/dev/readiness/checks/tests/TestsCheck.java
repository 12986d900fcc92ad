package dev.readiness.checks.tests;

import dev.readiness.text.Words;
import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.checks.tests.SurefireReport.FailedTest;
import dev.readiness.checks.tests.SurefireReport.UnreadableReportException;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code tests} check: reads the Surefire and Failsafe {@code TEST-*.xml} reports and passes when
 * no test failed or broke and at least {@code minimumTests} ran. It fails naming each failing test;
 * it is an ERROR when there is no report, when the reports are older than the compiled tests (stale
 * evidence of an earlier run), or when a report cannot be read (empty, truncated, not UTF-8, a
 * DOCTYPE or entity payload, too large).
 */
public final class TestsCheck implements Check<TestsConfig> {

    /** The largest report read, in bytes. */
    static final long MAX_REPORT_BYTES = 64L * 1024 * 1024;

    /** The most failing tests listed as findings; the counts in the evidence give the total. */
    static final int MAX_FINDINGS = 100;

    @Override
    public String id() {
        return "tests";
    }

    @Override
    public String description() {
        return "Reads the Surefire and Failsafe reports: no test failed, at least the minimum number ran, "
                + "and the reports are newer than the compiled tests.";
    }

    @Override
    public List<String> phrases() {
        return List.of("All unit tests pass", "Integration tests pass");
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
        Path basedir = context.basedir();
        boolean defaults = config.reports().isEmpty();
        List<Path> folders = defaults
                ? List.of(context.buildDirectory().resolve("surefire-reports"), context.buildDirectory().resolve("failsafe-reports"))
                : config.reports().stream().map(r -> basedir.resolve(r).normalize()).toList();

        Map<Path, List<Path>> reportsByFolder = new LinkedHashMap<>();
        List<Path> empty = new ArrayList<>();
        for (Path folder : folders) {
            List<Path> files = reportFiles(folder);
            if (files.isEmpty()) {
                empty.add(folder);
            } else {
                reportsByFolder.put(folder, files);
            }
        }
        if (reportsByFolder.isEmpty() || !defaults && !empty.isEmpty()) {
            List<Path> missing = reportsByFolder.isEmpty() ? folders : empty;
            return Result.error("no Surefire reports (TEST-*.xml) in " + names(basedir, missing) + ": did the tests run?")
                    .evidence("reports", missing.stream().map(f -> Words.path(basedir, f)).toList())
                    .evidence("files", 0)
                    .remedy("Run the tests with mvn verify and check that they are not skipped (skipTests, "
                            + "-DskipTests, maven.test.skip); if the reports are written elsewhere, list their folders in reports.")
                    .build();
        }
        List<String> read = reportsByFolder.keySet().stream().map(f -> Words.path(basedir, f)).toList();
        String where = String.join(", ", read);
        List<Path> files = reportsByFolder.values().stream().flatMap(List::stream).toList();

        Result stale = staleness(context, files, read);
        if (stale != null) {
            return stale;
        }

        List<Finding> findings = new ArrayList<>();
        int tests = 0;
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        int flaky = 0;
        String rerunOne = null;
        for (Map.Entry<Path, List<Path>> folder : reportsByFolder.entrySet()) {
            boolean failsafe = folder.getKey().getFileName().toString().contains("failsafe");
            for (Path file : folder.getValue()) {
                String fileName = Words.path(basedir, file);
                SurefireReport report;
                try {
                    report = SurefireReport.read(file, fileName, MAX_REPORT_BYTES);
                } catch (UnreadableReportException e) {
                    return Result.error("cannot read test report " + fileName + ": " + e.getMessage())
                            .evidence("reports", read)
                            .evidence("files", files.size())
                            .evidence("file", fileName)
                            .remedy("Delete " + fileName + " and run the tests again (mvn verify); Surefire and Failsafe "
                                    + "write well-formed UTF-8 XML without a DOCTYPE.")
                            .build();
                }
                tests += report.tests;
                failures += report.failures;
                errors += report.errors;
                skipped += report.skipped;
                flaky += report.flaky;
                for (FailedTest test : report.failed) {
                    if (rerunOne == null) {
                        rerunOne = rerunCommand(test, failsafe);
                    }
                    if (findings.size() < MAX_FINDINGS) {
                        findings.add(finding(test, fileName));
                    }
                }
            }
        }

        int ran = tests - skipped;
        int failed = failures + errors;
        Result.Builder result;
        if (failed > 0) {
            result = Result.fail(failed + " of " + Words.plural(tests, "test") + " failed (" + Words.plural(failures, "failure")
                            + ", " + Words.plural(errors, "error") + ") in " + where)
                    .remedy("Fix the failing tests listed" + (failed > findings.size() ? " (the first " + findings.size() + " of " + failed + ")" : "")
                            + " and run mvn verify again; to rerun the first alone: " + rerunOne + ".");
        } else if (ran < config.minimumTests()) {
            result = Result.fail(Words.plural(ran, "test") + " ran in " + where + (skipped > 0 ? " (" + skipped + " skipped)" : "")
                            + ", but expected at least " + config.minimumTests())
                    .remedy("Add tests, or check that Surefire/Failsafe find them (includes, class and method names, "
                            + "the JUnit engine on the test classpath), then run mvn verify again.");
        } else {
            List<String> notes = new ArrayList<>();
            if (skipped > 0) {
                notes.add(skipped + " skipped");
            }
            if (flaky > 0) {
                notes.add(flaky + " flaky");
            }
            result = Result.pass(Words.plural(ran, "test") + " passed in " + where
                    + (notes.isEmpty() ? "" : " (" + String.join(", ", notes) + ")"));
        }
        return result
                .measured(ran + " ran, " + failed + " failed")
                .expected("at least " + config.minimumTests() + " ran, 0 failed")
                .evidence("tests", tests)
                .evidence("failures", failures)
                .evidence("errors", errors)
                .evidence("skipped", skipped)
                .evidence("flaky", flaky)
                .evidence("reports", read)
                .evidence("files", files.size())
                .findings(findings)
                .build();
    }

    /** The {@code TEST-*.xml} files of a folder, by name; none when the folder does not exist. */
    private static List<Path> reportFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "TEST-*.xml")) {
            for (Path file : stream) {
                if (Files.isRegularFile(file)) {
                    files.add(file);
                }
            }
        }
        files.sort(null);
        return files;
    }

    /** An ERROR when a compiled test is newer than the newest report (at millisecond precision), else null. */
    private static Result staleness(CheckContext context, List<Path> reports, List<String> read) throws IOException {
        Path testClasses = context.testOutputDirectory();
        if (!Files.isDirectory(testClasses)) {
            return null;
        }
        Newest newestReport = new Newest();
        for (Path report : reports) {
            newestReport.offer(report, Files.getLastModifiedTime(report));
        }
        Newest newestClass = new Newest();
        Files.walkFileTree(testClasses, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()) {
                    newestClass.offer(file, attributes.lastModifiedTime());
                }
                return FileVisitResult.CONTINUE;
            }
        });
        if (newestClass.file == null || !newestClass.time.isAfter(newestReport.time)) {
            return null;
        }
        Path basedir = context.basedir();
        return Result.error("the test reports in " + String.join(", ", read) + " (newest " + newestReport.time
                        + ") are older than the compiled tests in " + Words.path(basedir, testClasses) + " (newest "
                        + newestClass.time + "): they are from an earlier run")
                .measured("reports of " + newestReport.time)
                .expected("reports newer than " + newestClass.time)
                .evidence("reports", read)
                .evidence("files", reports.size())
                .evidence("newestReport", Words.path(basedir, newestReport.file))
                .evidence("newestTestClass", Words.path(basedir, newestClass.file))
                .remedy("Run the tests again (mvn verify) so the reports come from the compiled tests.")
                .build();
    }

    /** The newest file seen, its time cut to milliseconds. */
    private static final class Newest {
        Path file;
        Instant time = Instant.MIN;

        void offer(Path candidate, FileTime modified) {
            Instant at = modified.toInstant().truncatedTo(ChronoUnit.MILLIS);
            if (file == null || at.isAfter(time)) {
                file = candidate;
                time = at;
            }
        }
    }

    private static Finding finding(FailedTest test, String fileName) {
        String message = !test.message().isEmpty() ? test.message() : !test.type().isEmpty() ? test.type() : test.kind();
        return Finding.of(test.displayName() + ": " + message)
                .at(fileName)
                .with("class", test.className())
                .with("method", test.method().isEmpty() ? null : test.method())
                .with("kind", test.kind())
                .with("type", test.type().isEmpty() ? null : test.type())
                .with("message", test.message().isEmpty() ? null : test.message())
                .build();
    }

    /** "mvn test -Dtest=AveragingTest#averagesRoundedUp", Surefire's (or Failsafe's) way to run one test. */
    private static String rerunCommand(FailedTest test, boolean failsafe) {
        String simple = test.className().substring(test.className().lastIndexOf('.') + 1);
        int parameters = test.method().indexOf('(');
        String method = parameters >= 0 ? test.method().substring(0, parameters) : test.method();
        String selector = method.isEmpty() || method.equals("initializationError") ? simple : simple + "#" + method;
        return failsafe ? "mvn verify -Dit.test=" + selector : "mvn test -Dtest=" + selector;
    }

    private static String names(Path basedir, List<Path> paths) {
        return paths.stream().map(p -> Words.path(basedir, p)).collect(Collectors.joining(", "));
    }
}
