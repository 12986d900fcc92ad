package dev.readiness.checks.tests;

import static dev.readiness.fuzz.FuzzContract.check;
import static dev.readiness.fuzz.FuzzContract.isOneLine;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import dev.readiness.checks.tests.SurefireReport.FailedTest;
import dev.readiness.checks.tests.SurefireReport.UnreadableReportException;
import dev.readiness.io.SafeXml;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Fuzzes the JUnit XML report reader, alone and through the {@code tests} check, with any bytes as
 * {@code target/surefire-reports/TEST-fuzz.xml}. Seeds: the Surefire, Failsafe and Playwright reports
 * of the tests check's fixtures, and hostile shapes (entities, UTF-16, bad UTF-8). A normal build
 * replays them and every kept finding in {@code SurefireReportFuzzTestInputs};
 * {@code ./mvnw -pl readiness-checks test -Dfuzz=SurefireReportFuzzTest} fuzzes the first target.
 */
class SurefireReportFuzzTest {

    private static final String NAME = "target/surefire-reports/TEST-fuzz.xml";
    private static final Set<String> FAILING = Set.of("failure", "error", "rerunFailure", "rerunError");

    @TempDir
    Path project;

    /**
     * A report is read with counts that match its {@code testcase} elements, each failing one listed
     * with a one-line message, or refused with a one-line reason.
     */
    @FuzzTest(maxDuration = "10m")
    void readsAReportOrRefusesItInOneLine(byte[] bytes) throws IOException {
        Path file = write(bytes);
        Expected expected = Expected.of(bytes);
        SurefireReport report;
        try {
            report = SurefireReport.read(file, NAME, TestsCheck.MAX_REPORT_BYTES);
        } catch (UnreadableReportException e) {
            check(e.file().equals(NAME), () -> "the exception names the file");
            check(!e.getMessage().isBlank() && isOneLine(e.getMessage()), () -> "one-line reason: " + e.getMessage());
            return;
        }
        check(expected != null, () -> "a report the JDK's parser refuses was read");
        check(report.tests == expected.testcases, () -> report.tests + " tests counted, " + expected.testcases + " testcase elements");
        check(report.failures + report.errors == expected.failing,
                () -> (report.failures + report.errors) + " failing counted, " + expected.failing + " testcases failed");
        check(report.failed.size() == expected.failing, () -> "every failing test is listed");
        check(report.skipped >= 0 && report.flaky >= 0 && report.failures + report.errors + report.skipped + report.flaky <= report.tests,
                () -> "each test is counted once");
        for (FailedTest test : report.failed) {
            check(test.kind().equals("failure") || test.kind().equals("error"), () -> "kind " + test.kind());
            check(isOneLine(test.message()) && test.message().length() <= SurefireReport.MAX_MESSAGE_CHARS + 1, () -> "message: " + test.message());
        }
    }

    /**
     * The {@code tests} check on that one report: PASS exactly when the report reads, at least one
     * test ran and none failed; FAIL when it reads and a test failed or none ran; ERROR when it cannot
     * be read. The summary is one line.
     */
    @FuzzTest(maxDuration = "10m")
    void testsCheckPassesOnlyWhenATestRanAndNoneFailed(byte[] bytes) throws IOException {
        write(bytes);
        Expected expected = Expected.of(bytes);
        boolean readable;
        try {
            SurefireReport.read(project.resolve(NAME), NAME, TestsCheck.MAX_REPORT_BYTES);
            readable = true;
        } catch (UnreadableReportException e) {
            readable = false;
        }
        Result result = new TestsCheck().run(TestsConfig.defaults(), CheckContext.builder(project).build());

        check(isOneLine(result.summary()), () -> "one-line summary: " + result.summary());
        check(!readable || expected != null, () -> "a report the JDK's parser refuses was read");
        Status status = !readable ? Status.ERROR
                : expected.failing > 0 || expected.testcases - expected.skipped < 1 ? Status.FAIL
                : Status.PASS;
        check(result.status() == status, () -> "status " + result.status() + ", expected " + status + ": " + result.summary());
    }

    private Path write(byte[] bytes) throws IOException {
        Path file = project.resolve(NAME);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return file;
    }

    /**
     * What a report holds, counted here over the JDK's DOM in another way than the reader does: every
     * element named {@code testcase} at any depth; failing when a direct child is a failure or error
     * (first run or rerun); skipped when not failing and a direct child is {@code skipped}.
     */
    private record Expected(int testcases, int failing, int skipped) {

        /** {@code null} when the hardened parser refuses the bytes or the root is not a test suite. */
        static Expected of(byte[] bytes) {
            Document document;
            try {
                document = SafeXml.parse(new ByteArrayInputStream(bytes));
            } catch (IOException | SAXException e) {
                return null;
            }
            String root = document.getDocumentElement().getTagName();
            if (!root.equals("testsuite") && !root.equals("testsuites")) {
                return null;
            }
            int testcases = 0;
            int failing = 0;
            int skipped = 0;
            NodeList all = document.getElementsByTagName("*");
            for (int i = 0; i < all.getLength(); i++) {
                Element element = (Element) all.item(i);
                if (!element.getTagName().equals("testcase")) {
                    continue;
                }
                testcases++;
                boolean fails = false;
                boolean skips = false;
                for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                    if (child.getNodeType() == Node.ELEMENT_NODE) {
                        fails |= FAILING.contains(child.getNodeName());
                        skips |= child.getNodeName().equals("skipped");
                    }
                }
                if (fails) {
                    failing++;
                } else if (skips) {
                    skipped++;
                }
            }
            return new Expected(testcases, failing, skipped);
        }
    }

}
