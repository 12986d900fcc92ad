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
     * test ran, none failed and every suite's counts agree with its testcases; FAIL when it reads and a
     * test failed, a suite counts more failing tests than it holds, or none ran; ERROR when it cannot be
     * read or its other counts disagree. The summary is one line.
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
                : expected.failing > 0 || expected.hidesFailure || expected.testcases - expected.skipped < 1 ? Status.FAIL
                : !expected.countsAgree ? Status.ERROR
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
     * (first run or rerun); skipped when not failing and a direct child is {@code skipped}. Each suite's
     * declared counts are held to the testcases below it: {@code hidesFailure} when one whose counts are
     * all whole numbers counts more failures and errors than fail there, {@code countsAgree} when every count given is a whole number
     * equal to what is there.
     */
    private record Expected(int testcases, int failing, int skipped, boolean hidesFailure, boolean countsAgree) {

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
            Expected whole = below(document.getDocumentElement());
            boolean hidesFailure = false;
            boolean countsAgree = true;
            NodeList all = document.getElementsByTagName("*");
            for (int i = 0; i < all.getLength(); i++) {
                Element suite = (Element) all.item(i);
                if (!suite.getTagName().equals("testsuite") && !suite.getTagName().equals("testsuites")) {
                    continue;
                }
                Expected here = below(suite);
                long tests = declared(suite, "tests");
                long failures = declared(suite, "failures");
                long errors = declared(suite, "errors");
                long skips = declared(suite, "skipped");
                boolean counts = failures >= -1 && errors >= -1 && tests >= -1 && skips >= -1;
                hidesFailure |= counts && Math.max(failures, 0) + Math.max(errors, 0) > here.failing;
                countsAgree &= counts && (tests == -1 || tests == here.testcases) && (skips == -1 || skips == here.skipped);
            }
            return new Expected(whole.testcases, whole.failing, whole.skipped, hidesFailure, countsAgree);
        }

        /** The testcases at any depth below the element. */
        private static Expected below(Element element) {
            int testcases = 0;
            int failing = 0;
            int skipped = 0;
            NodeList all = element.getElementsByTagName("testcase");
            for (int i = 0; i < all.getLength(); i++) {
                testcases++;
                boolean fails = false;
                boolean skips = false;
                for (Node child = all.item(i).getFirstChild(); child != null; child = child.getNextSibling()) {
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
            return new Expected(testcases, failing, skipped, false, true);
        }

        /** The count an attribute gives: -1 when absent or blank, -2 when not a whole number from 0 to 2^31 - 1. */
        private static long declared(Element suite, String attribute) {
            String value = suite.getAttribute(attribute).strip();
            if (value.isEmpty()) {
                return -1;
            }
            try {
                int count = Integer.parseInt(value);
                return count >= 0 ? count : -2;
            } catch (NumberFormatException e) {
                return -2;
            }
        }
    }

}
